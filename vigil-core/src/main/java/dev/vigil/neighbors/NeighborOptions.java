package dev.vigil.neighbors;

import dev.vigil.InvalidArgumentException;

/**
 * How a {@link NeighborIndex} searches.
 *
 * @param algorithm {@link Algorithm#AUTO} picks the k-d tree for Euclidean or Manhattan distance
 *     with at most {@link #KD_TREE_MAX_DIMENSIONS} features, brute force otherwise
 * @param threads worker threads for queries, in [1, 256]
 * @param leafSize points per k-d tree leaf, in [1, 10000] (scikit-learn's default is 40)
 * @param recall 1 for exact search (the default); below 1, the target recall of the approximate
 *     mode (an inverted-file index, see {@link NeighborIndex}), in [0.5, 1]
 * @param seed seed of the approximate index's coarse quantiser and calibration sample (ignored
 *     when exact)
 */
public record NeighborOptions(Algorithm algorithm, int threads, int leafSize, double recall, long seed) {
  /** Above this many features the k-d tree prunes too little to beat blocked brute force. */
  public static final int KD_TREE_MAX_DIMENSIONS = 10;

  /** The search algorithm. */
  public enum Algorithm { AUTO, BRUTE, KD_TREE }

  public NeighborOptions {
    InvalidArgumentException.check(algorithm != null, "algorithm must not be null");
    InvalidArgumentException.check(threads >= 1 && threads <= 256, "threads must be in [1, 256]: %d", threads);
    InvalidArgumentException.check(leafSize >= 1 && leafSize <= 10000,
        "leafSize must be in [1, 10000]: %d", leafSize);
    InvalidArgumentException.check(recall >= 0.5 && recall <= 1,
        "recall must be in [0.5, 1] (1 = exact search): %s", recall);
  }

  /** Exact search with the given algorithm, threads and leaf size. */
  public NeighborOptions(Algorithm algorithm, int threads, int leafSize) {
    this(algorithm, threads, leafSize, 1.0, 0L);
  }

  /** {@link #defaults()} in approximate mode at the given target recall (seed 0). */
  public static NeighborOptions approximate(double recall) {
    return defaults().withRecall(recall);
  }

  /** True when a target recall below 1 asks for the approximate mode. */
  public boolean approximate() {
    return recall < 1;
  }

  /** The same options with target recall {@code r} (1 = exact). */
  public NeighborOptions withRecall(double r) {
    return new NeighborOptions(algorithm, threads, leafSize, r, seed);
  }

  /** The same options with the approximate index's seed {@code s}. */
  public NeighborOptions withSeed(long s) {
    return new NeighborOptions(algorithm, threads, leafSize, recall, s);
  }

  /** AUTO, one thread per available processor, leaves of 40 points. */
  public static NeighborOptions defaults() {
    return new NeighborOptions(Algorithm.AUTO, Math.max(1, Math.min(256,
        Runtime.getRuntime().availableProcessors())), 40);
  }

  public NeighborOptions withAlgorithm(Algorithm a) {
    return new NeighborOptions(a, threads, leafSize, recall, seed);
  }

  public NeighborOptions withThreads(int t) {
    return new NeighborOptions(algorithm, t, leafSize, recall, seed);
  }
}
