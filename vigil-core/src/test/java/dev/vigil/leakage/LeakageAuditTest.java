package dev.vigil.leakage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.report.Report;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeakageAuditTest {
  static final Table A = Table.of(DoubleColumn.of("x", 1, 2, 3, 4), LongColumn.of("y", 0, 1, 0, 1));

  @Test
  void rejectsDifferentSchemasNamingTheColumn() {
    Table b = Table.of(DoubleColumn.of("z", 1, 2), LongColumn.of("y", 0, 1));
    assertThatThrownBy(() -> LeakageAudit.run(A, b, LeakageOptions.builder("y").build()))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("\"x\"");
    Table c = Table.of(StringColumn.of("x", "1", "2"), LongColumn.of("y", 0, 1));
    assertThatThrownBy(() -> LeakageAudit.run(A, c, LeakageOptions.builder("y").build()))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("double in train but string in test");
  }

  @Test
  void rejectsAnUnknownLabelColumn() {
    assertThatThrownBy(() -> LeakageAudit.run(A, A, LeakageOptions.builder("label").build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("\"label\"");
  }

  @Test
  void reportsATimeValueThatDoesNotParse() {
    Table t = A.withColumn(StringColumn.of("when", "2024-01-01", "2024-01-02", "yesterday", "2024-01-04"));
    assertThatThrownBy(() -> LeakageAudit.run(t, t, LeakageOptions.builder("y").time("when").build()))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("row 3").hasMessageContaining("\"when\"")
        .hasMessageContaining("yesterday");
  }

  @Test
  void anAllMissingGroupColumnIsAnErrorFinding() {
    StringColumn g = StringColumn.of("g", null, null, null, null);
    Table t = A.withColumn(g);
    LeakageResult r = LeakageAudit.run(t, t, LeakageOptions.builder("y").group("g").checks(List.of("group-overlap")).build());
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.message()).contains("entirely missing");
    });
  }

  @Test
  void reportCarriesFindingsAndErrorStatus() {
    PlantedLeaks.Case c = PlantedLeaks.planted(PlantedLeaks.Kind.TARGET_LEAK, 600, 1);
    Report rep = LeakageAudit.run(c.train(), c.test(), c.options().toBuilder().checks(List.of("target-leak")).build())
        .toReport("Leakage");
    assertThat(rep.status()).isEqualTo(Report.Status.ERROR);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> fs = (List<Map<String, Object>>) rep.data().get("findings");
    assertThat(fs).anySatisfy(f -> {
      assertThat(f).containsEntry("check", "target-leak").containsEntry("severity", "error")
          .containsEntry("columns", List.of("leak"));
      assertThat(f).containsKeys("evidence", "fix", "message");
    });
  }

  @Test
  void availabilityParsesColumnsAndDelays() {
    assertThat(Availability.parse("lab_time")).isEqualTo(Availability.column("lab_time"));
    assertThat(Availability.parse("+3d")).isEqualTo(Availability.after(Duration.ofDays(3)));
    assertThat(Availability.parse("+PT2H")).isEqualTo(Availability.after(Duration.ofHours(2)));
    assertThatThrownBy(() -> Availability.parse("+3 weeks")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("+3 weeks");
  }

  @Test
  void delayedAvailabilityAtThePredictionInstantIsALeak() {
    PlantedLeaks.Case c = PlantedLeaks.clean(400, 2);
    LeakageOptions o = LeakageOptions.builder("y").time("event_time")
        .availability("x1", Availability.after(Duration.ZERO)).checks(List.of("temporal-leak")).build();
    assertThat(LeakageAudit.run(c.train(), c.test(), o).of("temporal-leak")).singleElement()
        .satisfies(f -> assertThat(f.evidence()).containsEntry("train_share", 1.0));
  }

  @Test
  void pipelineFittedOnTrainAndTestIsAPreprocessingLeakAndOnTrainIsNot() {
    PlantedLeaks.Case c = PlantedLeaks.clean(600, 4);
    double[] tr = c.train().doubleColumn("x2").toArray();
    double[] te = c.test().doubleColumn("x2").toArray();
    double[] all = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(tr), java.util.Arrays.stream(te)).toArray();
    for (boolean leaky : new boolean[] {true, false}) {
      double[] v = leaky ? all : tr;
      double mean = java.util.Arrays.stream(v).average().orElseThrow();
      double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length);
      Map<String, Object> pipeline = Map.of("format_version", 1, "inputs", List.of("x2", "x1"),
          "steps", List.of(Map.of("op", "scale", "column", "x2", "options", Map.of("method", "standard"),
              "params", Map.of("center", mean, "scale", sd))));
      LeakageResult r = LeakageAudit.run(c.train(), c.test(), LeakageOptions.builder("y").pipeline(pipeline)
          .checks(List.of("preprocessing-leak")).build());
      if (leaky) {
        assertThat(r.findings()).hasSize(2).allSatisfy(f -> {
          assertThat(f.severity()).isEqualTo(Severity.ERROR);
          assertThat(f.columns()).containsExactly("x2");
        });
      } else {
        assertThat(r.findings()).isEmpty();
      }
    }
  }

  @Test
  void encoderThatKnowsTestOnlyCategoriesIsAPreprocessingLeak() {
    dev.vigil.data.Table train = dev.vigil.data.Table.of(dev.vigil.data.CategoricalColumn.of("site", "a", "b", "a", "b"),
        dev.vigil.data.LongColumn.of("y", 0, 1, 0, 1));
    dev.vigil.data.Table test = dev.vigil.data.Table.of(dev.vigil.data.CategoricalColumn.of("site", "a", "c", "d", "b"),
        dev.vigil.data.LongColumn.of("y", 0, 1, 0, 1));
    for (boolean leaky : new boolean[] {true, false}) {
      List<String> cats = leaky ? List.of("a", "b", "c", "d") : List.of("a", "b");
      Map<String, Object> pipeline = Map.of("format_version", 1, "inputs", List.of("site"),
          "steps", List.of(Map.of("op", "onehot", "column", "site", "options", Map.of(), "params", Map.of("categories", cats))));
      LeakageResult r = LeakageAudit.run(train, test, LeakageOptions.builder("y").pipeline(pipeline)
          .checks(List.of("preprocessing-leak")).build());
      if (leaky) {
        assertThat(r.findings()).singleElement().satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.ERROR);
          assertThat(f.columns()).containsExactly("site");
          assertThat(f.evidence()).containsEntry("categories_only_in_test", 2);
        });
      } else {
        assertThat(r.findings()).isEmpty();
      }
    }
  }

  @Test
  void continuousLabelIsAuditedAsQuantileClasses() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    int n = 1_000;
    double[] x = new double[n];
    double[] noise = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
      noise[i] = r.nextGaussian();
      y[i] = 3 * x[i] + 0.01 * r.nextGaussian();
    }
    Table t = Table.of(DoubleColumn.of("x", x), DoubleColumn.of("noise", noise), DoubleColumn.of("y", y));
    LeakageResult res = LeakageAudit.run(t.slice(0, 800), t.slice(800, n), LeakageOptions.builder("y").build());
    assertThat(res.of("target-leak")).singleElement().satisfies(f -> assertThat(f.columns()).containsExactly("x"));
    assertThat(res.of("new-label")).isEmpty();
  }

  @Test
  void manyNuisanceValuesAreCappedAndAnUnpredictableNuisanceIsOnlyInfo() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(9);
    int n = 3_000;
    String[] site = new String[n];
    double[] x = new double[n];
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      site[i] = "h" + r.nextInt(60);
      x[i] = r.nextGaussian();
      y[i] = r.nextDouble() < 0.3 ? 1 : 0;
    }
    Table t = Table.of(dev.vigil.data.CategoricalColumn.of("site", site), DoubleColumn.of("x", x), LongColumn.of("y", y));
    LeakageResult res = LeakageAudit.run(t.slice(0, 2_400), t.slice(2_400, n), LeakageOptions.builder("y").nuisance("site")
        .checks(List.of("proxy-confounding")).build());
    assertThat(res.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      @SuppressWarnings("unchecked")
      Map<String, Object> rates = (Map<String, Object>) f.evidence().get("label_rate_by_nuisance");
      assertThat(rates).hasSize(21).containsKey("(other)");
    });
  }

  @Test
  void proxyConfoundingReportCarriesALabelRateChart() {
    PlantedLeaks.Case c = PlantedLeaks.planted(PlantedLeaks.Kind.PROXY_CONFOUNDING, 1_000, 3);
    Report rep = LeakageAudit.run(c.train(), c.test(), c.options().toBuilder().checks(List.of("proxy-confounding")).build())
        .toReport("Leakage");
    assertThat(rep.blocks()).filteredOn(b -> b instanceof Report.Chart).singleElement()
        .satisfies(b -> assertThat(((Report.Chart) b).xLabels()).containsExactlyInAnyOrder("north", "south", "east", "west"));
  }
}
