package dev.vigil.io.internal;

import dev.vigil.DataFormatException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnBuilder;
import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Schema;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import dev.vigil.io.ReadOptions;
import dev.vigil.io.ReadSummary;
import dev.vigil.io.TableReader;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Turns any JDBC {@link ResultSet} (DuckDB's for files, a driver's for databases) into Table chunks.
 * The same code serves every source, so every source has the same type mapping and missing-value
 * handling: SQL NULL is missing; NaN stays a value and is counted.
 */
public final class ResultSetTableReader implements TableReader {
  /** Called once when the result set is exhausted; may throw to fail the read (bad rows). */
  public interface Finisher {
    /** Returns the number of bad rows skipped and up to 20 messages. */
    BadRows finish();
  }

  /** Bad rows found by a source after its scan. */
  public record BadRows(long count, List<String> messages) {
    public static final BadRows NONE = new BadRows(0, List.of());
  }

  private final String source;
  private final ResultSet rs;
  private final AutoCloseable resource;
  private final ReadOptions options;
  private final Sink[] sinks;
  private final Finisher finisher;
  private Schema schema;
  private Table pending;
  private boolean exhausted;
  private boolean firstChunkDone;
  private long rowsRead;
  private BadRows bad = BadRows.NONE;
  private long conversionBad;
  private final List<String> conversionMessages = new ArrayList<>();
  private final List<String[]> conversionQuarantine = new ArrayList<>();

  public ResultSetTableReader(String source, ResultSet rs, AutoCloseable resource, ReadOptions options,
      Finisher finisher) {
    this.source = source;
    this.rs = rs;
    this.resource = resource;
    this.options = options;
    this.finisher = finisher;
    try {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      sinks = new Sink[n];
      for (int i = 0; i < n; i++) {
        String name = md.getColumnLabel(i + 1);
        ColumnType override = options.types().get(name);
        ColumnType type = override != null ? override : mapType(md.getColumnType(i + 1), md.getColumnTypeName(i + 1));
        sinks[i] = new Sink(name, type, md.getColumnType(i + 1), override != null, i + 1);
      }
    } catch (SQLException e) {
      closeQuietly();
      throw DataFormatException.in(source).detail("cannot read the result's columns: %s", e.getMessage()).build(e);
    }
  }

  /** The Vigil type of a JDBC column type. Text and unknown types map to categorical (decided later). */
  public static ColumnType mapType(int sqlType, String typeName) {
    String tn = typeName == null ? "" : typeName.toUpperCase(java.util.Locale.ROOT);
    switch (sqlType) {
      case Types.DOUBLE: case Types.FLOAT: case Types.REAL: case Types.DECIMAL: case Types.NUMERIC:
        return ColumnType.DOUBLE;
      case Types.BIGINT: case Types.INTEGER: case Types.SMALLINT: case Types.TINYINT:
        return ColumnType.LONG;
      case Types.BOOLEAN: case Types.BIT:
        return ColumnType.BOOLEAN;
      case Types.DATE: case Types.TIMESTAMP: case Types.TIMESTAMP_WITH_TIMEZONE:
        return ColumnType.TIMESTAMP;
      default:
        break;
    }
    if (tn.startsWith("DECIMAL") || tn.equals("DOUBLE") || tn.equals("FLOAT") || tn.equals("REAL")) {
      return ColumnType.DOUBLE;
    }
    if (tn.endsWith("INT") || tn.equals("UBIGINT") || tn.equals("UINTEGER") || tn.equals("USMALLINT")
        || tn.equals("UTINYINT") || tn.equals("HUGEINT") || tn.equals("INTEGER")) {
      return ColumnType.LONG;
    }
    if (tn.startsWith("TIMESTAMP") || tn.equals("DATE") || tn.equals("DATETIME")) {
      return ColumnType.TIMESTAMP;
    }
    if (tn.equals("BOOLEAN")) {
      return ColumnType.BOOLEAN;
    }
    return ColumnType.CATEGORICAL;
  }

