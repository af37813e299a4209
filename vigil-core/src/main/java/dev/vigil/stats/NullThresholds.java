package dev.vigil.stats;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * Thresholds for distances, calibrated to a target false-alarm rate at the actual sample sizes: the
 * (1 − α) quantile of the distance's large-sample null distribution (reference and current drawn
 * from the same distribution), instead of a fixed cut-off such as Evidently's 0.1, which flags
 * nearly every feature of large samples for tiny shifts and misses real ones in small samples.
 */
public final class NullThresholds {
  private NullThresholds() {}

  /**
   * Normalised Wasserstein-1 ({@link TwoSampleTests#wassersteinNormalisedSorted}) between a
   * reference of n values and a current sample of m values. Under no change, sqrt(nm/(n + m)) W1
   * converges to I = ∫ |B(F(x))| dx with B a Brownian bridge and F the common CDF (del Barrio, Giné
   * and Matrán 1999). I is simulated, {@code simulations} times, with B on a grid of 128 steps and F
   * the reference's empirical quantile function (I = Σ |B(u_j)| × (Q(u_j + 1/256) − Q(u_j − 1/256))); the
   * threshold is sqrt(1/n + 1/m) × q_{1−α}(I) / sd_ref, with sd_ref the reference's population
   * standard deviation floored at 0.001 as in the statistic.
   *
   * @param sortedReference the reference's finite values, ascending, n ≥ 2
   * @param currentSize m ≥ 1
   * @param alpha target false-alarm rate in (0, 1)
   * @param simulations ≥ 100
   * @param seed seed of the simulation (deterministic for a seed)
   */
  public static double wassersteinNormalised(double[] sortedReference, long currentSize, double alpha,
      int simulations, long seed) {
    int n0 = sortedReference.length;
    double mean = 0;
    for (double v : sortedReference) {
      mean += v;
    }
    mean /= Math.max(1, n0);
    double ss = 0;
    for (double v : sortedReference) {
      ss += (v - mean) * (v - mean);
    }
    return wassersteinNormalised(sortedReference, n0, Math.sqrt(ss / Math.max(1, n0)), currentSize, alpha, simulations, seed);
  }

