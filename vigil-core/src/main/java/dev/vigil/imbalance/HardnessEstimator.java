package dev.vigil.imbalance;

/**
 * The classifier instance hardness threshold ({@link Method#IHT}) cross-validates: fitted on the
 * training folds, it gives each held-out sample the probability of every class; a sample's hardness
 * is one minus the probability of its own class. Without one the core uses a k-NN classifier (share
 * of the k neighbours' votes); vigil-models supplies imbalanced-learn's default, a random forest of
 * 100 trees ({@code dev.vigil.models.imbalance.ForestHardness}), which the CLI uses. Implementations
 * must be deterministic for a given seed.
 */
public interface HardnessEstimator {

  /**
   * Fits on {@code trainX} (rows of numeric features) with class indices {@code trainY} in [0,
   * classes) and returns, per row of {@code testX}, the probability of each class (index order).
   *
   * @param seed the fold's seed
   */
  double[][] fitPredictProba(double[][] trainX, int[] trainY, int classes, double[][] testX, long seed);

  /** A short description for provenance, e.g. {@code "random forest (100 trees)"}. */
  String describe();
}