  @Override
  public Schema schema() {
    if (schema == null) {
      // The text type (categorical or string) is decided on the first chunk.
      if (!firstChunkDone) {
        hasNext();
      }
      List<Field> f = new ArrayList<>();
      for (Sink s : sinks) {
        f.add(new Field(s.name, s.type, true));
      }
      schema = Schema.of(f);
    }
    return schema;
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !exhausted) {
      pending = readChunk(options.chunkRows(), true);
    }
    return pending != null;
  }

  @Override
  public Table next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Table t = pending;
    pending = null;
    return t;
  }

  @Override
  public Table readAll() {
    List<Table> parts = new ArrayList<>();
    if (pending != null) {
      parts.add(pending);
      pending = null;
    }
    if (!exhausted) {
      Table rest = readChunk(Integer.MAX_VALUE, false);
      if (rest != null) {
        parts.add(rest);
      }
    }
    if (parts.isEmpty()) {
      return emptyTable();
    }
    return parts.size() == 1 ? parts.get(0) : Table.concat(parts);
  }

  private Table emptyTable() {
    List<Column> cols = new ArrayList<>();
    for (Sink s : sinks) {
      cols.add(ColumnBuilder.of(s.name, s.type).build());
    }
    return Table.of(cols);
  }

  /** Reads up to {@code max} rows; decides text types after the first chunkRows rows. */
  private Table readChunk(int max, boolean chunked) {
    int n = 0;
    try {
      while (n < max) {
        if (!rs.next()) {
          exhausted = true;
          break;
        }
        if (!readRow(rs, rowsRead + n + 1)) {
          continue;
        }
        n++;
        if (!firstChunkDone && n == options.chunkRows()) {
          decide();
        }
      }
    } catch (SQLException e) {
      closeQuietly();
      throw DataFormatException.in(source).row(rowsRead + n + 1).detail("%s", e.getMessage()).build(e);
    }
    if (!firstChunkDone) {
      decide();
    }
    rowsRead += n;
    if (exhausted) {
      finish();
    }
    if (n == 0 && (chunked || rowsRead > 0)) {
      return null;
    }
    List<Column> cols = new ArrayList<>(sinks.length);
    for (Sink s : sinks) {
      cols.add(s.buildAndReset());
    }
    return Table.of(cols);
  }

  /**
   * Reads one row into the sinks. A value that does not convert to its column's type fails the read
   * under {@code FAIL}; otherwise the partly read row is removed, counted and reported.
   */
  private boolean readRow(ResultSet r, long row) throws SQLException {
    for (int k = 0; k < sinks.length; k++) {
      try {
        sinks[k].read(r);
      } catch (dev.vigil.InvalidArgumentException e) {
        DataFormatException err = DataFormatException.in(source).row(row).column(sinks[k].name)
            .expected(sinks[k].type.jsonName()).found(String.valueOf(r.getObject(sinks[k].index))).build(e);
        if (options.badRows().mode() == dev.vigil.io.BadRowPolicy.Mode.FAIL) {
          closeQuietly();
          throw err;
        }
        for (int j = 0; j < k; j++) {
          sinks[j].builder.removeLast();
        }
        conversionBad++;
        if (conversionMessages.size() < 20) {
          conversionMessages.add(err.getMessage());
        }
        conversionQuarantine.add(new String[] {"", String.valueOf(row), sinks[k].name, err.getMessage(),
            String.valueOf(r.getObject(sinks[k].index))});
        return false;
      }
    }
    return true;
  }

  private void decide() {
    firstChunkDone = true;
    for (Sink s : sinks) {
      s.decide(options.categoricalMaxDistinct());
    }
  }

  private void finish() {
    try {
      BadRows found = finisher == null ? BadRows.NONE : finisher.finish();
      if (conversionBad > 0) {
        List<String> messages = new ArrayList<>(found.messages());
        messages.addAll(conversionMessages.subList(0, Math.min(conversionMessages.size(), 20 - Math.min(20, messages.size()))));
        found = new BadRows(found.count() + conversionBad, messages);
        if (options.badRows().mode() == dev.vigil.io.BadRowPolicy.Mode.QUARANTINE) {
          Quarantine.append(options.badRows().quarantine(), source, conversionQuarantine);
        }
      }
      bad = found;
    } finally {
      closeQuietly();
    }
  }

  @Override
  public ReadSummary summary() {
    Map<String, Long> nans = new LinkedHashMap<>();
    for (Sink s : sinks) {
      if (s.nanCount > 0) {
        nans.put(s.name, s.nanCount);
      }
    }
    return new ReadSummary(source, rowsRead, bad.count(), bad.messages(), nans);
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      rs.close();
    } catch (Exception ignored) {
      // closing is best effort; the read's outcome is already decided
    }
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // idem
      }
    }
  }

  /** Reads one column of the result set into a builder. */
  private final class Sink {
    final String name;
    ColumnType type;
    final int sqlType;
    final boolean fixed;
    final int index;
    ColumnBuilder builder;
    long nanCount;
    boolean textDecided;

    Sink(String name, ColumnType type, int sqlType, boolean fixed, int index) {
      this.name = name;
      this.type = type;
      this.sqlType = sqlType;
      this.fixed = fixed;
      this.index = index;
      this.builder = type == ColumnType.TIMESTAMP ? TimestampColumn.builder(name, options.zone())
          : ColumnBuilder.of(name, type);
      this.textDecided = fixed || type != ColumnType.CATEGORICAL;
    }

    void read(ResultSet r) throws SQLException {
      switch (type) {
        case DOUBLE -> {
          double v = r.getDouble(index);
          // Drivers return 0 or NaN for NULL; only wasNull tells them apart from real values.
          if ((v == 0 || v != v) && r.wasNull()) {
            builder.addMissing();
          } else {
            if (v != v) {
              nanCount++;
            }
            ((DoubleColumn.Builder) builder).add(v);
          }
        }
        case LONG -> {
          if (sqlType == Types.DOUBLE || sqlType == Types.FLOAT || sqlType == Types.REAL
              || sqlType == Types.DECIMAL || sqlType == Types.NUMERIC || sqlType == Types.VARCHAR) {
            builder.addObject(r.getObject(index));
          } else {
            long v = r.getLong(index);
            if (v == 0 && r.wasNull()) {
              builder.addMissing();
            } else {
              ((LongColumn.Builder) builder).add(v);
            }
          }
        }
        case BOOLEAN -> {
          Object o = r.getObject(index);
          builder.addObject(o);
        }
        case TIMESTAMP -> builder.addObject(timestamp(r));
        case CATEGORICAL, STRING -> {
          String s = r.getString(index);
          builder.addObject(s);
        }
      }
    }

    private Object timestamp(ResultSet r) throws SQLException {
      try {
        return switch (sqlType) {
          case Types.TIMESTAMP -> r.getObject(index, LocalDateTime.class);
          case Types.TIMESTAMP_WITH_TIMEZONE -> r.getObject(index, OffsetDateTime.class);
          case Types.DATE -> r.getObject(index, LocalDate.class);
          default -> r.getObject(index);
        };
      } catch (SQLException | RuntimeException e) {
        return r.getObject(index);
      }
    }

    void decide(int maxDistinct) {
      if (textDecided) {
        return;
      }
      textDecided = true;
      CategoricalColumn.Builder cb = (CategoricalColumn.Builder) builder;
      int distinct = cb.distinct();
      int nonMissing = cb.size() - cb.missingCount();
      boolean categorical = distinct <= maxDistinct && 2L * distinct <= nonMissing;
      if (!categorical) {
        CategoricalColumn built = cb.build();
        type = ColumnType.STRING;
        StringColumn.Builder sb = StringColumn.builder(name);
        for (int i = 0; i < built.size(); i++) {
          sb.add(built.get(i));
        }
        builder = sb;
      }
    }

    Column buildAndReset() {
      Column c = builder.build();
      if (c instanceof TimestampColumn t) {
        builder = TimestampColumn.builder(name, t.zone());
      } else if (c instanceof CategoricalColumn cat) {
        // Later chunks keep the dictionary order of earlier ones, so codes stay comparable.
        CategoricalColumn.Builder nb = CategoricalColumn.builder(name);
        nb.seed(cat.dictionary());
        builder = nb;
      } else {
        builder = ColumnBuilder.of(name, type);
      }
      return c;
    }
  }
}
