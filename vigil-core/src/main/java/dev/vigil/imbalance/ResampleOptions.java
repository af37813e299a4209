package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;
import dev.vigil.neighbors.NeighborOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parameters of a resampler. Every field has imbalanced-learn 0.10's default; {@code k} and
 * {@code m} are null for "the method's default".
 *
 * @param strategy the sampling strategy (default {@code auto})
 * @param k the main neighbour count: SMOTE family and ADASYN {@code k_neighbors}/{@code
 *     n_neighbors} = 5; ENN, RENN, All-kNN, NCR, NearMiss {@code n_neighbors} = 3; CNN and OSS 1;
 *     must be >= 1
 * @param m Borderline-SMOTE's and SVM-SMOTE's {@code m_neighbors} = 10; NearMiss-3's {@code n_neighbors_ver3} = 3
 * @param kindSel ENN, RENN, All-kNN and NCR's rule ({@code all} by default)
 * @param seed the seed of every random choice; see {@link Resamplers} for how it is used
 * @param replacement random under-sampling with replacement (default false)
 * @param shrinkage random over-sampling's smoothed bootstrap: null for plain copies, else >= 0
 * @param seedsS CNN and OSS's {@code n_seeds_S} = 1
 * @param thresholdCleaning NCR's {@code threshold_cleaning} = 0.5
 * @param maxIter RENN's {@code max_iter} = 100
 * @param allowMinority All-kNN's {@code allow_minority} = false
 * @param nearestRealSample cluster centroids: replace each centroid by its nearest real sample
 *     (imbalanced-learn's {@code voting="hard"}); false keeps centroids ({@code "soft"})
 * @param clusters K-Means-SMOTE's number of clusters (null: {@code 8} as scikit-learn's KMeans) and
 *     cluster centroids' k-means iterations are capped by {@code maxIter}
 * @param clusterBalanceThreshold K-Means-SMOTE's {@code cluster_balance_threshold}; null for
 *     imbalanced-learn's {@code auto} (the minority share in the data)
 * @param cv instance hardness threshold's number of folds = 5
 * @param distance {@code euclidean} or {@code manhattan} for numeric features; tables with
 *     categorical features use HEOM except in SMOTE-NC (its own encoding) and SMOTE-N (VDM)
 * @param neighbors search options (threads, algorithm)
 * @param allowEmptyClass let a cleaning or under-sampling rule remove every sample of a class
 *     (default false: a class the rule would empty is kept whole, and the result says so)
 */
