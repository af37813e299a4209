package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Table;
import dev.vigil.report.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Calibrates per-feature thresholds against alarm fatigue by replaying the reference period.
 *
 * <p>The reference rows (in time order) are cut into consecutive pseudo-windows of {@code
 * windowRows} rows (a last partial window is dropped). Each pseudo-window is compared, as a current
 * window would be, with the reference <b>without that window</b> (leave-chunk-out: NannyML scores a
 * reference chunk against a reference that contains it, which makes its thresholds too tight). On
 * unchanged data every alarm is a false alarm. Each feature gets a score per window, the distance
 * for distance methods and −log10(p) for tests, and its threshold is set at the empirical (1 − q)
 * quantile of its scores (the higher order statistic), q = (target false alarms per month / windows
 * per month) / features, so that the chance that any feature alarms on an unchanged window stays
 * under the target. When q &lt; 1/windows the quantile is beyond the data: the largest score is used
 * and the feature is marked {@code extrapolated} (replay more windows to do better). A calibrated
 * threshold is never looser than the default: max(calibrated, default) for distances, min for
 * alphas.
 *
 * <p>The calibration reports, for the default settings and for the calibrated ones, the share of
 * pseudo-windows in which at least one feature alarmed and the expected false alarms per month
 * (share × windows per month).
 */
public final class DriftCalibrator {
  private DriftCalibrator() {}

  /**
   * What to calibrate for.
   *
   * @param windowRows rows per production window, at least 2
   * @param windowsPerMonth production windows per month, positive (e.g. 30 for daily windows)
   * @param maxFalseAlarmsPerMonth target, positive (e.g. 1)
   * @param drift the comparison settings (method, columns); their thresholds are the "default" ones
   */
  public record Options(int windowRows, double windowsPerMonth, double maxFalseAlarmsPerMonth, DriftOptions drift) {
    public Options {
      InvalidArgumentException.check(windowRows >= 2, "window rows must be >= 2: %d", windowRows);
      InvalidArgumentException.check(windowsPerMonth > 0, "windows per month must be positive: %s", windowsPerMonth);
      InvalidArgumentException.check(maxFalseAlarmsPerMonth > 0, "false alarms per month must be positive: %s",
          maxFalseAlarmsPerMonth);
    }
  }

  /** The calibrated threshold of one feature and what it does on the replayed windows. */
  public record FeatureCalibration(String name, DriftMethod method, boolean pValueTest, double defaultThreshold,
      double calibratedThreshold, double defaultAlarmShare, double calibratedAlarmShare, boolean extrapolated) {}

