package dev.vigil.imbalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.data.BooleanColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlSmoteTest {

  static Table data() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 200;
    double[] x = new double[n];
    boolean[] a = new boolean[n];
    boolean[] b = new boolean[n];
    boolean[] c = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
      a[i] = i % 2 == 0;
      b[i] = i % 3 == 0;
      c[i] = i % 20 == 0;
    }
    return Table.of(DoubleColumn.of("x", x), BooleanColumn.of("a", a), BooleanColumn.of("b", b), BooleanColumn.of("c", c));
  }

  @Test
  void minorityLabelsGrowAndSyntheticFeaturesStayInRange() {
    MlSmote.Result r = MlSmote.resample(data(), List.of("a", "b", "c"), 3, 1);
    assertThat(r.minorityLabels()).containsExactly("c");
    assertThat(r.after().get("c")).isGreaterThan(r.before().get("c"));
    assertThat(r.table().rowCount()).isEqualTo(210);
    assertThat(r.table().column("c")).isInstanceOf(BooleanColumn.class);
  }

  @Test
  void rejectsANonBinaryLabel() {
    Table t = data().withColumn(DoubleColumn.of("c", new double[200]));
    assertThatThrownBy(() -> MlSmote.resample(t, List.of("a", "c"), 3, 1)).hasMessageContaining("\"c\"");
  }
}
