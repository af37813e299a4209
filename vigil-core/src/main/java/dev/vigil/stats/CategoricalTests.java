package dev.vigil.stats;

import dev.vigil.InvalidArgumentException;
import org.hipparchus.special.Gamma;

/**
 * Tests on category counts. {@code reference[i]} and {@code current[i]} count the same category
 * {@code i}; counts must be non-negative and each side must have a positive total, else an {@link
 * InvalidArgumentException} names the side. Categories with a zero count on both sides are ignored.
 * Definitions follow SciPy 1.10 (named per method).
 */
public final class CategoricalTests {
  private CategoricalTests() {}

  /**
   * Chi-square test of homogeneity on the 2×K table (reference, current) × categories, without Yates'
   * correction: as SciPy's {@code chi2_contingency(table, correction=False)}. Statistic Σ (O−E)²/E,
   * K−1 degrees of freedom; with fewer than two categories in use the statistic is 0 and p = 1.
   * Effect size: Cramér's V = sqrt(χ² / N) (a 2×K table has min(r, c) − 1 = 1).
   */
  public static TestResult chiSquareHomogeneity(long[] reference, long[] current) {
    return contingency("chi2", reference, current, false, false);
  }

  /**
   * As {@link #chiSquareHomogeneity} with Yates' continuity correction when the table has one degree
   * of freedom (each |O − E| reduced by min(0.5, |O − E|)), as SciPy's default {@code
   * chi2_contingency(table)}.
   */
  public static TestResult chiSquareHomogeneityYates(long[] reference, long[] current) {
    return contingency("chi2", reference, current, false, true);
  }

  /**
   * G-test (log-likelihood ratio) of homogeneity on the same table: G = 2 Σ O ln(O/E) (0 ln 0 = 0),
   * K−1 degrees of freedom, as SciPy's {@code chi2_contingency(table, correction=False,
   * lambda_="log-likelihood")}. Effect size: sqrt(G / N).
   */
  public static TestResult gTest(long[] reference, long[] current) {
    return contingency("g", reference, current, true, false);
  }