  /** The outcome: per-feature thresholds and the expected false alarms per month before and after. */
  public record Calibration(List<FeatureCalibration> features, int windows, int windowRows, double windowsPerMonth,
      double targetFalseAlarmsPerMonth, double defaultAlarmShare, double calibratedAlarmShare) {
    public Calibration {
      features = List.copyOf(features);
    }

    public double defaultFalseAlarmsPerMonth() {
      return defaultAlarmShare * windowsPerMonth;
    }

    public double calibratedFalseAlarmsPerMonth() {
      return calibratedAlarmShare * windowsPerMonth;
    }

    /** {@code options} with the calibrated per-column thresholds. */
    public DriftOptions apply(DriftOptions options) {
      Map<String, Double> t = new LinkedHashMap<>();
      Map<String, DriftMethod> m = new LinkedHashMap<>(options.columnMethods());
      for (FeatureCalibration f : features) {
        t.put(f.name(), f.calibratedThreshold());
        m.put(f.name(), f.method());
      }
      return options.withColumnThresholds(t).withColumnMethods(m);
    }

    /**
     * Report of kind {@code drift_calibration}: {@code windows}, {@code window_rows}, {@code
     * windows_per_month}, {@code target_false_alarms_per_month}, {@code default_false_alarms_per_month},
     * {@code calibrated_false_alarms_per_month}, {@code features[] {name, method, p_value_test,
     * default_threshold, calibrated_threshold, default_alarm_share, calibrated_alarm_share,
     * extrapolated}} and {@code column_thresholds} (the {@code --column-threshold} argument to use).
     */
    public Report toReport() {
      Report.Builder b = Report.builder("drift_calibration", "Drift threshold calibration");
      b.put("windows", windows).put("window_rows", windowRows).put("windows_per_month", windowsPerMonth)
          .put("target_false_alarms_per_month", targetFalseAlarmsPerMonth)
          .put("default_false_alarms_per_month", defaultFalseAlarmsPerMonth())
          .put("calibrated_false_alarms_per_month", calibratedFalseAlarmsPerMonth());
      List<Object> fs = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      List<String> arg = new ArrayList<>();
      for (FeatureCalibration f : features) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("method", f.method().cliName());
        m.put("p_value_test", f.pValueTest());
        m.put("default_threshold", f.defaultThreshold());
        m.put("calibrated_threshold", f.calibratedThreshold());
        m.put("default_alarm_share", f.defaultAlarmShare());
        m.put("calibrated_alarm_share", f.calibratedAlarmShare());
        m.put("extrapolated", f.extrapolated());
        fs.add(m);
        rows.add(List.of(f.name(), f.method().cliName(), (f.pValueTest() ? "alpha " : "") + fmt(f.defaultThreshold()),
            (f.pValueTest() ? "alpha " : "") + fmt(f.calibratedThreshold()) + (f.extrapolated() ? " *" : ""),
            fmt(f.defaultAlarmShare()), fmt(f.calibratedAlarmShare())));
        arg.add(f.name() + "=" + String.format(Locale.ROOT, "%.6g", f.calibratedThreshold()));
      }
      b.put("features", fs);
      b.put("column_thresholds", String.join(",", arg));
      b.keyValues("Pseudo-windows replayed", windows + " of " + windowRows + " rows (leave-chunk-out)",
          "Target", fmt(targetFalseAlarmsPerMonth) + " false alarms per month at " + fmt(windowsPerMonth) + " windows per month",
          "Default settings", fmt(defaultFalseAlarmsPerMonth()) + " expected false alarms per month",
          "Calibrated settings", fmt(calibratedFalseAlarmsPerMonth()) + " expected false alarms per month");
      b.table("Thresholds (* = beyond the replayed windows: the largest score seen)",
          List.of("feature", "method", "default", "calibrated", "default alarm share", "calibrated alarm share"), rows);
      b.paragraph("Use them: vigil drift ... --column-threshold " + String.join(",", arg));
      if (features.stream().anyMatch(FeatureCalibration::extrapolated)) {
        b.notice(Report.Status.WARNING, "Some thresholds are the largest score of " + windows
            + " windows: replay a longer reference period for a tighter estimate.");
      }
      return b.build();
    }
  }

  /** Replays {@code reference} (rows in time order) as pseudo-windows and calibrates. */
  public static Calibration calibrate(Table reference, Options o) {
    int k = reference.rowCount() / o.windowRows();
    InvalidArgumentException.check(k >= 2,
        "calibration needs at least 2 pseudo-windows of %d rows: the reference has %d rows", o.windowRows(),
        reference.rowCount());
    DriftReference whole = DriftReference.of(reference.slice(0, k * o.windowRows()));
    DriftOptions plain = o.drift().withCorrection(Correction.NONE).withColumnThresholds(Map.of());
    List<DriftResult> results = new ArrayList<>();
    for (int w = 0; w < k; w++) {
      Table window = reference.slice(w * o.windowRows(), (w + 1) * o.windowRows());
      DriftReference rest = whole.minus(DriftReference.of(window));
      results.add(Drift.compare(rest, window, plain));
    }
    List<String> names = results.get(0).features().stream().map(FeatureDrift::name).sorted().toList();
    int nf = names.size();
    double q = o.maxFalseAlarmsPerMonth() / o.windowsPerMonth() / Math.max(1, nf);
    List<FeatureCalibration> out = new ArrayList<>();
    boolean[] anyDefault = new boolean[k];
    boolean[] anyCalibrated = new boolean[k];
    for (String name : names) {
      double[] scores = new double[k];
      boolean[] defAlarm = new boolean[k];
      DriftMethod method = null;
      double defThreshold = Double.NaN;
      for (int w = 0; w < k; w++) {
        FeatureDrift f = results.get(w).feature(name).orElseThrow();
        if (method == null || method == DriftMethod.AUTO) {
          method = f.method();
          defThreshold = f.threshold();
        }
        scores[w] = score(f);
        defAlarm[w] = f.drift();
      }
      boolean pTest = method.hasPValue();
      double[] sorted = scores.clone();
      Arrays.sort(sorted);
      int idx = (int) Math.ceil((1 - q) * k) - 1;
      boolean extrapolated = idx >= k - 1 && q * k < 1;
      double thrScore = sorted[Math.max(0, Math.min(k - 1, idx))];
      double calibrated;
      if (pTest) {
        calibrated = Math.min(defThreshold, Math.pow(10, -thrScore));
      } else {
        calibrated = Math.max(defThreshold, Math.nextUp(thrScore));
      }
      int defCount = 0;
      int calCount = 0;
      for (int w = 0; w < k; w++) {
        boolean def = defAlarm[w];
        FeatureDrift f = results.get(w).feature(name).orElseThrow();
        boolean cal = f.error() == null && (pTest ? f.pValue() < calibrated : f.statistic() >= calibrated);
        defCount += def ? 1 : 0;
        calCount += cal ? 1 : 0;
        anyDefault[w] |= def;
        anyCalibrated[w] |= cal;
      }
      out.add(new FeatureCalibration(name, method, pTest, defThreshold, calibrated, defCount / (double) k,
          calCount / (double) k, extrapolated));
    }
    return new Calibration(out, k, o.windowRows(), o.windowsPerMonth(), o.maxFalseAlarmsPerMonth(), share(anyDefault),
        share(anyCalibrated));
  }

  private static double score(FeatureDrift f) {
    if (f.error() != null) {
      return 0;
    }
    if (f.method().hasPValue()) {
      return -Math.log10(Math.max(f.pValue(), 1e-300));
    }
    return f.statistic();
  }

  private static double share(boolean[] b) {
    int c = 0;
    for (boolean x : b) {
      c += x ? 1 : 0;
    }
    return c / (double) b.length;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
