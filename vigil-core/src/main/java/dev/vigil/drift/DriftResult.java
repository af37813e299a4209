package dev.vigil.drift;

import dev.vigil.report.Report;
import java.util.List;
import java.util.Map;

/**
 * The outcome of comparing current data with a reference.
 *
 * @param features per-feature results, most severe first (drifted features first, then by effect
 *     size, descending)
 * @param drift the dataset-level verdict: the share of compared features with any signal is at
 *     least {@link DriftOptions#driftShare()}
 * @param driftedFeatures number of features with any signal
 * @param options the options used
 * @param referenceRows reference row count
 * @param currentRows current row count
 * @param skipped columns not compared, with the reason (unsupported type, present on one side only)
 * @param charts per-feature reference/current proportions for overlays, keyed by feature name
 */
public record DriftResult(List<FeatureDrift> features, boolean drift, int driftedFeatures, DriftOptions options,
    long referenceRows, long currentRows, Map<String, String> skipped, Map<String, Overlay> charts) {
  public DriftResult {
    features = List.copyOf(features);
    skipped = Map.copyOf(skipped);
    charts = Map.copyOf(charts);
  }

  /** Reference and current shares per bin or category of one feature, for plots. */
  public record Overlay(List<String> labels, double[] reference, double[] current) {
    public Overlay {
      labels = List.copyOf(labels);
    }
  }

  /** Share of compared features that drifted (0 when none were compared). */
  public double driftedShare() {
    return features.isEmpty() ? 0 : driftedFeatures / (double) features.size();
  }

  /** The feature called {@code name}, if compared. */
  public java.util.Optional<FeatureDrift> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * The report of kind {@code drift}: JSON fields {@code drift}, {@code drifted_features}, {@code
   * compared_features}, {@code drifted_share}, {@code drift_share_threshold}, {@code alpha}, {@code
   * correction}, {@code reference_rows}, {@code current_rows}, {@code features} (each: {@code name},
   * {@code kind}, {@code method}, {@code statistic}, {@code p_value}, {@code adjusted_p_value}, {@code
   * threshold}, {@code drift}, {@code effect_size}, {@code detail}, {@code reference_count}, {@code
   * current_count}, {@code missing}, {@code unseen}, {@code error}; NaN as null) and {@code
   * skipped_columns}. Status error when the dataset drifted, warning when a feature did or could not
   * be tested.
   */
  public Report toReport() {
    return DriftReports.build(this);
  }
}
