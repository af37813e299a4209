package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.InvalidArgumentException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The published fixtures of NannyML's and TFDV's own tests, reproduced in the matching compatibility
 * mode. NannyML's data is re-drawn by {@code src/test/scripts/nannyml_fixtures.py} with NannyML's own
 * numpy calls; each case checks the 2-decimal value NannyML's test asserts and, to 1e-7, the unrounded
 * value of a numpy/SciPy re-implementation. TFDV's cases are the inputs and expected values of {@code
 * tensorflow_data_validation/anomalies/metrics_test.cc}.
 */
class PeerFixturesTest {
  @Test
  void nannymlsOwnTestsAreReproduced() throws IOException {
    JsonNode root;
    try (InputStream in = PeerFixturesTest.class.getResourceAsStream("/drift/nannyml_fixtures.json")) {
      root = new ObjectMapper().readTree(in);
    }
    int checked = 0;
    for (JsonNode c : root.get("cases")) {
      boolean cat = c.path("categorical").asBoolean(false);
      Table ref = table(root, c.get("reference").asText(), cat);
      Table cur = table(root, c.get("current").asText(), cat);
      DriftMethod m = DriftMethod.parse(c.get("method").asText());
      FeatureDrift f = Drift.compare(ref, cur, DriftOptions.defaults().withCompat(Compat.NANNYML).withMethod(m))
          .features().get(0);
      String what = c.get("test").asText();
      assertThat(f.error()).as(what).isNull();
      double exact = c.get("exact").asDouble();
      assertThat(f.statistic()).as(what).isCloseTo(exact, within(1e-7 + 1e-9 * Math.abs(exact)));
      if (!c.get("published").isNull()) {
        assertThat(Math.round(f.statistic() * 100) / 100.0).as(what + " (NannyML's published value)")
            .isEqualTo(c.get("published").asDouble());
      }
      if (c.has("p_value")) {
        assertThat(f.pValue()).as(what).isCloseTo(c.get("p_value").asDouble(), within(1e-9));
      }
      checked++;
    }
    assertThat(checked).isEqualTo(16);
  }

