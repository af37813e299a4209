/**
 * Exact nearest-neighbour search shared by the resamplers, leakage checks and anything else that
 * needs "the k closest rows".
 *
 * <p>Terms. The <em>reference</em> rows are the points an index is built on; <em>queries</em> are
 * the rows asked about. A result ({@link dev.vigil.neighbors.Neighbors}) lists, per query, k
 * reference row numbers and distances, nearest first.
 *
 * <p>Algorithms. Blocked brute force and a k-d tree (widest dimension, median split, bounding boxes,
 * leaves of 40 by default) for Euclidean or Manhattan distance in at most {@value
 * dev.vigil.neighbors.NeighborOptions#KD_TREE_MAX_DIMENSIONS} dimensions. Euclidean brute force (4 or
 * more features) first estimates squared distances in single precision ({@code |r|² - 2 q·r}):
 * reference rows in blocks of 256 stored feature by feature, four queries per pass. Two kernels
 * compute the estimates. The portable one is written so that HotSpot auto-vectorises it (every
 * array indexed alike; SIMD on AVX2/AVX-512/NEON) but keeps its sums in arrays, so it is bound by
 * stores. The SIMD one uses JDK 17's incubating Vector API: four queries times four SIMD chunks of
 * rows (64 rows with AVX-512) in sixteen registers, fused multiply-adds over the features, and the
 * comparison with each query's current k-th best fused in (2.8-4.3x the pair rate on AVX-512 here). It is used
 * only when the JVM runs with {@code --add-modules jdk.incubator.vector} (which makes the JVM print
 * "WARNING: Using incubator modules"), the CPU has at least 8 float lanes (AVX2), and the system
 * property {@code vigil.neighbors.vector} is not {@code false}; otherwise the class naming the
 * incubator API is never loaded and the portable kernel runs, so the library needs no JVM flag.
 * The {@code ./vigil} launcher adds the module for {@code resample} and {@code imbalance} only; the
 * benchmarks add it explicitly. Both kernels give the same neighbours and distances bit for bit
 * (the exact re-check and the k-best order are shared code; the error margin covers the float
 * rounding of either kernel). Only the pairs that, after a rigorous rounding-error margin, could
 * still enter the k best are computed in double; other distances run in blocks with early
 * termination once a partial sum exceeds the current k-th best. All paths are exact and give
 * bit-identical answers (distances are summed left to right in double). Queries run on {@link
 * dev.vigil.neighbors.NeighborOptions#threads()} threads; memory stays O(n·d) (no n × n matrix).
 * An optional approximate mode (an inverted-file index at a measured target recall) is described in
 * {@link dev.vigil.neighbors.NeighborIndex}.
 *
 * <p>Counting instead of ranking. {@link dev.vigil.neighbors.NeighborIndex#countCloser} answers "are
 * at least c rows strictly closer than this distance?" and stops a query as soon as they are found;
 * with rows and queries in {@link dev.vigil.neighbors.NeighborIndex#localityOrder} the answer is
 * usually found in the first block read. The cleaning rules use it to decide most samples without a
 * k-NN search (see {@code dev.vigil.imbalance}).
 *
 * <p>Determinism. Ties in distance go to the lower reference row. A query that is a reference row
 * excludes itself by row number, never by distance 0; duplicates of a row therefore remain its
 * neighbours at distance 0 (scikit-learn's {@code kneighbors(X)[:, 1:]} idiom instead drops
 * whichever zero-distance row its tree returns first).
 *
 * <p>Distances: Euclidean, Manhattan, HEOM (mixed numeric and categorical, NaN as missing) and VDM
 * (categorical, class-conditional); see {@link dev.vigil.neighbors.Distance}.
 */
package dev.vigil.neighbors;
