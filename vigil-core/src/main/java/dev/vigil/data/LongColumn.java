package dev.vigil.data;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;
import java.util.Objects;

/** A column of {@code long} integers (every integer width of a source maps here). */
public final class LongColumn extends Column {
  private final long[] values;

  LongColumn(String name, long[] values, int offset, int size, long[] missing) {
    super(name, offset, size, missing);
    this.values = values;
  }

  /** A column over a copy of {@code values}, none missing. */
  public static LongColumn of(String name, long... values) {
    return new LongColumn(name, values.clone(), 0, values.length, null);
  }

  /** A column over a copy of {@code values}; {@code missing[i]} marks position i missing. */
  public static LongColumn of(String name, long[] values, boolean[] missing) {
    return new LongColumn(name, values.clone(), 0, values.length, DoubleColumn.maskOf(values.length, missing));
  }

  @Override
  public ColumnType type() {
    return ColumnType.LONG;
  }

  /** The value at {@code i}; unspecified when missing. */
  public long get(int i) {
    Objects.checkIndex(i, size);
    return values[offset + i];
  }

  /** A copy of all values (missing positions unspecified). */
  public long[] toArray() {
    return Arrays.copyOfRange(values, offset, offset + size);
  }

  @Override
  public Object getObject(int i) {
    return isMissing(i) ? null : get(i);
  }

  @Override
  public LongColumn slice(int from, int to) {
    checkRange(from, to);
    return new LongColumn(name, values, offset + from, to - from, missing);
  }

  @Override
  public LongColumn select(int[] rows) {
    long[] out = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[offset + Objects.checkIndex(rows[i], size)];
    }
    return new LongColumn(name, out, 0, rows.length, selectMissing(rows));
  }

  @Override
  public LongColumn rename(String newName) {
    return new LongColumn(newName, values, offset, size, missing);
  }

  @Override
  void appendValueTo(int i, ColumnBuilder b) {
    ((Builder) b).add(values[offset + i]);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Appends longs. */
  public static final class Builder extends ColumnBuilder {
    private long[] values = new long[16];

    Builder(String name) {
      super(name);
    }

    public Builder add(long v) {
      if (size == values.length) {
        ensure(size + 1);
      }
      values[size++] = v;
      return this;
    }

    @Override
    public Builder addObject(Object v) {
      if (v == null) {
        addMissing();
      } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        add(((Number) v).longValue());
      } else if (v instanceof Number n) {
        double d = n.doubleValue();
        if (d != Math.rint(d) || Double.isInfinite(d)) {
          throw new InvalidArgumentException("expected an integer for column \"" + name + "\", found " + v);
        }
        add((long) d);
      } else {
        try {
          add(Long.parseLong(v.toString().trim()));
        } catch (NumberFormatException e) {
          throw new InvalidArgumentException("expected an integer for column \"" + name + "\", found \"" + v + "\"", e);
        }
      }
      return this;
    }

    @Override
    void ensure(int capacity) {
      if (capacity > values.length) {
        values = Arrays.copyOf(values, grownCapacity(values.length, capacity));
      }
    }

    @Override
    public ColumnType type() {
      return ColumnType.LONG;
    }

    @Override
    public LongColumn build() {
      long[] v = values.length == size ? values : Arrays.copyOf(values, size);
      values = null;
      return new LongColumn(name, v, 0, size, finishMask());
    }
  }
}
