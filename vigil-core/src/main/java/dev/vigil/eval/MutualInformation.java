package dev.vigil.eval;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;
import org.hipparchus.special.Gamma;

/**
 * Mutual information between two variables, in nats, as scikit-learn defines it.
 *
 * <ul>
 *   <li>{@link #discrete}: the plug-in estimate from the contingency table
 *       ({@code sklearn.metrics.mutual_info_score}).
 *   <li>{@link #continuousDiscrete}: the Ross (2014) k-nearest-neighbour estimate between a continuous
 *       feature and a discrete label ({@code mutual_info_classif} for one continuous feature).
 *   <li>{@link #continuousContinuous}: the Kraskov-Stögbauer-Grassberger estimate
 *       ({@code mutual_info_regression} for one feature). O(n²): meant for samples of a few thousand rows.
 * </ul>
 *
 * <p>Deviation, by design: scikit-learn adds noise of relative size 1e-10 to continuous values to break
 * ties (seeded by {@code random_state}); Vigil does not, so with tied values the two can differ. On
 * tie-free data they agree to about 1e-9. Estimates below zero are returned as 0, as in scikit-learn.
 */
public final class MutualInformation {
  private MutualInformation() {}

  /**
   * Plug-in mutual information of two discrete variables given as codes ≥ 0.
   *
   * @return MI in nats, ≥ 0; 0 for empty input
   * @throws InvalidArgumentException when lengths differ or a code is negative
   */
  public static double discrete(int[] x, int[] y) {
    InvalidArgumentException.check(x.length == y.length, "mutual information: lengths differ: %d != %d", x.length, y.length);
    int n = x.length;
    if (n == 0) {
      return 0;
    }
    int kx = 0;
    int ky = 0;
    for (int i = 0; i < n; i++) {
      InvalidArgumentException.check(x[i] >= 0 && y[i] >= 0, "mutual information: negative code at index %d", i);
      kx = Math.max(kx, x[i] + 1);
      ky = Math.max(ky, y[i] + 1);
    }
    long[] cx = new long[kx];
    long[] cy = new long[ky];
    java.util.HashMap<Long, long[]> joint = new java.util.HashMap<>();
    boolean dense = (long) kx * ky <= 4_000_000L;
    long[] jd = dense ? new long[kx * ky] : null;
    for (int i = 0; i < n; i++) {
      cx[x[i]]++;
      cy[y[i]]++;
      if (dense) {
        jd[x[i] * ky + y[i]]++;
      } else {
        joint.computeIfAbsent(((long) x[i] << 32) | y[i], key -> new long[1])[0]++;
      }
    }
    double mi = 0;
    if (dense) {
      for (int a = 0; a < kx; a++) {
        for (int b = 0; b < ky; b++) {
          mi += term(jd[a * ky + b], cx[a], cy[b], n);
        }
      }
    } else {
      for (var e : joint.entrySet()) {
        long key = e.getKey();
        mi += term(e.getValue()[0], cx[(int) (key >>> 32)], cy[(int) key], n);
      }
    }
    return Math.max(0, mi);
  }

  private static double term(long nxy, long nx, long ny, long n) {
    if (nxy == 0) {
      return 0;
    }
    return (double) nxy / n * Math.log((double) nxy * n / ((double) nx * ny));
  }

  /**
   * k-NN estimate of the mutual information between a continuous variable {@code x} and class codes
   * {@code y} (Ross 2014). Rows whose class occurs once are ignored, as in scikit-learn.
   *
   * @param x finite values
   * @param y class codes ≥ 0
   * @param neighbours k, ≥ 1 (scikit-learn's default is 3)
   * @return MI in nats, ≥ 0; 0 when fewer than two rows remain
   * @throws InvalidArgumentException when lengths differ, k &lt; 1, a value is not finite or a code negative
   */
  public static double continuousDiscrete(double[] x, int[] y, int neighbours) {
    InvalidArgumentException.check(x.length == y.length, "mutual information: lengths differ: %d != %d", x.length, y.length);
    InvalidArgumentException.check(neighbours >= 1, "mutual information: neighbours must be >= 1: %d", neighbours);
    int n = x.length;
    int k = 0;
    for (int i = 0; i < n; i++) {
      InvalidArgumentException.check(Double.isFinite(x[i]), "mutual information: value at index %d is not finite: %s", i, x[i]);
      InvalidArgumentException.check(y[i] >= 0, "mutual information: negative code at index %d", i);
      k = Math.max(k, y[i] + 1);
    }
    int[] counts = new int[k];
    for (int v : y) {
      counts[v]++;
    }
    // Sorted values per class.
    double[][] byClass = new double[k][];
    int[] fill = new int[k];
    for (int c = 0; c < k; c++) {
      byClass[c] = new double[counts[c]];
    }
    for (int i = 0; i < n; i++) {
      byClass[y[i]][fill[y[i]]++] = x[i];
    }
    int kept = 0;
    for (int c = 0; c < k; c++) {
      Arrays.sort(byClass[c]);
      if (counts[c] > 1) {
        kept += counts[c];
      }
    }
    if (kept < 2) {
      return 0;
    }
    double[] all = new double[kept];
    int a = 0;
    for (int c = 0; c < k; c++) {
      if (counts[c] > 1) {
        System.arraycopy(byClass[c], 0, all, a, counts[c]);
        a += counts[c];
      }
    }
    Arrays.sort(all);
    double sumK = 0;
    double sumLabel = 0;
    double sumM = 0;
    for (int c = 0; c < k; c++) {
      int m = counts[c];
      if (m <= 1) {
        continue;
      }
      int kk = Math.min(neighbours, m - 1);
      double psiK = Gamma.digamma(kk);
      double psiLabel = Gamma.digamma(m);
      double[] s = byClass[c];
      for (int i = 0; i < m; i++) {
        double r = kthDistance(s, i, kk);
        r = r > 0 ? Math.nextDown(r) : 0;
        int cnt = countWithin(all, s[i], r);
        sumK += psiK;
        sumLabel += psiLabel;
        sumM += Gamma.digamma(cnt);
      }
    }
    double mi = Gamma.digamma(kept) + (sumK - sumLabel - sumM) / kept;
    return Math.max(0, mi);
  }

