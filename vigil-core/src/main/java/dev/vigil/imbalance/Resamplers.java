package dev.vigil.imbalance;

import dev.vigil.imbalance.internal.Engine;

/**
 * Creates {@link Resampler}s.
 *
 * <p><b>Seeds.</b> Every random choice of a method for class c comes from its own stream, seeded
 * from {@code (seed, c)} (class index in ascending label order), so adding or removing another
 * class never changes the samples drawn for class c. Condensed Nearest Neighbour and One-Sided
 * Selection instead draw their seed samples exactly as imbalanced-learn does with {@code
 * random_state=seed} (numpy's legacy MT19937 {@code randint}), so that they select the same samples
 * for a seed in [0, 2^32).
 */
public final class Resamplers {
  private Resamplers() {}

  /** A resampler for {@code method} with {@code options}. */
  public static Resampler create(Method method, ResampleOptions options) {
    return new Engine(method, options);
  }

  /**
   * Instance hardness threshold ({@link Method#IHT}) cross-validating {@code estimator} instead of the
   * core's k-NN classifier; the provenance records {@link HardnessEstimator#describe()}.
   */
  public static Resampler instanceHardness(ResampleOptions options, HardnessEstimator estimator) {
    dev.vigil.InvalidArgumentException.check(estimator != null, "estimator must not be null");
    return new Engine(Method.IHT, options, estimator);
  }

  /** A resampler for {@code method} with imbalanced-learn's defaults and seed 0. */
  public static Resampler create(Method method) {
    return create(method, ResampleOptions.defaults());
  }

  /**
   * The neighbour count {@code method} uses when {@code k} is null: 5 for SMOTE, SMOTE-NC, SMOTE-N,
   * Borderline-SMOTE, ADASYN, SMOTE+ENN and SMOTE+Tomek (their SMOTE step) and the instance
   * hardness k-NN classifier; 2 for K-Means-SMOTE; 3 for ENN, RENN, All-kNN, NCR and NearMiss; 1
   * for CNN and OSS (SVM-SMOTE: 5); null for methods without neighbours.
   */
  public static Integer defaultK(Method method, Integer k) {
    if (k != null) {
      return k;
    }
    return switch (method) {
      case SMOTE, SMOTE_NC, SMOTE_N, BORDERLINE_SMOTE_1, BORDERLINE_SMOTE_2, SVM_SMOTE, ADASYN, SMOTE_ENN, SMOTE_TOMEK,
          IHT -> 5;
      case KMEANS_SMOTE -> 2;
      case ENN, RENN, ALLKNN, NCR, NEARMISS_1, NEARMISS_2, NEARMISS_3 -> 3;
      case CNN, OSS -> 1;
      default -> null;
    };
  }
}
