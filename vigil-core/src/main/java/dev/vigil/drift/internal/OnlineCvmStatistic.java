package dev.vigil.drift.internal;

import dev.vigil.stats.internal.Ranks;
import java.util.Arrays;

/**
 * Two-sample Cramér–von Mises statistic of each column between the sub-reference X (m values) and
 * the window Y (w values), T = m·w/(m + w)² × Σ_z (F_X(z) − G_Y(z))² over the pooled values z, with
 * right-continuous empirical CDFs (Anderson 1962; equal to SciPy's {@code cramervonmises_2samp}
 * statistic when there are no ties). The detector's statistic is the largest T over the columns, so
 * one threshold calibrated on the joint reference rows keeps the ERT whatever the dependence between
 * columns. A step costs O(w log m) per column: the reference part is summed per segment between
 * window values from prefix sums of F_X and F_X².
 */
public final class OnlineCvmStatistic implements WindowStatistic {
  private final double[][] cols;
  private final int[][] order;
  private final int n;
  private final int d;
  private final boolean[] mark;

  /** {@code x}: reference rows, any number of columns ≥ 1. */
  public OnlineCvmStatistic(double[][] x) {
    this.n = x.length;
    this.d = x[0].length;
    cols = new double[d][n];
    order = new int[d][];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        cols[j][i] = x[i][j];
      }
      double[] col = cols[j];
      order[j] = java.util.stream.IntStream.range(0, n).boxed()
          .sorted((a, b) -> Double.compare(col[a], col[b])).mapToInt(Integer::intValue).toArray();
    }
    mark = new boolean[n];
  }

  @Override
  public int size() {
    return n;
  }

  /** Sorted values of one column of the sub-reference and prefix sums of F and F². */
  static final class Ref {
    final double[] s;
    final double[] p1;
    final double[] p2;

    Ref(int m) {
      s = new double[m];
      p1 = new double[m + 1];
      p2 = new double[m + 1];
    }

    void prefix() {
      int m = s.length;
      int i = 0;
      while (i < m) {
        int j = i;
        while (j < m && s[j] == s[i]) {
          j++;
        }
        double f = j / (double) m;
        for (int k = i; k < j; k++) {
          p1[k + 1] = p1[k] + f;
          p2[k + 1] = p2[k] + f * f;
        }
        i = j;
      }
    }

    /** T for the sorted window y. */
    double cvm(double[] y) {
      int m = s.length;
      int w = y.length;
      double sum = 0;
      int a = 0;
      for (int k = 0; k <= w; k++) {
        int b = k == w ? m : Ranks.lowerBound(s, y[k]);
        double g = k / (double) w;
        sum += (p2[b] - p2[a]) - 2 * g * (p1[b] - p1[a]) + g * g * (b - a);
        a = b;
      }
      for (int k = 0; k < w; k++) {
        double f = Ranks.upperBound(s, y[k]) / (double) m;
        int u = k + 1;
        while (u < w && y[u] == y[k]) {
          u++;
        }
        double g = u / (double) w;
        sum += (f - g) * (f - g);
      }
      return m * (double) w / (((double) m + w) * ((double) m + w)) * sum;
    }
  }

  private Ref[] refs(int[] e) {
    for (int i : e) {
      mark[i] = true;
    }
    Ref[] r = new Ref[d];
    for (int j = 0; j < d; j++) {
      r[j] = new Ref(n - e.length);
      int c = 0;
      for (int i : order[j]) {
        if (!mark[i]) {
          r[j].s[c++] = cols[j][i];
        }
      }
      r[j].prefix();
    }
    for (int i : e) {
      mark[i] = false;
    }
    return r;
  }

  @Override
  public void simulate(int[] e, int w, double[] out) {
    Ref[] r = refs(e);
    double[] y = new double[w];
    for (int t = 0; t <= e.length - w; t++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < d; j++) {
        for (int p = 0; p < w; p++) {
          y[p] = cols[j][e[t + p]];
        }
        Arrays.sort(y);
        max = Math.max(max, r[j].cvm(y));
      }
      out[t] = max;
    }
  }

  @Override
  public State start(int w) {
    Ref[] r = refs(new int[0]);
    return new State() {
      final double[][] win = new double[d][w];
      final double[] y = new double[w];
      int head;
      int count;

      @Override
      public void reset() {
        head = 0;
        count = 0;
      }

      @Override
      public double push(double[] x) {
        for (int j = 0; j < d; j++) {
          win[j][head] = x[j];
        }
        head = (head + 1) % w;
        count = Math.min(w, count + 1);
        if (count < w) {
          return Double.NaN;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < d; j++) {
          System.arraycopy(win[j], 0, y, 0, w);
          Arrays.sort(y);
          max = Math.max(max, r[j].cvm(y));
        }
        return max;
      }
    };
  }
}
