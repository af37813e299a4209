package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.stats.internal.NumpyRandomState;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published fixtures of Evidently's own stattest tests, reproduced by {@code --compat evidently}:
 * each case runs {@link Drift#compare} with Evidently's method and threshold and checks the score
 * (p-value or distance) Evidently's test asserts, at that test's tolerance, and the drift verdict.
 * Inputs, expected values and sources: {@code drift/evidently_fixtures.json} (generator {@code
 * src/test/scripts/evidently_fixtures.py}, sources in {@code drift/README.md}). A case marked
 * {@code deviation} is a documented difference: it must keep failing Evidently's expectation, so that
 * the list is revised once it does not.
 */
class EvidentlyFixturesTest {
  static JsonNode root;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = EvidentlyFixturesTest.class.getResourceAsStream("/drift/evidently_fixtures.json")) {
      root = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void evidentlysOwnStattestFixturesAreReproduced() {
    int checked = 0;
    List<String> deviations = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      String what = c.get("test").asText() + " (" + c.get("source").asText() + ")";
      boolean cat = c.get("kind").asText().equals("cat");
      Table ref = table(c.get("reference"), cat);
      Table cur = table(c.get("current"), cat);
      DriftMethod m = DriftMethod.parse(c.get("method").asText());
      double threshold = c.get("threshold").asDouble();
      DriftOptions o = DriftOptions.defaults().withCompat(Compat.EVIDENTLY).withMethod(m);
      DriftMethod resolved = c.has("resolved") ? DriftMethod.parse(c.get("resolved").asText()) : m;
      boolean pValueScore = resolved.hasPValue() || resolved == DriftMethod.TVD;
      o = resolved.hasPValue() ? o.withAlpha(threshold) : o.withThreshold(threshold);
      FeatureDrift f = Drift.compare(ref, cur, o).features().get(0);
      assertThat(f.error()).as(what).isNull();
      assertThat(f.method()).as(what).isEqualTo(resolved);
      double score = pValueScore ? f.pValue() : f.statistic();
      double expected = c.get("score").asDouble();
      double tol = c.get("tolerance").asDouble();
      boolean matches = Math.abs(score - expected) <= tol + 1e-12 && f.drift() == c.get("drift").asBoolean();
      if (c.has("deviation")) {
        assertThat(matches).as("documented deviation no longer deviates, revise the fixture: " + what).isFalse();
        deviations.add(c.get("test").asText());
        continue;
      }
      assertThat(score).as(what).isCloseTo(expected, within(tol + 1e-12));
      assertThat(f.drift()).as(what + " drift").isEqualTo(c.get("drift").asBoolean());
      // the unrounded value of the numpy/SciPy re-implementation: far tighter than Evidently's tolerance
      double exact = c.get("exact").asDouble();
      if (!(resolved == DriftMethod.ES && exact < 1e-10)) {
        assertThat(score).as(what + " (re-implementation)").isCloseTo(exact, within(1e-9 + 1e-7 * Math.abs(exact)));
      }
      checked++;
    }
    assertThat(checked).isEqualTo(34);
    assertThat(deviations).containsExactly("test_z_stat_test_cat_feature[1]");
  }

  @Test
  void evidentlysDataDriftTableFixturesAreReproduced() {
    int checked = 0;
    for (JsonNode d : root.get("datasets")) {
      String what = d.get("test").asText() + " (" + d.get("source").asText() + ")";
      List<String> categorical = new ArrayList<>();
      d.get("categorical").forEach(c -> categorical.add(c.asText()));
      Table ref = dataset(d.get("reference"), categorical);
      Table cur = dataset(d.get("current"), categorical);
      DriftResult r = Drift.compare(ref, cur, DriftOptions.defaults().withCompat(Compat.EVIDENTLY)
          .withAlpha(d.get("threshold").asDouble()));
      var fields = d.get("columns").fields();
      while (fields.hasNext()) {
        var e = fields.next();
        FeatureDrift f = r.feature(e.getKey()).orElseThrow();
        JsonNode c = e.getValue();
        assertThat(f.method()).as(what + " " + e.getKey()).isEqualTo(DriftMethod.parse(c.get("method").asText()));
        if (!c.get("score").isNull()) { // DatasetDriftMetric's tests publish the counts only
          assertThat(f.pValue()).as(what + " " + e.getKey())
              .isCloseTo(c.get("score").asDouble(), within(c.get("tolerance").asDouble() + 1e-12));
        }
        assertThat(f.pValue()).as(what + " " + e.getKey() + " (re-implementation)")
            .isCloseTo(c.get("exact").asDouble(), within(1e-9));
        assertThat(f.drift()).as(what + " " + e.getKey()).isEqualTo(c.get("drift").asBoolean());
        checked++;
      }
      assertThat(r.driftedFeatures()).as(what).isEqualTo(d.get("drifted").asInt());
      assertThat(r.drift()).as(what).isEqualTo(d.get("dataset_drift").asBoolean());
    }
    assertThat(checked).isEqualTo(12);
  }

  static Table dataset(JsonNode columns, List<String> categorical) {
    List<Column> cols = new ArrayList<>();
    var it = columns.fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonNode a = e.getValue();
      if (categorical.contains(e.getKey())) {
        cols.add(CategoricalColumn.of(e.getKey(), strings(a)));
      } else {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
        }
        cols.add(DoubleColumn.of(e.getKey(), v));
      }
    }
    return Table.of(cols.toArray(new Column[0]));
  }

  static String[] strings(JsonNode a) {
    String[] v = new String[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).isNull() ? null : a.get(i).asText();
    }
    return v;
  }

  @Test
  void evidentlysDefinitionsHoldBeyondItsTestsInputs() {
    // not published by Evidently: a numpy/SciPy re-implementation of its functions on inputs its tests
    // leave out (non-zero numeric Hellinger, unseen categories, > 20 distinct values with empty bins)
    int checked = 0;
    for (JsonNode c : root.get("definitions")) {
      boolean cat = c.get("kind").asText().equals("cat");
      DriftMethod m = DriftMethod.parse(c.get("method").asText());
      FeatureDrift f = Drift.compare(table(c.get("reference"), cat), table(c.get("current"), cat),
          DriftOptions.defaults().withCompat(Compat.EVIDENTLY).withMethod(m)).features().get(0);
      double got = m.hasPValue() ? f.pValue() : f.statistic();
      double e = c.get("value").asDouble();
      assertThat(got).as(c.toString()).isCloseTo(e, within(1e-12 + 1e-9 * Math.abs(e)));
      checked++;
    }
    assertThat(checked).isEqualTo(6);
  }

  @Test
  void evidentlysPermutationTestGivesItsPublishedPValues() {
    for (JsonNode c : root.get("permutation_tests")) {
      List<Integer> rows = new ArrayList<>();
      int nr = c.get("reference").size();
      for (JsonNode v : c.get("reference")) {
        rows.add(v.asInt() - 1);
      }
      for (JsonNode v : c.get("current")) {
        rows.add(v.asInt() - 1);
      }
      double p = PeerMetrics.evidentlyPermutationP(rows.stream().mapToInt(Integer::intValue).toArray(), nr, 6,
          c.get("observed").asDouble(), c.get("iterations").asInt());
      assertThat(p).as("observed %s", c.get("observed")).isEqualTo(c.get("p_value").asDouble());
    }
  }

  @Test
  void vigilsOwnModeDiffersWhereEvidentlyIsOneSidedOrPooled() {
    // Evidently's Mann-Whitney is one-sided ("less") and its t-test pools the variances; Vigil's own
    // are two-sided and Welch's, so the same inputs give other p-values without --compat
    JsonNode mw = find("test_mann_whitney");
    FeatureDrift own = Drift.compare(table(mw.get("reference"), false), table(mw.get("current"), false),
        DriftOptions.defaults().withMethod(DriftMethod.MANN_WHITNEY)).features().get(0);
    assertThat(own.pValue()).isCloseTo(2 * mw.get("exact").asDouble(), within(1e-9));
    JsonNode t = find("test_t_test");
    FeatureDrift welch = Drift.compare(table(t.get("reference"), false), table(t.get("current"), false),
        DriftOptions.defaults().withMethod(DriftMethod.T)).features().get(0);
    assertThat(Math.abs(welch.pValue() - t.get("score").asDouble())).isGreaterThan(0.01);
  }

  static JsonNode find(String test) {
    for (JsonNode c : root.get("cases")) {
      if (c.get("test").asText().equals(test)) {
        return c;
      }
    }
    throw new AssertionError(test);
  }

  /** A one-column table "x": numbers (null = missing), labels, or a numpy draw spec. */
  static Table table(JsonNode spec, boolean categorical) {
    if (spec.isObject()) {
      NumpyRandomState rs = new NumpyRandomState(spec.get("seed").asLong());
      double[] keep = null;
      for (int i = 0; i < spec.get("draws").size(); i++) {
        JsonNode d = spec.get("draws").get(i);
        double[] v = rs.normal(d.get(0).asDouble(), d.get(1).asDouble(), d.get(2).asInt());
        if (i == spec.get("keep").asInt()) {
          keep = v;
        }
      }
      return Table.of(DoubleColumn.of("x", keep));
    }
    if (categorical) {
      return Table.of(CategoricalColumn.of("x", strings(spec)));
    }
    double[] v = new double[spec.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = spec.get(i).isNull() ? Double.NaN : spec.get(i).asDouble();
    }
    return Table.of(DoubleColumn.of("x", v));
  }
}
