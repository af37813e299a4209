package dev.vigil.neighbors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The vectorised float-filtered brute force (Euclidean, 4 or more features) and {@link
 * NeighborIndex#countCloser} against their definitions computed here in plain double: sort every
 * other row by (distance, row), count rows strictly closer than a limit.
 */
class ExactSearchTest {

  /** Rows on a coarse grid (many exact ties and duplicates) or continuous, at a chosen scale. */
  static double[][] rows(int n, int dims, int seed, boolean grid, double scale) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][dims];
    for (double[] row : x) {
      for (int j = 0; j < dims; j++) {
        row[j] = (grid ? r.nextInt(3) : r.nextGaussian()) * scale;
      }
    }
    return x;
  }

  static int[] definition(double[][] x, int q, int k) {
    Distance d = Distance.euclidean();
    return IntStream.range(0, x.length).filter(i -> i != q).boxed()
        .sorted((a, b) -> {
          int c = Double.compare(d.reduced(x[q], x[a], Double.POSITIVE_INFINITY),
              d.reduced(x[q], x[b], Double.POSITIVE_INFINITY));
          return c != 0 ? c : Integer.compare(a, b);
        }).limit(k).mapToInt(Integer::intValue).toArray();
  }

  @Property(tries = 40)
  void filteredBruteForceIsExactWithTiesAndAnyScale(@ForAll @IntRange(min = 4, max = 24) int dims,
      @ForAll @IntRange(min = 2, max = 900) int n, @ForAll @IntRange(min = 1, max = 6) int k,
      @ForAll @IntRange(min = 0, max = 10_000) int seed, @ForAll boolean grid,
      @ForAll @IntRange(min = 0, max = 3) int scaleChoice) {
    double scale = new double[] {1, 1e-25, 1e15, 3e-3}[scaleChoice];
    double[][] x = rows(n, dims, seed, grid, scale);
    int kk = Math.min(k, n - 1);
    for (int threads : new int[] {1, 3}) {
      Neighbors nb = NeighborIndex.build(x, Distance.euclidean(),
          new NeighborOptions(NeighborOptions.Algorithm.BRUTE, threads, 40)).queryMembers(kk);
      for (int q = 0; q < n; q += Math.max(1, n / 25)) {
        assertThat(nb.row(q)).as("row %d", q).containsExactly(definition(x, q, kk));
      }
    }
  }

  @Property(tries = 40)
  void countCloserCountsRowsStrictlyInsideTheLimit(@ForAll @IntRange(min = 2, max = 24) int dims,
      @ForAll @IntRange(min = 2, max = 900) int n, @ForAll @IntRange(min = 0, max = 8) int cap,
      @ForAll @IntRange(min = 0, max = 10_000) int seed, @ForAll boolean grid) {
    double[][] x = rows(n, dims, seed, grid, 1);
    SplittableRandom r = new SplittableRandom(seed + 1);
    Distance d = Distance.euclidean();
    double[] limits = new double[n];
    int[] self = new int[n];
    for (int q = 0; q < n; q++) {
      self[q] = q;
      // the limit is the distance to some row, so that exact ties happen on the grid
      limits[q] = d.reduced(x[q], x[r.nextInt(n)], Double.POSITIVE_INFINITY);
    }
    int[] got = NeighborIndex.build(x, d, NeighborOptions.defaults().withAlgorithm(NeighborOptions.Algorithm.BRUTE))
        .countCloser(x, self, limits, cap);
    for (int q = 0; q < n; q++) {
      int strictly = 0;
      boolean tie = false;
      for (int i = 0; i < n; i++) {
        if (i != q) {
          double s = d.reduced(x[q], x[i], Double.POSITIVE_INFINITY);
          strictly += s < limits[q] ? 1 : 0;
          tie |= s == limits[q];
        }
      }
      int expect = strictly >= cap ? cap : tie ? -1 : strictly;
      assertThat(got[q]).as("query %d", q).isEqualTo(expect);
    }
  }

  @Test
  void localityOrderIsAPermutation() {
    double[][] x = rows(1000, 7, 3, false, 1);
    int[] order = NeighborIndex.localityOrder(x, 16);
    assertThat(IntStream.of(order).sorted().toArray()).isEqualTo(IntStream.range(0, 1000).toArray());
  }
}
