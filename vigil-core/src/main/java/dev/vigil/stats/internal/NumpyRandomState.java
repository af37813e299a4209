package dev.vigil.stats.internal;

import dev.vigil.InvalidArgumentException;

/**
 * NumPy's legacy {@code numpy.random.RandomState} (Mersenne Twister MT19937), only where Vigil promises
 * a peer's exact result and that result depends on NumPy's stream: the drift compatibility modes
 * (Evidently's permutation tests seed 0) and imbalanced-learn's Condensed Nearest Neighbour and
 * One-Sided Selection ({@code randint}). Not for Vigil's own randomness (that uses {@code
 * SplittableRandom} with an explicit seed).
 *
 * <p>Covered: {@code seed(int)} (MT19937 {@code init_genrand}, as NumPy does for an integer seed),
 * {@code random_sample} (53-bit doubles), {@code permutation(n)} and {@code choice(n, size,
 * replace=False)} (a Fisher–Yates shuffle with NumPy's masked rejection sampling of each index), and
 * {@code normal(loc, scale)} / {@code standard_normal} (NumPy's legacy polar Box–Muller with its
 * cached second value). Doubles agree with NumPy bit for bit except that {@code normal} uses Java's
 * {@code StrictMath.log}/{@code sqrt}, which can differ from the C library in the last unit.
 * Not thread-safe.
 */
public final class NumpyRandomState {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int index;
  private boolean hasGauss;
  private double gauss;

  /** {@code np.random.RandomState(seed)}; seed in [0, 2^32 − 1]. */
  public NumpyRandomState(long seed) {
    InvalidArgumentException.check(seed >= 0 && seed <= 0xFFFFFFFFL, "seed must be in [0, 2^32 - 1]: %d", seed);
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  /** The next 32 random bits (MT19937's tempered output), as an unsigned value. */
  public long nextUint32() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xFFFFFFFFL;
  }

  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      int v = mt[(i + M) % N] ^ (y >>> 1);
      if ((y & 1) != 0) {
        v ^= 0x9908b0df;
      }
      mt[i] = v;
    }
    index = 0;
  }

  /** {@code random_sample()}: a double in [0, 1) from 53 random bits. */
  public double nextDouble() {
    long a = nextUint32() >>> 5;
    long b = nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** A uniform integer in [0, max] by NumPy's masked rejection ({@code random_interval}). */
  long interval(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long v;
    do {
      v = nextUint32() & mask;
    } while (v > max);
    return v;
  }

  /** {@code randint(low, high)}: a uniform integer in [low, high) by masked rejection (range below 2^32). */
  public int randint(int low, int high) {
    return (int) (low + interval((long) high - 1 - low));
  }

  /** {@code permutation(n)}: 0..n−1 shuffled as NumPy's legacy {@code shuffle} does. */
  public int[] permutation(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i >= 1; i--) {
      int j = (int) interval(i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** {@code choice(n, size, replace=False)}: the first {@code size} entries of {@link #permutation}. */
  public int[] choiceWithoutReplacement(int n, int size) {
    InvalidArgumentException.check(size >= 0 && size <= n, "sample size must be in [0, %d]: %d", n, size);
    int[] p = permutation(n);
    int[] out = new int[size];
    System.arraycopy(p, 0, out, 0, size);
    return out;
  }

  /** {@code standard_normal()}: NumPy's legacy polar method, returning the cached second value first. */
  public double standardNormal() {
    if (hasGauss) {
      hasGauss = false;
      return gauss;
    }
    double x1;
    double x2;
    double r2;
    do {
      x1 = 2.0 * nextDouble() - 1.0;
      x2 = 2.0 * nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = StrictMath.sqrt(-2.0 * StrictMath.log(r2) / r2);
    gauss = f * x1;
    hasGauss = true;
    return f * x2;
  }

  /** {@code normal(loc, scale, size)}. */
  public double[] normal(double loc, double scale, int size) {
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = loc + scale * standardNormal();
    }
    return out;
  }
}
