package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnlineDetectorTest {
  static double[] riverStream() throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        OnlineDetectorTest.class.getResourceAsStream("/drift/river_stream.csv"), StandardCharsets.UTF_8))) {
      return r.lines().skip(1).mapToDouble(Double::parseDouble).toArray();
    }
  }

  @Test
  void adwinFiresWhereRiverDocumentsIt() throws IOException {
    List<OnlineDetector.ChangePoint> cps = OnlineDetector.run(OnlineDetector.adwin(), riverStream());
    assertThat(cps).extracting(OnlineDetector.ChangePoint::index).containsExactly(1023L);
  }

  @Test
  void pageHinkleyFiresWhereRiverDocumentsIt() throws IOException {
    List<OnlineDetector.ChangePoint> cps = OnlineDetector.run(OnlineDetector.pageHinkley(), riverStream());
    assertThat(cps).extracting(OnlineDetector.ChangePoint::index).containsExactly(1006L);
  }

  static double[] errorStream(long seed, int n, int change, double before, double after) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble() < (i < change ? before : after) ? 1 : 0;
    }
    return v;
  }

  static double[] gaussianStream(long seed, int n, int change, double shift) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble())
          + (i >= change ? shift : 0);
    }
    return v;
  }

  @Test
  void errorRateDetectorsFireAfterAnAbruptRiseInErrors() {
    for (OnlineDetector d : List.of(OnlineDetector.ddm(), OnlineDetector.eddm())) {
      List<OnlineDetector.ChangePoint> cps = OnlineDetector.run(d, errorStream(3, 3000, 2000, 0.05, 0.5));
      assertThat(cps).as(d.name()).anyMatch(c -> c.index() >= 2000 && c.index() < 2300);
    }
  }

  @Test
  void meanShiftDetectorsFireAfterAnAbruptShift() {
    for (OnlineDetector d : List.of(OnlineDetector.adwin(), OnlineDetector.pageHinkley(), OnlineDetector.kswin(7),
        OnlineDetector.cusum())) {
      List<OnlineDetector.ChangePoint> cps = OnlineDetector.run(d, gaussianStream(5, 3000, 2000, 3.0));
      assertThat(cps).as(d.name()).anyMatch(c -> c.index() >= 2000 && c.index() < 2200);
    }
  }

  @Test
  void errorDetectorsRejectValuesOtherThanZeroAndOne() {
    assertThatThrownBy(() -> OnlineDetector.ddm().update(0.5)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("0/1");
    assertThatThrownBy(() -> OnlineDetector.named("nope", 1)).hasMessageContaining("adwin, ph");
  }
}
