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
    int k = 128;
    double[] dq = new double[k];
    for (int j = 1; j < k; j++) {
      dq[j] = quantile(sortedReference, (j + 0.5) / k) - quantile(sortedReference, (j - 0.5) / k);
    }
    // the first and last half-steps reach the sample's extremes
    dq[1] += quantile(sortedReference, 0.5 / k) - sortedReference[0];
    dq[k - 1] += sortedReference[n - 1] - quantile(sortedReference, (k - 0.5) / k);
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
