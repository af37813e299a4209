package dev.vigil.imbalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.neighbors.NeighborIndex;
import dev.vigil.neighbors.Neighbors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the random methods: exact counts, synthetic points on minority segments, determinism. */
class ResamplerPropertiesTest {

  static Table data(int seed, int nMaj, int nMin, int dims) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Column> cols = new ArrayList<>();
    int n = nMaj + nMin;
    long[] y = new long[n];
    double[][] x = new double[dims][n];
    for (int i = 0; i < n; i++) {
      y[i] = i < nMaj ? 0 : 1;
      for (int j = 0; j < dims; j++) {
        x[j][i] = r.nextGaussian() + (y[i] == 1 ? 1.5 : 0);
      }
    }
    for (int j = 0; j < dims; j++) {
      cols.add(DoubleColumn.of("x" + j, x[j]));
    }
    cols.add(LongColumn.of("y", y));
    cols.add(DoubleColumn.of("w", java.util.stream.IntStream.range(0, n).mapToDouble(i -> 1 + i % 3).toArray()));
    return Table.of(cols);
  }

  @Provide
  Arbitrary<Method> overSamplers() {
    return Arbitraries.of(Method.SMOTE, Method.BORDERLINE_SMOTE_1, Method.ADASYN, Method.RANDOM_OVER,
        Method.KMEANS_SMOTE, Method.SVM_SMOTE);
  }

  @Property(tries = 30)
  void overSamplersReachTheRequestedCountExactly(@ForAll("overSamplers") Method m,
      @ForAll @IntRange(min = 0, max = 10_000) int seed, @ForAll @IntRange(min = 12, max = 40) int nMin) {
    Table t = data(seed, 120, nMin, 3);
    ResampleResult r = Resamplers.create(m, ResampleOptions.defaults().withSeed(seed)
        .withClusterBalanceThreshold(0.0)).resample(t, "y", "w");
    assertThat(r.before()).containsExactly(Map.entry("0", 120L), Map.entry("1", (long) nMin));
    if ((m == Method.BORDERLINE_SMOTE_1 || m == Method.SVM_SMOTE) && r.after().get("1") == nMin) {
      return; // no minority sample in danger (or only noise): nothing to generate, and the result says so
    }
    assertThat(r.after()).isEqualTo(r.requested());
    assertThat(r.table().rowCount()).isEqualTo(240);
  }

  @Property(tries = 25)
  void smoteSamplesLieOnASegmentToOneOfTheKNearestMinorityNeighbours(
      @ForAll @IntRange(min = 0, max = 10_000) int seed, @ForAll @IntRange(min = 1, max = 7) int k) {
    Table t = data(seed, 60, 15, 2).drop("w");
    ResampleResult r = Resamplers.create(Method.SMOTE, ResampleOptions.defaults().withSeed(seed).withK(k))
        .resample(t, "y");
    double[][] x = Fixtures.features(t);
    List<double[]> min = new ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
      if (t.longColumn("y").get(i) == 1) {
        min.add(x[i]);
      }
    }
    double[][] mins = min.toArray(new double[0][]);
    Neighbors nb = NeighborIndex.build(mins).queryMembers(k);
    Table out = r.table();
    for (int i = 0; i < out.rowCount(); i++) {
      if (r.sourceRows()[i] >= 0) {
        continue;
      }
      assertThat(out.longColumn("y").get(i)).isEqualTo(1);
      double[] p = {out.doubleColumn("x0").get(i), out.doubleColumn("x1").get(i)};
      boolean found = false;
      for (int a = 0; a < mins.length && !found; a++) {
        for (int j = 0; j < k && !found; j++) {
          found = onSegment(p, mins[a], mins[nb.index(a, j)]);
        }
      }
      assertThat(found).as("synthetic row %d %s", i, java.util.Arrays.toString(p)).isTrue();
    }
  }

  static boolean onSegment(double[] p, double[] a, double[] b) {
    double[] ab = {b[0] - a[0], b[1] - a[1]};
    double[] ap = {p[0] - a[0], p[1] - a[1]};
    double len = ab[0] * ab[0] + ab[1] * ab[1];
    if (len == 0) {
      return Math.abs(ap[0]) + Math.abs(ap[1]) < 1e-12;
    }
    double g = (ap[0] * ab[0] + ap[1] * ab[1]) / len;
    double cross = ap[0] * ab[1] - ap[1] * ab[0];
    return g >= -1e-12 && g <= 1 + 1e-12 && Math.abs(cross) <= 1e-9 * Math.max(1, len);
  }

  @Property(tries = 20)
  void underSamplersKeepTheRequestedCountsAndOnlyRealRows(@ForAll @IntRange(min = 0, max = 10_000) int seed,
      @ForAll boolean replacement) {
    Table t = data(seed, 90, 20, 3).drop("w");
    for (Method m : new Method[] {Method.RANDOM_UNDER, Method.NEARMISS_1, Method.NEARMISS_2}) {
      ResampleResult r = Resamplers.create(m, ResampleOptions.defaults().withSeed(seed)
          .withReplacement(replacement)).resample(t, "y");
      assertThat(r.after()).as(m.cliName()).isEqualTo(Map.of("0", 20L, "1", 20L));
      assertThat(r.syntheticRows()).isZero();
    }
  }

  @Property(tries = 15)
  void theSameSeedGivesTheSameTable(@ForAll("overSamplers") Method m, @ForAll @IntRange(min = 0, max = 99) int seed) {
    Table t = data(seed, 80, 20, 3);
    ResampleOptions o = ResampleOptions.defaults().withSeed(seed).withClusterBalanceThreshold(0.0);
    ResampleResult a = Resamplers.create(m, o).resample(t, "y");
    ResampleResult b = Resamplers.create(m, o.withNeighbors(o.neighbors().withThreads(1))).resample(t, "y");
    for (String c : a.table().columnNames()) {
      for (int i = 0; i < a.table().rowCount(); i++) {
        assertThat(a.table().column(c).getObject(i)).isEqualTo(b.table().column(c).getObject(i));
      }
    }
  }
}
