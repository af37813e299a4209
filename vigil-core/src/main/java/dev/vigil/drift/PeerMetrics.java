package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import dev.vigil.stats.internal.NumpyRandomState;
import dev.vigil.stats.Binning;
import dev.vigil.stats.TestResult;
import dev.vigil.stats.TwoSampleTests;
import dev.vigil.stats.internal.KolmogorovSmirnov;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hipparchus.special.Gamma;

/**
 * The peers' own definitions, used by {@link Compat#EVIDENTLY}, {@link Compat#NANNYML} and {@link
 * Compat#TFDV} and checked against the fixtures of the peers' own tests ({@code
 * src/test/resources/drift/README.md} lists them with their sources).
 *
 * <p><b>Evidently</b> (legacy {@code evidently/calculations/stattests}, where they differ from
 * Vigil's own definitions in {@code dev.vigil.stats}):
 *
 * <ul>
 *   <li>Binned shares ({@code get_binned_data}, used by {@code psi}, {@code kl}, {@code js}): value
 *       counts over the values of both sides when the reference has at most 20 distinct values, else
 *       Sturges bins over both samples; each side divided by its own size; an empty share becomes
 *       1e-4, or the side's smallest non-zero share / 10⁶ when that is at most 1e-4. PSI = Σ (p − q)
 *       ln(p/q); KL = SciPy's {@code entropy(p, q)}; Jensen–Shannon = SciPy's {@code jensenshannon(p,
 *       q)} (natural log).
 *   <li>{@code hellinger}: sqrt(1 − Σ sqrt(p q)) with no epsilon; categories over both sides' values;
 *       numbers in Sturges bins over the <em>distinct</em> values of both sides (density histograms,
 *       which reduce to the same shares).
 *   <li>{@code g_test}: SciPy's {@code power_divergence(current, reference, lambda_="log-likelihood")}
 *       over the values of both sides, a goodness of fit with k − 1 degrees of freedom (SciPy rejects
 *       unequal totals; here the reference counts are scaled to the current total, the same numbers
 *       wherever Evidently runs).
 *   <li>{@code TVD}: a permutation p-value, not the distance: 1,000 draws of {@code np.random.choice(
 *       reference + current, n_ref, replace=False)} after {@code np.random.seed(0)} (replayed by
 *       {@code NumpyRandomState}), p = share of permuted distances at least the observed one (0 is
 *       possible); drift when p &lt; the threshold (0.1). The pooled rows are rebuilt from the counts in
 *       label order, so p equals Evidently's when the rows arrive in that order (as in Evidently's
 *       tests); for another row order it is the same test with another draw.
 *   <li>{@code mannw}: one-sided, {@code mannwhitneyu(reference, current, alternative="less")}; {@code
 *       t_test}: Student's pooled-variance t ({@code ttest_ind}); {@code ed} (energy distance): drift
 *       when strictly above the threshold.
 * </ul>
 *
 * <p><b>NannyML</b> (univariate drift methods, {@code nannyml/drift/univariate/methods.py}, the
 * version with base-2 Jensen–Shannon):
 *
 * <ul>
 *   <li>A numeric reference is treated as continuous when it has more than 50 distinct values or
 *       more distinct values than 10% of its size; otherwise its distinct values are categories.
 *   <li>Continuous {@code jensen_shannon} and {@code hellinger}: bins by Doane's rule on the
 *       reference only ({@link Binning#doaneEdges}); both sides' shares in those bins; the current
 *       share outside the reference's range becomes one extra bin with reference share 0. Categories:
 *       the reference's categories, and the current share of categories the reference lacks as the
 *       extra bin. Jensen–Shannon <em>distance</em> with base-2 logarithms (SciPy's {@code
 *       jensenshannon(p, q, base=2)}, in [0, 1]); Hellinger sqrt(Σ(√p − √q)²)/√2. Alert when &gt; 0.1.
 *   <li>{@code l_infinity} (categorical): max over the union of categories of |p_ref − p_cur|, each
 *       side normalised by its own size. Alert when &gt; 0.1.
 *   <li>{@code kolmogorov_smirnov}: reference below 10,000 values: SciPy's {@code ks_2samp}; from
 *       10,000 on: D between the reference's CDF on 10,000 equal-width bins over its [min, max] and
 *       the current CDF at the same bin edges, p = {@code kstwo.sf(D, round(m·n/(m + n)))}. Alert when
 *       p &lt; 0.05.
 *   <li>{@code chi2}: SciPy's {@code chi2_contingency} on the counts of both sides over the union of
 *       categories (Yates' correction with one degree of freedom). Alert when p &lt; 0.05.
 *   <li>{@code wasserstein} (raw, not normalised): reference below 10,000 values: SciPy's {@code
 *       wasserstein_distance}; from 10,000 on: Σ |CDF_ref − CDF_cur| × width over 10,000 equal-width
 *       reference bins, extended by bins of the same width to cover the current range. Alert when
 *       &gt; the upper threshold, which NannyML sets to 1 without a chunker and to mean + 3 sd of the
 *       reference chunks' distances with one.
 * </ul>
 *
 * <p><b>TensorFlow Data Validation</b> ({@code tensorflow_data_validation/anomalies/metrics.cc}):
 *
 * <ul>
 *   <li>{@code L-infinity} (categorical, the {@code infinity_norm} of {@code skew_comparator} and
 *       {@code drift_comparator}): max over the union of values of |p_a − p_b|, each side normalised
 *       by its own total; 0 when both are empty.
 *   <li>{@code jensen_shannon_divergence} (numeric): each side's standard histogram (10 equal-width
 *       buckets over its own [min, max]; one point bucket when min = max), re-bucketed onto the union
 *       of both sides' boundaries assuming values uniform within a bucket; point buckets and NaN
 *       counts become extra aligned buckets; both normalised; JSD = ½ KL(p‖m) + ½ KL(q‖m), m = (p +
 *       q)/2, base-2 logarithms, terms with a zero share skipped, capped at 1. A divergence, not its
 *       square root. TFDV has no default threshold: an anomaly is raised when the value exceeds the
 *       threshold set in the comparator.
 * </ul>
 */
