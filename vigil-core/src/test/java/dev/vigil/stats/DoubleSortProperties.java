package dev.vigil.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stats.internal.DoubleSort;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DoubleSortProperties {
  @Property(tries = 30)
  void sortsLikeArraysSort(@ForAll @IntRange(min = 0, max = 20_000) int n, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] special = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE};
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      int k = rng.nextInt(10);
      a[i] = k == 0 ? special[rng.nextInt(special.length)] : k < 4 ? rng.nextInt(20) - 10 : (rng.nextDouble() - 0.5) * 1e6;
    }
    double[] expected = a.clone();
    Arrays.sort(expected);
    DoubleSort.sort(a);
    for (int i = 0; i < n; i++) {
      assertThat(Double.doubleToRawLongBits(a[i])).isEqualTo(Double.doubleToRawLongBits(expected[i]));
    }
  }
}
