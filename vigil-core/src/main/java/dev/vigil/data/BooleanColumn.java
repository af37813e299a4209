package dev.vigil.data;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** A column of booleans. */
public final class BooleanColumn extends Column {
  private final boolean[] values;

  BooleanColumn(String name, boolean[] values, int offset, int size, long[] missing) {
    super(name, offset, size, missing);
    this.values = values;
  }

  /** A column over a copy of {@code values}, none missing. */
  public static BooleanColumn of(String name, boolean... values) {
    return new BooleanColumn(name, values.clone(), 0, values.length, null);
  }

  /** A column over a copy of {@code values}; {@code missing[i]} marks position i missing. */
  public static BooleanColumn of(String name, boolean[] values, boolean[] missing) {
    return new BooleanColumn(name, values.clone(), 0, values.length, DoubleColumn.maskOf(values.length, missing));
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  /** The value at {@code i}; unspecified when missing. */
  public boolean get(int i) {
    Objects.checkIndex(i, size);
    return values[offset + i];
  }

  @Override
  public Object getObject(int i) {
    return isMissing(i) ? null : get(i);
  }

  @Override
  public BooleanColumn slice(int from, int to) {
    checkRange(from, to);
    return new BooleanColumn(name, values, offset + from, to - from, missing);
  }

  @Override
  public BooleanColumn select(int[] rows) {
    boolean[] out = new boolean[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[offset + Objects.checkIndex(rows[i], size)];
    }
    return new BooleanColumn(name, out, 0, rows.length, selectMissing(rows));
  }

  @Override
  public BooleanColumn rename(String newName) {
    return new BooleanColumn(newName, values, offset, size, missing);
  }

  @Override
  void appendValueTo(int i, ColumnBuilder b) {
    ((Builder) b).add(values[offset + i]);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Appends booleans; {@link #addObject} accepts Boolean, 0/1 and true/false/yes/no text. */
  public static final class Builder extends ColumnBuilder {
    private boolean[] values = new boolean[16];

    Builder(String name) {
      super(name);
    }

    public Builder add(boolean v) {
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
      } else if (v instanceof Boolean b) {
        add(b);
      } else if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
        add(n.doubleValue() == 1);
      } else {
        switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
          case "true", "t", "yes", "y", "1" -> add(true);
          case "false", "f", "no", "n", "0" -> add(false);
          default -> throw new InvalidArgumentException(
              "expected a boolean for column \"" + name + "\", found \"" + v + "\"");
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
      return ColumnType.BOOLEAN;
    }

    @Override
    public BooleanColumn build() {
      boolean[] v = values.length == size ? values : Arrays.copyOf(values, size);
      values = null;
      return new BooleanColumn(name, v, 0, size, finishMask());
    }
  }
}