  private static TestResult contingency(String name, long[] reference, long[] current, boolean g, boolean yates) {
    validate(reference, current);
    double r1 = sum(reference);
    double r2 = sum(current);
    double n = r1 + r2;
    int nonEmpty = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] + current[i] > 0) {
        nonEmpty++;
      }
    }
    boolean correct = yates && nonEmpty == 2;
    double stat = 0;
    int used = 0;
    for (int i = 0; i < reference.length; i++) {
      double col = reference[i] + current[i];
      if (col == 0) {
        continue;
      }
      used++;
      double e1 = r1 * col / n;
      double e2 = r2 * col / n;
      if (g) {
        stat += term(reference[i], e1) + term(current[i], e2);
      } else if (correct) {
        stat += sq(Math.max(0, Math.abs(reference[i] - e1) - 0.5)) / e1 + sq(Math.max(0, Math.abs(current[i] - e2) - 0.5)) / e2;
      } else {
        stat += sq(reference[i] - e1) / e1 + sq(current[i] - e2) / e2;
      }
    }
    if (g) {
      stat *= 2;
    }
    if (used < 2) {
      return new TestResult(name, 0.0, 1.0, 0.0, "asymptotic");
    }
    double p = Gamma.regularizedGammaQ((used - 1) / 2.0, stat / 2);
    return new TestResult(name, stat, p, Math.sqrt(stat / n), "asymptotic");
  }

  private static double term(long o, double e) {
    return o == 0 ? 0 : o * Math.log(o / e);
  }

  /**
   * Chi-square goodness of fit of the current counts to the reference proportions, as SciPy's {@code
   * chisquare(f_obs=current, f_exp=p_ref × n)} over the categories the reference has seen (a category
   * with a zero reference count has no expected frequency; such rows are counted by the
   * unseen-category signal of {@code dev.vigil.drift}, not here). n is the current count over those
   * categories; degrees of freedom K−1. Effect size: Cohen's w = sqrt(χ² / n).
   */
  public static TestResult chiSquareGoodnessOfFit(long[] reference, long[] current) {
    validate(reference, current);
    double rTot = sum(reference);
    double n = 0;
    int k = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] > 0) {
        n += current[i];
        k++;
      }
    }
    InvalidArgumentException.check(n > 0,
        "chi-square goodness of fit needs current values in categories the reference has seen: none found");
    double stat = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] > 0) {
        double e = reference[i] / rTot * n;
        stat += sq(current[i] - e) / e;
      }
    }
    if (k < 2) {
      return new TestResult("gof", 0.0, 1.0, 0.0, "asymptotic");
    }
    double p = Gamma.regularizedGammaQ((k - 1) / 2.0, stat / 2);
    return new TestResult("gof", stat, p, Math.sqrt(stat / n), "asymptotic");
  }

  /**
   * Fisher's exact test, two-sided, on the 2×2 table [[a, b], [c, d]] (rows reference, current;
   * columns the two categories): statistic the sample odds ratio a d / (b c) (∞ when b c = 0 &lt; a d,
   * NaN when both are 0), p-value the sum of hypergeometric probabilities not above the observed
   * one (relative tolerance 1e-7), as SciPy's {@code fisher_exact}. Effect size: |ln odds ratio|
   * with 0.5 added to every cell (Haldane–Anscombe), finite for every table.
   */
  public static TestResult fisherExact(long a, long b, long c, long d) {
    InvalidArgumentException.check(a >= 0 && b >= 0 && c >= 0 && d >= 0,
        "fisher exact test needs non-negative counts: [[%d, %d], [%d, %d]]", a, b, c, d);
    double or;
    if (b * c == 0) {
      or = a * d == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
    } else {
      or = (double) a * d / ((double) b * c);
    }
    double effect = Math.abs(Math.log((a + 0.5) * (d + 0.5) / ((b + 0.5) * (c + 0.5))));
    long n1 = a + b;
    long n2 = c + d;
    long col = a + c;
    if (n1 == 0 || n2 == 0 || col == 0 || col == n1 + n2) {
      return new TestResult("fisher", or, 1.0, effect, "exact");
    }
    long lo = Math.max(0, col - n2);
    long hi = Math.min(col, n1);
    double lpObs = logHyper(a, n1, n2, col);
    double p = 0;
    for (long k = lo; k <= hi; k++) {
      double lp = logHyper(k, n1, n2, col);
      if (lp <= lpObs + 1e-7) {
        p += Math.exp(lp);
      }
    }
    return new TestResult("fisher", or, Math.min(1.0, p), effect, "exact");
  }

  private static double logHyper(long k, long n1, long n2, long col) {
    return logChoose(n1, k) + logChoose(n2, col - k) - logChoose(n1 + n2, col);
  }

  private static double logChoose(long n, long k) {
    return Gamma.logGamma(n + 1.0) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1.0);
  }

  /**
   * Two-proportion z-test, two-sided, with the pooled proportion: z = (p_ref − p_cur) / sqrt(P (1−P)
   * (1/n_ref + 1/n_cur)), P = (x_ref + x_cur)/(n_ref + n_cur). When P is 0 or 1 (both sides
   * identical and constant) z = 0 and p = 1. Effect size: Cohen's h = |2 asin √p_ref − 2 asin √p_cur|.
   */
  public static TestResult twoProportionZ(long xRef, long nRef, long xCur, long nCur) {
    InvalidArgumentException.check(nRef > 0 && nCur > 0,
        "two-proportion z-test needs positive sample sizes: reference %d, current %d", nRef, nCur);
    InvalidArgumentException.check(xRef >= 0 && xRef <= nRef && xCur >= 0 && xCur <= nCur,
        "two-proportion z-test needs 0 <= successes <= size: reference %d/%d, current %d/%d", xRef, nRef, xCur, nCur);
    double p1 = xRef / (double) nRef;
    double p2 = xCur / (double) nCur;
    double pp = (xRef + xCur) / (double) (nRef + nCur);
    double h = Math.abs(2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2)));
    if (pp == 0 || pp == 1) {
      return new TestResult("ztest", 0.0, 1.0, h, "asymptotic");
    }
    double z = (p1 - p2) / Math.sqrt(pp * (1 - pp) * (1.0 / nRef + 1.0 / nCur));
    double p = 2 * TwoSampleTests.normalSf(Math.abs(z));
    return new TestResult("ztest", z, Math.min(1.0, p), h, "asymptotic");
  }

  private static void validate(long[] reference, long[] current) {
    InvalidArgumentException.check(reference != null && current != null && reference.length == current.length,
        "category counts must be aligned: reference has %d categories, current has %d",
        reference == null ? -1 : reference.length, current == null ? -1 : current.length);
    for (int i = 0; i < reference.length; i++) {
      InvalidArgumentException.check(reference[i] >= 0 && current[i] >= 0,
          "category counts must be non-negative: category %d has reference %d, current %d", i, reference[i], current[i]);
    }
    InvalidArgumentException.check(sum(reference) > 0, "reference counts must have a positive total");
    InvalidArgumentException.check(sum(current) > 0, "current counts must have a positive total");
  }

  private static double sum(long[] v) {
    double s = 0;
    for (long x : v) {
      s += x;
    }
    return s;
  }

  private static double sq(double x) {
    return x * x;
  }
}
