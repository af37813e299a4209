package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import dev.vigil.stats.TestResult;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultivariateDriftTest {
  static double[][] points(long seed, int n, int d, double shift) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        x[i][k] = shift + Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
      }
    }
    return x;
  }

  static double bruteMmd2(double[][] x, double[][] y, double sigma2) {
    int m = x.length;
    int n = y.length;
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        if (i != j) {
          xx += k(x[i], x[j], sigma2);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          yy += k(y[i], y[j], sigma2);
        }
      }
    }
    for (double[] a : x) {
      for (double[] b : y) {
        xy += k(a, b, sigma2);
      }
    }
    return xx / (m * (m - 1.0)) + yy / (n * (n - 1.0)) - 2 * xy / ((double) m * n);
  }

  static double k(double[] a, double[] b, double sigma2) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.exp(-s / (2 * sigma2));
  }

  @Test
  void statisticIsTheUnbiasedMmdWithTheMedianHeuristic() {
    double[][] x = points(1, 40, 3, 0);
    double[][] y = points(2, 30, 3, 0.5);
    double sigma2 = MultivariateDrift.medianHeuristic(x, y, new SplittableRandom(1));
    TestResult r = MultivariateDrift.mmd(x, y, 20, 7);
    assertThat(r.statistic()).isCloseTo(bruteMmd2(x, y, sigma2), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void permutationPValueDetectsAShiftAndIsNeverZero() {
    TestResult shifted = MultivariateDrift.mmd(points(1, 150, 5, 0), points(2, 150, 5, 0.6), 99, 3);
    assertThat(shifted.pValue()).isEqualTo(1.0 / 100);
    TestResult same = MultivariateDrift.mmd(points(3, 150, 5, 0), points(4, 150, 5, 0), 99, 3);
    assertThat(same.pValue()).isGreaterThan(0.05);
    assertThat(same.pValue() * 100).isCloseTo(Math.rint(same.pValue() * 100), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void rejectsRaggedRowsAndTinySamples() {
    assertThatThrownBy(() -> MultivariateDrift.mmd(new double[][] {{1, 2}, {3}}, points(1, 3, 2, 0), 5, 1))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("row 1 of the reference has 1 values");
    assertThatThrownBy(() -> MultivariateDrift.mmd(points(1, 1, 2, 0), points(1, 3, 2, 0), 5, 1))
        .hasMessageContaining("at least 2 rows");
  }

  static dev.vigil.data.Table correlated(long seed, int n, boolean broken) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[] a = new double[n];
    double[] b = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      double z = rng.nextGaussian();
      a[i] = z + 0.2 * rng.nextGaussian();
      b[i] = (broken ? rng.nextGaussian() : z) + 0.2 * rng.nextGaussian();
      c[i] = rng.nextGaussian();
    }
    return dev.vigil.data.Table.of(dev.vigil.data.DoubleColumn.of("a", a), dev.vigil.data.DoubleColumn.of("b", b),
        dev.vigil.data.DoubleColumn.of("c", c));
  }

  @Test
  void pcaReconstructionCatchesABrokenCorrelationThatMarginalsMiss() {
    dev.vigil.data.Table ref = correlated(1, 5000, false);
    MultivariateDrift.PcaResult same = MultivariateDrift.pcaReconstruction(ref, correlated(2, 500, false), java.util.List.of(), 500);
    assertThat(same.drift()).isFalse();
    assertThat(same.components()).isEqualTo(1);
    MultivariateDrift.PcaResult broken = MultivariateDrift.pcaReconstruction(ref, correlated(3, 500, true), java.util.List.of(), 500);
    assertThat(broken.drift()).isTrue();
    assertThat(broken.error()).isGreaterThan(broken.upper());
    assertThat(broken.referenceChunkErrors()).hasSize(10);
  }

  @Test
  void domainClassifierAucSeparatesShiftedFromUnchangedData() {
    dev.vigil.data.Table ref = correlated(1, 1000, false);
    TestResult same = MultivariateDrift.domainClassifier(ref, correlated(15838, 600, false), java.util.List.of(), 5, 3);
    assertThat(same.pValue()).isGreaterThan(0.01);
    assertThat(same.statistic()).isBetween(0.4, 0.6);
    dev.vigil.data.Table c = correlated(3, 600, false);
    double[] a = c.doubleColumn("a").toArray();
    for (int i = 0; i < a.length; i++) {
      a[i] += 0.3;
    }
    TestResult shifted = MultivariateDrift.domainClassifier(ref, c.withColumn(dev.vigil.data.DoubleColumn.of("a", a)),
        java.util.List.of(), 5, 3);
    assertThat(shifted.pValue()).isLessThan(0.01);
    assertThat(shifted.statistic()).isGreaterThan(0.55);
  }

  @Test
  void lsddDetectsAShiftAndNotNoise() {
    TestResult shifted = MultivariateDrift.lsdd(points(1, 400, 3, 0), points(2, 300, 3, 0.7), 49, 5);
    assertThat(shifted.pValue()).isEqualTo(1.0 / 50);
    assertThat(shifted.statistic()).isPositive();
    TestResult same = MultivariateDrift.lsdd(points(3, 400, 3, 0), points(15838, 300, 3, 0), 49, 5);
    assertThat(same.pValue()).isGreaterThan(0.05);
  }
}
