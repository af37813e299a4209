package dev.vigil.imbalance;

import java.util.Map;

/**
 * How a resampled table was made.
 *
 * @param method the method
 * @param parameters every parameter that affects the output, as strings (imbalanced-learn's names)
 * @param seed the seed
 * @param label the label column
 * @param weightColumn the per-sample weight column carried through, or null
 */
public record ResampleProvenance(Method method, Map<String, String> parameters, long seed, String label,
    String weightColumn) {
  public ResampleProvenance {
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
  }
}
