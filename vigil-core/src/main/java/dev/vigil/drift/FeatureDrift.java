package dev.vigil.drift;

import java.util.List;

/**
 * The comparison of one feature (column) between reference and current data: a distribution test
 * and two separate signals, the missing-value rate and (categorical features) unseen categories.
 *
 * @param name column name
 * @param kind numeric or categorical
 * @param method the method that ran, AUTO resolved ({@link DriftMethod#AUTO} only when no test could run)
 * @param statistic the method's statistic (NaN when the test could not run, see {@code error})
 * @param pValue raw p-value in [0, 1]; NaN for distances, except a calibrated distance under a
 *     correction, whose null p-value this is (see {@link Drift}, "Many features")
 * @param adjustedPValue p-value after the options' correction (equal to {@code pValue} without one)
 * @param threshold alpha for p-value tests, the distance threshold for distances
 * @param drift whether the distribution drifted: adjusted p &lt; alpha, or distance ≥ threshold
 * @param effectSize the method's effect size (see {@code dev.vigil.stats})
 * @param detail how the p-value was obtained ({@code exact}, {@code asymptotic}, ...)
 * @param referenceCount non-missing reference values compared
 * @param currentCount non-missing current values compared
 * @param missing the missing-value signal
 * @param unseen the unseen-category signal, null for numeric features
 * @param error why the test could not run (e.g. no values on one side), or null
 */
public record FeatureDrift(String name, FeatureKind kind, DriftMethod method, double statistic, double pValue,
    double adjustedPValue, double threshold, boolean drift, double effectSize, String detail, long referenceCount,
    long currentCount, MissingSignal missing, UnseenSignal unseen, String error) {

  /**
   * Missing values (missing, NaN or infinite) as a drift signal of their own: Fisher's exact test,
   * two-sided, on (missing, present) × (reference, current), with the options' correction across
   * features; drifts when the adjusted p-value is below alpha.
   */
  public record MissingSignal(double referenceRate, double currentRate, double pValue, double adjustedPValue,
      boolean drift) {}

  /**
   * Current rows whose category the reference never saw: their count, share of the current rows, the
   * first categories (at most 20, by count), and Fisher's exact test of (unseen, seen) × (reference,
   * current) with the reference having none by construction; drifts when the adjusted p-value is
   * below alpha.
   */
  public record UnseenSignal(long count, double rate, List<String> categories, double pValue, double adjustedPValue,
      boolean drift) {
    public UnseenSignal {
      categories = List.copyOf(categories);
    }
  }

  /** True when the distribution or one of the signals drifted. */
  public boolean anySignal() {
    return drift || missing.drift() || (unseen != null && unseen.drift());
  }

  FeatureDrift withAdjusted(double adjusted, boolean d, MissingSignal m, UnseenSignal u) {
    return new FeatureDrift(name, kind, method, statistic, pValue, adjusted, threshold, d, effectSize, detail,
        referenceCount, currentCount, m, u, error);
  }
}
