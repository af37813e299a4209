package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A compact stored reference gives KS and Wasserstein within their stated bounds, and exact counts. */
class CompactReferenceTest {
  static Table data(long seed, int n, double shift) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian() + shift;
      g[i] = rng.nextInt(4) + (rng.nextDouble() < shift ? 1 : 0);
    }
    return Table.of(DoubleColumn.of("x", x), DoubleColumn.of("g", g));
  }

  @Test
  void ksAndWassersteinStayWithinTheirBoundsAndCountsStayExact() {
    Table ref = data(1, 200_000, 0);
    Table cur = data(2, 30_000, 0.03);
    DriftReference exact = DriftReference.of(ref);
    int k = 1000;
    DriftReference compact = DriftReference.fromBytes(exact.compacted(100_000, k, 5000, 7).toBytes());
    double[] sorted = java.util.Arrays.stream(((DoubleColumn) ref.column("x")).toArray()).sorted().toArray();
    double range = sorted[sorted.length - 1] - sorted[0];
    for (DriftMethod m : new DriftMethod[] {DriftMethod.KS, DriftMethod.WASSERSTEIN}) {
      DriftOptions o = DriftOptions.defaults().withMethod(m).withColumns(java.util.List.of("x"));
      FeatureDrift e = Drift.compare(exact, cur, o).features().get(0);
      FeatureDrift c = Drift.compare(compact, cur, o).features().get(0);
      double bound = m == DriftMethod.KS ? 1.0 / k + 1.0 / 200_000 : range / k / 0.99;
      assertThat(Math.abs(c.statistic() - e.statistic())).as("%s: compact %s, exact %s", m, c.statistic(), e.statistic())
          .isLessThanOrEqualTo(bound);
    }
    // the g column has 5 distinct values: its counts are stored exactly, so chi2 is unchanged
    DriftOptions chi = DriftOptions.defaults().withMethod(DriftMethod.CHI2).withColumns(java.util.List.of("g"));
    assertThat(Drift.compare(compact, cur, chi).features().get(0).pValue())
        .isEqualTo(Drift.compare(exact, cur, chi).features().get(0).pValue());
    // auto's calibrated Wasserstein threshold is computed from the quantiles and the exact n and sd
    FeatureDrift auto = Drift.compare(compact, cur, DriftOptions.defaults().withColumns(java.util.List.of("x")))
        .features().get(0);
    FeatureDrift autoExact = Drift.compare(exact, cur, DriftOptions.defaults().withColumns(java.util.List.of("x")))
        .features().get(0);
    assertThat(auto.threshold()).isCloseTo(autoExact.threshold(), org.assertj.core.api.Assertions.within(0.002));
    assertThat(compact.rows()).isEqualTo(200_000);
  }

  @Test
  void compactColumnsCannotBeMergedAndSmallColumnsStayExact() {
    DriftReference small = DriftReference.of(data(3, 500, 0)).compacted(100_000, 100, 200, 1);
    assertThat(small).isEqualTo(DriftReference.of(data(3, 500, 0)));
    DriftReference c = DriftReference.of(data(3, 5000, 0)).compacted(1000, 100, 200, 1);
    assertThatThrownBy(() -> c.merge(c)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("compact");
    assertThat(DriftReference.fromBytes(c.toBytes())).isEqualTo(c);
    assertThat(c.toBytes()[7]).isEqualTo((byte) 2);
  }
}
