package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code --correction} applied to the calibrated distance thresholds of {@code auto} (normalised
 * Wasserstein, Jensen–Shannon): with 20 features and no change, the share of seeded data sets with at
 * least one drifting feature (Bonferroni's family-wise error, and under no change also the FDR) stays
 * near alpha = 0.05, where without correction nearly every data set has a false alarm; real shifts are
 * still found.
 */
class CorrectedDistanceThresholdTest {
  static final int FEATURES = 20;
  static final int CATEGORICAL = 4;
  static final int SETS = 100;
  static final double[] SHARES = {0.4, 0.3, 0.2, 0.1};

  /** Reference (n rows) and current (m rows); the first {@code shifted} numeric features move by 0.5 sd. */
  static Table[] data(long seed, int n, int m, int shifted) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Column> ref = new ArrayList<>();
    List<Column> cur = new ArrayList<>();
    for (int j = 0; j < FEATURES; j++) {
      if (j < FEATURES - CATEGORICAL) {
        double[] x = new double[n];
        double[] y = new double[m];
        for (int i = 0; i < n; i++) {
          x[i] = rng.nextGaussian();
        }
        for (int i = 0; i < m; i++) {
          y[i] = rng.nextGaussian() + (j < shifted ? 0.5 : 0);
        }
        ref.add(DoubleColumn.of("f" + j, x));
        cur.add(DoubleColumn.of("f" + j, y));
      } else {
        String[] x = new String[n];
        String[] y = new String[m];
        for (int i = 0; i < n; i++) {
          x[i] = CalibratedAutoThresholdTest.draw(rng, SHARES);
        }
        for (int i = 0; i < m; i++) {
          y[i] = CalibratedAutoThresholdTest.draw(rng, SHARES);
        }
        ref.add(CategoricalColumn.of("f" + j, x));
        cur.add(CategoricalColumn.of("f" + j, y));
      }
    }
    return new Table[] {Table.of(ref), Table.of(cur)};
  }

  static int falseAlarmSets(Correction c) {
    int sets = 0;
    for (int s = 0; s < SETS; s++) {
      Table[] t = data(1000 + s, 1200, 300, 0);
      DriftResult r = Drift.compare(t[0], t[1], DriftOptions.defaults().withCorrection(c));
      sets += r.features().stream().anyMatch(FeatureDrift::drift) ? 1 : 0;
    }
    return sets;
  }

  @Test
  void bonferroniKeepsTheDataSetFalseAlarmRateNearAlpha() {
    // binomial(100, 0.05) 99% interval [1, 11]; without correction about 64 of 100
    assertThat(falseAlarmSets(Correction.BONFERRONI)).isBetween(1, 11);
  }

  @Test
  void fdrKeepsTheDataSetFalseAlarmRateNearAlphaUnderNoChange() {
    assertThat(falseAlarmSets(Correction.FDR)).isBetween(1, 11);
  }

  @Test
  void withoutCorrectionMostDataSetsHaveAFalseAlarm() {
    int sets = 0;
    for (int s = 0; s < 10; s++) {
      Table[] t = data(1000 + s, 1200, 300, 0);
      sets += Drift.compare(t[0], t[1], DriftOptions.defaults()).features().stream().anyMatch(FeatureDrift::drift) ? 1 : 0;
    }
    // 1 − 0.95^20 = 0.64 per data set; P(at most 2 of 10) = 0.005
    assertThat(sets).isGreaterThanOrEqualTo(3);
  }

  @Test
  void correctedThresholdsStillFindRealShiftsAndReportNullPValues() {
    Table[] t = data(8, 1200, 300, 3);
    for (Correction c : new Correction[] {Correction.BONFERRONI, Correction.FDR}) {
      DriftResult r = Drift.compare(t[0], t[1], DriftOptions.defaults().withCorrection(c));
      List<String> drifted = r.features().stream().filter(FeatureDrift::drift).map(FeatureDrift::name).sorted().toList();
      assertThat(drifted).containsExactly("f0", "f1", "f2");
      FeatureDrift uncorrected = Drift.compare(t[0], t[1], DriftOptions.defaults()).features().stream()
          .filter(f -> f.name().equals("f5")).findFirst().orElseThrow();
      for (FeatureDrift f : r.features()) {
        assertThat(f.pValue()).isBetween(0.0, 1.0);
        assertThat(f.adjustedPValue()).isGreaterThanOrEqualTo(f.pValue() - 1e-12);
        assertThat(f.drift()).isEqualTo(f.statistic() > f.threshold());
        if (f.name().equals("f5")) {
          // a corrected threshold is stricter than the per-feature one
          assertThat(f.threshold()).isGreaterThan(uncorrected.threshold());
        }
      }
    }
  }

  @Test
  void bonferroniThresholdIsTheNullQuantileAtAlphaOverM() {
    // one categorical feature among m: the JS threshold is the chi-square null quantile at alpha/m
    Table[] t = data(11, 1200, 300, 0);
    DriftResult r = Drift.compare(t[0], t[1], DriftOptions.defaults().withCorrection(Correction.BONFERRONI));
    FeatureDrift f = r.features().stream().filter(x -> x.name().equals("f19")).findFirst().orElseThrow();
    assertThat(f.method()).isEqualTo(DriftMethod.JS);
    double expected = dev.vigil.stats.NullThresholds.jensenShannonDistance(4, 1200, 300, 0.05 / FEATURES);
    assertThat(f.threshold()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(f.adjustedPValue()).isCloseTo(Math.min(1, f.pValue() * FEATURES), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void sharedBridgesGiveThePerFeatureCalibrationAndConsistentPValues() {
    SplittableRandom rng = new SplittableRandom(3);
    int features = 9;
    dev.vigil.stats.NullThresholds.WassersteinNull[] nulls = new dev.vigil.stats.NullThresholds.WassersteinNull[features];
    double[] expected = new double[features];
    double[] sds = new double[features];
    double[][] refs = new double[features][];
    for (int f = 0; f < features; f++) {
      double[] x = new double[500 + 100 * f];
      for (int i = 0; i < x.length; i++) {
        x[i] = f % 2 == 0 ? rng.nextGaussian() : -Math.log(1 - rng.nextDouble());
      }
      java.util.Arrays.sort(x);
      double mean = java.util.Arrays.stream(x).average().orElseThrow();
      sds[f] = Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / x.length);
      refs[f] = x;
      nulls[f] = dev.vigil.stats.NullThresholds.wassersteinNull(x, x.length, sds[f], 300);
      // the per-feature calibration: 1,000 bridges from seed 0, quantile at 0.95 = the 51st largest
      expected[f] = dev.vigil.stats.NullThresholds.wassersteinNormalised(x, 300, 0.05, 1000, 0);
    }
    dev.vigil.stats.NullThresholds.Bridges b = dev.vigil.stats.NullThresholds.Bridges.simulate(1000, 0);
    int[] r = new int[features];
    java.util.Arrays.fill(r, 50);
    double[] got = b.upperOrderStatistics(nulls, r);
    for (int f = 0; f < features; f++) {
      assertThat(got[f]).isCloseTo(expected[f], org.assertj.core.data.Percentage.withPercentage(1e-3));
    }
    // just above the 51st largest value, 50 simulated values reach the statistic: p = 51/1001
    double[] stats = new double[features];
    for (int f = 0; f < features; f++) {
      stats[f] = got[f] * (1 + 1e-5);
    }
    double[] p = b.pValues(nulls, stats);
    for (int f = 0; f < features; f++) {
      assertThat(p[f]).isCloseTo(51.0 / 1001, org.assertj.core.data.Offset.offset(1e-12));
    }
  }
}
