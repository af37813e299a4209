package dev.vigil.neighbors;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;

/**
 * A distance between two points given as {@code double[]} rows of equal length.
 *
 * <p>Every distance here is a sum of per-feature terms followed by a monotone transform: the
 * <em>reduced</em> distance is the sum (for Euclidean the sum of squares), and {@link
 * #fromReduced} turns it into the reported distance. The engine orders neighbours by reduced
 * distance, so the reported distance never has to be recomputed for comparisons.
 *
 * <ul>
 *   <li>{@link #euclidean()}: {@code sqrt(sum (a_j - b_j)^2)};
 *   <li>{@link #manhattan()}: {@code sum |a_j - b_j|};
 *   <li>{@link #heom(boolean[], double[])}: Heterogeneous Euclidean-Overlap Metric (Wilson and
 *       Martinez 1997): {@code sqrt(sum d_j^2)} with {@code d_j = |a_j - b_j| / range_j} for a
 *       numeric feature (0 when the range is 0), {@code d_j = 0} when two category codes are equal
 *       and 1 otherwise, and {@code d_j = 1} when either value is NaN (missing);
 *   <li>{@link #vdm(double[][][], int)}: Value Difference Metric as imbalanced-learn's
 *       {@code ValueDifferenceMetric} with {@code k = 1, r = 2}: {@code sum_j (sum_c |P(c | a_j) -
 *       P(c | b_j)|)^2} over category codes (no final root).
 * </ul>
 *
 * <p>Only Euclidean and Manhattan can use the k-d tree; the others always run by blocked brute
 * force. Rows must not contain NaN for Euclidean and Manhattan (the callers in this library reject
 * NaN before searching); NaN there gives NaN distances that sort last.
 */
public sealed interface Distance {

  /** The Euclidean (L2) distance. */
  static Distance euclidean() {
    return Euclidean.INSTANCE;
  }

  /** The Manhattan (L1) distance. */
  static Distance manhattan() {
    return Manhattan.INSTANCE;
  }

  /**
   * HEOM for mixed numeric and categorical rows.
   *
   * @param categorical {@code categorical[j]} is true when feature j holds category codes
   * @param ranges {@code ranges[j]} = max - min of numeric feature j over the reference data
   *     (ignored for categorical features); must be finite and non-negative
   * @throws InvalidArgumentException when the lengths differ or a range is negative or not finite
   */
  static Distance heom(boolean[] categorical, double[] ranges) {
    InvalidArgumentException.check(categorical.length == ranges.length,
        "heom: categorical flags (%d) and ranges (%d) must have the same length",
        categorical.length, ranges.length);
    double[] inv = new double[ranges.length];
    for (int j = 0; j < ranges.length; j++) {
      if (!categorical[j]) {
        InvalidArgumentException.check(Double.isFinite(ranges[j]) && ranges[j] >= 0,
            "heom: range of feature %d must be finite and >= 0: %s", j, ranges[j]);
        inv[j] = ranges[j] > 0 ? 1.0 / ranges[j] : 0.0;
      }
    }
    return new Heom(categorical.clone(), inv);
  }

  /**
   * HEOM with the ranges computed from {@code rows} (numeric features).
   *
   * @throws InvalidArgumentException when a row has the wrong length
   */
  static Distance heom(boolean[] categorical, double[][] rows) {
    double[] min = new double[categorical.length];
    double[] max = new double[categorical.length];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (double[] r : rows) {
      InvalidArgumentException.check(r.length == categorical.length,
          "heom: row has %d features, expected %d", r.length, categorical.length);
      for (int j = 0; j < r.length; j++) {
        if (!Double.isNaN(r[j])) {
          min[j] = Math.min(min[j], r[j]);
          max[j] = Math.max(max[j], r[j]);
        }
      }
    }
    double[] ranges = new double[categorical.length];
    for (int j = 0; j < ranges.length; j++) {
      ranges[j] = max[j] >= min[j] ? max[j] - min[j] : 0.0;
    }
    return heom(categorical, ranges);
  }

  /**
   * VDM over category codes.
   *
   * @param probabilities {@code probabilities[j][code][c]} = P(class c | feature j has {@code code})
   * @param classes number of classes (length of the innermost arrays)
   */
  static Distance vdm(double[][][] probabilities, int classes) {
    for (double[][] f : probabilities) {
      for (double[] p : f) {
        InvalidArgumentException.check(p.length == classes,
            "vdm: probability vector has %d entries, expected %d classes", p.length, classes);
      }
    }
    return new Vdm(probabilities, classes);
  }

