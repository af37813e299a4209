package dev.vigil.stats.internal;

import java.util.Arrays;

/** Average ranks (1-based, ties get the mean of their positions) of a pooled sample. */
public final class Ranks {
  private Ranks() {}

  /** The ranks of {@code values} and, in {@code tieTerm[0]}, the sum over tie groups of t^3 - t. */
  public static double[] average(double[] values, double[] tieTerm) {
    int n = values.length;
    int[] idx = sortedIndex(values);
    double[] ranks = new double[n];
    double tt = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && values[idx[j + 1]] == values[idx[i]]) {
        j++;
      }
      double r = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[idx[k]] = r;
      }
      double t = j - i + 1;
      tt += t * t * t - t;
      i = j + 1;
    }
    if (tieTerm != null) {
      tieTerm[0] = tt;
    }
    return ranks;
  }

  /** Indices that sort {@code values} ascending (stable). */
  public static int[] sortedIndex(double[] values) {
    int n = values.length;
    double[] copy = values.clone();
    int[] idx = new int[n];
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (x, y) -> {
      int c = Double.compare(copy[x], copy[y]);
      return c != 0 ? c : Integer.compare(x, y);
    });
    for (int k = 0; k < n; k++) {
      idx[k] = order[k];
    }
    return idx;
  }

  /** The first index of sorted {@code a} whose value is not below {@code v} (a.length when none). */
  public static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first index of sorted {@code a} whose value is above {@code v} (a.length when none). */
  public static int upperBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
