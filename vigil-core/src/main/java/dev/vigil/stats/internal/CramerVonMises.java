package dev.vigil.stats.internal;

import java.util.HashMap;
import java.util.Map;
import org.hipparchus.special.Gamma;

/** Null distribution of the two-sample Cramér–von Mises statistic, as SciPy 1.10 computes it. */
public final class CramerVonMises {
  private CramerVonMises() {}

  /**
   * Limiting CDF of the Cramér–von Mises statistic (Csörgő and Faraway 1996, eq. 1.2), summing the
   * series until a term falls below 1e-7 as SciPy does.
   */
  public static double cdfInfinite(double x) {
    double tot = 0;
    for (int k = 0; k < 10_000; k++) {
      double u = Math.exp(Gamma.logGamma(k + 0.5) - Gamma.logGamma(k + 1.0)) / (Math.pow(Math.PI, 1.5) * Math.sqrt(x));
      double y = 4.0 * k + 1;
      double q = y * y / (16 * x);
      double z = u * Math.sqrt(y) * Math.exp(-q) * besselK(0.25, q);
      tot += z;
      if (Math.abs(z) < 1e-7) {
        break;
      }
    }
    return tot;
  }

  /**
   * Modified Bessel function of the second kind K_nu(x), x &gt; 0, by the trapezoid rule on
   * {@code ∫_0^∞ exp(-x cosh t) cosh(nu t) dt}; the integrand is analytic and decays doubly
   * exponentially, so the rule converges geometrically in the step.
   */
  public static double besselK(double nu, double x) {
    if (x > 700) {
      return 0.0;
    }
    double step = 0.01;
    double sum = 0.5 * Math.exp(-x);
    for (int i = 1; ; i++) {
      double t = i * step;
      double term = Math.exp(-x * Math.cosh(t)) * Math.cosh(nu * t);
      sum += term;
      if (term < 1e-300 || (term < sum * 1e-17 && x * Math.cosh(t) > 50)) {
        break;
      }
    }
    return sum * step;
  }

  /**
   * Exact p-value P(U &gt;= u) of the two-sample statistic's integer form {@code u} (Xiao, Gordon and
   * Yakovlev 2006), by dynamic programming over lattice paths; for small samples only.
   */
  public static double exactPValue(long u, int m, int n) {
    long lcm = m / KolmogorovSmirnov.gcd(m, n) * (long) n;
    long a = lcm / m;
    long b = lcm / n;
    long mn = (long) m * n;
    long zeta = Math.floorDiv(lcm * lcm * (m + n) * (6 * u - mn * (4 * mn - 1)), 6 * mn * mn);
    double combinations = Math.exp(Gamma.logGamma(m + n + 1.0) - Gamma.logGamma(m + 1.0) - Gamma.logGamma(n + 1.0));
    combinations = Math.rint(combinations);
    @SuppressWarnings("unchecked")
    Map<Long, Long>[] gs = new Map[m + 1];
    for (int v = 0; v <= m; v++) {
      gs[v] = new HashMap<>();
    }
    gs[0].put(0L, 1L);
    for (int uu = 0; uu <= n; uu++) {
      @SuppressWarnings("unchecked")
      Map<Long, Long>[] next = new Map[m + 1];
      Map<Long, Long> tmp = new HashMap<>();
      for (int v = 0; v <= m; v++) {
        Map<Long, Long> merged = new HashMap<>(tmp);
        for (Map.Entry<Long, Long> e : gs[v].entrySet()) {
          merged.merge(e.getKey(), e.getValue(), Long::sum);
        }
        long add = (a * v - b * uu) * (a * v - b * uu);
        Map<Long, Long> shifted = new HashMap<>();
        for (Map.Entry<Long, Long> e : merged.entrySet()) {
          shifted.put(e.getKey() + add, e.getValue());
        }
        tmp = shifted;
        next[v] = shifted;
      }
      gs = next;
    }
    long count = 0;
    for (Map.Entry<Long, Long> e : gs[m].entrySet()) {
      if (e.getKey() >= zeta) {
        count += e.getValue();
      }
    }
    return count / combinations;
  }
}
