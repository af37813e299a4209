package dev.vigil.stats.internal;

/** Exact null distribution of the Mann–Whitney U statistic (no ties), by the standard recursion. */
public final class MannWhitneyExact {
  private MannWhitneyExact() {}

  /** P(U &gt;= u) for sample sizes m and n, U counting pairs (x_i &gt; y_j). */
  public static double sf(long u, int m, int n) {
    double[][] prev = new double[m + 1][];
    for (int a = 0; a <= m; a++) {
      prev[a] = new double[] {1.0};
    }
    for (int b = 1; b <= n; b++) {
      double[][] cur = new double[m + 1][];
      cur[0] = new double[] {1.0};
      for (int a = 1; a <= m; a++) {
        double[] d = new double[a * b + 1];
        double wa = a / (double) (a + b);
        double wb = b / (double) (a + b);
        double[] left = cur[a - 1];
        for (int k = 0; k < left.length; k++) {
          d[k + b] += wa * left[k];
        }
        double[] up = prev[a];
        for (int k = 0; k < up.length; k++) {
          d[k] += wb * up[k];
        }
        cur[a] = d;
      }
      prev = cur;
    }
    double[] pmf = prev[m];
    double s = 0;
    for (int k = (int) Math.max(0, u); k < pmf.length; k++) {
      s += pmf[k];
    }
    return Math.min(1.0, s);
  }
}
