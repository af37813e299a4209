package dev.vigil.data;

/**
 * Appends values one at a time and builds an immutable {@link Column}. Each typed column has its own
 * builder ({@link DoubleColumn#builder(String)}, ...) with a typed {@code add}; all share
 * {@link #addMissing()}. Arrays grow by doubling and are trimmed once by {@link #build()}. A builder
 * is not thread-safe and must not be used after {@code build}.
 */
public abstract sealed class ColumnBuilder
    permits DoubleColumn.Builder, LongColumn.Builder, BooleanColumn.Builder,
        CategoricalColumn.Builder, StringColumn.Builder, TimestampColumn.Builder {

  final String name;
  int size;
  long[] mask = new long[1];
  boolean anyMissing;
  int missingCount;

  ColumnBuilder(String name) {
    this.name = name;
  }

  /** Appends a missing value. */
  public final ColumnBuilder addMissing() {
    ensure(size + 1);
    mask = Bits.grow(mask, size + 1);
    Bits.set(mask, size);
    anyMissing = true;
    missingCount++;
    size++;
    return this;
  }

  /**
   * Appends {@code value} converted to this column's type, or a missing value when it is null.
   *
   * @throws dev.vigil.InvalidArgumentException when the value cannot be converted
   */
  public abstract ColumnBuilder addObject(Object value);

  /**
   * Removes the last appended value (to drop a partly read row).
   *
   * @throws dev.vigil.InvalidArgumentException when nothing was appended
   */
  public final void removeLast() {
    dev.vigil.InvalidArgumentException.check(size > 0, "nothing to remove from column \"%s\"", name);
    size--;
    if (Bits.get(mask, size)) {
      mask[size >>> 6] &= ~(1L << size);
      missingCount--;
      anyMissing = missingCount > 0;
    }
    onRemoveLast();
  }

  /** Lets a builder drop per-value state (e.g. a reference) after {@link #removeLast()}. */
  void onRemoveLast() {}

  /** Number of values appended so far. */
  public final int size() {
    return size;
  }

  /** Number of missing values appended so far. */
  public final int missingCount() {
    return missingCount;
  }

  public abstract ColumnType type();

  /** Builds the column; trims arrays to size. */
  public abstract Column build();

  abstract void ensure(int capacity);

  final long[] finishMask() {
    return Bits.trim(mask, size, anyMissing);
  }

  static int grownCapacity(int current, int needed) {
    long c = Math.max(needed, Math.max(16L, current * 2L));
    return (int) Math.min(c, Integer.MAX_VALUE - 8);
  }

  /** A builder for a column of {@code type}. */
  public static ColumnBuilder of(String name, ColumnType type) {
    return switch (type) {
      case DOUBLE -> DoubleColumn.builder(name);
      case LONG -> LongColumn.builder(name);
      case BOOLEAN -> BooleanColumn.builder(name);
      case CATEGORICAL -> CategoricalColumn.builder(name);
      case STRING -> StringColumn.builder(name);
      case TIMESTAMP -> TimestampColumn.builder(name, java.time.ZoneOffset.UTC);
    };
  }
}
