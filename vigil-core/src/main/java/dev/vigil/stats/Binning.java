package dev.vigil.stats;

import dev.vigil.InvalidArgumentException;

/**
 * Bins numeric samples and turns counts into the proportion vectors {@link Divergences} takes. The
 * definitions are numpy's ({@code histogram_bin_edges(..., bins="sturges")}, {@code histogram}) so
 * that the numbers can be checked against Python and match Evidently's binning.
 */
public final class Binning {
  /** Proportion that replaces an empty bin, so that logarithms and ratios stay finite (Evidently's 1e-4). */
  public static final double EMPTY_BIN_PROPORTION = 1e-4;

  private Binning() {}

  /**
   * Equal-width edges over [min, max] of both samples together, with Sturges' rule for the count:
   * width = (max − min)/(log2(n) + 1), bins = ceil((max − min)/width), n = total size; when all
   * values are equal, one bin [v − 0.5, v + 0.5]. Both samples must be non-empty and finite.
   */
  public static double[] sturgesEdges(double[] reference, double[] current) {
    InvalidArgumentException.check(reference.length > 0 && current.length > 0,
        "binning needs non-empty samples: reference %d, current %d", reference.length, current.length);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] s : new double[][] {reference, current}) {
      for (double v : s) {
        InvalidArgumentException.check(Double.isFinite(v), "binning needs finite values: %s", v);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    int n = reference.length + current.length;
    return edges(lo, hi, n);
  }

  /** As {@link #sturgesEdges} from the pooled minimum, maximum and size. */
  public static double[] edges(double lo, double hi, long n) {
    double ptp = hi - lo;
    int bins;
    if (ptp == 0) {
      lo -= 0.5;
      hi += 0.5;
      bins = 1;
    } else {
      double width = ptp / (Math.log(n) / Math.log(2) + 1.0);
      bins = (int) Math.ceil(ptp / width);
    }
    double[] e = new double[bins + 1];
    double step = (hi - lo) / bins;
    for (int i = 0; i < bins; i++) {
      e[i] = lo + i * step;
    }
    e[bins] = hi;
    return e;
  }

  /**
   * numpy's {@code histogram_bin_edges(x, bins="doane")} of one sample (NannyML's binning): with n
   * values, σ the population standard deviation and g1 the sample skewness, σ_g1 = sqrt(6(n − 2)/((n +
   * 1)(n + 3))), width = (max − min)/(1 + log2 n + log2(1 + |g1|/σ_g1)), bins = ceil((max − min)/width)
   * equal-width bins over [min, max]; one bin when n ≤ 2 or σ = 0 ([v − 0.5, v + 0.5] for a constant
   * sample). Values must be finite; the sample must be non-empty.
   */
  public static double[] doaneEdges(double[] values) {
    InvalidArgumentException.check(values.length > 0, "binning needs a non-empty sample");
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (double v : values) {
      InvalidArgumentException.check(Double.isFinite(v), "binning needs finite values: %s", v);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      sum += v;
    }
    int n = values.length;
    if (hi == lo) {
      return new double[] {lo - 0.5, hi + 0.5};
    }
    double width = 0;
    if (n > 2) {
      double mean = sum / n;
      double ss = 0;
      for (double v : values) {
        ss += (v - mean) * (v - mean);
      }
      double sigma = Math.sqrt(ss / n);
      if (sigma > 0) {
        double g1 = 0;
        for (double v : values) {
          double t = (v - mean) / sigma;
          g1 += t * t * t;
        }
        g1 /= n;
        double sg1 = Math.sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3)));
        width = (hi - lo) / (1.0 + Math.log(n) / Math.log(2) + Math.log(1.0 + Math.abs(g1) / sg1) / Math.log(2));
      }
    }
    int bins = width > 0 ? (int) Math.ceil((hi - lo) / width) : 1;
    double[] e = new double[bins + 1];
    double step = (hi - lo) / bins;
    for (int i = 0; i < bins; i++) {
      e[i] = lo + i * step;
    }
    e[bins] = hi;
    return e;
  }

  /**
   * Counts of {@code values} per bin of equal-width {@code edges} as numpy's {@code histogram}: bins
   * are [e_i, e_{i+1}) except the last, which is closed; values outside [e_0, e_last] are not
   * counted.
   */
  public static long[] histogram(double[] values, double[] edges) {
    int bins = edges.length - 1;
    long[] c = new long[bins];
    double first = edges[0];
    double last = edges[bins];
    double norm = bins / (last - first);
    for (double v : values) {
      if (!(v >= first && v <= last)) {
        continue;
      }
      int idx = (int) ((v - first) * norm);
      if (idx == bins) {
        idx--;
      }
      if (v < edges[idx]) {
        idx--;
      } else if (v >= edges[idx + 1] && idx != bins - 1) {
        idx++;
      }
      c[idx]++;
    }
    return c;
  }

  /**
   * counts[i] / total, with every 0 replaced by {@link #EMPTY_BIN_PROPORTION} (the vector is not
   * renormalised afterwards, as in Evidently).
   */
  public static double[] proportions(long[] counts, long total) {
    InvalidArgumentException.check(total > 0, "proportions need a positive total: %d", total);
    double[] p = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      p[i] = counts[i] == 0 ? EMPTY_BIN_PROPORTION : counts[i] / (double) total;
    }
    return p;
  }
}
