package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code auto}'s size-calibrated thresholds for the distances it picks above 1,000 reference rows:
 * under no change the false-alarm rate over 1,000 seeded simulations lies in the binomial 99%
 * interval of alpha = 0.05, [0.033, 0.069]; a real shift is flagged.
 */
class CalibratedAutoThresholdTest {
  static final int SIMS = 1000;

  static FeatureDrift numeric(long seed, int n, int m, double shift) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] y = new double[m];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    for (int i = 0; i < m; i++) {
      y[i] = rng.nextGaussian() + shift;
    }
    return Drift.compare(Table.of(DoubleColumn.of("x", x)), Table.of(DoubleColumn.of("x", y)), DriftOptions.defaults())
        .features().get(0);
  }

  static FeatureDrift categorical(long seed, int n, int m, double[] p, double[] q) {
    SplittableRandom rng = new SplittableRandom(seed);
    String[] x = new String[n];
    String[] y = new String[m];
    for (int i = 0; i < n; i++) {
      x[i] = draw(rng, p);
    }
    for (int i = 0; i < m; i++) {
      y[i] = draw(rng, q);
    }
    return Drift.compare(Table.of(CategoricalColumn.of("c", x)), Table.of(CategoricalColumn.of("c", y)),
        DriftOptions.defaults()).features().get(0);
  }

  static String draw(SplittableRandom rng, double[] p) {
    double u = rng.nextDouble();
    for (int i = 0; i < p.length - 1; i++) {
      u -= p[i];
      if (u < 0) {
        return "k" + i;
      }
    }
    return "k" + (p.length - 1);
  }

  @Test
  void normalisedWassersteinKeepsItsFalseAlarmRateAtAlpha() {
    int alarms = 0;
    for (int s = 0; s < SIMS; s++) {
      FeatureDrift f = numeric(s, 2000, 400, 0);
      assertThat(f.method()).isEqualTo(DriftMethod.WASSERSTEIN);
      alarms += f.drift() ? 1 : 0;
    }
    assertThat(alarms / (double) SIMS).isBetween(0.033, 0.069);
  }

  @Test
  void jensenShannonKeepsItsFalseAlarmRateAtAlpha() {
    double[] p = {0.4, 0.3, 0.2, 0.1};
    int alarms = 0;
    for (int s = 0; s < SIMS; s++) {
      FeatureDrift f = categorical(s, 2000, 400, p, p);
      assertThat(f.method()).isEqualTo(DriftMethod.JS);
      alarms += f.drift() ? 1 : 0;
    }
    assertThat(alarms / (double) SIMS).isBetween(0.033, 0.069);
  }

  @Test
  void aRealShiftIsFlaggedThatTheFixedThresholdMisses() {
    // a 0.08 sd shift with 20,000 current rows is far beyond noise, yet under Evidently's fixed 0.1
    FeatureDrift big = numeric(7, 5000, 20_000, 0.08);
    assertThat(big.statistic()).isLessThan(0.1);
    assertThat(big.drift()).isTrue();
    assertThat(big.threshold()).isLessThan(0.05);
    FeatureDrift cat = categorical(8, 5000, 5000, new double[] {0.4, 0.3, 0.2, 0.1}, new double[] {0.34, 0.3, 0.24, 0.12});
    assertThat(cat.drift()).isTrue();
    FeatureDrift none = numeric(9, 5000, 20_000, 0);
    assertThat(none.drift()).isFalse();
  }
}
