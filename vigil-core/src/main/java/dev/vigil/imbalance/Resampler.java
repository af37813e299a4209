package dev.vigil.imbalance;

import dev.vigil.data.Table;

/** Resamples a labelled table. Implementations are immutable and thread-safe. Create with {@link Resamplers}. */
public interface Resampler {

  /** The method. */
  Method method();

  /**
   * Resamples {@code table} on class column {@code label}; every other column is a feature.
   *
   * @throws dev.vigil.SchemaMismatchException when the label column is absent
   * @throws dev.vigil.InvalidArgumentException for a single class, a class too small for the
   *     neighbour count (naming the class and its count), missing or NaN feature values (naming the
   *     column and the count), or a sampling strategy imbalanced-learn refuses
   */
  default ResampleResult resample(Table table, String label) {
    return resample(table, label, null);
  }

  /**
   * As {@link #resample(Table, String)}, carrying the per-sample weights of column {@code weight}
   * (not a feature): kept rows keep their weight, a copy copies it, a synthetic sample interpolated
   * between rows a and b with gap g gets {@code w_a + g (w_b - w_a)}, a cluster centroid gets the
   * mean weight of its cluster's class.
   */
  ResampleResult resample(Table table, String label, String weight);
}
