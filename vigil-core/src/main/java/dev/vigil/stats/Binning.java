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
