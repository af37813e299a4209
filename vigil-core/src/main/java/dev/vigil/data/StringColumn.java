package dev.vigil.data;

import java.util.Arrays;
import java.util.Objects;

/** A column of free-text values (for few distinct values prefer {@link CategoricalColumn}). */
public final class StringColumn extends Column {
  private final String[] values;

  StringColumn(String name, String[] values, int offset, int size, long[] missing) {
    super(name, offset, size, missing);
    this.values = values;
  }

  /** A column over a copy of {@code values}; null entries are missing. */
  public static StringColumn of(String name, String... values) {
    boolean[] m = new boolean[values.length];
    for (int i = 0; i < values.length; i++) {
      m[i] = values[i] == null;
    }
    return new StringColumn(name, values.clone(), 0, values.length, DoubleColumn.maskOf(values.length, m));
  }

  @Override
  public ColumnType type() {
    return ColumnType.STRING;
  }

  /** The value at {@code i}, or null when missing. */
  public String get(int i) {
    return isMissing(i) ? null : values[offset + i];
  }

  @Override
  public Object getObject(int i) {
    return get(i);
  }

  @Override
  public StringColumn slice(int from, int to) {
    checkRange(from, to);
    return new StringColumn(name, values, offset + from, to - from, missing);
  }

  @Override
  public StringColumn select(int[] rows) {
    String[] out = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[offset + Objects.checkIndex(rows[i], size)];
    }
    return new StringColumn(name, out, 0, rows.length, selectMissing(rows));
  }

  @Override
  public StringColumn rename(String newName) {
    return new StringColumn(newName, values, offset, size, missing);
  }

  @Override
  void appendValueTo(int i, ColumnBuilder b) {
    ((Builder) b).add(values[offset + i]);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Appends strings; a null is a missing value. */
  public static final class Builder extends ColumnBuilder {
    private String[] values = new String[16];

    Builder(String name) {
      super(name);
    }

    public Builder add(String v) {
      if (v == null) {
        addMissing();
        return this;
      }
      if (size == values.length) {
        ensure(size + 1);
      }
      values[size++] = v;
      return this;
    }

    @Override
    public Builder addObject(Object v) {
      return add(v == null ? null : v.toString());
    }

    @Override
    void ensure(int capacity) {
      if (capacity > values.length) {
        values = Arrays.copyOf(values, grownCapacity(values.length, capacity));
      }
    }

    @Override
    public ColumnType type() {
      return ColumnType.STRING;
    }

    @Override
    public StringColumn build() {
      String[] v = values.length == size ? values : Arrays.copyOf(values, size);
      values = null;
      return new StringColumn(name, v, 0, size, finishMask());
    }
  }
}
