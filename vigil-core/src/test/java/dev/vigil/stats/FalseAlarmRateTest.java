package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Under no change, each test's rejection rate at alpha = 0.05 over 1,000 seeded simulations lies in
 * the binomial 99% interval of alpha.
 */
class FalseAlarmRateTest {
  private static final int SIMS = 1000;
  private static final double ALPHA = 0.05;

  /**
   * Tests whose rate falls outside the interval by construction: the chi-square goodness of fit treats the reference shares as known, so with a reference of a size comparable to the current
   * sample it rejects far too often (about 34% here, which is why AUTO uses the two-sample chi-square
   * homogeneity test instead). The test fails once one of them lands inside the interval.
   */
  static final Set<String> KNOWN_DEVIATIONS = Set.of("gof");

  private static final java.util.List<String> SEEDS = java.util.List.of("ks", "cvm", "ad", "mannwhitney", "t", "es",
      "chi2", "gof", "g", "fisher", "ztest");

  @ParameterizedTest
  @ValueSource(strings = {"ks", "cvm", "ad", "mannwhitney", "t", "es", "chi2", "gof", "g", "fisher", "ztest"})
  void rejectionRateUnderNoChangeIsAlpha(String method) {
    SplittableRandom rng = new SplittableRandom(SEEDS.indexOf(method) + 1L);
    int rejections = 0;
    for (int s = 0; s < SIMS; s++) {
      TestResult r = simulate(method, rng);
      if (r.pValue() < ALPHA) {
        rejections++;
      }
    }
    BinomialDistribution b = new BinomialDistribution(SIMS, ALPHA);
    int lo = b.inverseCumulativeProbability(0.005);
    int hi = b.inverseCumulativeProbability(0.995);
    boolean inside = rejections >= lo && rejections <= hi;
    if (KNOWN_DEVIATIONS.contains(method)) {
      assertThat(inside).as("%s is a known deviation but its rate %d is now inside [%d, %d]", method, rejections, lo, hi)
          .isFalse();
    } else {
      assertThat(rejections).as("%s rejections in %d simulations", method, SIMS).isBetween(lo, hi);
    }
  }

  private static TestResult simulate(String method, SplittableRandom rng) {
    BiFunction<double[], double[], TestResult> numeric = switch (method) {
      case "ks" -> TwoSampleTests::kolmogorovSmirnov;
      case "cvm" -> TwoSampleTests::cramerVonMises;
      case "ad" -> (a, b) -> TwoSampleTests.andersonDarling(a, b);
      case "mannwhitney" -> TwoSampleTests::mannWhitney;
      case "t" -> TwoSampleTests::welchT;
      case "es" -> TwoSampleTests::eppsSingleton;
      default -> null;
    };
    if (numeric != null) {
      return numeric.apply(normal(rng, 80), normal(rng, 110));
    }
    double[] probs = method.equals("fisher") || method.equals("ztest") ? new double[] {0.3, 0.7}
        : new double[] {0.4, 0.3, 0.2, 0.1};
    long[] a = multinomial(rng, 150, probs);
    long[] b = multinomial(rng, 200, probs);
    return switch (method) {
      case "chi2" -> CategoricalTests.chiSquareHomogeneity(a, b);
      case "gof" -> CategoricalTests.chiSquareGoodnessOfFit(a, b);
      case "g" -> CategoricalTests.gTest(a, b);
      case "fisher" -> CategoricalTests.fisherExact(a[0], a[1], b[0], b[1]);
      case "ztest" -> CategoricalTests.twoProportionZ(a[0], 150, b[0], 200);
      default -> throw new IllegalArgumentException(method);
    };
  }

  private static double[] normal(SplittableRandom rng, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double u1 = rng.nextDouble();
      double u2 = rng.nextDouble();
      v[i] = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
    return v;
  }

  private static long[] multinomial(SplittableRandom rng, int n, double[] p) {
    long[] c = new long[p.length];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      int k = 0;
      double acc = p[0];
      while (u >= acc && k < p.length - 1) {
        acc += p[++k];
      }
      c[k]++;
    }
    return c;
  }
}
