/**
 * Exact nearest-neighbour search shared by the resamplers, leakage checks and anything else that
 * needs "the k closest rows".
 *
 * <p>Terms. The <em>reference</em> rows are the points an index is built on; <em>queries</em> are
 * the rows asked about. A result ({@link dev.vigil.neighbors.Neighbors}) lists, per query, k
 * reference row numbers and distances, nearest first.
 *
 * <p>Algorithms. Blocked brute force (queries in blocks of 64 against reference blocks of 512, with
 * early termination of a distance once it exceeds the current k-th best) and a k-d tree (widest
 * dimension, median split, bounding boxes, leaves of 40 by default) for Euclidean or Manhattan
 * distance in at most {@value dev.vigil.neighbors.NeighborOptions#KD_TREE_MAX_DIMENSIONS}
 * dimensions. Both are exact and give identical answers. Queries run on
 * {@link dev.vigil.neighbors.NeighborOptions#threads()} threads.
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
