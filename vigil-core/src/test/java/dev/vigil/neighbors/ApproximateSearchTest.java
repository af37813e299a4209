package dev.vigil.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The approximate mode: recall measured against the exact search, exact distances, determinism. */
class ApproximateSearchTest {

  /** A Gaussian mixture: 12 clusters in d dimensions, unit noise, as resampling data looks. */
  static double[][] mixture(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = new double[12][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = 4 * r.nextGaussian();
      }
    }
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      double[] c = centres[r.nextInt(centres.length)];
      for (int j = 0; j < d; j++) {
        x[i][j] = c[j] + r.nextGaussian();
      }
    }
    return x;
  }

  static double recall(Neighbors exact, Neighbors approx) {
    long hit = 0;
    for (int q = 0; q < exact.count(); q++) {
      Set<Integer> truth = new HashSet<>();
      for (int j = 0; j < exact.k(); j++) {
        truth.add(exact.index(q, j));
      }
      for (int j = 0; j < approx.k(); j++) {
        if (truth.contains(approx.index(q, j))) {
          hit++;
        }
      }
    }
    return hit / (double) (exact.count() * exact.k());
  }

  @Test
  void measuredRecallReachesTheTargetOnSeededData() {
    for (long seed : new long[] {1, 2, 3}) {
      double[][] x = mixture(6000, 16, seed);
      Neighbors exact = NeighborIndex.build(x).queryMembers(5);
      for (double target : new double[] {0.9, 0.99}) {
        NeighborIndex idx = NeighborIndex.build(x, Distance.euclidean(),
            NeighborOptions.approximate(target).withSeed(seed));
        assertThat(idx.approximate()).isTrue();
        Neighbors approx = idx.queryMembers(5);
        double truth = recall(exact, approx);
        if (target == 0.9) {
          assertThat(truth).as("the index skipped rows (not an exact search in disguise)").isLessThan(1.0);
        }
        assertThat(truth).as("seed %d target %s", seed, target).isGreaterThanOrEqualTo(target);
        assertThat(approx.recall()).isGreaterThanOrEqualTo(target).isLessThanOrEqualTo(1.0);
        // every distance returned is the exact distance of the row returned, nearest first, self excluded
        for (int q = 0; q < approx.count(); q += 97) {
          for (int j = 0; j < 5; j++) {
            int r = approx.index(q, j);
            assertThat(r).isNotEqualTo(q);
            assertThat(approx.distance(q, j)).isEqualTo(Distance.euclidean().between(x[q], x[r]));
            if (j > 0) {
              assertThat(approx.distance(q, j)).isGreaterThanOrEqualTo(approx.distance(q, j - 1));
            }
          }
        }
      }
    }
  }

  @Test
  void otherQueriesAndManhattanToo() {
    double[][] ref = mixture(5000, 12, 7);
    double[][] q = mixture(800, 12, 8);
    for (Distance dist : new Distance[] {Distance.euclidean(), Distance.manhattan()}) {
      Neighbors exact = NeighborIndex.build(ref, dist, NeighborOptions.defaults()).query(q, 3);
      Neighbors approx = NeighborIndex.build(ref, dist, NeighborOptions.approximate(0.95)).query(q, 3);
      assertThat(recall(exact, approx)).as(dist.name()).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void deterministicForASeedWhateverTheThreads() {
    double[][] x = mixture(4000, 16, 11);
    NeighborOptions o = NeighborOptions.approximate(0.9).withSeed(5);
    Neighbors a = NeighborIndex.build(x, Distance.euclidean(), o.withThreads(1)).queryMembers(4);
    Neighbors b = NeighborIndex.build(x, Distance.euclidean(), o.withThreads(3)).queryMembers(4);
    assertThat(b.indices()).isEqualTo(a.indices());
    assertThat(b.distances()).isEqualTo(a.distances());
    assertThat(b.recall()).isEqualTo(a.recall());
  }

  @Test
  void exactUnlessAsked() {
    double[][] x = mixture(3000, 16, 4);
    NeighborIndex exact = NeighborIndex.build(x);
    assertThat(exact.approximate()).isFalse();
    Neighbors e = exact.queryMembers(3);
    assertThat(e.recall()).isEqualTo(1.0);
    // too few rows, or the k-d tree's dimensions: the approximate options search exactly
    double[][] small = mixture(1000, 16, 4);
    NeighborIndex s = NeighborIndex.build(small, Distance.euclidean(), NeighborOptions.approximate(0.9));
    assertThat(s.approximate()).isFalse();
    assertThat(s.queryMembers(3).indices()).isEqualTo(NeighborIndex.build(small).queryMembers(3).indices());
    double[][] low = mixture(5000, 6, 4);
    assertThat(NeighborIndex.build(low, Distance.euclidean(), NeighborOptions.approximate(0.9)).approximate())
        .isFalse();
    assertThatThrownBy(() -> NeighborOptions.approximate(0.2)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("recall must be in [0.5, 1]");
  }
}
