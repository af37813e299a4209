package dev.vigil.data;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;
import java.util.Objects;

/** A column of {@code double} values. NaN and infinities are values, distinct from missing. */
public final class DoubleColumn extends Column {
  private final double[] values;
  private int nanCount = -1;

  DoubleColumn(String name, double[] values, int offset, int size, long[] missing) {
    super(name, offset, size, missing);
    this.values = values;
  }

  /** A column over a copy of {@code values}, none missing. */
  public static DoubleColumn of(String name, double... values) {
    return new DoubleColumn(name, values.clone(), 0, values.length, null);
  }

  /**
   * A column over a copy of {@code values} where {@code missing[i]} marks position i missing.
   *
   * @throws InvalidArgumentException when the lengths differ
   */
  public static DoubleColumn of(String name, double[] values, boolean[] missing) {
    return new DoubleColumn(name, values.clone(), 0, values.length, maskOf(values.length, missing));
  }

  /** Wraps {@code values} without copying; the caller must not change the array afterwards. */
  public static DoubleColumn wrap(String name, double[] values) {
    return new DoubleColumn(name, values, 0, values.length, null);
  }

  static long[] maskOf(int n, boolean[] missing) {
    if (missing == null) {
      return null;
    }
    InvalidArgumentException.check(missing.length == n, "missing mask has %d entries, values %d", missing.length, n);
    long[] m = null;
    for (int i = 0; i < n; i++) {
      if (missing[i]) {
        if (m == null) {
          m = Bits.create(n);
        }
        Bits.set(m, i);
      }
    }
    return m;
  }

  @Override
  public ColumnType type() {
    return ColumnType.DOUBLE;
  }

  /** The value at {@code i}; unspecified when {@link #isMissing(int)}. */
  public double get(int i) {
    Objects.checkIndex(i, size);
    return values[offset + i];
  }

  /** Number of NaN values among the non-missing ones. */
  public int nanCount() {
    int c = nanCount;
    if (c < 0) {
      c = 0;
      for (int i = 0; i < size; i++) {
        if (Double.isNaN(values[offset + i]) && !isMissing(i)) {
          c++;
        }
      }
      nanCount = c;
    }
    return c;
  }

  /** A copy of all values (missing positions hold unspecified values). */
  public double[] toArray() {
    return Arrays.copyOfRange(values, offset, offset + size);
  }

  /** A copy of the non-missing values, in order. */
  public double[] nonMissing() {
    if (!hasMissing()) {
      return toArray();
    }
    double[] out = new double[size - missingCount()];
    int k = 0;
    for (int i = 0; i < size; i++) {
      if (!isMissing(i)) {
        out[k++] = values[offset + i];
      }
    }
    return out;
  }

  @Override
  public Object getObject(int i) {
    return isMissing(i) ? null : get(i);
  }

  @Override
  public DoubleColumn slice(int from, int to) {
    checkRange(from, to);
    return new DoubleColumn(name, values, offset + from, to - from, missing);
  }

  @Override
  public DoubleColumn select(int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[offset + Objects.checkIndex(rows[i], size)];
    }
    return new DoubleColumn(name, out, 0, rows.length, selectMissing(rows));
  }

  @Override
  public DoubleColumn rename(String newName) {
    return new DoubleColumn(newName, values, offset, size, missing);
  }

  @Override
  void appendValueTo(int i, ColumnBuilder b) {
    ((Builder) b).add(values[offset + i]);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Appends doubles. */
  public static final class Builder extends ColumnBuilder {
    private double[] values = new double[16];

    Builder(String name) {
      super(name);
    }

    public Builder add(double v) {
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
      } else if (v instanceof Number n) {
        add(n.doubleValue());
      } else if (v instanceof Boolean b) {
        add(b ? 1.0 : 0.0);
      } else {
        try {
          add(Double.parseDouble(v.toString().trim()));
        } catch (NumberFormatException e) {
          throw new InvalidArgumentException("expected a number for column \"" + name + "\", found \"" + v + "\"", e);
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
      return ColumnType.DOUBLE;
    }

    @Override
    public DoubleColumn build() {
      double[] v = values.length == size ? values : Arrays.copyOf(values, size);
      values = null;
      return new DoubleColumn(name, v, 0, size, finishMask());
    }
  }
}
