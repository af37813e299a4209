package dev.vigil.imbalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.neighbors.Distance;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Tomek links and ENN (kind_sel all) search far fewer neighbours than one k-NN query per row
 * (see Cleaners); their selections must equal the definitions computed here from a full sort of
 * every row's neighbours by (distance, row): duplicates, ties and three classes included.
 */
class CleaningShortcutsTest {

  static double[][] x;
  static long[] y;

  static Table data(int seed, int n, int dims, boolean grid) {
    SplittableRandom r = new SplittableRandom(seed);
    x = new double[n][dims];
    y = new long[n];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      y[i] = i < 2 ? i + 1 : u < 0.8 ? 0 : u < 0.93 ? 1 : 2; // every class present
      for (int j = 0; j < dims; j++) {
        x[i][j] = grid ? r.nextInt(3) + (j == 0 ? y[i] : 0) : r.nextGaussian() + (j == 0 ? y[i] : 0);
      }
    }
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < dims; j++) {
      final int jj = j;
      cols.add(DoubleColumn.of("x" + j, IntStream.range(0, n).mapToDouble(i -> x[i][jj]).toArray()));
    }
    cols.add(LongColumn.of("y", y));
    return Table.of(cols);
  }

  static int[] knn(int q, int k) {
    Distance d = Distance.euclidean();
    return IntStream.range(0, x.length).filter(i -> i != q).boxed()
        .sorted((a, b) -> {
          int c = Double.compare(d.reduced(x[q], x[a], Double.POSITIVE_INFINITY),
              d.reduced(x[q], x[b], Double.POSITIVE_INFINITY));
          return c != 0 ? c : Integer.compare(a, b);
        }).limit(k).mapToInt(Integer::intValue).toArray();
  }

  @Property(tries = 25)
  void tomekLinksEqualMutualNearestPairsOfDifferentClasses(@ForAll @IntRange(min = 0, max = 10_000) int seed,
      @ForAll @IntRange(min = 3, max = 300) int n, @ForAll @IntRange(min = 1, max = 22) int dims,
      @ForAll boolean grid) {
    Table t = data(seed, n, dims, grid);
    ResampleResult r = Resamplers.create(Method.TOMEK, ResampleOptions.defaults()
        .withStrategy(SamplingStrategy.all()).withAllowEmptyClass(true)).resample(t, "y");
    int[] nn = IntStream.range(0, n).map(i -> knn(i, 1)[0]).toArray();
    int[] expect = IntStream.range(0, n).filter(i -> !(y[nn[i]] != y[i] && nn[nn[i]] == i)).toArray();
    assertThat(r.sourceRows()).containsExactly(expect);
  }

  @Property(tries = 25)
  void ennKeepsExactlyTheRowsWhoseKNearestShareTheirClass(@ForAll @IntRange(min = 0, max = 10_000) int seed,
      @ForAll @IntRange(min = 5, max = 300) int n, @ForAll @IntRange(min = 1, max = 22) int dims,
      @ForAll @IntRange(min = 1, max = 4) int k, @ForAll boolean grid) {
    Table t = data(seed, n, dims, grid);
    ResampleResult r = Resamplers.create(Method.ENN, ResampleOptions.defaults().withK(k)
        .withStrategy(SamplingStrategy.all()).withAllowEmptyClass(true)).resample(t, "y");
    List<Integer> expect = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < n; i++) {
        final int ii = i;
        if (y[i] == c && IntStream.of(knn(i, k)).allMatch(j -> y[j] == y[ii])) {
          expect.add(i);
        }
      }
    }
    assertThat(r.sourceRows()).containsExactly(expect.stream().mapToInt(Integer::intValue).toArray());
  }
}
