package dev.vigil.drift.internal;

import dev.vigil.stats.TestResult;
import dev.vigil.stats.internal.KolmogorovSmirnov;
import dev.vigil.stats.internal.Ranks;

/**
 * KS and Wasserstein against a compact reference (K + 1 quantiles at u = i/K, linear in between),
 * with the current sample exact. Error bounds against the exact reference: Wasserstein-1 within
 * (max − min)/K (the piecewise-linear quantile function differs from the step one by at most one
 * quantile step on each 1/K of u); KS's D within 1/K + 1/n.
 */
public final class CompactTests {
  private CompactTests() {}

  /** ∫₀¹ |Q_ref(u) − Q_cur(u)| du, Q_ref piecewise linear through the grid, Q_cur the step quantile of sorted cur. */
  public static double wasserstein1(double[] q, double[] cur) {
    int k = q.length - 1;
    int m = cur.length;
    int i = 0;
    int j = 0;
    double u0 = 0;
    double sum = 0;
    while (i < k && j < m) {
      long a = (long) (i + 1) * m;
      long b = (long) (j + 1) * k;
      double u1 = a <= b ? (i + 1) / (double) k : (j + 1) / (double) m;
      double len = u1 - u0;
      if (len > 0) {
        double slope = (q[i + 1] - q[i]) * k;
        double fa = q[i] + (u0 - i / (double) k) * slope;
        double fb = q[i] + (u1 - i / (double) k) * slope;
        double c = cur[j];
        double da = fa - c;
        double db = fb - c;
        if (da * db >= 0) {
          sum += len * Math.abs((da + db) / 2);
        } else {
          double t = da / (da - db);
          sum += len * (t * Math.abs(da) / 2 + (1 - t) * Math.abs(db) / 2);
        }
      }
      u0 = u1;
      if (a <= b) {
        i++;
      }
      if (b <= a) {
        j++;
      }
    }
    return sum;
  }

  /** F_ref(x) from the grid (right limit) and F_ref(x⁻) (left limit). */
  static double cdf(double[] q, double x, boolean left) {
    int k = q.length - 1;
    if (left ? x <= q[0] : x < q[0]) {
      return 0;
    }
    if (left ? x > q[k] : x >= q[k]) {
      return 1;
    }
    int i;
    if (left) {
      i = Ranks.lowerBound(q, x) - 1; // q[i] < x <= q[i+1]
    } else {
      i = Ranks.upperBound(q, x) - 1; // q[i] <= x < q[i+1]
    }
    double f = q[i + 1] > q[i] ? (x - q[i]) / (q[i + 1] - q[i]) : 0;
    return (i + f) / k;
  }

  /** Two-sample KS with the compact reference of n values; p from kstwo.sf(D, round(nm/(n + m))), SciPy's asymptotic rule. */
  public static TestResult ks(double[] q, long n, double[] cur) {
    int m = cur.length;
    double d = 0;
    int j = 0;
    while (j < m) {
      int e = j;
      while (e < m && cur[e] == cur[j]) {
        e++;
      }
      double x = cur[j];
      d = Math.max(d, Math.abs(cdf(q, x, false) - e / (double) m));
      d = Math.max(d, Math.abs(cdf(q, x, true) - j / (double) m));
      j = e;
    }
    double big = Math.max(n, m);
    double small = Math.min(n, m);
    double p = KolmogorovSmirnov.kolmogorovSf(d, (int) Math.rint(big * small / (big + small)));
    return new TestResult("ks", d, Math.min(1, Math.max(0, p)), d, "compact-reference");
  }
}
