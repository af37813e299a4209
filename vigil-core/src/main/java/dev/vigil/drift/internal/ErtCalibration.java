package dev.vigil.drift.internal;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Thresholds of a sliding-window detector for a target Expected Run Time (ERT) under no change,
 * by simulation on the reference (alibi-detect's procedure for its online MMD/LSDD/CvM detectors,
 * with a pooled stationary threshold).
 *
 * <p>The detector tests from the w-th row on (the first full window), so its run time is w − 1 plus
 * the number of tests until the first alarm; a constant conditional alarm probability p = 1/(ERT − w
 * + 1) per test makes the latter geometric with mean ERT − w + 1, and the run time's mean ERT. Each of
 * B bootstraps draws, without replacement, 5w − 1 reference rows as a test stream and keeps the other
 * rows as the sub-reference; the statistic is computed for its K = 4w overlapping windows. Then:
 *
 * <ul>
 *   <li>for tests s = 1..2w − 1 the threshold is the (1 − p) quantile of the statistics at test s of
 *       the bootstraps that have not crossed an earlier threshold (conditional quantiles: the chance
 *       of a first alarm at s, given none before, is p);
 *   <li>from test 2w on, one stationary threshold h: the value at which the pooled hazard over tests
 *       2w..4w (first crossings divided by bootstrap-tests still running) equals p, found by
 *       bisection. alibi-detect takes the quantile of a single step there; pooling 2w + 1 steps gives
 *       a larger sample for the threshold that decides nearly the whole run time.
 * </ul>
 */
public final class ErtCalibration {
  private ErtCalibration() {}

  /** Default bootstraps for an ERT: max(2000, 25 × ERT), so the stationary threshold sees ≥ 50w crossings. */
  public static int defaultBootstraps(double ert) {
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2000, Math.ceil(25 * ert)));
  }

  /** Tests simulated per bootstrap for window w. */
  public static int steps(int w) {
    return 4 * w;
  }

  /**
   * The thresholds of tests s = 1..2w (index s − 1; the last one is the stationary threshold used
   * from test 2w on). Needs ERT &gt; w and a reference of at least 5w − 1 + max(10, w) rows.
   */
  public static double[] thresholds(WindowStatistic stat, int w, double ert, int bootstraps, SplittableRandom rng) {
    int n = stat.size();
    int k = steps(w);
    int len = w + k - 1;
    InvalidArgumentException.check(n >= len + Math.max(10, w),
        "the reference needs at least %d rows for window size %d (5w - 1 rows are held out per bootstrap "
            + "plus a sub-reference of at least %d rows): %d", len + Math.max(10, w), w, Math.max(10, w), n);
    InvalidArgumentException.check(ert > w, "ert must be larger than the window size %d: %s", w, ert);
    InvalidArgumentException.check(bootstraps >= 100, "bootstraps must be >= 100: %d", bootstraps);
    double fpr = 1.0 / (ert - w + 1);
    double[][] stats = new double[bootstraps][k];
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    int[] e = new int[len];
    for (int b = 0; b < bootstraps; b++) {
      // partial Fisher–Yates: the last len slots are a uniform draw without replacement
      for (int i = n - 1; i >= n - len; i--) {
        int j = rng.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      System.arraycopy(idx, n - len, e, 0, len);
      stat.simulate(e, w, stats[b]);
    }
    int warm = 2 * w - 1;
    double[] thr = new double[warm + 1];
    boolean[] alive = new boolean[bootstraps];
    Arrays.fill(alive, true);
    double[] buf = new double[bootstraps];
    for (int t = 1; t <= warm; t++) {
      int c = 0;
      for (int b = 0; b < bootstraps; b++) {
        if (alive[b]) {
          buf[c++] = stats[b][t - 1];
        }
      }
      InvalidArgumentException.check(c * fpr >= 1, "too few bootstraps (%d) for ert %s: raise the bootstraps", bootstraps, ert);
      double q = quantile(buf, c, 1 - fpr);
      thr[t - 1] = q;
      for (int b = 0; b < bootstraps; b++) {
        if (alive[b] && stats[b][t - 1] > q) {
          alive[b] = false;
        }
      }
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int b = 0; b < bootstraps; b++) {
      for (int t = warm; t < k; t++) {
        lo = Math.min(lo, stats[b][t]);
        hi = Math.max(hi, stats[b][t]);
      }
    }
    lo -= 1e-12 + 1e-9 * Math.abs(lo);
    for (int it = 0; it < 100 && hi - lo > 1e-14 * Math.max(1, Math.abs(hi)); it++) {
      double mid = 0.5 * (lo + hi);
      if (hazard(stats, alive, warm, k, mid) > fpr) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    thr[warm] = hi;
    return thr;
  }

  private static double hazard(double[][] stats, boolean[] alive, int from, int k, double h) {
    long running = 0;
    long crossed = 0;
    for (int b = 0; b < stats.length; b++) {
      if (!alive[b]) {
        continue;
      }
      double[] s = stats[b];
      for (int t = from; t < k; t++) {
        running++;
        if (s[t] > h) {
          crossed++;
          break;
        }
      }
    }
    return running == 0 ? 0 : crossed / (double) running;
  }

  /** numpy's default (linear) quantile of the first c values of v (v is reordered). */
  static double quantile(double[] v, int c, double q) {
    Arrays.sort(v, 0, c);
    double pos = q * (c - 1);
    int i = (int) Math.floor(pos);
    if (i >= c - 1) {
      return v[c - 1];
    }
    return v[i] + (pos - i) * (v[i + 1] - v[i]);
  }
}