  /** Distance from s[i] to its k-th nearest other element of sorted s. */
  private static double kthDistance(double[] s, int i, int k) {
    int l = i - 1;
    int r = i + 1;
    double d = 0;
    for (int step = 0; step < k; step++) {
      double dl = l >= 0 ? s[i] - s[l] : Double.POSITIVE_INFINITY;
      double dr = r < s.length ? s[r] - s[i] : Double.POSITIVE_INFINITY;
      if (dl <= dr) {
        d = dl;
        l--;
      } else {
        d = dr;
        r++;
      }
    }
    return d;
  }

  /**
   * Number of elements of sorted a with |a[j] - x| <= r, computed on the distance itself (as a k-d tree
   * does) rather than on x ± r, whose rounding would admit the boundary neighbour.
   */
  private static int countWithin(double[] a, double x, double r) {
    int lo = dev.vigil.stats.internal.Ranks.lowerBound(a, x - r);
    while (lo < a.length && Math.abs(a[lo] - x) > r) {
      lo++;
    }
    while (lo > 0 && Math.abs(a[lo - 1] - x) <= r) {
      lo--;
    }
    int hi = dev.vigil.stats.internal.Ranks.upperBound(a, x + r);
    while (hi > lo && Math.abs(a[hi - 1] - x) > r) {
      hi--;
    }
    while (hi < a.length && Math.abs(a[hi] - x) <= r) {
      hi++;
    }
    return hi - lo;
  }

  /**
   * KSG estimate (algorithm 1) of the mutual information between two continuous variables, with the
   * max-norm, equal to scikit-learn's {@code _compute_mi_cc}. Both variables are scaled by their
   * standard deviation first, as {@code mutual_info_regression} does.
   *
   * @param neighbours k in [1, n - 1]
   * @return MI in nats, ≥ 0
   * @throws InvalidArgumentException when lengths differ, k is out of range or a value is not finite
   */
  public static double continuousContinuous(double[] x, double[] y, int neighbours) {
    InvalidArgumentException.check(x.length == y.length, "mutual information: lengths differ: %d != %d", x.length, y.length);
    int n = x.length;
    InvalidArgumentException.check(neighbours >= 1 && neighbours < n, "mutual information: neighbours must be in [1, %d]: %d", n - 1, neighbours);
    double[] xs = scaled(x);
    double[] ys = scaled(y);
    double[] d = new double[n];
    double sumNx = 0;
    double sumNy = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d[j] = j == i ? Double.POSITIVE_INFINITY : Math.max(Math.abs(xs[i] - xs[j]), Math.abs(ys[i] - ys[j]));
      }
      double r = kthSmallest(d, neighbours);
      r = r > 0 ? Math.nextDown(r) : 0;
      int nx = 0;
      int ny = 0;
      for (int j = 0; j < n; j++) {
        if (Math.abs(xs[i] - xs[j]) <= r) {
          nx++;
        }
        if (Math.abs(ys[i] - ys[j]) <= r) {
          ny++;
        }
      }
      // nx and ny include the point itself, i.e. they are scikit-learn's nx + 1 and ny + 1.
      sumNx += Gamma.digamma(nx);
      sumNy += Gamma.digamma(ny);
    }
    double mi = Gamma.digamma(n) + Gamma.digamma(neighbours) - (sumNx + sumNy) / n;
    return Math.max(0, mi);
  }

  private static double kthSmallest(double[] d, int k) {
    double[] c = d.clone();
    Arrays.sort(c);
    return c[k - 1];
  }

  private static double[] scaled(double[] v) {
    int n = v.length;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      InvalidArgumentException.check(Double.isFinite(v[i]), "mutual information: value at index %d is not finite: %s", i, v[i]);
      mean += v[i];
    }
    mean /= n;
    double ss = 0;
    for (double a : v) {
      ss += (a - mean) * (a - mean);
    }
    double sd = Math.sqrt(ss / n); // sklearn.preprocessing.scale: population standard deviation
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = sd > 0 ? v[i] / sd : v[i];
    }
    return out;
  }
}
