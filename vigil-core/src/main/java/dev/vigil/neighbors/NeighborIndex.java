package dev.vigil.neighbors;

import dev.vigil.InvalidArgumentException;
import dev.vigil.neighbors.internal.Ivf;
import dev.vigil.neighbors.internal.Search;

/**
 * k-nearest-neighbour search over a fixed set of reference rows: exact by default, approximate at a
 * measured target recall with {@link NeighborOptions#approximate(double)}.
 *
 * <p>Build once with {@link #build}, then query many times; an index is immutable and safe to
 * query from several threads. Queries run in blocks over the worker threads of
 * {@link NeighborOptions#threads()}; memory is O(n·d) for the index plus O(queries·k) for the
 * answer, never a queries × n distance matrix.
 *
 * <p><b>Determinism.</b> Neighbours are ordered by distance and then by lower reference row, for
 * every algorithm and thread count. A query that is itself a reference row excludes itself by row
 * number ({@link #queryMembers}), not by distance 0, so duplicate rows are still each other's
 * neighbours.
 *
 * <p><b>Approximate mode.</b> With a target recall below 1, and where the exact search would be
 * brute force (Euclidean or Manhattan distance, more features than the k-d tree handles or
 * algorithm BRUTE) over at least {@value #APPROXIMATE_MIN_ROWS} rows, {@link #query} uses an
 * inverted-file index: a seeded k-means quantiser cuts the rows into lists of about 256, and a
 * query scans the lists of its nearest centroids only, with the exact kernels (so every distance
 * returned is exact; a miss is a true neighbour left in an unprobed list). Each query call first
 * searches a seeded sample of 256 of its queries exactly and probes as many lists as needed for
 * the sample's recall, less two standard errors, to reach the target; that measured recall is
 * {@link Neighbors#recall()}. When the needed lists cover half the rows or more, the call runs
 * exactly (recall 1). Results are deterministic for a given seed, independent of the thread count.
 * {@link #countCloser} stays exact. Everywhere else the search is exact.
 */
public final class NeighborIndex {
  /** Below this many reference rows the approximate mode searches exactly. */
  public static final int APPROXIMATE_MIN_ROWS = 2048;

  private final double[][] points;
  private final Distance distance;
  private final NeighborOptions options;
  private final Search search;
  private final int dims;
  private volatile Ivf ivf;
  private final boolean approximate;

  private NeighborIndex(double[][] points, Distance distance, NeighborOptions options) {
    this.points = points;
    this.distance = distance;
    this.options = options;
    this.dims = points.length == 0 ? 0 : points[0].length;
    boolean minkowski = distance instanceof Distance.Euclidean || distance instanceof Distance.Manhattan;
    boolean tree = switch (options.algorithm()) {
      case KD_TREE -> {
        InvalidArgumentException.check(minkowski,
            "the k-d tree needs euclidean or manhattan distance, not %s", distance.name());
        yield true;
      }
      case BRUTE -> false;
      case AUTO -> minkowski && dims <= NeighborOptions.KD_TREE_MAX_DIMENSIONS && points.length > 256;
    };
    this.search = new Search(points, distance, tree, options.leafSize());
    this.approximate = options.approximate() && minkowski && !tree && points.length >= APPROXIMATE_MIN_ROWS;
  }

  /** True when {@link #query} runs approximately (see the class documentation). */
  public boolean approximate() {
    return approximate;
  }

  private Ivf ivf() {
    Ivf i = ivf;
    if (i == null) {
      synchronized (this) {
        if (ivf == null) {
          ivf = new Ivf(points, distance, search, options.threads(), options.seed());
        }
        i = ivf;
      }
    }
    return i;
  }

  /**
   * An index over {@code points} (rows of equal length; not copied, so do not modify them).
   *
   * @throws InvalidArgumentException when rows differ in length
   */
  public static NeighborIndex build(double[][] points, Distance distance, NeighborOptions options) {
    int d = points.length == 0 ? 0 : points[0].length;
    for (int i = 0; i < points.length; i++) {
      InvalidArgumentException.check(points[i].length == d,
          "row %d has %d features, expected %d", i, points[i].length, d);
    }
    return new NeighborIndex(points, distance, options);
  }

  /** An index with Euclidean distance and default options. */
  public static NeighborIndex build(double[][] points) {
    return build(points, Distance.euclidean(), NeighborOptions.defaults());
  }

  public int size() {
    return points.length;
  }

  public Distance distance() {
    return distance;
  }

  /** True when queries run on the k-d tree, false for blocked brute force. */
  public boolean usesKdTree() {
    return search.usesTree();
  }

  /**
   * The {@code k} nearest reference rows of each query.
   *
   * @throws InvalidArgumentException when k is not in [1, size()] or a query has the wrong length
   */
  public Neighbors query(double[][] queries, int k) {
    return query(queries, null, k);
  }

