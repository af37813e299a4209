package dev.vigil.imbalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.data.DoubleColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SmoterTest {

  static Table skewed(int seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 300;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble() * 10;
      y[i] = i % 25 == 0 ? 100 + x[i] * 5 : x[i] + r.nextGaussian();
    }
    return Table.of(DoubleColumn.of("x", x), DoubleColumn.of("y", y));
  }

  @Property(tries = 20)
  void rareTailGrowsAndSyntheticTargetsStayWithinTheTail(@ForAll @IntRange(min = 0, max = 1000) int seed) {
    Table t = skewed(seed);
    Smoter.Result r = Smoter.resample(t, "y", 2.0, 3, seed);
    assertThat(r.after().get("high")).isEqualTo(3 * r.before().get("high"));
    assertThat(r.after().get("common")).isEqualTo(r.before().get("common"));
    assertThat(r.table().rowCount()).isEqualTo(300 + 2 * r.before().get("high") + 2 * r.before().get("low"));
    double minHigh = Double.MAX_VALUE;
    double maxHigh = -Double.MAX_VALUE;
    for (int i = 0; i < 300; i++) {
      double v = t.doubleColumn("y").get(i);
      if (v > r.highFence()) {
        minHigh = Math.min(minHigh, v);
        maxHigh = Math.max(maxHigh, v);
      }
    }
    for (int i = 300; i < r.table().rowCount(); i++) {
      double v = r.table().doubleColumn("y").get(i);
      assertThat(v).isBetween(minHigh, maxHigh);
    }
  }

  @Test
  void rejectsCategoricalTargetsAndTinyTails() {
    Table t = Table.of(DoubleColumn.of("x", 1, 2, 3), StringColumn.of("y", "a", "b", "c"));
    assertThatThrownBy(() -> Smoter.resample(t, "y", 1, 1, 0)).hasMessageContaining("\"y\"").hasMessageContaining("double or long");
    Table u = Table.of(DoubleColumn.of("x", 1, 2, 3, 4, 5, 6, 7, 8, 9), DoubleColumn.of("y", 1, 1, 1, 1, 1, 1, 1, 1, 50));
    assertThatThrownBy(() -> Smoter.resample(u, "y", 1, 1, 0)).hasMessageContaining("high tail has 1 rows");
  }
}
