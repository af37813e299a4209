package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.InvalidArgumentException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.stats.internal.NumpyRandomState;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NannyML's reference-chunk thresholds (and Vigil's leave-chunk-out variant) in {@code --compat
 * nannyml}, against {@code drift/nannyml_chunk_fixtures.json} (generator {@code
 * src/test/scripts/nannyml_chunk_fixtures.py}): NannyML's published StandardDeviationThreshold examples,
 * the thresholds of a numpy re-implementation of NannyML's fit on data drawn with NannyML's own calls, and
 * the 100,000-row Wasserstein case of NannyML's tests.
 */
class NannymlChunkThresholdsTest {
  static JsonNode root;
  static double[] ref;
  static double[] cur;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = NannymlChunkThresholdsTest.class.getResourceAsStream("/drift/nannyml_chunk_fixtures.json")) {
      root = new ObjectMapper().readTree(in);
    }
    NumpyRandomState rs = new NumpyRandomState(1);
    ref = rs.normal(0, 1, 10_000);
    cur = rs.normal(0, 1, 1000);
  }

  static double close(double expected) {
    return 1e-9 + 1e-9 * Math.abs(expected);
  }

  @Test
  void standardDeviationThresholdGivesNannymlsPublishedExamples() {
    for (JsonNode e : root.get("standard_deviation_examples")) {
      double[] v = new double[e.get("values").size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = e.get("values").get(i).asDouble();
      }
      double[] lu = ReferenceChunkThresholds.standardDeviationThreshold(v, e.get("lower_multiplier").asDouble(),
          e.get("upper_multiplier").asDouble());
      assertThat(lu[0]).isCloseTo(e.get("published").get(0).asDouble(), within(1e-12));
      assertThat(lu[1]).isCloseTo(e.get("published").get(1).asDouble(), within(1e-12));
    }
    assertThat(ReferenceChunkThresholds.standardDeviationThreshold(new double[] {1, Double.NaN, 3}, Double.NaN, 3))
        .containsExactly(Double.NaN, 2 + 3.0);
  }

  static ReferenceChunkThresholds.Chunking chunking(JsonNode c) {
    return c.has("chunk_size") ? ReferenceChunkThresholds.Chunking.size(c.get("chunk_size").asInt())
        : ReferenceChunkThresholds.Chunking.number(c.get("chunk_number").asInt());
  }

  @Test
  void chunkThresholdsMatchNannymlsFitInSampleAndLeaveChunkOut() {
    Table reference = Table.of(DoubleColumn.of("x", ref));
    Table current = Table.of(DoubleColumn.of("x", cur));
    double shift = root.get("reference").get("shift").asDouble();
    double[] shifted = new double[cur.length];
    for (int i = 0; i < cur.length; i++) {
      shifted[i] = cur[i] + shift;
    }
    int alerts = 0;
    int quiet = 0;
    for (JsonNode t : root.get("thresholds")) {
      String what = t.get("chunking") + " " + t.get("method").asText();
      DriftOptions o = DriftOptions.defaults().withCompat(Compat.NANNYML).withMethod(DriftMethod.parse(t.get("method").asText()));
      for (ReferenceChunkThresholds.Scoring s : ReferenceChunkThresholds.Scoring.values()) {
        String key = s == ReferenceChunkThresholds.Scoring.NANNYML ? "in_sample" : "leave_out";
        ReferenceChunkThresholds.Result r = ReferenceChunkThresholds.fit(reference, o, chunking(t.get("chunking")), s);
        assertThat(r.chunks()).as(what).hasSize(t.get("chunks").size());
        for (int i = 0; i < r.chunks().size(); i++) {
          assertThat(r.chunks().get(i)).as(what).containsExactly(t.get("chunks").get(i).get(0).asInt(),
              t.get("chunks").get(i).get(1).asInt());
        }
        ReferenceChunkThresholds.FeatureThreshold f = r.features().get(0);
        for (int i = 0; i < f.chunkScores().length; i++) {
          double e = t.get(key + "_scores").get(i).asDouble();
          assertThat(f.chunkScores()[i]).as(what + " " + s + " chunk " + i).isCloseTo(e, within(close(e)));
        }
        double upper = t.get(key + "_upper").asDouble();
        assertThat(f.upper()).as(what + " " + s).isCloseTo(upper, within(close(upper)));
        // the current windows, judged as NannyML judges an analysis chunk: alert when above the upper threshold
        DriftOptions applied = r.apply(o);
        for (String side : new String[] {"current", "current_shifted"}) {
          FeatureDrift d = Drift.compare(reference, Table.of(DoubleColumn.of("x", side.equals("current") ? cur : shifted)),
              applied).features().get(0);
          double e = t.get(side).asDouble();
          assertThat(d.statistic()).as(what + " " + side).isCloseTo(e, within(close(e)));
          assertThat(d.threshold()).isEqualTo(f.upper());
          assertThat(d.drift()).as(what + " " + side).isEqualTo(e > upper);
          if (d.drift()) {
            alerts++;
          } else {
            quiet++;
          }
        }
      }
    }
    assertThat(alerts).isPositive();
    assertThat(quiet).isPositive();
  }

  @Test
  void leaveChunkOutThresholdsAreLooserForWassersteinThanNannymls() {
    DriftOptions o = DriftOptions.defaults().withCompat(Compat.NANNYML).withMethod(DriftMethod.WASSERSTEIN);
    Table reference = Table.of(DoubleColumn.of("x", ref));
    double in = ReferenceChunkThresholds.fit(reference, o, ReferenceChunkThresholds.Chunking.nannymlDefault(),
        ReferenceChunkThresholds.Scoring.NANNYML).features().get(0).upper();
    double out = ReferenceChunkThresholds.fit(reference, o, ReferenceChunkThresholds.Chunking.nannymlDefault(),
        ReferenceChunkThresholds.Scoring.LEAVE_CHUNK_OUT).features().get(0).upper();
    assertThat(out).isGreaterThan(in);
  }

  @Test
  void pValueMethodsKeepTheirAlphaAndBadChunkingsAreRejected() {
    Table reference = Table.of(DoubleColumn.of("x", ref));
    DriftOptions ks = DriftOptions.defaults().withCompat(Compat.NANNYML).withMethod(DriftMethod.KS);
    assertThat(ReferenceChunkThresholds.fit(reference, ks, ReferenceChunkThresholds.Chunking.number(5),
        ReferenceChunkThresholds.Scoring.NANNYML).features()).isEmpty();
    assertThatThrownBy(() -> ReferenceChunkThresholds.Chunking.size(0)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("chunk size must be positive: 0");
    assertThatThrownBy(() -> ReferenceChunkThresholds.fit(reference, ks, ReferenceChunkThresholds.Chunking.size(10_000),
        ReferenceChunkThresholds.Scoring.NANNYML)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("at least 2 chunks");
    assertThatThrownBy(() -> ReferenceChunkThresholds.Scoring.parse("median"))
        .hasMessageContaining("expected nannyml or leave-chunk-out");
  }

  @Test
  void nannymlsHundredThousandRowWassersteinTestIsReproduced() {
    JsonNode c = root.get("wasserstein_case");
    NumpyRandomState rs = new NumpyRandomState(c.get("seed").asLong());
    double[] r = rs.normal(c.get("reference").get(0).asDouble(), c.get("reference").get(1).asDouble(),
        c.get("reference").get(2).asInt());
    double[] k = rs.normal(c.get("current").get(0).asDouble(), c.get("current").get(1).asDouble(),
        c.get("current").get(2).asInt());
    FeatureDrift f = Drift.compare(Table.of(DoubleColumn.of("x", r)), Table.of(DoubleColumn.of("x", k)),
        DriftOptions.defaults().withCompat(Compat.NANNYML).withMethod(DriftMethod.WASSERSTEIN)).features().get(0);
    assertThat(Math.round(f.statistic() * 100) / 100.0).isEqualTo(c.get("published").asDouble());
    assertThat(f.statistic()).isCloseTo(c.get("exact").asDouble(), within(1e-9));
  }
}