  /**
   * The {@code k} nearest reference rows of each query, skipping reference row {@code exclude[q]}
   * for query {@code q} (a negative entry skips nothing; {@code exclude} may be null).
   *
   * @throws InvalidArgumentException when k is out of range for the rows available, or lengths differ
   */
  public Neighbors query(double[][] queries, int[] exclude, int k) {
    int available = points.length - (exclude == null ? 0 : 1);
    InvalidArgumentException.check(k >= 1 && k <= Math.max(available, 0),
        "k must be in [1, %d] (reference rows%s): %d", available,
        exclude == null ? "" : " minus the query itself", k);
    InvalidArgumentException.check(exclude == null || exclude.length == queries.length,
        "exclude has %d entries, expected one per query (%d)",
        exclude == null ? 0 : exclude.length, queries.length);
    for (int i = 0; i < queries.length; i++) {
      InvalidArgumentException.check(queries[i].length == dims,
          "query %d has %d features, expected %d", i, queries[i].length, dims);
    }
    int[] idx = new int[queries.length * k];
    double[] dist = new double[queries.length * k];
    if (approximate) {
      double recall = ivf().run(queries, exclude, k, options.recall(), options.threads(), idx, dist);
      return new Neighbors(queries.length, k, idx, dist, recall);
    }
    search.run(queries, exclude, k, options.threads(), idx, dist);
    return new Neighbors(queries.length, k, idx, dist);
  }

  /**
   * For each query q, how many reference rows other than {@code exclude[q]} lie strictly closer than
   * the reduced distance {@code limits[q]} (see {@link Distance#reduced}), counting no further than
   * {@code cap}; -1 when fewer than {@code cap} lie strictly closer and at least one lies exactly at
   * the limit (a tie the caller must settle with {@link #query}).
   *
   * <p>This answers "are at least cap rows nearer than this point?" without ranking them: a query
   * stops as soon as cap rows are found, which is far cheaper than a k-NN search when the answer
   * is yes. Exact, same rounding as {@link #query}.
   *
   * @throws InvalidArgumentException when lengths differ or cap is negative
   */
  public int[] countCloser(double[][] queries, int[] exclude, double[] limits, int cap) {
    InvalidArgumentException.check(cap >= 0, "cap must be >= 0: %d", cap);
    InvalidArgumentException.check(limits.length == queries.length,
        "limits has %d entries, expected one per query (%d)", limits.length, queries.length);
    InvalidArgumentException.check(exclude == null || exclude.length == queries.length,
        "exclude has %d entries, expected one per query (%d)",
        exclude == null ? 0 : exclude.length, queries.length);
    for (int i = 0; i < queries.length; i++) {
      InvalidArgumentException.check(queries[i].length == dims,
          "query %d has %d features, expected %d", i, queries[i].length, dims);
    }
    int[] out = new int[queries.length];
    search.count(queries, exclude, limits, cap, options.threads(), out);
    return out;
  }

  /**
   * A permutation of {@code points} that keeps nearby points nearby: recursive median splits on the
   * widest feature (as the k-d tree builds) down to groups of at most {@code leaf} points, listed
   * leaf by leaf. Building an index and querying in this order makes {@link #countCloser} find
   * its rows in the first blocks it reads. Deterministic; rows must not hold NaN.
   *
   * @throws InvalidArgumentException when leaf is below 1
   */
  public static int[] localityOrder(double[][] points, int leaf) {
    InvalidArgumentException.check(leaf >= 1, "leaf must be >= 1: %d", leaf);
    int[] order = new int[points.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    split(points, order, 0, order.length, leaf);
    return order;
  }

  private static void split(double[][] p, int[] order, int from, int to, int leaf) {
    if (to - from <= leaf || p.length == 0) {
      return;
    }
    int d = p[0].length;
    int dim = -1;
    double spread = 0;
    for (int j = 0; j < d; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        double v = p[order[i]][j];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (hi - lo > spread) {
        spread = hi - lo;
        dim = j;
      }
    }
    if (dim < 0) {
      return;
    }
    int mid = (from + to) >>> 1;
    Search.select(p, order, from, to - 1, mid, dim);
    split(p, order, from, mid, leaf);
    split(p, order, mid, to, leaf);
  }


  /** The {@code k} nearest other reference rows of every reference row (self excluded by row). */
  public Neighbors queryMembers(int k) {
    int[] rows = new int[points.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return queryMembers(rows, k);
  }

  /** The {@code k} nearest other reference rows of the given reference rows (self excluded by row). */
  public Neighbors queryMembers(int[] rows, int k) {
    double[][] q = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      q[i] = points[java.util.Objects.checkIndex(rows[i], points.length)];
    }
    return query(q, rows, k);
  }
}