  /**
   * VDM fitted as imbalanced-learn fits it: {@code P(c | code)} is the share of class c among the
   * rows whose feature j has {@code code} (0 for a code never seen).
   *
   * @param codes rows of non-negative integer category codes
   * @param y class index in {@code [0, classes)} per row
   */
  static Distance vdmFit(double[][] codes, int[] y, int classes) {
    int d = codes.length == 0 ? 0 : codes[0].length;
    double[][][] p = new double[d][][];
    for (int j = 0; j < d; j++) {
      int max = 0;
      for (double[] r : codes) {
        InvalidArgumentException.check(r[j] >= 0 && r[j] == Math.rint(r[j]),
            "vdm: feature %d must hold category codes >= 0: %s", j, r[j]);
        max = Math.max(max, (int) r[j]);
      }
      double[][] counts = new double[max + 1][classes];
      for (int i = 0; i < codes.length; i++) {
        counts[(int) codes[i][j]][y[i]] += 1;
      }
      for (double[] c : counts) {
        double s = 0;
        for (double v : c) {
          s += v;
        }
        if (s > 0) {
          for (int k = 0; k < c.length; k++) {
            c[k] /= s;
          }
        }
      }
      p[j] = counts;
    }
    return new Vdm(p, classes);
  }

  /** The distance between {@code a} and {@code b}. */
  default double between(double[] a, double[] b) {
    return fromReduced(reduced(a, b, Double.POSITIVE_INFINITY));
  }

  /**
   * The reduced distance, or any value greater than {@code limit} as soon as the partial sum
   * exceeds {@code limit} (early termination).
   */
  double reduced(double[] a, double[] b, double limit);

  /** The reported distance of a reduced distance. */
  double fromReduced(double reduced);

  /** A stable lower-case name, e.g. {@code "euclidean"}. */
  String name();

  /** The Euclidean distance. */
  record Euclidean() implements Distance {
    static final Euclidean INSTANCE = new Euclidean();

    @Override
    public double reduced(double[] a, double[] b, double limit) {
      // left-to-right sum (the k-d tree and the blocked search use the same order, so that every
      // algorithm reports bit-identical distances); the limit is checked every 4 features
      double s = 0;
      int n = a.length;
      for (int j = 0; j < n; j++) {
        double d = a[j] - b[j];
        s += d * d;
        if ((j & 3) == 3 && s > limit) {
          return s;
        }
      }
      return s;
    }

    @Override
    public double fromReduced(double reduced) {
      return Math.sqrt(reduced);
    }

    @Override
    public String name() {
      return "euclidean";
    }
  }

  /** The Manhattan distance. */
  record Manhattan() implements Distance {
    static final Manhattan INSTANCE = new Manhattan();

    @Override
    public double reduced(double[] a, double[] b, double limit) {
      double s = 0;
      int n = a.length;
      for (int j = 0; j < n; j++) {
        s += Math.abs(a[j] - b[j]);
        if ((j & 3) == 3 && s > limit) {
          return s;
        }
      }
      return s;
    }

    @Override
    public double fromReduced(double reduced) {
      return reduced;
    }

    @Override
    public String name() {
      return "manhattan";
    }
  }

  /** HEOM; see {@link Distance#heom(boolean[], double[])}. */
  record Heom(boolean[] categorical, double[] inverseRanges) implements Distance {
    @Override
    public double reduced(double[] a, double[] b, double limit) {
      double s = 0;
      for (int j = 0; j < a.length; j++) {
        double x = a[j];
        double y = b[j];
        double d;
        if (Double.isNaN(x) || Double.isNaN(y)) {
          d = 1;
        } else if (categorical[j]) {
          d = x == y ? 0 : 1;
        } else {
          d = Math.abs(x - y) * inverseRanges[j];
        }
        s += d * d;
        if (s > limit) {
          return s;
        }
      }
      return s;
    }

    @Override
    public double fromReduced(double reduced) {
      return Math.sqrt(reduced);
    }

    @Override
    public String name() {
      return "heom";
    }
  }

  /** VDM; see {@link Distance#vdm(double[][][], int)}. */
  record Vdm(double[][][] probabilities, int classes) implements Distance {
    @Override
    public double reduced(double[] a, double[] b, double limit) {
      double s = 0;
      for (int j = 0; j < a.length; j++) {
        double[][] p = probabilities[j];
        int ca = (int) a[j];
        int cb = (int) b[j];
        if (ca == cb) {
          continue;
        }
        double[] pa = ca < p.length ? p[ca] : null;
        double[] pb = cb < p.length ? p[cb] : null;
        double t = 0;
        for (int c = 0; c < classes; c++) {
          t += Math.abs((pa == null ? 0 : pa[c]) - (pb == null ? 0 : pb[c]));
        }
        s += t * t;
        if (s > limit) {
          return s;
        }
      }
      return s;
    }

    @Override
    public double fromReduced(double reduced) {
      return reduced;
    }

    @Override
    public String name() {
      return "vdm";
    }
  }
}
