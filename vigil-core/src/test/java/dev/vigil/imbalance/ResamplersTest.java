package dev.vigil.imbalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.report.Report;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ResamplersTest {

  static Table mixed(int n, int nMin, int seed) {
    SplittableRandom r = new SplittableRandom(seed);
    DoubleColumn.Builder a = DoubleColumn.builder("a");
    CategoricalColumn.Builder color = CategoricalColumn.builder("color");
    StringColumn.Builder shape = StringColumn.builder("shape");
    StringColumn.Builder y = StringColumn.builder("label");
    for (int i = 0; i < n; i++) {
      boolean min = i >= n - nMin;
      a.add(r.nextGaussian() + (min ? 1 : 0));
      color.add(min ? (r.nextInt(4) == 0 ? "red" : "blue") : (r.nextInt(3) == 0 ? "blue" : "red"));
      shape.add(r.nextBoolean() ? "round" : (min ? "square" : "star"));
      y.add(min ? "fraud" : "ok");
    }
    return Table.of(a.build(), color.build(), shape.build(), y.build());
  }

  @ParameterizedTest
  @EnumSource(Method.class)
  void everyMethodRunsAndReportsCountsAndProvenance(Method m) {
    Table t = Fixtures.table("binary");
    if (m == Method.SMOTE_N) {
      t = mixed(200, 40, 3).drop("a");
    } else if (m == Method.SMOTE_NC) {
      t = mixed(200, 40, 3);
    }
    String label = t.hasColumn("y") ? "y" : "label";
    ResampleResult r = Resamplers.create(m, ResampleOptions.defaults().withSeed(11)).resample(t, label);
    long total = r.after().values().stream().mapToLong(Long::longValue).sum();
    assertThat(total).isEqualTo(r.table().rowCount());
    assertThat(r.provenance().method()).isEqualTo(m);
    assertThat(r.provenance().parameters()).containsEntry("seed", "11");
    for (String c : r.before().keySet()) {
      assertThat(r.after().get(c)).as("class %s kept", c).isPositive();
      long req = r.requested().get(c);
      if (req >= 0 && m != Method.BORDERLINE_SMOTE_1 && m != Method.BORDERLINE_SMOTE_2 && m != Method.IHT
          && m != Method.NEARMISS_3) {
        assertThat(r.after().get(c)).as("%s class %s", m, c).isEqualTo(req);
      }
    }
    Report rep = r.toReport();
    assertThat(rep.data()).containsKeys("method", "parameters", "seed", "classes", "rows_after");
  }

  @Test
  void smoteNcKeepsCategoriesAndWeightsInterpolate() {
    Table t = mixed(200, 30, 5).withColumn(DoubleColumn.of("w",
        java.util.stream.IntStream.range(0, 200).mapToDouble(i -> i < 170 ? 1.0 : 3.0).toArray()));
    ResampleResult r = Resamplers.create(Method.SMOTE_NC).resample(t, "label", "w");
    assertThat(r.after()).isEqualTo(Map.of("fraud", 170L, "ok", 170L));
    Table out = r.table();
    assertThat(out.column("color")).isInstanceOf(CategoricalColumn.class);
    assertThat(out.column("shape")).isInstanceOf(StringColumn.class);
    for (int i = 200; i < out.rowCount(); i++) {
      assertThat(out.stringColumn("shape").get(i)).isIn("round", "square", "star");
      assertThat(out.doubleColumn("w").get(i)).isEqualTo(3.0);
    }
    assertThat(r.provenance().weightColumn()).isEqualTo("w");
  }

  @Test
  void heomIsUsedForCleaningMixedData() {
    ResampleResult r = Resamplers.create(Method.ENN).resample(mixed(150, 30, 9), "label");
    assertThat(r.provenance().parameters()).containsEntry("distance", "heom");
  }

  @Test
  void cleaningNeverEmptiesAClassUnlessTold() {
    // class "b" sits inside class "a": ENN (kind all) would remove every b
    double[] x = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.45, 0.55};
    String[] y = {"a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "b", "a"};
    y[11] = "b";
    y[10] = "a";
    Table t = Table.of(DoubleColumn.of("x", x), StringColumn.of("y", y));
    ResampleOptions all = ResampleOptions.defaults().withStrategy(SamplingStrategy.all());
    ResampleResult kept = Resamplers.create(Method.ENN, all).resample(t, "y");
    assertThat(kept.after().get("b")).isEqualTo(1L);
    assertThat(kept.provenance().parameters()).containsEntry("kept_whole_classes", "b");
    ResampleResult emptied = Resamplers.create(Method.ENN, all.withAllowEmptyClass(true)).resample(t, "y");
    assertThat(emptied.after().get("b")).isZero();
  }

  @Test
  void rejectsASingleClass() {
    Table t = Table.of(DoubleColumn.of("x", 1, 2, 3), StringColumn.of("y", "a", "a", "a"));
    assertThatThrownBy(() -> Resamplers.create(Method.SMOTE).resample(t, "y"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1 class").hasMessageContaining("[a]");
  }

  @Test
  void rejectsAClassSmallerThanKPlusOneNamingItAndItsCount() {
    Table t = Table.of(DoubleColumn.of("x", 1, 2, 3, 4, 5, 6, 7, 8), StringColumn.of("y", "a", "a", "a", "a", "a", "b", "b", "b"));
    assertThatThrownBy(() -> Resamplers.create(Method.SMOTE).resample(t, "y"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("class \"b\"").hasMessageContaining("it has 3").hasMessageContaining("k + 1 = 6");
  }

  @Test
  void rejectsNanFeaturesNamingTheColumnAndCount() {
    Table t = Table.of(DoubleColumn.of("income", 1, Double.NaN, 3, Double.NaN), StringColumn.of("y", "a", "a", "b", "b"));
    assertThatThrownBy(() -> Resamplers.create(Method.TOMEK).resample(t, "y"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("\"income\"").hasMessageContaining("2 NaN");
  }

  @Test
  void rejectsAMissingLabelColumnNamingIt() {
    Table t = Table.of(DoubleColumn.of("x", 1, 2), StringColumn.of("y", "a", "b"));
    assertThatThrownBy(() -> Resamplers.create(Method.TOMEK).resample(t, "target"))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("\"target\"").hasMessageContaining("[x, y]");
  }

  @Test
  void rejectsMissingLabelsWithTheirCount() {
    Table t = Table.of(DoubleColumn.of("x", 1, 2, 3),
        StringColumn.of("y", "a", null, "b"));
    assertThatThrownBy(() -> Resamplers.create(Method.TOMEK).resample(t, "y"))
        .hasMessageContaining("label column \"y\" has 1 missing");
  }

  @Test
  void rejectsSmoteOnCategoricalFeatures() {
    assertThatThrownBy(() -> Resamplers.create(Method.SMOTE).resample(mixed(100, 20, 1), "label"))
        .hasMessageContaining("[color, shape]").hasMessageContaining("smote-nc");
  }

  @Test
  void unknownMethodListsTheKnownOnes() {
    assertThatThrownBy(() -> Method.parse("smoat")).hasMessageContaining("\"smoat\"").hasMessageContaining("borderline-smote-1");
  }
}