  static Table table(JsonNode root, String name, boolean categorical) {
    if (categorical) {
      JsonNode a = root.get("strings").get(name);
      String[] v = new String[a.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = a.get(i).asText();
      }
      return Table.of(CategoricalColumn.of("x", v));
    }
    JsonNode a = root.get("arrays").get(name);
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asDouble();
    }
    return Table.of(DoubleColumn.of("x", v));
  }

  @Test
  void nannymlAlertsAbovePointOneAndTheDatasetDriftsWhenAnyFeatureDoes() {
    Table ref = Table.of(CategoricalColumn.of("c", "a", "a", "b", "b", "c", "c"), DoubleColumn.of("x", 1, 2, 3, 4, 5, 6));
    Table cur = Table.of(CategoricalColumn.of("c", "a", "a", "b", "b", "c", "c", "d"), DoubleColumn.of("x", 1, 2, 3, 4, 5, 6, 3));
    DriftResult r = Drift.compare(ref, cur, DriftOptions.defaults().withCompat(Compat.NANNYML)
        .withColumnMethods(Map.of("c", DriftMethod.LINF, "x", DriftMethod.KS)));
    FeatureDrift c = r.features().stream().filter(f -> f.name().equals("c")).findFirst().orElseThrow();
    assertThat(c.statistic()).isCloseTo(1 / 7.0, within(1e-12));
    assertThat(c.drift()).isTrue();
    assertThat(r.drift()).isTrue();
  }

  record LInf(String name, Map<String, Double> training, Map<String, Double> serving, double expected) {}

  @Test
  void tfdvLInfinityFixtures() {
    for (LInf t : List.of(
        new LInf("Two empty maps", Map.of(), Map.of(), 0.0),
        new LInf("Normal distribution.", Map.of("hello", 0.1, "world", 0.9), Map.of("hello", 0.3, "world", 0.7), 0.2),
        new LInf("Missing value in both.", Map.of("b", 0.9, "c", 0.1), Map.of("a", 0.3, "b", 0.7), 0.3),
        new LInf("Missing value in both, flipped.", Map.of("a", 0.3, "b", 0.7), Map.of("b", 0.9, "c", 0.1), 0.3))) {
      assertThat(PeerMetrics.lInfinity(t.training(), t.serving())).as(t.name()).isCloseTo(t.expected(), within(1e-5));
    }
  }

  static PeerMetrics.Bucket b(double lo, double hi, double c) {
    return new PeerMetrics.Bucket(lo, hi, c);
  }

  @Test
  void tfdvJensenShannonFixtures() {
    List<PeerMetrics.Bucket> same = List.of(b(1.0, 2.3333333, 2.9866667), b(2.3333333, 3.6666667, 1.0066667),
        b(3.6666667, 5.0, 2.0066667));
    assertThat(PeerMetrics.tfdvJensenShannon(same, 1, same, 1)).as("SameStatistics").isCloseTo(0.0, within(1e-5));
    assertThat(PeerMetrics.tfdvJensenShannon(List.of(b(1, 2, 2), b(2, 3, 2)), 0, List.of(b(2, 4, 2), b(4, 6, 2)), 0))
        .as("DifferentBucketBoundaries").isCloseTo(0.65563906222, within(1e-5));
    assertThat(PeerMetrics.tfdvJensenShannon(List.of(b(0, 1, 2), b(1, 2, 2)), 0, List.of(b(3, 4, 2), b(4, 6, 2)), 0))
        .as("NoOverlap").isCloseTo(1.0, within(1e-5));
    assertThat(PeerMetrics.tfdvJensenShannon(List.of(b(1, 1, 4)), 0, List.of(b(2, 4, 2), b(4, 6, 2)), 0))
        .as("AllValuesInOneBucket").isCloseTo(1.0, within(1e-5));
    assertThat(PeerMetrics.tfdvJensenShannon(List.of(b(1, 2, 3)), 1, List.of(b(1, 2, 4)), 0))
        .as("WithNaNs").isCloseTo(0.13792538096, within(1e-5));
    assertThat(PeerMetrics.tfdvJensenShannon(List.of(b(1, 1, 4)), 0, List.of(b(2, 2, 4)), 0))
        .as("BothHaveAllValuesInOneBucket").isCloseTo(1.0, within(1e-5));
    assertThat(PeerMetrics.tfdvJensenShannon(List.of(b(10, 10, 21)), 0,
        List.of(b(0, 4, 150), b(4, 12, 200), b(12, 20, 20)), 0))
        .as("OneHasOneBucketTheOtherHasMany").isCloseTo(1.0, within(1e-5));
    // EmptyHistogram: an empty histogram, or one whose buckets hold no values, is an invalid argument
    assertThatThrownBy(() -> PeerMetrics.tfdvJensenShannon(List.of(), 0, List.of(b(0, 4, 10)), 0))
        .as("EmptyHistogram").isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> PeerMetrics.tfdvJensenShannon(List.of(b(0, 4, 10)), 0, List.of(b(0, 4, 0)), 0))
        .as("EmptyHistogram, zero counts").isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void tfdvModeNeedsAThresholdAndUsesItsHistogramDivergence() {
    SplittableRandom rng = new SplittableRandom(4);
    double[] x = new double[2000];
    double[] y = new double[2000];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
      y[i] = rng.nextGaussian() + 1;
    }
    Table ref = Table.of(DoubleColumn.of("x", x));
    Table cur = Table.of(DoubleColumn.of("x", y));
    assertThatThrownBy(() -> Drift.compare(ref, cur, DriftOptions.defaults().withCompat(Compat.TFDV)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("--threshold");
    FeatureDrift f = Drift.compare(ref, cur, DriftOptions.defaults().withCompat(Compat.TFDV).withThreshold(0.05))
        .features().get(0);
    assertThat(f.method()).isEqualTo(DriftMethod.JSD);
    double expected = PeerMetrics.tfdvJensenShannon(PeerMetrics.tfdvStandardHistogram(ref.column("x") instanceof DoubleColumn
        ? java.util.Arrays.stream(x).sorted().toArray() : null), 0,
        PeerMetrics.tfdvStandardHistogram(java.util.Arrays.stream(y).sorted().toArray()), 0);
    assertThat(f.statistic()).isEqualTo(expected);
    assertThat(f.statistic()).isBetween(0.05, 0.5);
    assertThat(f.drift()).isTrue();
  }
}