public final class PeerMetrics {
  private PeerMetrics() {}

  /**
   * Evidently's binned shares {p_ref, p_cur} from aligned counts, with its replacement of empty
   * shares (1e-4, or the side's smallest non-zero share / 10⁶ when that is at most 1e-4).
   */
  public static double[][] evidentlyShares(long[] reference, long[] current) {
    return new double[][] {feelZeroes(reference), feelZeroes(current)};
  }

  private static double[] feelZeroes(long[] c) {
    long n = 0;
    for (long x : c) {
      n += x;
    }
    InvalidArgumentException.check(n > 0, "binned shares need a non-empty sample");
    double[] p = new double[c.length];
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < c.length; i++) {
      p[i] = c[i] / (double) n;
      if (p[i] > 0) {
        min = Math.min(min, p[i]);
      }
    }
    double fill = min <= 1e-4 ? min / 1e6 : 1e-4;
    for (int i = 0; i < p.length; i++) {
      if (p[i] == 0) {
        p[i] = fill;
      }
    }
    return p;
  }

  /** Evidently's Hellinger distance of two category-count maps: sqrt(1 − Σ sqrt(p q)) over both sides' keys. */
  public static double evidentlyHellinger(Map<String, Long> reference, Map<String, Long> current) {
    long nr = reference.values().stream().mapToLong(Long::longValue).sum();
    long nc = current.values().stream().mapToLong(Long::longValue).sum();
    InvalidArgumentException.check(nr > 0 && nc > 0, "both samples must be non-empty: reference %d, current %d", nr, nc);
    double s = 0;
    for (Map.Entry<String, Long> e : new TreeMap<>(reference).entrySet()) {
      Long c = current.get(e.getKey());
      if (c != null) {
        s += Math.sqrt(e.getValue() / (double) nr * (c / (double) nc));
      }
    }
    return Math.sqrt(1 - Math.min(1, Math.max(0, s)));
  }

  /**
   * Evidently's Hellinger distance of two sorted finite samples: Sturges bins over the distinct
   * values of both sides, then sqrt(1 − Σ sqrt(p q)) of the binned shares.
   */
  public static double evidentlyHellinger(double[] sortedReference, double[] sortedCurrent) {
    InvalidArgumentException.check(sortedReference.length > 0 && sortedCurrent.length > 0,
        "both samples must be non-empty: reference %d, current %d", sortedReference.length, sortedCurrent.length);
    TreeSet<Double> keys = new TreeSet<>();
    for (double v : sortedReference) {
      keys.add(v);
    }
    for (double v : sortedCurrent) {
      keys.add(v);
    }
    double[] edges = Binning.edges(keys.first(), keys.last(), keys.size());
    long[] r = Binning.histogram(sortedReference, edges);
    long[] c = Binning.histogram(sortedCurrent, edges);
    double s = 0;
    for (int i = 0; i < r.length; i++) {
      s += Math.sqrt(r[i] / (double) sortedReference.length * (c[i] / (double) sortedCurrent.length));
    }
    return Math.sqrt(1 - Math.min(1, Math.max(0, s)));
  }

  /**
   * Evidently's G-test: G = 2 Σ O ln(O/E) of the current counts O against the reference counts scaled
   * to the current total (0 ln 0 = 0; E = 0 &lt; O gives G = ∞ and p = 0), k − 1 degrees of freedom
   * over the k aligned categories. Effect size sqrt(G / n_cur).
   */
  public static TestResult evidentlyGTest(long[] reference, long[] current) {
    double nr = 0;
    double nc = 0;
    for (int i = 0; i < reference.length; i++) {
      nr += reference[i];
      nc += current[i];
    }
    InvalidArgumentException.check(nr > 0 && nc > 0, "both samples must be non-empty: reference %s, current %s", nr, nc);
    double g = 0;
    for (int i = 0; i < reference.length; i++) {
      double e = reference[i] * nc / nr;
      if (current[i] == 0) {
        continue;
      }
      g += e == 0 ? Double.POSITIVE_INFINITY : 2 * current[i] * Math.log(current[i] / e);
    }
    int k = reference.length;
    double p = Double.isInfinite(g) ? 0.0 : k < 2 ? 1.0
        : Gamma.regularizedGammaQ((k - 1) / 2.0, Math.max(0, g) / 2);
    return new TestResult("g", g, p, Math.sqrt(g / nc), "evidently");
  }

  /**
   * Evidently's TVD test: the total-variation distance ½ Σ |p_ref − p_cur| over both sides' keys and
   * its permutation p-value (1,000 permutations after {@code np.random.seed(0)}, see the class doc).
   * Categories are taken in label order; effect size the distance.
   */
  public static TestResult evidentlyTvd(Map<String, Long> reference, Map<String, Long> current) {
    TreeSet<String> keys = new TreeSet<>(reference.keySet());
    keys.addAll(current.keySet());
    List<String> order = new ArrayList<>(keys);
    int nr = (int) reference.values().stream().mapToLong(Long::longValue).sum();
    int nc = (int) current.values().stream().mapToLong(Long::longValue).sum();
    InvalidArgumentException.check(nr > 0 && nc > 0, "both samples must be non-empty: reference %d, current %d", nr, nc);
    int[] rows = new int[nr + nc];
    int j = 0;
    for (int side = 0; side < 2; side++) {
      Map<String, Long> m = side == 0 ? reference : current;
      for (int k = 0; k < order.size(); k++) {
        long c = m.getOrDefault(order.get(k), 0L);
        for (long t = 0; t < c; t++) {
          rows[j++] = k;
        }
      }
    }
    double observed = tvd(rows, nr, order.size(), null);
    double p = evidentlyPermutationP(rows, nr, order.size(), observed, 1000);
    return new TestResult("tvd", observed, p, observed, "evidently-permutation");
  }

  /**
   * Evidently's {@code permutation_test} of the total-variation distance: after {@code
   * np.random.seed(0)}, {@code iterations} times draw {@code n_ref} of the pooled rows without
   * replacement as the new reference (the rest is the new current) and compute its distance; p = the
   * share of draws whose distance is at least {@code observed}.
   *
   * @param rows pooled category indices in [0, categories): the reference's {@code nReference} rows
   *     first, then the current rows, in the order Evidently would pool them
   */
  public static double evidentlyPermutationP(int[] rows, int nReference, int categories, double observed,
      int iterations) {
    InvalidArgumentException.check(nReference > 0 && nReference < rows.length,
        "both samples must be non-empty: reference %d of %d rows", nReference, rows.length);
    NumpyRandomState rs = new NumpyRandomState(0);
    int hits = 0;
    for (int it = 0; it < iterations; it++) {
      int[] pick = rs.choiceWithoutReplacement(rows.length, nReference);
      if (observed <= tvd(rows, nReference, categories, pick)) {
        hits++;
      }
    }
    return hits / (double) iterations;
  }

  /** TVD of rows split into reference (the first n, or the rows at {@code pick}) and the rest. */
  private static double tvd(int[] rows, int n, int categories, int[] pick) {
    long[] r = new long[categories];
    long[] all = new long[categories];
    for (int v : rows) {
      all[v]++;
    }
    if (pick == null) {
      for (int i = 0; i < n; i++) {
        r[rows[i]]++;
      }
    } else {
      for (int i : pick) {
        r[rows[i]]++;
      }
    }
    int m = rows.length - n;
    double s = 0;
    for (int k = 0; k < categories; k++) {
      if (all[k] > 0) {
        s += Math.abs(r[k] / (double) n - (all[k] - r[k]) / (double) m);
      }
    }
    return 0.5 * s;
  }

  /** NannyML: is a numeric reference (sorted, finite) treated as continuous? */
  public static boolean nannymlContinuous(double[] sortedReference) {
    int u = 0;
    for (int i = 0; i < sortedReference.length; i++) {
      if (i == 0 || sortedReference[i] != sortedReference[i - 1]) {
        u++;
      }
    }
    return u > 50 || u / (double) sortedReference.length > 0.1;
  }

  /** NannyML's aligned share vectors {p_ref, p_cur} for continuous data (Doane bins + out-of-range bin). */
  public static double[][] nannymlBinned(double[] sortedReference, double[] sortedCurrent) {
    double[] edges = Binning.doaneEdges(sortedReference);
    long[] r = Binning.histogram(sortedReference, edges);
    long[] c = Binning.histogram(sortedCurrent, edges);
    return withLeftover(r, sortedReference.length, c, sortedCurrent.length);
  }

  /** NannyML's aligned shares for categories: the reference's categories plus the current share of others. */
  public static double[][] nannymlCategories(Map<String, Long> reference, Map<String, Long> current) {
    long nr = reference.values().stream().mapToLong(Long::longValue).sum();
    long nc = current.values().stream().mapToLong(Long::longValue).sum();
    long[] r = new long[reference.size()];
    long[] c = new long[reference.size()];
    int i = 0;
    for (Map.Entry<String, Long> e : new TreeMap<>(reference).entrySet()) {
      r[i] = e.getValue();
      c[i] = current.getOrDefault(e.getKey(), 0L);
      i++;
    }
    return withLeftover(r, nr, c, nc);
  }

  private static double[][] withLeftover(long[] r, long nr, long[] c, long nc) {
    InvalidArgumentException.check(nr > 0 && nc > 0, "both samples must be non-empty: reference %d, current %d", nr, nc);
    long inside = 0;
    for (long x : c) {
      inside += x;
    }
    int k = r.length + (inside < nc ? 1 : 0);
    double[] p = new double[k];
    double[] q = new double[k];
    for (int i = 0; i < r.length; i++) {
      p[i] = r[i] / (double) nr;
      q[i] = c[i] / (double) nc;
    }
    if (inside < nc) {
      q[k - 1] = (nc - inside) / (double) nc;
    }
    return new double[][] {p, q};
  }

  /** SciPy's {@code jensenshannon(p, q, base=2)}: the distance, after normalising both vectors. */
  public static double jensenShannonDistanceBase2(double[] p, double[] q) {
    double sp = 0;
    double sq = 0;
    for (int i = 0; i < p.length; i++) {
      sp += p[i];
      sq += q[i];
    }
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double a = p[i] / sp;
      double b = q[i] / sq;
      double m = (a + b) / 2;
      js += (a > 0 ? a * Math.log(a / m) : 0) + (b > 0 ? b * Math.log(b / m) : 0);
    }
    return Math.sqrt(Math.max(0, js / 2 / Math.log(2)));
  }

  /** NannyML's Hellinger distance sqrt(Σ(√p − √q)²)/√2 on the vectors as given. */
  public static double hellinger(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
      s += d * d;
    }
    return Math.sqrt(s) / Math.sqrt(2);
  }

  /** L-infinity distance of NannyML and TFDV: max |p_a − p_b| over the union of keys; 0 when both are empty. */
  public static double lInfinity(Map<String, ? extends Number> a, Map<String, ? extends Number> b) {
    double na = a.values().stream().mapToDouble(Number::doubleValue).sum();
    double nb = b.values().stream().mapToDouble(Number::doubleValue).sum();
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    double best = 0;
    for (String k : keys) {
      double pa = a.containsKey(k) && na > 0 ? a.get(k).doubleValue() / na : 0;
      double pb = b.containsKey(k) && nb > 0 ? b.get(k).doubleValue() / nb : 0;
      best = Math.max(best, Math.abs(pa - pb));
    }
    return best;
  }

  /** NannyML's Kolmogorov–Smirnov (exact SciPy below 10,000 reference values, binned from 10,000). */
  public static TestResult nannymlKs(double[] sortedReference, double[] sortedCurrent) {
    int n = sortedReference.length;
    if (n < 10_000) {
      return TwoSampleTests.kolmogorovSmirnovSorted(sortedReference, sortedCurrent, TwoSampleTests.KsMethod.AUTO);
    }
    int bins = 10_000;
    double[] edges = linspace(sortedReference[0], sortedReference[n - 1], bins);
    long[] rc = Binning.histogram(sortedReference, edges);
    long[] cc = Binning.histogram(sortedCurrent, edges);
    int m = sortedCurrent.length;
    int below = 0;
    while (below < m && sortedCurrent[below] < edges[0]) {
      below++;
    }
    double cr = 0;
    double ccum = below / (double) m;
    double d = 0;
    for (int i = 0; i < bins; i++) {
      cr += rc[i] / (double) n;
      ccum += cc[i] / (double) m;
      d = Math.max(d, Math.abs(cr - ccum));
    }
    double big = Math.max(n, m);
    double small = Math.min(n, m);
    double p = KolmogorovSmirnov.kolmogorovSf(d, (int) Math.rint(big * small / (big + small)));
    return new TestResult("ks", d, Math.min(1, Math.max(0, p)), d, "nannyml-binned");
  }

  /** NannyML's raw Wasserstein distance (exact below 10,000 reference values, binned from 10,000). */
  public static double nannymlWasserstein(double[] sortedReference, double[] sortedCurrent) {
    int n = sortedReference.length;
    if (n < 10_000) {
      return TwoSampleTests.wasserstein(sortedReference, sortedCurrent).statistic();
    }
    int bins = 10_000;
    double[] edges = linspace(sortedReference[0], sortedReference[n - 1], bins);
    double width = edges[1] - edges[0];
    long[] rc = Binning.histogram(sortedReference, edges);
    double lo = sortedCurrent[0];
    double hi = sortedCurrent[sortedCurrent.length - 1];
    List<Double> left = arange(lo - width, edges[0] - width, width);
    List<Double> right = arange(edges[bins] + width, hi + width, width);
    double[] all = new double[left.size() + edges.length + right.size()];
    int k = 0;
    for (double v : left) {
      all[k++] = v;
    }
    for (double v : edges) {
      all[k++] = v;
    }
    for (double v : right) {
      all[k++] = v;
    }
    long[] cur = histogramIrregular(sortedCurrent, all);
    double cr = 0;
    double ccum = 0;
    double s = 0;
    for (int i = 0; i < all.length - 1; i++) {
      int j = i - left.size();
      cr += j >= 0 && j < bins ? rc[j] / (double) n : 0;
      ccum += cur[i] / (double) sortedCurrent.length;
      s += Math.abs(cr - ccum) * width;
    }
    return s;
  }

  /** numpy's {@code arange(start, stop, step)}: ceil((stop − start)/step) values start + i·step. */
  private static List<Double> arange(double start, double stop, double step) {
    int len = (int) Math.max(0, Math.ceil((stop - start) / step));
    List<Double> out = new ArrayList<>(len);
    for (int i = 0; i < len; i++) {
      out.add(start + i * step);
    }
    return out;
  }

  private static double[] linspace(double lo, double hi, int bins) {
    double[] e = new double[bins + 1];
    double step = (hi - lo) / bins;
    for (int i = 0; i < bins; i++) {
      e[i] = lo + i * step;
    }
    e[bins] = hi;
    return e;
  }

  /** numpy's histogram on increasing, possibly irregular edges: [e_i, e_{i+1}), last bin closed. */
  static long[] histogramIrregular(double[] sorted, double[] edges) {
    long[] c = new long[edges.length - 1];
    int b = 0;
    for (double v : sorted) {
      if (v < edges[0] || v > edges[edges.length - 1]) {
        continue;
      }
      while (b < c.length - 1 && v >= edges[b + 1]) {
        b++;
      }
      c[b]++;
    }
    return c;
  }

  /** One bucket of a TFDV histogram: [low, high) with a (possibly fractional) count; low = high is a point bucket. */
  public record Bucket(double low, double high, double count) {}

  /** TFDV's standard histogram of sorted finite values: 10 equal-width buckets over [min, max]. */
  public static List<Bucket> tfdvStandardHistogram(double[] sorted) {
    List<Bucket> out = new ArrayList<>();
    if (sorted.length == 0) {
      return out;
    }
    double lo = sorted[0];
    double hi = sorted[sorted.length - 1];
    if (lo == hi) {
      out.add(new Bucket(lo, hi, sorted.length));
      return out;
    }
    double[] edges = linspace(lo, hi, 10);
    long[] c = Binning.histogram(sorted, edges);
    for (int i = 0; i < 10; i++) {
      out.add(new Bucket(edges[i], edges[i + 1], c[i]));
    }
    return out;
  }

  /** TFDV's {@code JensenShannonDivergence} of two histograms with their NaN counts (see the class doc). */
  public static double tfdvJensenShannon(List<Bucket> a, double nanA, List<Bucket> b, double nanB) {
    TreeMap<Double, double[]> points = new TreeMap<>();
    double infA = 0;
    double infB = 0;
    List<Bucket> ra = new ArrayList<>();
    List<Bucket> rb = new ArrayList<>();
    for (int side = 0; side < 2; side++) {
      for (Bucket k : side == 0 ? a : b) {
        if (!Double.isFinite(k.low()) || !Double.isFinite(k.high())) {
          if (side == 0) {
            infA += k.count();
          } else {
            infB += k.count();
          }
        } else if (k.low() == k.high()) {
          points.computeIfAbsent(k.low(), x -> new double[2])[side] += k.count();
        } else {
          (side == 0 ? ra : rb).add(k);
        }
      }
    }
    TreeSet<Double> bounds = new TreeSet<>();
    for (Bucket k : ra) {
      bounds.add(k.low());
      bounds.add(k.high());
    }
    for (Bucket k : rb) {
      bounds.add(k.low());
      bounds.add(k.high());
    }
    Double[] bd = bounds.toArray(new Double[0]);
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < bd.length; i++) {
      pairs.add(new double[] {spread(ra, bd[i], bd[i + 1]), spread(rb, bd[i], bd[i + 1])});
    }
    pairs.addAll(points.values());
    if (infA != 0) {
      pairs.add(new double[] {infA, 0});
    }
    if (infB != 0) {
      pairs.add(new double[] {0, infB});
    }
    if (nanA > 0 || nanB > 0) {
      // one aligned NaN bucket: what metrics_test.cc expects (SameStatistics with num_nan 1 on both
      // sides gives 0); a later metrics.cc adds the two NaN counts as two crossed buckets instead,
      // which would make that case non-zero
      pairs.add(new double[] {nanA, nanB});
    }
    double ta = 0;
    double tb = 0;
    for (double[] p : pairs) {
      ta += p[0];
      tb += p[1];
    }
    InvalidArgumentException.check(ta > 0 && tb > 0, "Jensen-Shannon divergence needs two non-empty histograms");
    double kl1 = 0;
    double kl2 = 0;
    for (double[] pr : pairs) {
      double p = pr[0] / ta;
      double q = pr[1] / tb;
      double m = (p + q) / 2;
      if (p > 0 && m > 0) {
        kl1 += p * Math.log(p / m) / Math.log(2);
      }
      if (q > 0 && m > 0) {
        kl2 += q * Math.log(q / m) / Math.log(2);
      }
    }
    return Math.min((kl1 + kl2) / 2, 1.0);
  }

  /**
   * TFDV's {@code JensenShannonDivergence} of two value-count maps (categorical features): shares
   * over the union of values, base 2, terms with a zero share skipped, capped at 1.
   */
  public static double tfdvJensenShannon(Map<String, ? extends Number> a, Map<String, ? extends Number> b) {
    InvalidArgumentException.check(!a.isEmpty() && !b.isEmpty(), "Jensen-Shannon divergence needs two non-empty maps");
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<Bucket> ha = new ArrayList<>();
    List<Bucket> hb = new ArrayList<>();
    double i = 0;
    for (String key : keys) {
      ha.add(new Bucket(i, i, a.containsKey(key) ? a.get(key).doubleValue() : 0));
      hb.add(new Bucket(i, i, b.containsKey(key) ? b.get(key).doubleValue() : 0));
      i++;
    }
    return tfdvJensenShannon(ha, 0, hb, 0);
  }

  /** Count of the buckets in [lo, hi), spread uniformly over each bucket's width. */
  private static double spread(List<Bucket> h, double lo, double hi) {
    double s = 0;
    for (Bucket k : h) {
      double ov = Math.min(hi, k.high()) - Math.max(lo, k.low());
      if (ov > 0) {
        s += k.count() * ov / (k.high() - k.low());
      }
    }
    return s;
  }
}
