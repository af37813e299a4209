package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compatibility modes reproduce the peers' formulas, checked against SciPy (stats fixture). */
class CompatTest {
  static JsonNode root;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = CompatTest.class.getResourceAsStream("/stats/scipy_reference.json")) {
      root = new ObjectMapper().readTree(in);
    }
  }

  static double[] sample(JsonNode spec) {
    if (spec.isArray()) {
      double[] v = new double[spec.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = spec.get(i).asDouble();
      }
      return v;
    }
    double[] v = new double[spec.get("n").asInt()];
    for (int i = 0; i < v.length; i++) {
      double u = ((i + 1 + spec.get("offset").asInt()) * 0.6180339887498949) % 1.0;
      double s = spec.get("shift").asDouble();
      double sc = spec.get("scale").asDouble();
      v[i] = switch (spec.get("kind").asText()) {
        case "u" -> s + sc * u;
        case "r" -> s + sc * Math.floor(10 * u);
        default -> s + sc * u * u;
      };
    }
    return v;
  }

  static CategoricalColumn column(JsonNode counts) {
    List<String> vals = new ArrayList<>();
    for (int c = 0; c < counts.size(); c++) {
      for (int i = 0; i < counts.get(c).asInt(); i++) {
        vals.add("k" + c);
      }
    }
    return CategoricalColumn.of("c", vals.toArray(new String[0]));
  }

  static void close(double actual, JsonNode expected, String what) {
    double e = expected.isTextual() ? Double.POSITIVE_INFINITY : expected.asDouble();
    if (Double.isInfinite(e)) {
      assertThat(actual).as(what).isInfinite();
    } else {
      assertThat(Math.abs(actual - e)).as("%s: vigil %s, scipy %s", what, actual, e).isLessThanOrEqualTo(Math.max(1e-12, 1e-6 * Math.abs(e)));
    }
  }

  @Test
  void alibiUsesTheAsymptoticKsWhateverTheSampleSize() {
    for (JsonNode row : root.get("numeric")) {
      double[] x = sample(row.get("reference"));
      if (x.length > 20_000 || x.length < 2) {
        continue;
      }
      double[] y = sample(row.get("current"));
      FeatureDrift f = Drift.compare(Table.of(DoubleColumn.of("x", x)), Table.of(DoubleColumn.of("x", y)),
          DriftOptions.defaults().withCompat(Compat.ALIBI)).features().get(0);
      assertThat(f.method()).isEqualTo(DriftMethod.KS);
      close(f.pValue(), row.get("ks_asymp").get(1), row.get("name").asText());
    }
  }

  @Test
  void alibiAndEvidentlyChiSquaresMatchTheirDefinitions() {
    for (JsonNode row : root.get("categorical")) {
      Table r = Table.of(column(row.get("reference")));
      Table c = Table.of(column(row.get("current")));
      FeatureDrift alibi = Drift.compare(r, c, DriftOptions.defaults().withCompat(Compat.ALIBI)).features().get(0);
      close(alibi.statistic(), row.get("chi2_alibi").get(0), row.get("name").asText() + " alibi statistic");
      close(alibi.pValue(), row.get("chi2_alibi").get(1), row.get("name").asText() + " alibi p");
      FeatureDrift ev = Drift.compare(r, c, DriftOptions.defaults().withCompat(Compat.EVIDENTLY).withMethod(DriftMethod.GOF))
          .features().get(0);
      close(ev.statistic(), row.get("gof_evidently").get(0), row.get("name").asText() + " evidently statistic");
      close(ev.pValue(), row.get("gof_evidently").get(1), row.get("name").asText() + " evidently p");
    }
  }

  @Test
  void alibiDatasetDriftsWhenAnyFeatureDriftsAfterBonferroni() {
    Table ref = Table.of(DoubleColumn.of("a", DriftTest.normal(1, 300, 0)), DoubleColumn.of("b", DriftTest.normal(12, 300, 0)),
        DoubleColumn.of("c", DriftTest.normal(3, 300, 0)));
    Table cur = Table.of(DoubleColumn.of("a", DriftTest.normal(4, 300, 1)), DoubleColumn.of("b", DriftTest.normal(15, 300, 0)),
        DoubleColumn.of("c", DriftTest.normal(6, 300, 0)));
    DriftResult r = Drift.compare(ref, cur, DriftOptions.defaults().withCompat(Compat.ALIBI));
    assertThat(r.drift()).isTrue();
    assertThat(r.driftedFeatures()).isEqualTo(1);
    assertThat(r.options().correction()).isEqualTo(Correction.BONFERRONI);
  }
}
