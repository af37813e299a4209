package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.report.Report;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftTest {
  static double[] normal(long seed, int n, double mean) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = mean + Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
    return v;
  }

  static String[] cats(long seed, int n, String[] labels, double[] p) {
    SplittableRandom rng = new SplittableRandom(seed);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      int k = 0;
      double acc = p[0];
      while (u >= acc && k < p.length - 1) {
        acc += p[++k];
      }
      out[i] = labels[k];
    }
    return out;
  }

  @Test
  void autoUsesKsForSmallNumericAndWassersteinForLarge() {
    Table small = Table.of(DoubleColumn.of("x", normal(1, 500, 0)));
    Table smallCur = Table.of(DoubleColumn.of("x", normal(2, 400, 0)));
    assertThat(Drift.compare(small, smallCur, DriftOptions.defaults()).features().get(0).method()).isEqualTo(DriftMethod.KS);
    Table large = Table.of(DoubleColumn.of("x", normal(3, 5000, 0)));
    Table largeCur = Table.of(DoubleColumn.of("x", normal(4, 3000, 1.0)));
    FeatureDrift f = Drift.compare(large, largeCur, DriftOptions.defaults()).features().get(0);
    assertThat(f.method()).isEqualTo(DriftMethod.WASSERSTEIN);
    assertThat(f.drift()).isTrue();
    // calibrated to alpha at n = 5000, m = 3000 (about 0.05), not Evidently's fixed 0.1 ...
    assertThat(f.threshold()).isBetween(0.02, 0.08);
    // ... unless a threshold is given
    assertThat(Drift.compare(large, largeCur, DriftOptions.defaults().withThreshold(0.1)).features().get(0).threshold())
        .isEqualTo(0.1);
  }

  @Test
  void autoUsesChiSquareOrZTestForSmallCategoricalAndJensenShannonForLarge() {
    String[] l3 = {"a", "b", "c"};
    double[] p3 = {0.5, 0.3, 0.2};
    Table r = Table.of(CategoricalColumn.of("c", cats(1, 300, l3, p3)));
    Table c = Table.of(CategoricalColumn.of("c", cats(2, 300, l3, p3)));
    assertThat(Drift.compare(r, c, DriftOptions.defaults()).features().get(0).method()).isEqualTo(DriftMethod.CHI2);
    String[] l2 = {"y", "n"};
    Table r2 = Table.of(CategoricalColumn.of("c", cats(1, 300, l2, new double[] {0.5, 0.5})));
    Table c2 = Table.of(CategoricalColumn.of("c", cats(2, 300, l2, new double[] {0.5, 0.5})));
    assertThat(Drift.compare(r2, c2, DriftOptions.defaults()).features().get(0).method()).isEqualTo(DriftMethod.ZTEST);
    Table r3 = Table.of(CategoricalColumn.of("c", cats(1, 3000, l3, p3)));
    Table c3 = Table.of(CategoricalColumn.of("c", cats(2, 3000, l3, p3)));
    assertThat(Drift.compare(r3, c3, DriftOptions.defaults()).features().get(0).method()).isEqualTo(DriftMethod.JS);
  }

  @Test
  void numericColumnWithFewValuesIsTestedAsCategories() {
    Table r = Table.of(LongColumn.of("k", 1, 2, 3, 1, 2, 3, 1, 2, 3, 1));
    Table c = Table.of(LongColumn.of("k", 1, 1, 1, 2, 2, 3, 3, 3, 3, 1));
    assertThat(Drift.compare(r, c, DriftOptions.defaults()).features().get(0).method()).isEqualTo(DriftMethod.CHI2);
  }

  @Test
  void unseenCategoriesAreTheirOwnSignalAndNeverAZeroPValue() {
    String[] ref = cats(1, 400, new String[] {"a", "b"}, new double[] {0.6, 0.4});
    String[] cur = cats(2, 400, new String[] {"a", "b", "new"}, new double[] {0.5, 0.3, 0.2});
    DriftResult res = Drift.compare(Table.of(CategoricalColumn.of("c", ref)), Table.of(CategoricalColumn.of("c", cur)),
        DriftOptions.defaults().withMethod(DriftMethod.GOF));
    FeatureDrift f = res.features().get(0);
    assertThat(f.unseen().count()).isGreaterThan(50);
    assertThat(f.unseen().categories()).containsExactly("new");
    assertThat(f.unseen().drift()).isTrue();
    assertThat(f.pValue()).isGreaterThan(0.0).isFinite();
  }

  @Test
  void missingRateIsItsOwnSignal() {
    double[] v = normal(5, 300, 0);
    boolean[] refMissing = new boolean[300];
    boolean[] curMissing = new boolean[300];
    for (int i = 0; i < 300; i++) {
      refMissing[i] = i % 50 == 0;
      curMissing[i] = i % 3 == 0;
    }
    DriftResult res = Drift.compare(Table.of(DoubleColumn.of("x", v, refMissing)),
        Table.of(DoubleColumn.of("x", v.clone(), curMissing)), DriftOptions.defaults());
    FeatureDrift f = res.features().get(0);
    assertThat(f.missing().drift()).isTrue();
    assertThat(f.missing().referenceRate()).isEqualTo(6 / 300.0);
    assertThat(f.missing().currentRate()).isEqualTo(100 / 300.0);
    assertThat(f.drift()).isFalse();
    assertThat(f.anySignal()).isTrue();
  }

  @Test
  void allMissingColumnIsReportedNotThrown() {
    boolean[] all = new boolean[20];
    java.util.Arrays.fill(all, true);
    DriftResult res = Drift.compare(Table.of(DoubleColumn.of("x", normal(1, 20, 0))),
        Table.of(DoubleColumn.of("x", new double[20], all)), DriftOptions.defaults());
    FeatureDrift f = res.features().get(0);
    assertThat(f.error()).contains("no non-missing values in the current data");
    assertThat(f.missing().drift()).isTrue();
    assertThat(res.toReport().status()).isEqualTo(Report.Status.ERROR);
  }

  @Test
  void constantIdenticalSamplesDoNotDrift() {
    double[] c = new double[50];
    java.util.Arrays.fill(c, 3.0);
    FeatureDrift f = Drift.compare(Table.of(DoubleColumn.of("x", c)), Table.of(DoubleColumn.of("x", c.clone())),
        DriftOptions.defaults().withMethod(DriftMethod.KS)).features().get(0);
    assertThat(f.statistic()).isEqualTo(0.0);
    assertThat(f.pValue()).isEqualTo(1.0);
    assertThat(f.drift()).isFalse();
  }

  @Test
  void requestedColumnAbsentOnOneSideIsASchemaError() {
    Table r = Table.of(DoubleColumn.of("x", 1, 2, 3), DoubleColumn.of("y", 1, 2, 3));
    Table c = Table.of(DoubleColumn.of("x", 1, 2, 3));
    assertThatThrownBy(() -> Drift.compare(r, c, DriftOptions.defaults().withColumns(List.of("y"))))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("\"y\"").hasMessageContaining("current");
    DriftResult res = Drift.compare(r, c, DriftOptions.defaults());
    assertThat(res.skipped()).containsEntry("y", "absent from the current data");
  }

  @Test
  void mismatchedTypesAreASchemaError() {
    Table r = Table.of(DoubleColumn.of("x", 1, 2, 3));
    Table c = Table.of(CategoricalColumn.of("x", "a", "b", "c"));
    assertThatThrownBy(() -> Drift.compare(r, c, DriftOptions.defaults()))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("numeric in the reference but categorical");
  }

  @Test
  void emptyCurrentWindowIsRejected() {
    Table r = Table.of(DoubleColumn.of("x", 1, 2, 3));
    Table c = Table.of(DoubleColumn.of("x"));
    assertThatThrownBy(() -> Drift.compare(r, c, DriftOptions.defaults()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at least one row");
  }

  @Test
  void numericOnlyMethodOnCategoricalColumnIsRejected() {
    Table r = Table.of(CategoricalColumn.of("c", "a", "b"));
    assertThatThrownBy(() -> Drift.compare(r, r, DriftOptions.defaults().withMethod(DriftMethod.KS)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("\"c\" is categorical");
  }

  @Test
  void bonferroniAndFdrAdjustFeaturePValues() {
    Table r = Table.of(DoubleColumn.of("a", normal(1, 200, 0)), DoubleColumn.of("b", normal(2, 200, 0)),
        DoubleColumn.of("c", normal(3, 200, 0)));
    Table c = Table.of(DoubleColumn.of("a", normal(4, 200, 0.25)), DoubleColumn.of("b", normal(5, 200, 0)),
        DoubleColumn.of("c", normal(6, 200, 0)));
    DriftResult none = Drift.compare(r, c, DriftOptions.defaults());
    DriftResult bonf = Drift.compare(r, c, DriftOptions.defaults().withCorrection(Correction.BONFERRONI));
    DriftResult fdr = Drift.compare(r, c, DriftOptions.defaults().withCorrection(Correction.FDR));
    double pa = none.feature("a").orElseThrow().pValue();
    assertThat(bonf.feature("a").orElseThrow().adjustedPValue()).isEqualTo(Math.min(1, 3 * pa));
    assertThat(fdr.feature("a").orElseThrow().adjustedPValue()).isBetween(pa, Math.min(1, 3 * pa));
  }

  @Test
  void datasetDriftsWhenTheShareOfDriftedFeaturesReachesTheThreshold() {
    Table r = Table.of(DoubleColumn.of("a", normal(1, 300, 0)), DoubleColumn.of("b", normal(2, 300, 0)));
    Table c = Table.of(DoubleColumn.of("a", normal(3, 300, 2)), DoubleColumn.of("b", normal(4, 300, 0)));
    DriftResult half = Drift.compare(r, c, DriftOptions.defaults());
    assertThat(half.driftedFeatures()).isEqualTo(1);
    assertThat(half.drift()).isTrue();
    assertThat(half.features().get(0).name()).isEqualTo("a");
    DriftResult strict = Drift.compare(r, c, DriftOptions.defaults().withDriftShare(0.75));
    assertThat(strict.drift()).isFalse();
    assertThat(strict.toReport().status()).isEqualTo(Report.Status.WARNING);
  }

  @Test
  void reportCarriesTheDocumentedJsonFields() {
    Table r = Table.of(DoubleColumn.of("a", normal(1, 300, 0)), CategoricalColumn.of("c", cats(1, 300,
        new String[] {"x", "y", "z"}, new double[] {0.3, 0.3, 0.4})));
    Report rep = Drift.compare(r, r, DriftOptions.defaults()).toReport();
    assertThat(rep.kind()).isEqualTo("drift");
    assertThat(rep.status()).isEqualTo(Report.Status.OK);
    assertThat(rep.data()).containsKeys("drift", "drifted_features", "compared_features", "features", "alpha",
        "correction", "skipped_columns");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> feats = (List<Map<String, Object>>) rep.data().get("features");
    assertThat(feats).hasSize(2);
    assertThat(feats.get(0)).containsKeys("name", "kind", "method", "statistic", "p_value", "threshold", "drift",
        "effect_size", "missing", "unseen");
    assertThat(rep.blocks()).anyMatch(b -> b instanceof Report.Chart);
  }

  @Test
  void everyMethodRunsOnANumericColumn() {
    Table r = Table.of(DoubleColumn.of("x", normal(1, 200, 0)));
    Table c = Table.of(DoubleColumn.of("x", normal(2, 150, 0.5)));
    for (DriftMethod m : DriftMethod.values()) {
      if (m == DriftMethod.FISHER || m == DriftMethod.ZTEST) {
        continue;
      }
      FeatureDrift f = Drift.compare(r, c, DriftOptions.defaults().withMethod(m)).features().get(0);
      assertThat(f.error()).as(m.cliName()).isNull();
      assertThat(f.statistic()).as(m.cliName()).isFinite();
    }
  }
}
