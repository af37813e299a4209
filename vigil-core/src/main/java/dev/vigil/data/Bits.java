package dev.vigil.data;

/** Plain bit-set helpers over {@code long[]}, used for missing-value masks. */
final class Bits {
  private Bits() {}

  static long[] create(int n) {
    return new long[(n + 63) >>> 6];
  }

  static boolean get(long[] b, int i) {
    return (b[i >>> 6] & (1L << i)) != 0;
  }

  static void set(long[] b, int i) {
    b[i >>> 6] |= 1L << i;
  }

  /** Number of set bits in {@code [from, to)}. */
  static int count(long[] b, int from, int to) {
    int c = 0;
    int i = from;
    while (i < to && (i & 63) != 0) {
      c += get(b, i++) ? 1 : 0;
    }
    while (i + 64 <= to) {
      c += Long.bitCount(b[i >>> 6]);
      i += 64;
    }
    while (i < to) {
      c += get(b, i++) ? 1 : 0;
    }
    return c;
  }

  /** True when any bit in {@code [from, to)} is set. */
  static boolean any(long[] b, int from, int to) {
    return b != null && count(b, from, to) > 0;
  }

  /** Bits {@code [from, to)} of {@code b} re-based to 0, or null when none is set. */
  static long[] copyRange(long[] b, int from, int to) {
    if (b == null || !any(b, from, to)) {
      return null;
    }
    long[] out = create(to - from);
    for (int i = from; i < to; i++) {
      if (get(b, i)) {
        set(out, i - from);
      }
    }
    return out;
  }

  /** A mask of {@code capacity} bits as it grows: trimmed to {@code size}, or null when empty. */
  static long[] trim(long[] b, int size, boolean anySet) {
    if (!anySet) {
      return null;
    }
    int words = (size + 63) >>> 6;
    if (b.length == words) {
      return b;
    }
    long[] out = new long[words];
    System.arraycopy(b, 0, out, 0, Math.min(words, b.length));
    return out;
  }

  static long[] grow(long[] b, int capacityBits) {
    int words = (capacityBits + 63) >>> 6;
    if (b.length >= words) {
      return b;
    }
    long[] out = new long[Math.max(words, b.length * 2)];
    System.arraycopy(b, 0, out, 0, b.length);
    return out;
  }
}
