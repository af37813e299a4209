package dev.vigil.imbalance.internal;

/**
 * The random stream of numpy's legacy {@code RandomState(seed)} (MT19937 seeded by {@code
 * init_genrand}), for the one use where imbalanced-learn's result depends on it and Vigil promises
 * the same samples: {@code randint(low, high, size)} in Condensed Nearest Neighbour and One-Sided
 * Selection. Only seeds in [0, 2^32) are numpy-compatible.
 */
public final class NumpyRandom {
  private final int[] mt = new int[624];
  private int mti;

  public NumpyRandom(long seed) {
    mt[0] = (int) seed;
    for (mti = 1; mti < 624; mti++) {
      mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
    }
  }

  /** The next 32 random bits (genrand_int32), as an unsigned value. */
  public long nextUint32() {
    if (mti >= 624) {
      int kk;
      int y;
      for (kk = 0; kk < 624 - 397; kk++) {
        y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + 397] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      }
      for (; kk < 623; kk++) {
        y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + (397 - 624)] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      }
      y = (mt[623] & 0x80000000) | (mt[0] & 0x7fffffff);
      mt[623] = mt[396] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      mti = 0;
    }
    int y = mt[mti++];
    y ^= (y >>> 11);
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= (y >>> 18);
    return y & 0xffffffffL;
  }

  /** numpy's {@code randint(low, high)} for a range below 2^32: masked rejection sampling. */
  public int randint(int low, int high) {
    long rng = (long) high - 1 - low;
    if (rng == 0) {
      return low;
    }
    long mask = rng;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long v;
    do {
      v = nextUint32() & mask;
    } while (v > rng);
    return (int) (low + v);
  }
}
