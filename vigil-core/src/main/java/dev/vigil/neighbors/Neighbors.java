package dev.vigil.neighbors;

import java.util.Arrays;

/**
 * The k nearest neighbours of each of {@code count} queries, nearest first.
 *
 * <p>{@link #recall} is 1 for an exact search; for an approximate one it is the recall measured on
 * a seeded sample of the queries against the exact search (share of their true k nearest that the
 * approximate search returned).
 *
 * <p>Row {@code q} occupies {@code [q*k, (q+1)*k)} of {@link #indices} (reference row numbers) and
 * {@link #distances} (reported distances). Neighbours are ordered by distance, then by lower
 * reference row: the order is fully deterministic, whatever the algorithm or thread count.
 */
public record Neighbors(int count, int k, int[] indices, double[] distances, double recall) {

  /** An exact result (recall 1). */
  public Neighbors(int count, int k, int[] indices, double[] distances) {
    this(count, k, indices, distances, 1.0);
  }

  /** The reference row of the {@code j}-th nearest neighbour of query {@code q} ({@code j} from 0). */
  public int index(int q, int j) {
    return indices[q * k + j];
  }

  /** The distance to the {@code j}-th nearest neighbour of query {@code q}. */
  public double distance(int q, int j) {
    return distances[q * k + j];
  }

  /** The reference rows of the neighbours of query {@code q}, nearest first (a copy). */
  public int[] row(int q) {
    return Arrays.copyOfRange(indices, q * k, q * k + k);
  }

  /** The distances of the neighbours of query {@code q}, nearest first (a copy). */
  public double[] distanceRow(int q) {
    return Arrays.copyOfRange(distances, q * k, q * k + k);
  }
}
