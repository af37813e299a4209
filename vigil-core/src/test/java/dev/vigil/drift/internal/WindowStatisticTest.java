package dev.vigil.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.stats.TwoSampleTests;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The calibration path ({@code simulate}, sub-reference by subtraction) and the stream path ({@code
 * push}) compute the same statistic, and that statistic is the textbook one.
 */
class WindowStatisticTest {
  static double[][] data(long seed, int n, int d, boolean ties) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = ties ? r.nextInt(6) : r.nextGaussian();
      }
    }
    return x;
  }

  /** simulate on (reference, held-out e) equals push of e's rows onto a statistic built on the rest. */
  static void simulateEqualsStream(double[][] x, Function<double[][], WindowStatistic> make) {
    int w = 5;
    int[] e = {3, 17, 8, 40, 22, 9, 31, 5, 12, 60, 44, 2};
    double[] out = new double[e.length - w + 1];
    make.apply(x).simulate(e, w, out);
    boolean[] in = new boolean[x.length];
    for (int i : e) {
      in[i] = true;
    }
    double[][] rest = java.util.stream.IntStream.range(0, x.length).filter(i -> !in[i]).mapToObj(i -> x[i])
        .toArray(double[][]::new);
    WindowStatistic.State s = make.apply(rest).start(w);
    for (int t = 0; t < e.length; t++) {
      double v = s.push(x[e[t]]);
      if (t < w - 1) {
        assertThat(v).isNaN();
      } else {
        assertThat(v).as("window ending at %d", t).isCloseTo(out[t - w + 1], within(1e-12));
      }
    }
  }

  @Test
  void mmdCalibrationAndStreamAgreeAndMatchTheUnbiasedEstimator() {
    double[][] x = data(1, 80, 3, false);
    simulateEqualsStream(x, r -> new OnlineMmdStatistic(r, 1.7));
    // brute force: unbiased MMD² of the first window e[0..5) against the rest
    int[] e = {3, 17, 8, 40, 22, 9, 31, 5, 12, 60, 44, 2};
    double[] out = new double[8];
    new OnlineMmdStatistic(x, 1.7).simulate(e, 5, out);
    double[][] y = Arrays.stream(e, 0, 5).mapToObj(i -> x[i]).toArray(double[][]::new);
    java.util.Set<Integer> held = Arrays.stream(e).boxed().collect(java.util.stream.Collectors.toSet());
    double[][] ref = java.util.stream.IntStream.range(0, 80).filter(i -> !held.contains(i)).mapToObj(i -> x[i])
        .toArray(double[][]::new);
    assertThat(out[0]).isCloseTo(bruteMmd(ref, y, 1.7), within(1e-12));
  }

  static double k(double[] a, double[] b, double s2) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.exp(-s / (2 * s2));
  }

  static double bruteMmd(double[][] x, double[][] y, double s2) {
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        xx += i == j ? 0 : k(x[i], x[j], s2);
      }
      for (double[] b : y) {
        xy += k(x[i], b, s2);
      }
    }
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y.length; j++) {
        yy += i == j ? 0 : k(y[i], y[j], s2);
      }
    }
    int m = x.length;
    int n = y.length;
    return xx / (m * (m - 1.0)) + yy / (n * (n - 1.0)) - 2 * xy / (m * (double) n);
  }

  @Test
  void lsddCalibrationAndStreamAgree() {
    double[][] x = data(2, 90, 2, false);
    double[][] centres = data(3, 10, 2, false);
    simulateEqualsStream(x, r -> new OnlineLsddStatistic(r, centres, 0.9));
  }

  @Test
  void cvmCalibrationAndStreamAgreeWithAndWithoutTies() {
    simulateEqualsStream(data(4, 70, 2, false), OnlineCvmStatistic::new);
    simulateEqualsStream(data(5, 70, 2, true), OnlineCvmStatistic::new);
  }

  @Test
  void cvmEqualsTheSciPyCheckedTwoSampleStatisticWithoutTies() {
    double[][] x = data(6, 120, 1, false);
    WindowStatistic.State s = new OnlineCvmStatistic(x).start(15);
    double[][] y = data(7, 15, 1, false);
    double v = Double.NaN;
    for (double[] r : y) {
      v = s.push(r);
    }
    double[] a = Arrays.stream(x).mapToDouble(r -> r[0]).toArray();
    double[] b = Arrays.stream(y).mapToDouble(r -> r[0]).toArray();
    assertThat(v).isCloseTo(TwoSampleTests.cramerVonMises(a, b).statistic(), within(1e-9));
  }
}
