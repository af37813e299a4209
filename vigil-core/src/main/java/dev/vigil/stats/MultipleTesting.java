package dev.vigil.stats;

import java.util.Arrays;

/**
 * Corrections of a family of p-values for multiple comparisons. NaN entries (methods without a
 * p-value) stay NaN and do not count towards the family size m.
 */
public final class MultipleTesting {
  private MultipleTesting() {}

  /** Bonferroni: min(1, m p). */
  public static double[] bonferroni(double[] p) {
    long m = Arrays.stream(p).filter(v -> !Double.isNaN(v)).count();
    double[] o = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      o[i] = Double.isNaN(p[i]) ? Double.NaN : Math.min(1.0, p[i] * m);
    }
    return o;
  }

  /**
   * Benjamini–Hochberg adjusted p-values (false-discovery rate): for the i-th smallest of m,
   * min over j ≥ i of m p_(j) / j, capped at 1; equal to statsmodels' {@code fdr_bh}.
   */
  public static double[] benjaminiHochberg(double[] p) {
    int n = p.length;
    Integer[] idx = new Integer[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      idx[i] = i;
      if (!Double.isNaN(p[i])) {
        m++;
      }
    }
    Arrays.sort(idx, (a, b) -> Double.compare(nanLast(p[a]), nanLast(p[b])));
    double[] o = new double[n];
    Arrays.fill(o, Double.NaN);
    double running = 1.0;
    for (int r = m - 1; r >= 0; r--) {
      int i = idx[r];
      running = Math.min(running, p[i] * m / (r + 1));
      o[i] = Math.min(1.0, running);
    }
    return o;
  }

  private static double nanLast(double v) {
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
  }
}
