package dev.vigil.data;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, named, typed column of {@link #size()} values with an explicit missing-value mask.
 *
 * <p>A column is a window {@code [offset, offset + size)} over backing primitive arrays, so that
 * {@link #slice(int, int)} copies nothing; {@link #select(int[])} copies the chosen rows. Values are
 * read with the typed accessor of each subclass ({@link DoubleColumn#get(int)}, ...); the value at a
 * missing position is unspecified and must not be used. Indices are 0-based and checked.
 */
public abstract sealed class Column
    permits DoubleColumn, LongColumn, BooleanColumn, CategoricalColumn, StringColumn, TimestampColumn {

  final String name;
  final int offset;
  final int size;
  /** Bit set over backing positions; null when the backing arrays hold no missing value at all. */
  final long[] missing;
  private int missingCount = -1;

  Column(String name, int offset, int size, long[] missing) {
    InvalidArgumentException.check(name != null && !name.isEmpty(), "a column name must be non-empty");
    this.name = name;
    this.offset = offset;
    this.size = size;
    this.missing = missing;
  }

  public final String name() {
    return name;
  }

  public abstract ColumnType type();

  /** Number of values, missing ones included. */
  public final int size() {
    return size;
  }

  /** The field this column declares: nullable when it holds at least one missing value. */
  public Field field() {
    return new Field(name, type(), missingCount() > 0);
  }

  /** True when the value at {@code i} is missing. */
  public final boolean isMissing(int i) {
    Objects.checkIndex(i, size);
    return missing != null && Bits.get(missing, offset + i);
  }

  /** Number of missing values (computed once). */
  public final int missingCount() {
    int c = missingCount;
    if (c < 0) {
      c = missing == null ? 0 : Bits.count(missing, offset, offset + size);
      missingCount = c;
    }
    return c;
  }

  /** True when at least one value is missing. */
  public final boolean hasMissing() {
    return missingCount() > 0;
  }

  /** The value at {@code i} boxed ({@code Double}, {@code Long}, {@code Boolean}, {@code String}, {@code Instant}), or null when missing. */
  public abstract Object getObject(int i);

  /** The value at {@code i} as display text, or the empty string when missing. */
  public String format(int i) {
    Object o = getObject(i);
    return o == null ? "" : o.toString();
  }

  /** Appends the value at {@code i} (known not missing) to a builder of this column's type. */
  abstract void appendValueTo(int i, ColumnBuilder b);

  /** Rows {@code [from, to)} without copying. */
  public abstract Column slice(int from, int to);

  /** The given rows, in the given order (repeats allowed), copied. */
  public abstract Column select(int[] rows);

  /** The same values under another name, without copying. */
  public abstract Column rename(String newName);

  /**
   * Values of {@code parts} in order, as one column named like the first. All parts must have the
   * same type; categorical dictionaries are merged in order of first appearance.
   *
   * @throws SchemaMismatchException when the types differ
   */
  public static Column concat(List<? extends Column> parts) {
    InvalidArgumentException.check(!parts.isEmpty(), "concat needs at least one column");
    Column first = parts.get(0);
    for (Column c : parts) {
      if (c.type() != first.type()) {
        throw new SchemaMismatchException("cannot concatenate column \"" + c.name + "\" of type "
            + c.type().jsonName() + " with type " + first.type().jsonName());
      }
    }
    return ColumnConcat.concat(first.name, parts);
  }

  final void checkRange(int from, int to) {
    Objects.checkFromToIndex(from, to, size);
  }

  final long[] selectMissing(int[] rows) {
    if (missing == null) {
      return null;
    }
    long[] out = null;
    for (int i = 0; i < rows.length; i++) {
      int r = Objects.checkIndex(rows[i], size);
      if (Bits.get(missing, offset + r)) {
        if (out == null) {
          out = Bits.create(rows.length);
        }
        Bits.set(out, i);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + ", " + size + " rows, " + missingCount() + " missing]";
  }
}
