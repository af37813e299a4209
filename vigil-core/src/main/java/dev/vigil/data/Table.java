package dev.vigil.data;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable table: an ordered list of equally long, uniquely named {@link Column}s.
 *
 * <p>Every Vigil algorithm takes a Table (or a stream of Table chunks from a reader), never a file.
 * {@link #slice}, {@link #project} and {@link #chunks} copy no values; {@link #select} and
 * {@link #concat} copy. A table may have zero rows; it may not have zero columns unless it also has
 * zero rows.
 */
public final class Table {
  private final List<Column> columns;
  private final Schema schema;
  private final int rowCount;

  private Table(List<Column> columns) {
    this.columns = List.copyOf(columns);
    List<Field> fields = new ArrayList<>(columns.size());
    int n = columns.isEmpty() ? 0 : columns.get(0).size();
    for (Column c : this.columns) {
      if (c.size() != n) {
        throw new InvalidArgumentException("column \"" + c.name() + "\" has " + c.size()
            + " rows, but column \"" + columns.get(0).name() + "\" has " + n);
      }
      fields.add(c.field());
    }
    this.schema = Schema.of(fields);
    this.rowCount = n;
  }

  /**
   * A table of the given columns.
   *
   * @throws InvalidArgumentException when lengths differ or a name repeats
   */
  public static Table of(List<? extends Column> columns) {
    return new Table(new ArrayList<>(columns));
  }

  public static Table of(Column... columns) {
    return new Table(List.of(columns));
  }

  /** A table with no columns and no rows. */
  public static Table empty() {
    return new Table(List.of());
  }

  public int rowCount() {
    return rowCount;
  }

  public int columnCount() {
    return columns.size();
  }

  /** The schema; a field is nullable exactly when its column holds a missing value. */
  public Schema schema() {
    return schema;
  }

  public List<Column> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return schema.names();
  }

  public Column column(int index) {
    return columns.get(Objects.checkIndex(index, columns.size()));
  }

  /** The column named {@code name}. @throws SchemaMismatchException naming the existing columns */
  public Column column(String name) {
    return columns.get(schema.indexOf(name));
  }

  public boolean hasColumn(String name) {
    return schema.contains(name);
  }

  /** The numeric column {@code name}. @throws SchemaMismatchException when absent or not double */
  public DoubleColumn doubleColumn(String name) {
    return typed(name, ColumnType.DOUBLE, DoubleColumn.class);
  }

  public LongColumn longColumn(String name) {
    return typed(name, ColumnType.LONG, LongColumn.class);
  }

  public BooleanColumn booleanColumn(String name) {
    return typed(name, ColumnType.BOOLEAN, BooleanColumn.class);
  }

  public CategoricalColumn categoricalColumn(String name) {
    return typed(name, ColumnType.CATEGORICAL, CategoricalColumn.class);
  }

  public StringColumn stringColumn(String name) {
    return typed(name, ColumnType.STRING, StringColumn.class);
  }

  public TimestampColumn timestampColumn(String name) {
    return typed(name, ColumnType.TIMESTAMP, TimestampColumn.class);
  }

  private <C extends Column> C typed(String name, ColumnType type, Class<C> cls) {
    Column c = column(name);
    if (c.type() != type) {
      throw new SchemaMismatchException("column \"" + name + "\": expected " + type.jsonName()
          + ", found " + c.type().jsonName());
    }
    return cls.cast(c);
  }

  /** Rows {@code [from, to)}, sharing storage. */
  public Table slice(int from, int to) {
    Objects.checkFromToIndex(from, to, rowCount);
    List<Column> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      out.add(c.slice(from, to));
    }
    return new Table(out);
  }

  /** The given rows in the given order (repeats allowed), copied. */
  public Table select(int[] rows) {
    List<Column> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      out.add(c.select(rows));
    }
    return new Table(out);
  }

  /**
   * The named columns in the given order, sharing storage.
   *
   * @throws SchemaMismatchException naming the first unknown column and the existing ones
   */
  public Table project(List<String> names) {
    Set<String> seen = new LinkedHashSet<>();
    List<Column> out = new ArrayList<>(names.size());
    for (String n : names) {
      if (seen.add(n)) {
        out.add(column(n));
      }
    }
    return new Table(out);
  }

  public Table project(String... names) {
    return project(List.of(names));
  }

  /** This table without the named columns (unknown names are an error). */
  public Table drop(String... names) {
    Set<String> gone = new LinkedHashSet<>();
    for (String n : names) {
      schema.indexOf(n);
      gone.add(n);
    }
    List<Column> out = new ArrayList<>();
    for (Column c : columns) {
      if (!gone.contains(c.name())) {
        out.add(c);
      }
    }
    return new Table(out);
  }

  /** This table with {@code column} added at the end, or replacing the column of the same name. */
  public Table withColumn(Column column) {
    List<Column> out = new ArrayList<>(columns);
    Integer at = schema.contains(column.name()) ? schema.indexOf(column.name()) : null;
    if (at == null) {
      out.add(column);
    } else {
      out.set(at, column);
    }
    return new Table(out);
  }

  /**
   * The rows of {@code tables} in order. All must have the same column names and types in the same
   * order (nullability may differ).
   *
   * @throws SchemaMismatchException naming the first difference
   */
  public static Table concat(List<Table> tables) {
    InvalidArgumentException.check(!tables.isEmpty(), "concat needs at least one table");
    Table first = tables.get(0);
    if (tables.size() == 1) {
      return first;
    }
    for (int t = 1; t < tables.size(); t++) {
      Table other = tables.get(t);
      if (other.columnCount() != first.columnCount()) {
        throw new SchemaMismatchException("table " + (t + 1) + " has " + other.columnCount()
            + " columns, table 1 has " + first.columnCount());
      }
      for (int i = 0; i < first.columnCount(); i++) {
        Field a = first.schema.fields().get(i);
        Field b = other.schema.fields().get(i);
        if (!a.name().equals(b.name()) || a.type() != b.type()) {
          throw new SchemaMismatchException("table " + (t + 1) + " column " + (i + 1) + " is \""
              + b.name() + "\" (" + b.type().jsonName() + "), expected \"" + a.name() + "\" ("
              + a.type().jsonName() + ")");
        }
      }
    }
    List<Column> out = new ArrayList<>(first.columnCount());
    for (int i = 0; i < first.columnCount(); i++) {
      List<Column> parts = new ArrayList<>(tables.size());
      for (Table t : tables) {
        parts.add(t.columns.get(i));
      }
      out.add(Column.concat(parts));
    }
    return new Table(out);
  }

  /** Consecutive slices of at most {@code chunkRows} rows, sharing storage; none for an empty table. */
  public Iterable<Table> chunks(int chunkRows) {
    InvalidArgumentException.check(chunkRows >= 1, "chunkRows must be >= 1: %d", chunkRows);
    return () -> new Iterator<>() {
      private int next = 0;

      @Override
      public boolean hasNext() {
        return next < rowCount;
      }

      @Override
      public Table next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int to = (int) Math.min((long) next + chunkRows, rowCount);
        Table t = slice(next, to);
        next = to;
        return t;
      }
    };
  }

  /** The first {@code n} rows (or all, when fewer). */
  public Table head(int n) {
    return slice(0, Math.min(Math.max(n, 0), rowCount));
  }

  /** Row {@code i} as boxed values in column order (null for missing). */
  public List<Object> row(int i) {
    Objects.checkIndex(i, rowCount);
    List<Object> r = new ArrayList<>(columns.size());
    for (Column c : columns) {
      r.add(c.getObject(i));
    }
    return Collections.unmodifiableList(r);
  }

  @Override
  public String toString() {
    return "Table[" + rowCount + " rows x " + columns.size() + " columns: " + schema + "]";
  }
}
