package dev.vigil.stats;

import dev.vigil.InvalidArgumentException;

/**
 * Divergences and distances between two discrete distributions given as aligned proportion vectors
 * ({@code reference[i]} and {@code current[i]} describe the same bin or category). Vectors come from
 * {@link Binning#proportions}, which replaces empty bins by {@link Binning#EMPTY_BIN_PROPORTION};
 * entries must be finite and non-negative. Logarithms are natural (nats). None has a p-value; the
 * effect size of each is the distance itself.
 */
public final class Divergences {
  private Divergences() {}

  /**
   * Population Stability Index Σ (cur − ref) ln(cur / ref), on the vectors as given (not
   * renormalised). Needs positive entries.
   */
  public static TestResult psi(double[] reference, double[] current) {
    check(reference, current, true);
    double s = 0;
    for (int i = 0; i < reference.length; i++) {
      s += (current[i] - reference[i]) * Math.log(current[i] / reference[i]);
    }
    return distance("psi", s);
  }

  /**
   * Kullback–Leibler divergence KL(ref ‖ cur) = Σ p ln(p / q) after normalising both vectors to sum
   * 1, as SciPy's {@code entropy(ref, cur)}; ∞ when cur has a zero where ref does not.
   */
  public static TestResult kullbackLeibler(double[] reference, double[] current) {
    check(reference, current, false);
    double[] p = normalise(reference);
    double[] q = normalise(current);
    return distance("kl", kl(p, q));
  }

  /**
   * Jensen–Shannon divergence ½ KL(p ‖ m) + ½ KL(q ‖ m), m = (p + q)/2, after normalising, natural
   * log: in [0, ln 2].
   */
  public static TestResult jensenShannonDivergence(double[] reference, double[] current) {
    check(reference, current, false);
    return distance("js_divergence", js(normalise(reference), normalise(current)));
  }

  /**
   * Jensen–Shannon distance, the square root of {@link #jensenShannonDivergence} (natural log), as
   * SciPy's {@code distance.jensenshannon(ref, cur)}: in [0, sqrt(ln 2)].
   */
  public static TestResult jensenShannonDistance(double[] reference, double[] current) {
    check(reference, current, false);
    return distance("js", Math.sqrt(Math.max(0, js(normalise(reference), normalise(current)))));
  }

  /** Hellinger distance sqrt(½ Σ (√p − √q)²) after normalising: in [0, 1]. */
  public static TestResult hellinger(double[] reference, double[] current) {
    check(reference, current, false);
    double[] p = normalise(reference);
    double[] q = normalise(current);
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
      s += d * d;
    }
    return distance("hellinger", Math.sqrt(s / 2));
  }

  /** Total-variation distance ½ Σ |p − q| after normalising: in [0, 1]. */
  public static TestResult totalVariation(double[] reference, double[] current) {
    check(reference, current, false);
    double[] p = normalise(reference);
    double[] q = normalise(current);
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += Math.abs(p[i] - q[i]);
    }
    return distance("tvd", s / 2);
  }

  private static double js(double[] p, double[] q) {
    double[] m = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      m[i] = (p[i] + q[i]) / 2;
    }
    return 0.5 * kl(p, m) + 0.5 * kl(q, m);
  }

  private static double kl(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        s += q[i] == 0 ? Double.POSITIVE_INFINITY : p[i] * Math.log(p[i] / q[i]);
      }
    }
    return s;
  }

  private static double[] normalise(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = v[i] / s;
    }
    return o;
  }

  private static TestResult distance(String name, double d) {
    return new TestResult(name, d, Double.NaN, d, "none");
  }

  private static void check(double[] reference, double[] current, boolean positive) {
    InvalidArgumentException.check(reference != null && current != null && reference.length == current.length
        && reference.length > 0, "proportion vectors must be non-empty and aligned: reference %d, current %d",
        reference == null ? -1 : reference.length, current == null ? -1 : current.length);
    for (int i = 0; i < reference.length; i++) {
      boolean ok = Double.isFinite(reference[i]) && Double.isFinite(current[i])
          && (positive ? reference[i] > 0 && current[i] > 0 : reference[i] >= 0 && current[i] >= 0);
      InvalidArgumentException.check(ok, "proportions must be %s: bin %d has reference %s, current %s",
          positive ? "positive" : "non-negative", i, reference[i], current[i]);
    }
  }
}
