package dev.vigil.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.InvalidArgumentException;
import dev.vigil.imbalance.Fixtures;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NeighborIndexTest {

  @Test
  void matchesScikitLearnNeighboursWithSelfExcluded() {
    double[][] x = Fixtures.features(Fixtures.table("binary"));
    for (String key : new String[] {"knn", "knn_manhattan"}) {
      JsonNode ref = Fixtures.reference().get(key);
      Distance d = key.equals("knn") ? Distance.euclidean() : Distance.manhattan();
      for (NeighborOptions.Algorithm a : NeighborOptions.Algorithm.values()) {
        NeighborIndex idx = NeighborIndex.build(x, d, NeighborOptions.defaults().withAlgorithm(a));
        Neighbors nb = idx.queryMembers(5);
        for (int q = 0; q < x.length; q++) {
          for (int j = 0; j < 5; j++) {
            assertThat(nb.index(q, j)).as("%s %s row %d neighbour %d", key, a, q, j)
                .isEqualTo(ref.get("indices").get(q).get(j).asInt());
            assertThat(nb.distance(q, j)).isCloseTo(ref.get("distances").get(q).get(j).asDouble(), within(1e-12));
          }
        }
      }
    }
  }

  @Property(tries = 40)
  void kdTreeAndBruteForceAgreeExactlyWhateverTheThreads(@ForAll @IntRange(min = 1, max = 6) int dims,
      @ForAll @IntRange(min = 2, max = 700) int n, @ForAll @IntRange(min = 1, max = 8) int k,
      @ForAll @IntRange(min = 0, max = 1000) int seed, @ForAll boolean manhattan) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][dims];
    for (double[] row : x) {
      for (int j = 0; j < dims; j++) {
        row[j] = r.nextInt(5); // many exact ties on purpose
      }
    }
    int kk = Math.min(k, n - 1);
    Distance d = manhattan ? Distance.manhattan() : Distance.euclidean();
    Neighbors brute = NeighborIndex.build(x, d, new NeighborOptions(NeighborOptions.Algorithm.BRUTE, 1, 40))
        .queryMembers(kk);
    Neighbors tree = NeighborIndex.build(x, d, new NeighborOptions(NeighborOptions.Algorithm.KD_TREE, 3, 7))
        .queryMembers(kk);
    assertThat(tree.indices()).isEqualTo(brute.indices());
    assertThat(tree.distances()).isEqualTo(brute.distances());
    // the reference definition: sort all others by (distance, row)
    for (int q = 0; q < n; q += Math.max(1, n / 10)) {
      final int qq = q;
      int[] expect = java.util.stream.IntStream.range(0, n).filter(i -> i != qq).boxed()
          .sorted((a, b) -> {
            int c = Double.compare(d.between(x[qq], x[a]), d.between(x[qq], x[b]));
            return c != 0 ? c : Integer.compare(a, b);
          }).limit(kk).mapToInt(Integer::intValue).toArray();
      assertThat(brute.row(q)).isEqualTo(expect);
    }
  }

  @Test
  void duplicateRowsStayEachOthersNeighbours() {
    double[][] x = {{0, 0}, {0, 0}, {5, 5}, {0, 0}};
    Neighbors nb = NeighborIndex.build(x).queryMembers(2);
    assertThat(nb.row(0)).containsExactly(1, 3);
    assertThat(nb.row(1)).containsExactly(0, 3);
    assertThat(nb.distance(0, 0)).isZero();
  }

  @Test
  void heomMixesRangeScaledNumbersAndCategoryOverlap() {
    Distance d = Distance.heom(new boolean[] {false, true}, new double[] {10, 0});
    assertThat(d.between(new double[] {0, 1}, new double[] {5, 1})).isCloseTo(0.5, within(1e-15));
    assertThat(d.between(new double[] {0, 1}, new double[] {0, 2})).isCloseTo(1.0, within(1e-15));
    assertThat(d.between(new double[] {Double.NaN, 1}, new double[] {0, 2})).isCloseTo(Math.sqrt(2), within(1e-15));
  }

  @Test
  void vdmIsZeroForCategoriesWithTheSameClassProfile() {
    double[][] codes = {{0}, {1}, {2}, {0}, {1}, {2}};
    int[] y = {0, 0, 1, 1, 0, 1};
    Distance d = Distance.vdmFit(codes, y, 2);
    // P(.|0) = (.5,.5), P(.|1) = (1,0), P(.|2) = (0,1)
    assertThat(d.between(new double[] {1}, new double[] {2})).isCloseTo(4.0, within(1e-15));
    assertThat(d.between(new double[] {0}, new double[] {1})).isCloseTo(1.0, within(1e-15));
  }

  @Test
  void rejectsKLargerThanTheOtherRows() {
    NeighborIndex idx = NeighborIndex.build(new double[][] {{0}, {1}, {2}});
    assertThatThrownBy(() -> idx.queryMembers(3)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("k must be in [1, 2]").hasMessageContaining(": 3");
    assertThatThrownBy(() -> idx.query(new double[][] {{0, 1}}, 1)).hasMessageContaining("expected 1");
  }
}