  /**
   * As {@link #wassersteinNormalised(double[], long, double, int, long)} for a reference of {@code
   * referenceSize} values known through sorted values or quantiles {@code sortedReference} (its
   * quantile function is interpolated from them) and its population standard deviation {@code sd}.
   */
  public static double wassersteinNormalised(double[] sortedReference, long referenceSize, double sd, long currentSize,
      double alpha, int simulations, long seed) {
    int n = sortedReference.length;
    long nRef = referenceSize;
    InvalidArgumentException.check(n >= 2 && currentSize >= 1, "need n >= 2 and m >= 1: %d, %d", n, currentSize);
    InvalidArgumentException.check(alpha > 0 && alpha < 1, "alpha must be in (0, 1): %s", alpha);
    InvalidArgumentException.check(simulations >= 100, "simulations must be >= 100: %d", simulations);
    int k = GRID;
    double[] dq = increments(sortedReference);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] w = new double[k + 1];
    double[] sims = new double[simulations];
    double step = Math.sqrt(1.0 / k);
    for (int s = 0; s < simulations; s++) {
      for (int j = 1; j <= k; j++) {
        w[j] = w[j - 1] + step * rng.nextGaussian();
      }
      double i = 0;
      for (int j = 1; j < k; j++) {
        i += Math.abs(w[j] - (j / (double) k) * w[k]) * dq[j];
      }
      sims[s] = i;
    }
    Arrays.sort(sims);
    double q = sims[Math.min(simulations - 1, (int) Math.ceil((1 - alpha) * simulations) - 1)];
    return Math.sqrt(1.0 / nRef + 1.0 / currentSize) * q / Math.max(sd, 0.001);
  }

  /**
   * Jensen–Shannon distance (natural log, {@link Divergences#jensenShannonDistance}) between the
   * shares of k categories in a reference of n and a current sample of m. Under no change, 8·JSD ≈
   * Σ (p̂_ref − p̂_cur)²/p and nm/(n + m) times that is χ² with k − 1 degrees of freedom, so the
   * threshold is sqrt(χ²_{k−1, 1−α} (1/n + 1/m) / 8). Needs k ≥ 2 (with one category the distance is
   * always 0 and the threshold is +∞).
   */
  public static double jensenShannonDistance(int categories, long referenceSize, long currentSize, double alpha) {
    InvalidArgumentException.check(referenceSize >= 1 && currentSize >= 1, "need n >= 1 and m >= 1: %d, %d",
        referenceSize, currentSize);
    InvalidArgumentException.check(alpha > 0 && alpha < 1, "alpha must be in (0, 1): %s", alpha);
    if (categories < 2) {
      return Double.POSITIVE_INFINITY;
    }
    double chi = new ChiSquaredDistribution(categories - 1).inverseCumulativeProbability(1 - alpha);
    return Math.sqrt(chi * (1.0 / referenceSize + 1.0 / currentSize) / 8);
  }

  /** Steps of the Brownian-bridge grid of the Wasserstein null. */
  private static final int GRID = 128;

  /** dq[j] = Q(u_j + 1/256) − Q(u_j − 1/256), j = 1..127, the end steps reaching the extremes. */
  private static double[] increments(double[] sortedReference) {
    int n = sortedReference.length;
    int k = GRID;
    double[] dq = new double[k];
    for (int j = 1; j < k; j++) {
      dq[j] = quantile(sortedReference, (j + 0.5) / k) - quantile(sortedReference, (j - 0.5) / k);
    }
    // the first and last half-steps reach the sample's extremes
    dq[1] += quantile(sortedReference, 0.5 / k) - sortedReference[0];
    dq[k - 1] += sortedReference[n - 1] - quantile(sortedReference, (k - 0.5) / k);
    return dq;
  }

  /**
   * Upper-tail p-value of a Jensen–Shannon distance d under the large-sample null of {@link
   * #jensenShannonDistance}: P(χ²_{k−1} ≥ 8 d² / (1/n + 1/m)). 1 with fewer than 2 categories.
   */
  public static double jensenShannonPValue(double d, int categories, long referenceSize, long currentSize) {
    InvalidArgumentException.check(referenceSize >= 1 && currentSize >= 1, "need n >= 1 and m >= 1: %d, %d",
        referenceSize, currentSize);
    if (categories < 2 || !(d > 0)) {
      return 1.0;
    }
    double x = 8 * d * d / (1.0 / referenceSize + 1.0 / currentSize);
    return org.hipparchus.special.Gamma.regularizedGammaQ((categories - 1) / 2.0, x / 2);
  }

  /**
   * The null distribution of one feature's normalised Wasserstein-1 (see {@link
   * #wassersteinNormalised(double[], long, double, long, double, int, long)}), evaluated on shared
   * simulated bridges ({@link Bridges}): the simulated values are scale × Σ_j |B_s(u_j)| dq_j.
   *
   * @param sortedReference the reference's sorted values or quantiles, at least 2
   * @param referenceSize n ≥ 1, the reference's value count
   * @param sd the reference's population standard deviation (floored at 0.001)
   * @param currentSize m ≥ 1
   */
  public static WassersteinNull wassersteinNull(double[] sortedReference, long referenceSize, double sd,
      long currentSize) {
    InvalidArgumentException.check(sortedReference.length >= 2 && referenceSize >= 1 && currentSize >= 1,
        "need at least 2 reference values, n >= 1 and m >= 1: %d, %d, %d", sortedReference.length, referenceSize,
        currentSize);
    double[] dq = increments(sortedReference);
    float[] w = new float[GRID - 1];
    for (int j = 1; j < GRID; j++) {
      w[j - 1] = (float) dq[j];
    }
    return new WassersteinNull(w, Math.sqrt(1.0 / referenceSize + 1.0 / currentSize) / Math.max(sd, 0.001));
  }

  /** A feature's Wasserstein null: bridge weights and the scale to the normalised distance. */
  public static final class WassersteinNull {
    private final float[] weights;
    private final double scale;

    private WassersteinNull(float[] weights, double scale) {
      this.weights = weights;
      this.scale = scale;
    }
  }

  /**
   * B simulated Brownian bridges on the 128-step grid, shared by the nulls of many features (each
   * feature's null is a weighted sum of the same |B_s(u_j)|, so one simulation serves all; the
   * per-feature calibration with seed 0 also draws the same bridges for every feature). Gives empirical
   * null p-values (k + 1)/(B + 1), k the simulated values ≥ the statistic, and upper quantiles, for
   * levels down to about 10/B. Memory: 127 B floats; time: 127 B multiply-adds per feature and pass.
   */
  public static final class Bridges {
    private static final int BLOCK = 512;
    private final int simulations;
    /** |B_s(u_j)| for j = 1..127, stored block by block: [block][j * BLOCK + (s mod BLOCK)]. */
    private final float[][] blocks;

    private Bridges(int simulations, float[][] blocks) {
      this.simulations = simulations;
      this.blocks = blocks;
    }

    /** The last simulation, softly held: repeated comparisons reuse it (it is immutable). */
    private static volatile java.lang.ref.SoftReference<Object[]> last = new java.lang.ref.SoftReference<>(null);

    /**
     * Simulates {@code simulations} ≥ 100 bridges from {@code seed} (deterministic for a seed; the last
     * result is reused when the same pair is asked for again).
     */
    public static Bridges simulate(int simulations, long seed) {
      InvalidArgumentException.check(simulations >= 100, "simulations must be >= 100: %d", simulations);
      Object[] held = last.get();
      if (held != null && (Integer) held[0] == simulations && (Long) held[1] == seed) {
        return (Bridges) held[2];
      }
      Bridges b = simulateNew(simulations, seed);
      last = new java.lang.ref.SoftReference<>(new Object[] {simulations, seed, b});
      return b;
    }

    private static Bridges simulateNew(int simulations, long seed) {
      int k = GRID;
      int nb = (simulations + BLOCK - 1) / BLOCK;
      float[][] blocks = new float[nb][(k - 1) * BLOCK];
      SplittableRandom rng = new SplittableRandom(seed);
      double[] w = new double[k + 1];
      double step = Math.sqrt(1.0 / k);
      for (int s = 0; s < simulations; s++) {
        for (int j = 1; j <= k; j++) {
          w[j] = w[j - 1] + step * rng.nextGaussian();
        }
        float[] b = blocks[s / BLOCK];
        int o = s % BLOCK;
        for (int j = 1; j < k; j++) {
          b[(j - 1) * BLOCK + o] = (float) Math.abs(w[j] - (j / (double) k) * w[k]);
        }
      }
      return new Bridges(simulations, blocks);
    }

    /** B, the number of simulated bridges. */
    public int simulations() {
      return simulations;
    }

    /**
     * Empirical null p-values (k + 1)/(B + 1) of {@code statistics[f]} under {@code nulls[f]}, with
     * k the simulated normalised distances ≥ the statistic; NaN where the statistic is NaN (its null
     * may then be null).
     */
    public double[] pValues(WassersteinNull[] nulls, double[] statistics) {
      long[] exceed = new long[nulls.length];
      float[] t = new float[nulls.length];
      for (int f = 0; f < nulls.length; f++) {
        t[f] = Double.isNaN(statistics[f]) ? Float.NaN : (float) (statistics[f] / nulls[f].scale);
      }
      forEachFeature(nulls, f -> !Float.isNaN(t[f]), (f, acc, len) -> {
        long c = 0;
        float tf = t[f];
        for (int s = 0; s < len; s++) {
          c += acc[s] >= tf ? 1 : 0;
        }
        exceed[f] += c;
      });
      double[] p = new double[nulls.length];
      for (int f = 0; f < nulls.length; f++) {
        p[f] = Float.isNaN(t[f]) ? Double.NaN : (exceed[f] + 1.0) / (simulations + 1.0);
      }
      return p;
    }

    /**
     * For each feature, the (r[f] + 1)-th largest simulated normalised distance: with r the largest
     * count of simulated values a statistic may be exceeded by and still drift, the statistic drifts
     * when it is above this value. +∞ where r[f] &lt; 0 (B too small for the level), 0 where r[f] ≥ B,
     * NaN where r[f] is {@link Integer#MIN_VALUE} (not wanted; its null may then be null).
     */
    public double[] upperOrderStatistics(WassersteinNull[] nulls, int[] r) {
      float[][] heaps = new float[nulls.length][];
      int[] sizes = new int[nulls.length];
      for (int f = 0; f < nulls.length; f++) {
        heaps[f] = r[f] >= 0 && r[f] < simulations ? new float[r[f] + 1] : null;
      }
      forEachFeature(nulls, f -> heaps[f] != null, (f, acc, len) -> {
        float[] h = heaps[f];
        int size = sizes[f];
        for (int s = 0; s < len; s++) {
          float v = acc[s];
          if (size < h.length) {
            h[size++] = v;
            siftUp(h, size - 1);
          } else if (v > h[0]) {
            h[0] = v;
            siftDown(h, size);
          }
        }
        sizes[f] = size;
      });
      double[] out = new double[nulls.length];
      for (int f = 0; f < nulls.length; f++) {
        if (r[f] == Integer.MIN_VALUE) {
          out[f] = Double.NaN;
        } else if (r[f] < 0) {
          out[f] = Double.POSITIVE_INFINITY;
        } else if (heaps[f] == null) {
          out[f] = 0;
        } else {
          out[f] = heaps[f][0] * nulls[f].scale;
        }
      }
      return out;
    }

    /** Receives one feature's simulated values (unscaled) for one block of bridges. */
    private interface BlockConsumer {
      void accept(int feature, float[] values, int len);
    }

    /**
     * Block by block (so a block stays in cache across features), four features at a time (one read
     * of a block row feeds four sums), feature groups in parallel; each feature is handled by one
     * thread per block and blocks run in order, so results do not depend on the thread count.
     */
    private void forEachFeature(WassersteinNull[] nulls, java.util.function.IntPredicate wanted, BlockConsumer c) {
      int[] fs = java.util.stream.IntStream.range(0, nulls.length).filter(wanted).toArray();
      int groups = (fs.length + 3) / 4;
      ThreadLocal<float[][]> accs = ThreadLocal.withInitial(() -> new float[4][BLOCK]);
      for (int bi = 0; bi < blocks.length; bi++) {
        float[] block = blocks[bi];
        int len = Math.min(BLOCK, simulations - bi * BLOCK);
        java.util.stream.IntStream.range(0, groups).parallel().forEach(g -> {
          float[][] a = accs.get();
          int from = 4 * g;
          int n = Math.min(4, fs.length - from);
          float[] w0 = nulls[fs[from]].weights;
          float[] w1 = n > 1 ? nulls[fs[from + 1]].weights : w0;
          float[] w2 = n > 2 ? nulls[fs[from + 2]].weights : w0;
          float[] w3 = n > 3 ? nulls[fs[from + 3]].weights : w0;
          sum4(block, w0, w1, w2, w3, a, len);
          for (int i = 0; i < n; i++) {
            c.accept(fs[from + i], a[i], len);
          }
        });
      }
    }

    private static void sum4(float[] block, float[] w0, float[] w1, float[] w2, float[] w3, float[][] acc, int len) {
      float[] a0 = acc[0];
      float[] a1 = acc[1];
      float[] a2 = acc[2];
      float[] a3 = acc[3];
      java.util.Arrays.fill(a0, 0, len, 0f);
      java.util.Arrays.fill(a1, 0, len, 0f);
      java.util.Arrays.fill(a2, 0, len, 0f);
      java.util.Arrays.fill(a3, 0, len, 0f);
      for (int j = 0; j < w0.length; j++) {
        float x0 = w0[j];
        float x1 = w1[j];
        float x2 = w2[j];
        float x3 = w3[j];
        int o = j * BLOCK;
        for (int s = 0; s < len; s++) {
          float b = block[o + s];
          a0[s] += b * x0;
          a1[s] += b * x1;
          a2[s] += b * x2;
          a3[s] += b * x3;
        }
      }
    }

    private static void siftUp(float[] h, int i) {
      while (i > 0) {
        int p = (i - 1) >>> 1;
        if (h[p] <= h[i]) {
          return;
        }
        float t = h[p];
        h[p] = h[i];
        h[i] = t;
        i = p;
      }
    }

    private static void siftDown(float[] h, int size) {
      int i = 0;
      while (true) {
        int l = 2 * i + 1;
        if (l >= size) {
          return;
        }
        int c = l + 1 < size && h[l + 1] < h[l] ? l + 1 : l;
        if (h[i] <= h[c]) {
          return;
        }
        float t = h[c];
        h[c] = h[i];
        h[i] = t;
        i = c;
      }
    }
  }

  /** Linear-interpolation quantile of sorted values at probability p in [0, 1]. */
  private static double quantile(double[] s, double p) {
    double pos = p * (s.length - 1);
    int i = (int) Math.floor(pos);
    if (i >= s.length - 1) {
      return s[s.length - 1];
    }
    return s[i] + (pos - i) * (s[i + 1] - s[i]);
  }
}
