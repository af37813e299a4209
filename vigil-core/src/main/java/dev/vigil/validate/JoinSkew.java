package dev.vigil.validate;

import java.util.List;
import java.util.Map;

/**
 * Feature skew found by joining training rows with logged serving rows on a shared id.
 *
 * @param idColumn the join column
 * @param trainingRows rows in the training table
 * @param servingRows rows in the serving table
 * @param joined serving rows whose id was found in training
 * @param duplicateTrainingIds training rows whose id repeated an earlier one (the first is used)
 * @param features per feature present on both sides: compared rows, mismatches, examples
 */
public record JoinSkew(String idColumn, long trainingRows, long servingRows, long joined, long duplicateTrainingIds,
    List<Feature> features) {
  public JoinSkew {
    features = List.copyOf(features);
  }

  /**
   * Mismatches of one feature.
   *
   * @param name feature
   * @param compared joined examples compared
   * @param mismatches examples whose two values differ
   * @param examples a few mismatches: id, training value, serving value
   */
  public record Feature(String name, long compared, long mismatches, List<Map<String, Object>> examples) {
    public Feature {
      examples = List.copyOf(examples);
    }

    /** Share of compared examples that differ; 0 when none were compared. */
    public double mismatchRate() {
      return compared == 0 ? 0 : (double) mismatches / compared;
    }
  }
}
