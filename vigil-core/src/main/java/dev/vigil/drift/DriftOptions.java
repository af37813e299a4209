package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a comparison is run. Create with {@link #defaults()} and the {@code with*} methods.
 *
 * @param method the method for every feature, {@link DriftMethod#AUTO} by default
 * @param columnMethods per-column overrides of {@code method}
 * @param columns the columns to compare, or an empty list for every column both sides share
 * @param alpha significance level in (0, 1) for p-value tests and the missing/unseen signals, 0.05
 * @param threshold threshold for distance methods, or NaN for each method's default (0.1)
 * @param correction multiple-comparison correction of the features' p-values, none by default
 * @param driftShare the dataset drifts when at least this share of compared features drifts, in
 *     (0, 1], 0.5 by default (Evidently's rule)
 * @param columnThresholds per-column thresholds (e.g. from {@link DriftCalibrator}): the alpha of a
 *     p-value test or the threshold of a distance for that column; they replace {@code alpha} and
 *     {@code threshold} there and are not corrected further
 * @param compat a peer whose numbers to reproduce ({@link Compat}), {@link Compat#NONE} by default
 */
public record DriftOptions(DriftMethod method, Map<String, DriftMethod> columnMethods, List<String> columns,
    double alpha, double threshold, Correction correction, double driftShare, Map<String, Double> columnThresholds,
    Compat compat) {
  public DriftOptions {
    Objects.requireNonNull(method, "method");
    columnMethods = Map.copyOf(columnMethods);
    columns = List.copyOf(columns);
    columnThresholds = Map.copyOf(columnThresholds);
    columnThresholds.forEach((c, t) -> InvalidArgumentException.check(t != null && t >= 0 && !t.isNaN(),
        "threshold of column \"%s\" must be non-negative: %s", c, t));
    Objects.requireNonNull(correction, "correction");
    Objects.requireNonNull(compat, "compat");
    InvalidArgumentException.check(alpha > 0 && alpha < 1, "alpha must be in (0, 1): %s", alpha);
    InvalidArgumentException.check(Double.isNaN(threshold) || threshold >= 0,
        "threshold must be non-negative: %s", threshold);
    InvalidArgumentException.check(driftShare > 0 && driftShare <= 1, "drift share must be in (0, 1]: %s", driftShare);
  }

  /** AUTO for every column, alpha 0.05, default thresholds, no correction, drift share 0.5. */
  public static DriftOptions defaults() {
    return new DriftOptions(DriftMethod.AUTO, Map.of(), List.of(), 0.05, Double.NaN, Correction.NONE, 0.5, Map.of(), Compat.NONE);
  }

  public DriftOptions withMethod(DriftMethod m) {
    return new DriftOptions(m, columnMethods, columns, alpha, threshold, correction, driftShare, columnThresholds, compat);
  }

  public DriftOptions withColumnMethods(Map<String, DriftMethod> m) {
    return new DriftOptions(method, m, columns, alpha, threshold, correction, driftShare, columnThresholds, compat);
  }

  public DriftOptions withColumns(List<String> c) {
    return new DriftOptions(method, columnMethods, c, alpha, threshold, correction, driftShare, columnThresholds, compat);
  }

  public DriftOptions withAlpha(double a) {
    return new DriftOptions(method, columnMethods, columns, a, threshold, correction, driftShare, columnThresholds, compat);
  }

  public DriftOptions withThreshold(double t) {
    return new DriftOptions(method, columnMethods, columns, alpha, t, correction, driftShare, columnThresholds, compat);
  }

  public DriftOptions withCorrection(Correction c) {
    return new DriftOptions(method, columnMethods, columns, alpha, threshold, c, driftShare, columnThresholds, compat);
  }

  public DriftOptions withDriftShare(double s) {
    return new DriftOptions(method, columnMethods, columns, alpha, threshold, correction, s, columnThresholds, compat);
  }

  public DriftOptions withColumnThresholds(Map<String, Double> t) {
    return new DriftOptions(method, columnMethods, columns, alpha, threshold, correction, driftShare, t, compat);
  }

  public DriftOptions withCompat(Compat c) {
    return new DriftOptions(method, columnMethods, columns, alpha, threshold, correction, driftShare, columnThresholds, c);
  }

  /** The method requested for {@code column}: its override, else {@link #method()}. */
  public DriftMethod methodFor(String column) {
    return columnMethods.getOrDefault(column, method);
  }
}
