package dev.vigil.leakage.internal;

import dev.vigil.data.Column;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One column of train and test mapped to shared codes in [0, levels): numeric columns with many
 * distinct values to quantile bins of the training data (plus one code for missing/NaN), other
 * columns to one code per normalised value seen in training (plus one code for values only in test).
 */
public record Discretised(int[] train, int[] test, int levels, boolean binned) {
  /** Up to this many bins for numeric columns. */
  public static final int BINS = 20;

  public static Discretised of(Column tr, Column te, long seed) {
    if (Values.isNumeric(tr) || tr instanceof dev.vigil.data.TimestampColumn) {
      long[] keys = Values.keys(tr);
      java.util.HashSet<Long> distinct = new java.util.HashSet<>();
      for (int i = 0; i < keys.length && distinct.size() <= BINS; i++) {
        distinct.add(keys[i]);
      }
      if (distinct.size() > BINS) {
        return binned(tr, te, seed);
      }
    }
    long[] kt = Values.keys(tr);
    long[] ks = Values.keys(te);
    Map<Long, Integer> codes = new HashMap<>();
    int[] a = new int[kt.length];
    for (int i = 0; i < kt.length; i++) {
      a[i] = codes.computeIfAbsent(kt[i], k -> codes.size());
    }
    int unseen = codes.size();
    int[] b = new int[ks.length];
    for (int i = 0; i < ks.length; i++) {
      Integer c = codes.get(ks[i]);
      b[i] = c == null ? unseen : c;
    }
    return new Discretised(a, b, unseen + 1, false);
  }

  private static Discretised binned(Column tr, Column te, long seed) {
    int n = tr.size();
    int m = Math.min(n, 200_000);
    double[] sample = new double[m];
    int f = 0;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int j = 0; j < m; j++) {
      double v = Values.number(tr, m == n ? j : rnd.nextInt(n));
      if (!Double.isNaN(v)) {
        sample[f++] = v;
      }
    }
    double[] cuts = Values.cuts(java.util.Arrays.copyOf(sample, f), BINS);
    int missing = cuts.length + 1;
    return new Discretised(codes(tr, cuts, missing), codes(te, cuts, missing), missing + 1, true);
  }

  private static int[] codes(Column c, double[] cuts, int missing) {
    int[] out = new int[c.size()];
    for (int i = 0; i < out.length; i++) {
      double v = Values.number(c, i);
      out[i] = Double.isNaN(v) ? missing : Values.bin(cuts, v);
    }
    return out;
  }
}
