package dev.vigil.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static MetricPoint rows(int day, double v, boolean accepted) {
    return new MetricPoint("orders", "rows", T0.plusSeconds(86400L * day), v, Map.of(), accepted);
  }

  @Test
  void relativeChangeCatchesADailyFileWithFortyPercentFewerRows() {
    MetricHistory h = MetricHistory.empty().plus(List.of(rows(0, 1000, true), rows(1, 1010, true), rows(2, 990, true)));
    AnomalyDetector d = AnomalyDetector.relativeChange(0.3, 0.5);
    AnomalyResult r = h.judge("orders", "rows", Map.of(), T0.plusSeconds(86400L * 3), 594, d);
    assertThat(r.anomaly()).isTrue();
    assertThat(r.expected()).isEqualTo(990);
    assertThat(r.explanation()).contains("40.0% below");
    assertThat(h.judge("orders", "rows", Map.of(), T0.plusSeconds(86400L * 3), 950, d).anomaly()).isFalse();
  }

  @Test
  void aFailedRunNeverBecomesTheBaseline() {
    MetricHistory h = MetricHistory.empty().plus(List.of(rows(0, 1000, true), rows(1, 400, false)));
    AnomalyResult r = h.judge("orders", "rows", Map.of(), T0.plusSeconds(86400L * 2), 420, AnomalyDetector.relativeChange(0.3, 0.5));
    assertThat(r.expected()).isEqualTo(1000);
    assertThat(r.anomaly()).isTrue();
  }

  @Test
  void aPinnedBaselineWinsOverTheLastAcceptedRun() {
    MetricHistory h = MetricHistory.empty().plus(List.of(rows(0, 1000, true), rows(1, 800, true), rows(2, 640, true)))
        .pin(rows(0, 1000, true));
    AnomalyResult r = h.judge("orders", "rows", Map.of(), T0.plusSeconds(86400L * 3), 600, AnomalyDetector.relativeChange(0.3, null));
    assertThat(r.expected()).isEqualTo(1000);
    assertThat(r.anomaly()).isTrue();
  }

  @Test
  void batchNormalFlagsValuesBeyondZStandardDeviations() {
    List<Double> hist = List.of(10.0, 12.0, 11.0, 9.0, 10.0, 11.0, 10.0);
    AnomalyDetector d = AnomalyDetector.batchNormal(3);
    assertThat(d.judge(hist, 10, 12).anomaly()).isFalse();
    assertThat(d.judge(hist, 10, 20).anomaly()).isTrue();
    assertThat(d.judge(List.of(1.0), 1, 100).anomaly()).isFalse();
  }

  @Test
  void onlineNormalIgnoresPastAnomaliesWhenLearning() {
    List<Double> hist = new ArrayList<>(List.of(10.0, 11.0, 9.0, 10.0, 10.5, 9.5, 1000.0, 10.0, 10.2));
    AnomalyResult r = AnomalyDetector.onlineNormal(3, 5).judge(hist, 10.2, 13);
    // 1000 was excluded, so the band stays narrow and 13 is flagged
    assertThat(r.anomaly()).isTrue();
    assertThat(r.expected()).isBetween(9.5, 10.5);
    AnomalyResult plain = AnomalyDetector.batchNormal(3).judge(hist, 10.2, 13);
    assertThat(plain.anomaly()).isFalse();
  }

  @Test
  void holtWintersForecastsAWeeklySeasonAndFlagsASpike() {
    Random r = new Random(11);
    double[] week = {100, 120, 130, 125, 140, 60, 50};
    List<Double> hist = new ArrayList<>();
    for (int t = 0; t < 8 * 7; t++) {
      hist.add(week[t % 7] + 0.5 * t + r.nextGaussian() * 2);
    }
    int next = hist.size();
    double truth = week[next % 7] + 0.5 * next;
    AnomalyDetector d = AnomalyDetector.holtWinters(7, 4);
    AnomalyResult ok = d.judge(hist, hist.get(next - 1), truth);
    assertThat(ok.anomaly()).as(ok.explanation()).isFalse();
    assertThat(ok.expected()).isCloseTo(truth, org.assertj.core.data.Offset.offset(6.0));
    // a weekend value on a weekday: normal for the level, anomalous for the season
    assertThat(d.judge(hist, hist.get(next - 1), truth - 60).anomaly()).isTrue();
    assertThat(d.judge(hist.subList(0, 10), 0, 1e9).anomaly()).isFalse();
  }

  @Test
  void parsesDetectorSpecsAndRejectsUnknownOnes() {
    assertThat(AnomalyDetector.parse("relative:0.3,0.5").judge(List.of(), 100, 60).anomaly()).isTrue();
    assertThat(AnomalyDetector.parse("zscore:3")).isNotNull();
    assertThat(AnomalyDetector.parse("holt-winters:7,3")).isNotNull();
    assertThatThrownBy(() -> AnomalyDetector.parse("magic:1")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("magic:1").hasMessageContaining("holt-winters");
  }

  @Test
  void pointsRoundTripThroughTheirLineForm() {
    MetricPoint p = new MetricPoint("orders", "amount.mean", T0, 12.5, Map.of("region", "eu"), false);
    assertThat(MetricHistory.fromMap(MetricHistory.toMap(p), "line 1")).isEqualTo(p);
  }
}
