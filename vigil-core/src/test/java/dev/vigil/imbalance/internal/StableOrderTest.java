package dev.vigil.imbalance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** NearMiss's primitive ordering equals a stable sort of boxed indices by {@link Double#compare}. */
class StableOrderTest {

  @Property(tries = 200)
  void matchesAStableBoxedSort(@ForAll @IntRange(min = 0, max = 400) int n, @ForAll @IntRange(min = 1, max = 6) int distinct,
      @ForAll long seed, @ForAll boolean negate) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] key = new double[n];
    for (int i = 0; i < n; i++) {
      // few distinct values: many ties; zeros, and -0.0 when negated
      key[i] = (r.nextInt(distinct) * 0.5) * (negate ? -1 : 1);
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Double.compare(key[a], key[b]));
    assertThat(Cleaners.stableOrder(key)).containsExactly(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
  }
}