public record ResampleOptions(SamplingStrategy strategy, Integer k, Integer m, KindSel kindSel, long seed,
    boolean replacement, Double shrinkage, int seedsS, double thresholdCleaning, int maxIter,
    boolean allowMinority, boolean nearestRealSample, Integer clusters, Double clusterBalanceThreshold,
    int cv, String distance, NeighborOptions neighbors, boolean allowEmptyClass) {

  /** The neighbourhood rule of the editing methods. */
  public enum KindSel {
    /** Keep a sample only when all its neighbours share its class. */
    ALL,
    /** Keep a sample when the most common class among its neighbours (ties to the lower class) is its own. */
    MODE
  }

  public ResampleOptions {
    InvalidArgumentException.check(strategy != null, "strategy must not be null");
    InvalidArgumentException.check(k == null || k >= 1, "k must be >= 1: %s", k);
    InvalidArgumentException.check(m == null || m >= 1, "m must be >= 1: %s", m);
    InvalidArgumentException.check(shrinkage == null || (shrinkage >= 0 && Double.isFinite(shrinkage)),
        "shrinkage must be finite and >= 0: %s", shrinkage);
    InvalidArgumentException.check(seedsS >= 1, "seedsS must be >= 1: %d", seedsS);
    InvalidArgumentException.check(thresholdCleaning >= 0 && thresholdCleaning <= 1,
        "thresholdCleaning must be in [0, 1]: %s", thresholdCleaning);
    InvalidArgumentException.check(maxIter >= 1, "maxIter must be >= 1: %d", maxIter);
    InvalidArgumentException.check(clusters == null || clusters >= 1, "clusters must be >= 1: %s", clusters);
    InvalidArgumentException.check(clusterBalanceThreshold == null
        || (clusterBalanceThreshold >= 0 && clusterBalanceThreshold <= 1),
        "clusterBalanceThreshold must be in [0, 1]: %s", clusterBalanceThreshold);
    InvalidArgumentException.check(cv >= 2, "cv must be >= 2: %d", cv);
    InvalidArgumentException.check("euclidean".equals(distance) || "manhattan".equals(distance),
        "distance must be euclidean or manhattan: %s", distance);
    InvalidArgumentException.check(kindSel != null && neighbors != null, "kindSel and neighbors must not be null");
  }

  /** imbalanced-learn's defaults with seed 0. */
  public static ResampleOptions defaults() {
    return new ResampleOptions(SamplingStrategy.auto(), null, null, KindSel.ALL, 0L, false, null, 1, 0.5,
        100, false, false, null, null, 5, "euclidean", NeighborOptions.defaults(), false);
  }

  public ResampleOptions withStrategy(SamplingStrategy s) {
    return new ResampleOptions(s, k, m, kindSel, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withK(Integer v) {
    return new ResampleOptions(strategy, v, m, kindSel, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withM(Integer v) {
    return new ResampleOptions(strategy, k, v, kindSel, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withKindSel(KindSel v) {
    return new ResampleOptions(strategy, k, m, v, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withSeed(long v) {
    return new ResampleOptions(strategy, k, m, kindSel, v, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withReplacement(boolean v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, v, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withShrinkage(Double v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, replacement, v, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withSeedsS(int v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, replacement, shrinkage, v, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withThresholdCleaning(double v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, replacement, shrinkage, seedsS, v,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withMaxIter(int v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        v, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withAllowMinority(boolean v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, v, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withNearestRealSample(boolean v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, v, clusters, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withClusters(Integer v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, v, clusterBalanceThreshold, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withClusterBalanceThreshold(Double v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, v, cv, distance, neighbors, allowEmptyClass);
  }

  public ResampleOptions withDistance(String v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, v, neighbors, allowEmptyClass);
  }

  public ResampleOptions withNeighbors(NeighborOptions v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, v, allowEmptyClass);
  }

  public ResampleOptions withAllowEmptyClass(boolean v) {
    return new ResampleOptions(strategy, k, m, kindSel, seed, replacement, shrinkage, seedsS, thresholdCleaning,
        maxIter, allowMinority, nearestRealSample, clusters, clusterBalanceThreshold, cv, distance, neighbors, v);
  }

  /** The parameters that matter for {@code method}, as strings, for provenance. */
  public Map<String, String> describe(Method method) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("strategy", strategy.toString());
    p.put("seed", Long.toString(seed));
    p.put("k", String.valueOf(Resamplers.defaultK(method, k)));
    switch (method) {
      case BORDERLINE_SMOTE_1, BORDERLINE_SMOTE_2 -> p.put("m", String.valueOf(m == null ? 10 : m));
      case SVM_SMOTE -> {
        p.put("m", String.valueOf(m == null ? 10 : m));
        p.put("out_step", "0.5");
        p.put("svm", "SVC(kernel=rbf, C=1, gamma=scale, tol=1e-3), libsvm's SMO");
      }
      case NEARMISS_3 -> p.put("m", String.valueOf(m == null ? 3 : m));
      case ENN, RENN, ALLKNN, NCR -> p.put("kind_sel", kindSel.name().toLowerCase(Locale.ROOT));
      case RANDOM_UNDER -> p.put("replacement", Boolean.toString(replacement));
      case RANDOM_OVER -> p.put("shrinkage", String.valueOf(shrinkage));
      case CNN, OSS -> p.put("n_seeds_s", Integer.toString(seedsS));
      case CLUSTER_CENTROIDS -> p.put("nearest_real_sample", Boolean.toString(nearestRealSample));
      case KMEANS_SMOTE -> {
        p.put("clusters", String.valueOf(clusters == null ? 8 : clusters));
        p.put("cluster_balance_threshold", String.valueOf(clusterBalanceThreshold));
      }
      case IHT -> p.put("cv", Integer.toString(cv));
      default -> { }
    }
    if (method == Method.RENN) {
      p.put("max_iter", Integer.toString(maxIter));
    }
    if (method == Method.ALLKNN) {
      p.put("allow_minority", Boolean.toString(allowMinority));
    }
    if (method == Method.NCR) {
      p.put("threshold_cleaning", Double.toString(thresholdCleaning));
    }
    p.put("distance", distance);
    return p;
  }
}
