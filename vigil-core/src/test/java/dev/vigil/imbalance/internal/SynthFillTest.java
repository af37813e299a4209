package dev.vigil.imbalance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Synth#fill} writes {@code x[b][t] + g (x[o][t] - x[b][t])} for a deferred interpolation and
 * the row itself for a materialised one, bit for bit, whichever way it runs: column by column from
 * the feature columns on one or several threads, or entry by entry from the rows.
 */
class SynthFillTest {

  @Property(tries = 60)
  void everyPathWritesTheInterpolatedValues(@ForAll @IntRange(min = 2, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 13) int d, @ForAll @IntRange(min = 0, max = 200) int entries,
      @ForAll @IntRange(min = 1, max = 4) int threads, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    double[][] columns = new double[d][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = r.nextDouble(-1e3, 1e3);
        columns[j][i] = x[i][j];
      }
    }
    Synth s = new Synth();
    double[][] expected = new double[entries][];
    for (int e = 0; e < entries; e++) {
      int b = r.nextInt(n);
      int o = r.nextInt(n);
      double g = r.nextDouble();
      if (r.nextInt(10) == 0) {
        double[] own = new double[d];
        for (int j = 0; j < d; j++) {
          own[j] = r.nextDouble();
        }
        s.add(own, 0, -1, -1, 0);
        expected[e] = own.clone();
      } else {
        s.addLerp(x, 0, b, o, g);
        expected[e] = new double[d];
        for (int j = 0; j < d; j++) {
          expected[e][j] = x[b][j] + g * (x[o][j] - x[b][j]);
        }
      }
    }
    // a subset of the features, in a shuffled order, after an offset of other rows
    int[] features = new int[1 + r.nextInt(d)];
    for (int f = 0; f < features.length; f++) {
      features[f] = r.nextInt(d);
    }
    int offset = r.nextInt(5);
    double[][] byColumn = new double[features.length][offset + entries];
    double[][] byEntry = new double[features.length][offset + entries];
    s.fill(features, byColumn, offset, x, columns, threads);
    s.fill(features, byEntry, offset, x, null, threads);
    for (int f = 0; f < features.length; f++) {
      for (int e = 0; e < entries; e++) {
        assertThat(Double.doubleToRawLongBits(byColumn[f][offset + e]))
            .isEqualTo(Double.doubleToRawLongBits(expected[e][features[f]]));
        assertThat(Double.doubleToRawLongBits(byEntry[f][offset + e]))
            .isEqualTo(Double.doubleToRawLongBits(expected[e][features[f]]));
      }
    }
  }
}
