package dev.vigil.imbalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.neighbors.NeighborOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The k-NN resamplers in approximate mode: recall recorded, counts consistent, exact mode unchanged. */
class ApproximateResamplingTest {

  /**
   * Two overlapping classes (about 4,000 and 2,500 rows) in 12 features, drawn from 12 Gaussian
   * clusters (the minority mostly from 5 of them): every class index is large enough to be approximate.
   */
  static Table data() {
    SplittableRandom r = new SplittableRandom(42);
    int n = 6500;
    double[][] centres = new double[12][12];
    for (double[] c : centres) {
      for (int j = 0; j < 12; j++) {
        c[j] = 4 * r.nextGaussian();
      }
    }
    double[][] f = new double[12][n];
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(12);
      boolean min = c < 5 ? r.nextDouble() < 0.85 : r.nextDouble() < 0.05;
      y[i] = min ? 1 : 0;
      for (int j = 0; j < 12; j++) {
        f[j][i] = centres[c][j] + r.nextGaussian();
      }
    }
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < 12; j++) {
      cols.add(DoubleColumn.of("x" + j, f[j]));
    }
    cols.add(LongColumn.of("y", y));
    return Table.of(cols);
  }

  @Test
  void knnMethodsRecordTheirAchievedRecall() {
    Table t = data();
    ResampleOptions exact = ResampleOptions.defaults().withSeed(3);
    ResampleOptions approx = exact.withNeighbors(NeighborOptions.approximate(0.99).withSeed(3));
    double lowest = 1;
    for (Method m : new Method[] {Method.SMOTE, Method.NEARMISS_1, Method.TOMEK, Method.ENN, Method.SMOTE_TOMEK,
        Method.SMOTE_ENN}) {
      ResampleResult a = Resamplers.create(m, approx).resample(t, "y");
      ResampleResult e = Resamplers.create(m, exact).resample(t, "y");
      Map<String, String> p = a.provenance().parameters();
      assertThat(p.get("neighbors")).as("%s", m).startsWith("approximate").contains("0.99").contains("seed 3");
      double achieved = Double.parseDouble(p.get("achieved_recall"));
      lowest = Math.min(lowest, achieved);
      assertThat(achieved).as("%s", m).isBetween(0.99, 1.0);
      assertThat(e.provenance().parameters()).doesNotContainKey("achieved_recall").doesNotContainKey("neighbors");
      long total = a.after().values().stream().mapToLong(Long::longValue).sum();
      assertThat(total).isEqualTo(a.table().rowCount());
      // close to the exact answer: the methods decide from neighbours, of which >= 99% are the true ones
      double diff = Math.abs(a.table().rowCount() - e.table().rowCount()) / (double) e.table().rowCount();
      assertThat(diff).as("%s rows %d vs exact %d", m, a.table().rowCount(), e.table().rowCount()).isLessThan(0.02);
      // deterministic for a seed
      ResampleResult again = Resamplers.create(m, approx).resample(t, "y");
      assertThat(again.sourceRows()).isEqualTo(a.sourceRows());
      assertThat(again.table().doubleColumn("x0").toArray()).isEqualTo(a.table().doubleColumn("x0").toArray());
    }
    assertThat(lowest).as("some search ran approximately (not all fell back to exact)").isLessThan(1.0);
  }
}
