package dev.vigil.validate;

import java.util.List;

/**
 * The skew of one feature between a training and a serving profile.
 *
 * @param name feature name
 * @param presence {@code both}, {@code training_only} or {@code serving_only}
 * @param measure {@code l_infinity} (text, boolean), {@code jensen_shannon} (numeric), or {@code none}
 * @param distance the raw distance, always reported (NaN when not comparable)
 * @param threshold the configured threshold
 * @param noiseFloor the distance sampling alone reaches with probability alpha at these sample sizes
 * @param skewed true when {@code distance > max(threshold, noiseFloor)}, or the feature is missing on
 *     one side where the schema expects it, or the types differ
 * @param trainingCount present values in training
 * @param servingCount present values at serving
 * @param outOfRange serving values outside the training [min, max] (numeric; estimated from the
 *     serving quantile sketch unless counted on the serving table)
 * @param problems readable findings: type mismatch, absence, schema violations on one side only
 */
public record FeatureSkew(String name, String presence, String measure, double distance, double threshold,
    double noiseFloor, boolean skewed, long trainingCount, long servingCount, long outOfRange, List<String> problems) {
  public FeatureSkew {
    problems = List.copyOf(problems);
  }
}
