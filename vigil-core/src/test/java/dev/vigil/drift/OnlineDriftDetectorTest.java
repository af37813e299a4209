package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The ERT-calibrated online detectors keep the requested Expected Run Time under no change and fire
 * soon after a change.
 */
class OnlineDriftDetectorTest {
  static double[][] gaussian(SplittableRandom rng, int n, int d, double shift) {
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = rng.nextGaussian() + shift;
      }
    }
    return x;
  }

  static double[] row(SplittableRandom rng, int d, double shift) {
    double[] r = new double[d];
    for (int j = 0; j < d; j++) {
      r[j] = rng.nextGaussian() + shift;
    }
    return r;
  }

  /**
   * Under no change the run time is about geometric, so its standard deviation is about its mean:
   * with 400 streams the standard error of the average is about ERT/20, and ±20% of the ERT is about
   * 4 standard errors (the test also checks this from the observed spread). The calibration targets
   * the ERT over draws of the reference as well as of the stream (a fixed reference of a few hundred rows
   * moves its own ERT by roughly ±10%), so the streams are spread over seeded references of 300 rows (8
   * references × 50 streams for ERT 100 with window 10, 4 × 100 for ERT 1,000 with window 5, where
   * calibration costs more), all N(0, I). A stream that reaches 20 × ERT without an alarm counts as 20 × ERT.
   */
  @ParameterizedTest(name = "{0} d={1} ert={2} w={3}")
  @CsvSource({"mmd, 2, 100, 10", "mmd, 2, 1000, 5", "lsdd, 2, 100, 10", "lsdd, 2, 1000, 5", "cvm, 1, 100, 10",
      "cvm, 1, 1000, 5", "cvm, 3, 100, 10"})
  void averageRunTimeUnderNoChangeIsWithinTwentyPercentOfTheErt(String name, int d, int ert, int w) {
    int references = ert >= 1000 ? 4 : 8;
    int perReference = 400 / references;
    int streams = references * perReference;
    double[] runs = new double[streams];
    for (int r = 0; r < references; r++) {
      double[][] ref = gaussian(new SplittableRandom(7 + r), 300, d, 0);
      OnlineDriftDetector det = OnlineDriftDetector.named(name, ref,
          OnlineDriftDetector.Options.of(ert).withWindowSize(w).withSeed(11 + r));
      for (int s = 0; s < perReference; s++) {
        SplittableRandom rng = new SplittableRandom(1000 + r * perReference + s);
        det.reset();
        int cap = 20 * ert;
        int i = 0;
        while (i < cap && !det.update(row(rng, d, 0))) {
          i++;
        }
        runs[r * perReference + s] = Math.min(i + 1, cap);
      }
    }
    double mean = java.util.Arrays.stream(runs).average().orElseThrow();
    double var = java.util.Arrays.stream(runs).map(x -> (x - mean) * (x - mean)).sum() / (streams - 1);
    double se = Math.sqrt(var / streams);
    assertThat(3 * se).as("standard error %s of the average run time", se).isLessThan(0.2 * ert);
    assertThat(mean).as("%s average run time, se %s", name, se).isBetween(0.8 * ert, 1.2 * ert);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"mmd, 2", "lsdd, 2", "cvm, 1"})
  void firesSoonAfterAnAbruptShift(String name, int d) {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] ref = gaussian(rng, 500, d, 0);
    OnlineDriftDetector det = OnlineDriftDetector.named(name, ref, OnlineDriftDetector.Options.of(500).withSeed(5));
    double[][] stream = new double[600][];
    for (int i = 0; i < stream.length; i++) {
      stream[i] = row(rng, d, i >= 300 ? 1.5 : 0);
    }
    List<OnlineDetector.ChangePoint> cps = OnlineDriftDetector.run(det, stream);
    assertThat(cps).as(name).isNotEmpty();
    assertThat(cps).as(name).anyMatch(c -> c.index() >= 300 && c.index() < 330);
  }

  @Test
  void thresholdsAreDeterministicForASeed() {
    double[][] ref = gaussian(new SplittableRandom(1), 200, 2, 0);
    OnlineDriftDetector.Options o = OnlineDriftDetector.Options.of(50).withWindowSize(5).withSeed(9);
    assertThat(OnlineDriftDetector.mmd(ref, o).thresholds()).containsExactly(OnlineDriftDetector.mmd(ref, o).thresholds());
  }

  @Test
  void rejectsBadInput() {
    double[][] ref = gaussian(new SplittableRandom(1), 200, 2, 0);
    assertThatThrownBy(() -> OnlineDriftDetector.mmd(gaussian(new SplittableRandom(1), 30, 2, 0), OnlineDriftDetector.Options.of(100)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at least");
    assertThatThrownBy(() -> OnlineDriftDetector.Options.of(1)).hasMessageContaining("ert");
    OnlineDriftDetector det = OnlineDriftDetector.cvm(ref, OnlineDriftDetector.Options.of(100));
    assertThatThrownBy(() -> det.update(new double[] {1})).hasMessageContaining("2 values");
    assertThatThrownBy(() -> det.update(new double[] {1, Double.NaN})).hasMessageContaining("not finite");
    assertThatThrownBy(() -> det.update(1.0)).hasMessageContaining("2 columns");
    ref[3][1] = Double.POSITIVE_INFINITY;
    assertThatThrownBy(() -> OnlineDriftDetector.lsdd(ref, OnlineDriftDetector.Options.of(100)))
        .hasMessageContaining("row 3, column 1");
  }
}
