package dev.vigil.neighbors;

import dev.vigil.InvalidArgumentException;

/**
 * How a {@link NeighborIndex} searches.
 *
 * @param algorithm {@link Algorithm#AUTO} picks the k-d tree for Euclidean or Manhattan distance
 *     with at most {@link #KD_TREE_MAX_DIMENSIONS} features, brute force otherwise
 * @param threads worker threads for queries, in [1, 256]
 * @param leafSize points per k-d tree leaf, in [1, 10000] (scikit-learn's default is 40)
 */
public record NeighborOptions(Algorithm algorithm, int threads, int leafSize) {
  /** Above this many features the k-d tree prunes too little to beat blocked brute force. */
  public static final int KD_TREE_MAX_DIMENSIONS = 10;

  /** The search algorithm. */
  public enum Algorithm { AUTO, BRUTE, KD_TREE }

  public NeighborOptions {
    InvalidArgumentException.check(algorithm != null, "algorithm must not be null");
    InvalidArgumentException.check(threads >= 1 && threads <= 256, "threads must be in [1, 256]: %d", threads);
    InvalidArgumentException.check(leafSize >= 1 && leafSize <= 10000,
        "leafSize must be in [1, 10000]: %d", leafSize);
  }

  /** AUTO, one thread per available processor, leaves of 40 points. */
  public static NeighborOptions defaults() {
    return new NeighborOptions(Algorithm.AUTO, Math.max(1, Math.min(256,
        Runtime.getRuntime().availableProcessors())), 40);
  }

  public NeighborOptions withAlgorithm(Algorithm a) {
    return new NeighborOptions(a, threads, leafSize);
  }

  public NeighborOptions withThreads(int t) {
    return new NeighborOptions(algorithm, t, leafSize);
  }
}
