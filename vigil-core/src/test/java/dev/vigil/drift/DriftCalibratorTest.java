package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftCalibratorTest {
  static Table stationary(int n, long seed) {
    return Table.of(DoubleColumn.of("a", DriftTest.normal(seed, n, 0)), DoubleColumn.of("b", DriftTest.normal(seed + 1, n, 5)),
        CategoricalColumn.of("c", DriftTest.cats(seed, n, new String[] {"x", "y", "z"}, new double[] {0.5, 0.3, 0.2})));
  }

  @Test
  void calibratedThresholdsMeetTheTargetOnTheReplayAndAreNeverLooser() {
    Table ref = stationary(6000, 11);
    DriftCalibrator.Options o = new DriftCalibrator.Options(200, 30, 1, DriftOptions.defaults());
    DriftCalibrator.Calibration c = DriftCalibrator.calibrate(ref, o);
    assertThat(c.windows()).isEqualTo(30);
    assertThat(c.calibratedFalseAlarmsPerMonth()).isLessThanOrEqualTo(1.0);
    assertThat(c.calibratedAlarmShare()).isLessThanOrEqualTo(c.defaultAlarmShare());
    for (DriftCalibrator.FeatureCalibration f : c.features()) {
      if (f.pValueTest()) {
        assertThat(f.calibratedThreshold()).isLessThanOrEqualTo(f.defaultThreshold());
      } else {
        assertThat(f.calibratedThreshold()).isGreaterThanOrEqualTo(f.defaultThreshold());
      }
    }
    assertThat(c.toReport().data()).containsKeys("default_false_alarms_per_month", "calibrated_false_alarms_per_month",
        "column_thresholds");
  }

  @Test
  void appliedThresholdsStillCatchARealShift() {
    Table ref = stationary(6000, 11);
    DriftCalibrator.Calibration c = DriftCalibrator.calibrate(ref,
        new DriftCalibrator.Options(200, 30, 1, DriftOptions.defaults()));
    DriftOptions tuned = c.apply(DriftOptions.defaults());
    Table shifted = Table.of(DoubleColumn.of("a", DriftTest.normal(99, 200, 1.5)), DoubleColumn.of("b", DriftTest.normal(98, 200, 5)),
        CategoricalColumn.of("c", DriftTest.cats(97, 200, new String[] {"x", "y", "z"}, new double[] {0.5, 0.3, 0.2})));
    DriftResult r = Drift.compare(ref, shifted, tuned);
    assertThat(r.feature("a").orElseThrow().drift()).isTrue();
    assertThat(tuned.columnThresholds()).containsKeys("a", "b", "c");
  }

  @Test
  void needsAtLeastTwoWindowsAndKnownColumns() {
    assertThatThrownBy(() -> DriftCalibrator.calibrate(stationary(300, 1),
        new DriftCalibrator.Options(200, 30, 1, DriftOptions.defaults())))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at least 2 pseudo-windows");
    assertThatThrownBy(() -> Drift.compare(stationary(100, 1), stationary(100, 2),
        DriftOptions.defaults().withColumnThresholds(Map.of("nope", 0.1))))
        .hasMessageContaining("\"nope\"");
    assertThat(List.of()).isEmpty();
  }
}
