package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.VigilException;
import dev.vigil.data.Table;
import dev.vigil.drift.internal.ColumnSummary;
import dev.vigil.drift.internal.CompactTests;
import dev.vigil.stats.Binning;
import dev.vigil.stats.CategoricalTests;
import dev.vigil.stats.Divergences;
import dev.vigil.stats.MultipleTesting;
import dev.vigil.stats.NullThresholds;
import dev.vigil.stats.TestResult;
import dev.vigil.stats.TwoSampleTests;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares current data with a reference, feature by feature, and judges the data set.
 *
 * <p><b>Automatic choice</b> ({@link DriftMethod#AUTO}), Evidently's rules with one correction, with
 * n the reference's non-missing count and u the distinct values of both sides together:
 *
 * <ul>
 *   <li>n ≤ 1000: numeric with u &gt; 5: {@code ks}; numeric with u ≤ 5 or categorical: {@code chi2}
 *       when u &gt; 2, else {@code ztest}. Evidently uses the goodness-of-fit chi-square here, which
 *       treats the reference shares as exact: with a reference the size of the current window its
 *       false-alarm rate at alpha 0.05 is about 34% (see {@code FalseAlarmRateTest}); the two-sample
 *       homogeneity test keeps it at alpha;
 *   <li>n &gt; 1000: numeric with u &gt; 5: {@code wasserstein} (normalised); else {@code js}
 *       (Jensen–Shannon distance). Evidently judges both by a fixed 0.1, whatever the sample sizes;
 *       Vigil's threshold is calibrated to a false-alarm rate of alpha at the actual sizes n and m
 *       ({@link NullThresholds}: the (1 − alpha) quantile of the distance's large-sample null
 *       distribution), so a large window is not flagged for a negligible shift and a small one not
 *       for noise. {@code --threshold T} (or a per-column threshold) replaces it with a fixed value;
 *       {@code --compat evidently} restores Evidently's 0.1.
 * </ul>
 *
 * Unlike Evidently, categories the reference never saw are not folded into any distribution test or
 * distance (in Evidently's chi-square they give an infinite statistic and p = 0): the distribution
 * test compares the shares among the reference's categories, and the current rows in new categories
 * are the unseen-category signal. Missing values are a signal of their own (see {@link
 * FeatureDrift}).
 *
 * <p><b>Binning</b> for {@code psi}, {@code kl}, {@code js}, {@code hellinger}, {@code tvd}, {@code
 * chi2}, {@code gof} and {@code g} on a numeric feature: value counts when the reference has at most 20 distinct values, else equal-width
 * Sturges bins over both samples ({@link Binning#sturgesEdges}); empty bins get share 1e-4.
 *
 * <p><b>Many features</b>: the chosen {@link Correction} adjusts the p-values of the features'
 * tests, and separately those of the missing and unseen signals. A distance with a fixed threshold
 * (set, or a compat mode's) is not adjusted. A distance whose threshold {@code auto} calibrates
 * (normalised Wasserstein, Jensen–Shannon) joins the family through its null p-value, so that the
 * correction covers it too (without one, 1,000 unchanged features give about 50 false alarms): for
 * Jensen–Shannon the chi-square tail of {@link NullThresholds#jensenShannonPValue}; for Wasserstein
 * the empirical (k + 1)/(B + 1) over B simulated null values (shared Brownian bridges, {@link
 * NullThresholds.Bridges}, B = 20 m/alpha within [1,000, 200,000] for a family of m, so that about 20
 * simulated values lie beyond Bonferroni's level alpha/m; for m/alpha above 10,000 fewer do, and
 * above 200,000 no Wasserstein feature can pass Bonferroni). The feature drifts when its adjusted
 * p-value is below alpha; {@code p_value} and {@code adjusted_p_value} are reported, and {@code
 * threshold} is the distance the statistic must exceed at the corrected level L (alpha/m for
 * Bonferroni, alpha R/m for Benjamini–Hochberg with R its rejections, or 1 when none): the chi-square
 * quantile at 1 − L, or the simulated value that at most L(B + 1) − 1 simulated values may reach. The
 * data set drifts when the share of compared features with any signal is at least {@link
 * DriftOptions#driftShare()}.
 *
 * <p><b>Edge cases</b>: a column without non-missing values on one side is reported with {@code
 * error} set and no distribution drift (its missing signal still runs); a test that cannot run on
 * the data (e.g. Epps–Singleton with zero interquartile range) is reported the same way; constant
 * identical samples give statistic 0 and p = 1 for KS. A requested column absent on one side, or a
 * column numeric on one side and categorical on the other, throws {@link SchemaMismatchException}.
 * An empty current table (0 rows) throws {@link InvalidArgumentException}.
 */
public final class Drift {
  private Drift() {}

  /** Compares {@code current} with the reference table {@code reference}. */
  public static DriftResult compare(Table reference, Table current, DriftOptions options) {
    return compare(DriftReference.of(reference), current, options);
  }

  /** Compares {@code current} with a stored reference. */
  public static DriftResult compare(DriftReference reference, Table current, DriftOptions options) {
    if (options.compat() == Compat.ALIBI) {
      options = options.withCorrection(Correction.BONFERRONI);
    } else if (options.compat() != Compat.NONE) {
      options = options.withCorrection(Correction.NONE);
    }
    InvalidArgumentException.check(current.rowCount() > 0, "current data must have at least one row: 0 rows");
    InvalidArgumentException.check(reference.rows() > 0, "reference must have at least one row: 0 rows");
    // the current side is summarised one column at a time (a sorted copy of every column at once
    // would double the memory of a wide table)
    DriftReference cur = DriftReference.shape(current);
    Map<String, String> skipped = new LinkedHashMap<>(reference.skipped());
    List<String> columns = new ArrayList<>();
    if (!options.columns().isEmpty()) {
      for (String c : options.columns()) {
        if (!reference.has(c)) {
          throw new SchemaMismatchException(reference.skipped().containsKey(c)
              ? "column \"" + c + "\" cannot be compared: " + reference.skipped().get(c)
              : "column \"" + c + "\" is not in the reference; it has " + reference.columnNames());
        }
        if (!cur.has(c)) {
          throw new SchemaMismatchException("column \"" + c + "\" is not in the current data; it has "
              + current.columnNames());
        }
        columns.add(c);
      }
    } else {
      for (String c : reference.columnNames()) {
        if (cur.has(c)) {
          columns.add(c);
        } else {
          skipped.put(c, "absent from the current data");
        }
      }
      for (String c : cur.columnNames()) {
        if (!reference.has(c) && !skipped.containsKey(c)) {
          skipped.put(c, "absent from the reference");
        }
      }
      cur.skipped().forEach(skipped::putIfAbsent);
    }
    if (options.compat() == Compat.TFDV && Double.isNaN(options.threshold())) {
      for (String c : columns) {
        InvalidArgumentException.check(options.columnThresholds().containsKey(c),
            "--compat tfdv needs a threshold (TFDV's comparators have no default): set --threshold, or a "
                + "per-column threshold for every compared column; column \"%s\" has none", c);
      }
    }
    for (String c : options.columnThresholds().keySet()) {
      InvalidArgumentException.check(columns.contains(c),
          "a threshold is set for column \"%s\", which is not compared; compared columns: %s", c, columns);
    }
    for (String c : options.columnMethods().keySet()) {
      InvalidArgumentException.check(columns.contains(c),
          "a method is set for column \"%s\", which is not compared; compared columns: %s", c, columns);
    }
    List<FeatureDrift> raw = new ArrayList<>();
    List<CalibratedNull> nulls = new ArrayList<>();
    Map<String, DriftResult.Overlay> charts = new LinkedHashMap<>();
    for (String c : columns) {
      ColumnSummary r = reference.summary(c);
      ColumnSummary k = ColumnSummary.of(current.column(c));
      if (r.kind() != k.kind()) {
        throw new SchemaMismatchException(String.format(Locale.ROOT,
            "column \"%s\" is %s in the reference but %s in the current data", c, r.kind().jsonName(), k.kind().jsonName()));
      }
      FeatureDrift f = compareColumn(r, k, options);
      raw.add(f);
      nulls.add(options.correction() == Correction.NONE ? null : calibratedNull(r, k, options, f));
      DriftResult.Overlay o = overlay(r, k);
      if (o != null) {
        charts.put(c, o);
      }
    }
    List<FeatureDrift> judged = judge(raw, nulls, options);
    judged.sort(Comparator.comparing((FeatureDrift f) -> !f.anySignal())
        .thenComparing(f -> -(Double.isNaN(f.effectSize()) ? -1 : f.effectSize()))
        .thenComparing(FeatureDrift::name));
    int drifted;
    boolean dataset;
    if (options.compat() == Compat.NONE) {
      drifted = (int) judged.stream().filter(FeatureDrift::anySignal).count();
      dataset = !judged.isEmpty() && drifted / (double) judged.size() >= options.driftShare();
    } else {
      drifted = (int) judged.stream().filter(FeatureDrift::drift).count();
      dataset = options.compat() == Compat.EVIDENTLY
          ? !judged.isEmpty() && drifted / (double) judged.size() >= options.driftShare()
          : drifted > 0;
    }
    return new DriftResult(judged, dataset, drifted, options, reference.rows(), current.rowCount(), skipped, charts);
  }

  /**
   * The null of a distance whose threshold was calibrated ({@code auto}, no fixed threshold, no
   * compat), so that a correction can turn it into a p-value; null for every other feature.
   */
  private record CalibratedNull(NullThresholds.WassersteinNull wasserstein, int categories, long n, long m) {}

  private static CalibratedNull calibratedNull(ColumnSummary r, ColumnSummary k, DriftOptions o, FeatureDrift f) {
    if (o.methodFor(r.name()) != DriftMethod.AUTO || o.compat() != Compat.NONE || !Double.isNaN(o.threshold())
        || o.columnThresholds().containsKey(r.name()) || f.error() != null || Double.isNaN(f.statistic())) {
      return null;
    }
    if (f.method() == DriftMethod.WASSERSTEIN) {
      if (r.compact() != null) {
        ColumnSummary.Compact c = r.compact();
        return new CalibratedNull(NullThresholds.wassersteinNull(c.quantiles(), c.n(), c.sd(), k.present()), 0, 0, 0);
      }
      double[] a = r.sorted();
      double mean = 0;
      for (double v : a) {
        mean += v;
      }
      mean /= a.length;
      double ss = 0;
      for (double v : a) {
        ss += (v - mean) * (v - mean);
      }
      return new CalibratedNull(NullThresholds.wassersteinNull(a, a.length, Math.sqrt(ss / a.length), k.present()),
          0, 0, 0);
    }
    if (f.method() == DriftMethod.JS) {
      int cats = r.kind() == FeatureKind.NUMERIC ? unionDistinct(r, k, Integer.MAX_VALUE - 1) : r.counts().size();
      return new CalibratedNull(null, cats, r.present(), k.present());
    }
    return null;
  }

  /** Fewest and most simulated bridges for the null p-values of calibrated Wasserstein distances. */
  static final int MIN_NULL_SIMULATIONS = 1000;

  static final int MAX_NULL_SIMULATIONS = 200_000;

  /**
   * Bridges for a family of m p-values at alpha: about 20 simulated values beyond the Bonferroni level
   * alpha/m (so its quantile is an order statistic of rank ~20), within [1,000, 200,000].
   */
  static int nullSimulations(int m, double alpha) {
    double b = Math.ceil(20.0 * Math.max(1, m) / alpha);
    return (int) Math.max(MIN_NULL_SIMULATIONS, Math.min(MAX_NULL_SIMULATIONS, b));
  }

  private static List<FeatureDrift> judge(List<FeatureDrift> raw, List<CalibratedNull> nulls, DriftOptions o) {
    int n = raw.size();
    double[] p = new double[n];
    double[] pm = new double[n];
    double[] pu = new double[n];
    for (int i = 0; i < n; i++) {
      FeatureDrift f = raw.get(i);
      p[i] = f.method().hasPValue() ? f.pValue() : Double.NaN;
      pm[i] = f.missing().pValue();
      pu[i] = f.unseen() == null ? Double.NaN : f.unseen().pValue();
    }
    // Calibrated distances join the family through their null p-values (see the class doc).
    boolean anyNull = nulls.stream().anyMatch(java.util.Objects::nonNull);
    NullThresholds.Bridges bridges = null;
    NullThresholds.WassersteinNull[] wn = new NullThresholds.WassersteinNull[n];
    double[] ws = new double[n];
    Arrays.fill(ws, Double.NaN);
    if (anyNull) {
      int family = 0;
      boolean anyW = false;
      for (int i = 0; i < n; i++) {
        CalibratedNull c = nulls.get(i);
        if (c != null || !Double.isNaN(p[i])) {
          family++;
        }
        if (c != null && c.wasserstein() != null) {
          anyW = true;
          wn[i] = c.wasserstein();
          ws[i] = raw.get(i).statistic();
        }
      }
      double[] pw = null;
      if (anyW) {
        bridges = NullThresholds.Bridges.simulate(nullSimulations(family, o.alpha()), 0);
        pw = bridges.pValues(wn, ws);
      }
      for (int i = 0; i < n; i++) {
        CalibratedNull c = nulls.get(i);
        if (c == null) {
          continue;
        }
        p[i] = c.wasserstein() != null ? pw[i]
            : NullThresholds.jensenShannonPValue(raw.get(i).statistic(), c.categories(), c.n(), c.m());
      }
    }
    double[] ap = correct(p, o.correction());
    double[] thresholds = anyNull ? correctedThresholds(raw, nulls, p, ap, bridges, wn, o) : null;
    double[] am = correct(pm, o.correction());
    double[] au = correct(pu, o.correction());
    List<FeatureDrift> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      FeatureDrift f = raw.get(i);
      boolean d;
      if (f.error() != null) {
        d = false;
      } else if (thresholds != null && nulls.get(i) != null) {
        d = ap[i] < o.alpha();
        f = new FeatureDrift(f.name(), f.kind(), f.method(), f.statistic(), p[i], ap[i], thresholds[i], d,
            f.effectSize(), f.detail(), f.referenceCount(), f.currentCount(), f.missing(), f.unseen(), f.error());
      } else if (f.method().hasPValue()) {
        Double ct = o.columnThresholds().get(f.name());
        d = ct != null ? f.pValue() < ct : ap[i] < o.alpha();
      } else if (o.compat() == Compat.EVIDENTLY && f.method() == DriftMethod.TVD) {
        d = f.pValue() < f.threshold(); // Evidently's TVD alerts on its permutation p-value
      } else if (o.compat() == Compat.NANNYML || o.compat() == Compat.TFDV
          || (o.compat() == Compat.EVIDENTLY && f.method() == DriftMethod.ENERGY)) {
        d = f.statistic() > f.threshold();
      } else {
        d = f.statistic() >= f.threshold();
      }
      FeatureDrift.MissingSignal m = f.missing();
      m = new FeatureDrift.MissingSignal(m.referenceRate(), m.currentRate(), m.pValue(), am[i], am[i] < o.alpha());
      FeatureDrift.UnseenSignal u = f.unseen();
      if (u != null) {
        u = new FeatureDrift.UnseenSignal(u.count(), u.rate(), u.categories(), u.pValue(), au[i],
            u.count() > 0 && au[i] < o.alpha());
      }
      boolean calibrated = thresholds != null && nulls.get(i) != null;
      out.add(f.withAdjusted(f.method().hasPValue() || calibrated ? ap[i] : Double.NaN, d, m, u));
    }
    return out;
  }

  /**
   * The distance each calibrated feature must exceed at the corrected level L: alpha/m for
   * Bonferroni, alpha R/m for Benjamini–Hochberg with R its rejections (1 when none), m the family
   * size. Jensen–Shannon: the chi-square null at 1 − L; Wasserstein: the simulated value the
   * statistic may exceed while at most L(B + 1) − 1 simulated values reach it.
   */
  private static double[] correctedThresholds(List<FeatureDrift> raw, List<CalibratedNull> nulls, double[] p,
      double[] ap, NullThresholds.Bridges bridges, NullThresholds.WassersteinNull[] wn, DriftOptions o) {
    int n = raw.size();
    int family = 0;
    int rejected = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(p[i])) {
        family++;
        rejected += ap[i] < o.alpha() ? 1 : 0;
      }
    }
    double level = o.alpha() * (o.correction() == Correction.FDR ? Math.max(1, rejected) : 1) / Math.max(1, family);
    double[] out = new double[n];
    Arrays.fill(out, Double.NaN);
    int[] r = new int[n];
    Arrays.fill(r, Integer.MIN_VALUE);
    boolean anyW = false;
    for (int i = 0; i < n; i++) {
      CalibratedNull c = nulls.get(i);
      if (c == null) {
        continue;
      }
      if (c.wasserstein() != null) {
        r[i] = (int) Math.ceil(level * (bridges.simulations() + 1.0) - 1) - 1;
        anyW = true;
      } else {
        out[i] = NullThresholds.jensenShannonDistance(c.categories(), c.n(), c.m(), level);
      }
    }
    if (anyW) {
      double[] w = bridges.upperOrderStatistics(wn, r);
      for (int i = 0; i < n; i++) {
        if (r[i] != Integer.MIN_VALUE) {
          out[i] = w[i];
        }
      }
    }
    return out;
  }

  private static double[] correct(double[] p, Correction c) {
    return switch (c) {
      case NONE -> p.clone();
      case BONFERRONI -> MultipleTesting.bonferroni(p);
      case FDR -> MultipleTesting.benjaminiHochberg(p);
    };
  }

  /** The method AUTO resolves to for these two summaries (Evidently's rules, see the class doc). */
  static DriftMethod autoMethod(ColumnSummary r, ColumnSummary k, Compat compat) {
    if (compat == Compat.ALIBI) {
      return r.kind() == FeatureKind.NUMERIC ? DriftMethod.KS : DriftMethod.CHI2;
    }
    if (compat == Compat.NANNYML) {
      return DriftMethod.JS;
    }
    if (compat == Compat.TFDV) {
      return r.kind() == FeatureKind.NUMERIC ? DriftMethod.JSD : DriftMethod.LINF;
    }
    int u = unionDistinct(r, k, 5);
    boolean small = r.present() <= 1000;
    if (r.kind() == FeatureKind.NUMERIC && u > 5) {
      return small ? DriftMethod.KS : DriftMethod.WASSERSTEIN;
    }
    if (small) {
      return u > 2 ? (compat == Compat.EVIDENTLY ? DriftMethod.GOF : DriftMethod.CHI2) : DriftMethod.ZTEST;
    }
    return DriftMethod.JS;
  }

  private static int unionDistinct(ColumnSummary r, ColumnSummary k, int cap) {
    if (r.kind() == FeatureKind.NUMERIC && (r.distinct(cap) > cap || k.distinct(cap) > cap)) {
      return cap + 1;
    }
    TreeSet<String> s = new TreeSet<>(r.counts().keySet());
    s.addAll(k.counts().keySet());
    return s.size();
  }

  private static FeatureDrift compareColumn(ColumnSummary r, ColumnSummary k, DriftOptions o) {
    String name = r.name();
    DriftMethod requested = o.methodFor(name);
    if (requested.numericOnly() && r.kind() != FeatureKind.NUMERIC) {
      throw new InvalidArgumentException(String.format(Locale.ROOT,
          "method %s needs a numeric column, but column \"%s\" is categorical", requested.cliName(), name));
    }
    double refRate = r.rows() == 0 ? 0 : r.missing() / (double) r.rows();
    double curRate = k.rows() == 0 ? 0 : k.missing() / (double) k.rows();
    TestResult mt = CategoricalTests.fisherExact(r.missing(), r.present(), k.missing(), k.present());
    FeatureDrift.MissingSignal missing = new FeatureDrift.MissingSignal(refRate, curRate, mt.pValue(), mt.pValue(), false);
    FeatureDrift.UnseenSignal unseen = null;
    if (r.kind() == FeatureKind.CATEGORICAL) {
      unseen = unseen(r, k);
    }
    if (r.present() == 0 || k.present() == 0) {
      DriftMethod m = requested == DriftMethod.AUTO ? DriftMethod.AUTO : requested;
      String why = r.present() == 0 ? "no non-missing values in the reference" : "no non-missing values in the current data";
      return new FeatureDrift(name, r.kind(), m, Double.NaN, Double.NaN, Double.NaN, thresholdOf(m, o, name), false,
          Double.NaN, "none", r.present(), k.present(), missing, unseen, why);
    }
    DriftMethod m = requested == DriftMethod.AUTO ? autoMethod(r, k, o.compat()) : requested;
    double threshold = thresholdOf(m, o, name);
    // with a correction the threshold comes from the family's corrected level (see judge)
    if (requested == DriftMethod.AUTO && o.compat() == Compat.NONE && Double.isNaN(o.threshold())
        && !o.columnThresholds().containsKey(name) && o.correction() == Correction.NONE) {
      if (m == DriftMethod.WASSERSTEIN && r.compact() != null) {
        ColumnSummary.Compact c = r.compact();
        threshold = NullThresholds.wassersteinNormalised(c.quantiles(), c.n(), c.sd(), k.present(), o.alpha(), 1000, 0);
      } else if (m == DriftMethod.WASSERSTEIN) {
        threshold = NullThresholds.wassersteinNormalised(r.sorted(), k.present(), o.alpha(), 1000, 0);
      } else if (m == DriftMethod.JS) {
        int cats = r.kind() == FeatureKind.NUMERIC ? unionDistinct(r, k, Integer.MAX_VALUE - 1) : r.counts().size();
        threshold = NullThresholds.jensenShannonDistance(cats, r.present(), k.present(), o.alpha());
      }
    }
    TestResult t;
    try {
      t = run(m, r, k, o.compat());
    } catch (VigilException e) {
      return new FeatureDrift(name, r.kind(), m, Double.NaN, Double.NaN, Double.NaN, threshold, false, Double.NaN,
          "none", r.present(), k.present(), missing, unseen, e.getMessage());
    }
    return new FeatureDrift(name, r.kind(), m, t.statistic(), t.pValue(), t.pValue(), threshold, false,
        t.effectSize(), t.detail(), r.present(), k.present(), missing, unseen, null);
  }

  private static double thresholdOf(DriftMethod m, DriftOptions o, String column) {
    Double ct = o.columnThresholds().get(column);
    if (ct != null && m != DriftMethod.AUTO) {
      return ct;
    }
    if (m.hasPValue() || m == DriftMethod.AUTO) {
      return o.alpha();
    }
    if (Double.isNaN(o.threshold()) && o.compat() == Compat.NANNYML && m == DriftMethod.WASSERSTEIN) {
      return 1.0;
    }
    return Double.isNaN(o.threshold()) ? m.defaultThreshold() : o.threshold();
  }

  private static FeatureDrift.UnseenSignal unseen(ColumnSummary r, ColumnSummary k) {
    TreeMap<String, Long> rc = r.counts();
    long u = 0;
    List<Map.Entry<String, Long>> cats = new ArrayList<>();
    for (Map.Entry<String, Long> e : k.counts().entrySet()) {
      if (!rc.containsKey(e.getKey())) {
        u += e.getValue();
        cats.add(e);
      }
    }
    cats.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    List<String> names = cats.stream().limit(20).map(Map.Entry::getKey).toList();
    long nk = k.present();
    double p = r.present() == 0 || nk == 0 ? 1.0 : CategoricalTests.fisherExact(0, r.present(), u, nk - u).pValue();
    return new FeatureDrift.UnseenSignal(u, nk == 0 ? 0 : u / (double) nk, names, p, p, false);
  }

  private static TestResult run(DriftMethod m, ColumnSummary r, ColumnSummary k, Compat compat) {
    if (compat == Compat.NANNYML) {
      TestResult t = nannyml(m, r, k);
      if (t != null) {
        return t;
      }
    } else if (compat == Compat.TFDV) {
      TestResult t = tfdv(m, r, k);
      if (t != null) {
        return t;
      }
    } else if (compat == Compat.EVIDENTLY) {
      TestResult t = evidently(m, r, k);
      if (t != null) {
        return t;
      }
    }
    if (r.compact() != null && (m == DriftMethod.KS || m == DriftMethod.WASSERSTEIN)) {
      ColumnSummary.Compact c = r.compact();
      if (m == DriftMethod.KS) {
        return CompactTests.ks(c.quantiles(), c.n(), k.sorted());
      }
      double w = CompactTests.wasserstein1(c.quantiles(), k.sorted()) / Math.max(c.sd(), 0.001);
      return new TestResult("wasserstein_norm", w, Double.NaN, w, "compact-reference");
    }
    if (m.numericOnly()) {
      double[] a = r.sorted();
      double[] b = k.sorted();
      return switch (m) {
        case KS -> TwoSampleTests.kolmogorovSmirnovSorted(a, b,
            compat == Compat.ALIBI ? TwoSampleTests.KsMethod.ASYMPTOTIC : TwoSampleTests.KsMethod.AUTO);
        case CVM -> TwoSampleTests.cramerVonMises(a, b);
        case AD -> TwoSampleTests.andersonDarling(a, b);
        case MANN_WHITNEY -> TwoSampleTests.mannWhitney(a, b);
        case T -> TwoSampleTests.welchT(a, b);
        case ES -> TwoSampleTests.eppsSingleton(a, b);
        case ENERGY -> TwoSampleTests.energyDistance(a, b);
        case WASSERSTEIN -> TwoSampleTests.wassersteinNormalisedSorted(a, b);
        default -> throw new IllegalStateException(m.name());
      };
    }
    long[][] counts;
    boolean binnable = switch (m) {
      case PSI, KL, JS, HELLINGER, TVD, CHI2, GOF, G, LINF, JSD -> true;
      default -> false;
    };
    if (binnable && r.kind() == FeatureKind.NUMERIC && r.distinct(20) > 20) {
      double[] edges = Binning.edges(Math.min(r.sorted()[0], k.sorted()[0]),
          Math.max(r.sorted()[r.sorted().length - 1], k.sorted()[k.sorted().length - 1]),
          r.sorted().length + (long) k.sorted().length);
      counts = new long[][] {Binning.histogram(r.sorted(), edges), Binning.histogram(k.sorted(), edges)};
    } else if (compat == Compat.ALIBI && m == DriftMethod.CHI2) {
      counts = aligned(r.counts(), k.counts());
      long[][] kept = referenceCategoriesOnly(counts);
      return CategoricalTests.chiSquareHomogeneityYates(kept[0], kept[1]);
    } else if (compat == Compat.EVIDENTLY && m == DriftMethod.GOF) {
      return evidentlyChiSquare(aligned(r.counts(), k.counts()));
    } else if (compat == Compat.EVIDENTLY || r.kind() == FeatureKind.NUMERIC) {
      // numeric features have no unseen signal: a new value stays in the test
      counts = aligned(r.counts(), k.counts());
    } else {
      // Categories the reference never saw belong to the unseen signal, not to the distribution test.
      counts = referenceCategoriesOnly(aligned(r.counts(), k.counts()));
    }
    long[] a = counts[0];
    long[] b = counts[1];
    return switch (m) {
      case CHI2 -> CategoricalTests.chiSquareHomogeneity(a, b);
      case GOF -> CategoricalTests.chiSquareGoodnessOfFit(a, b);
      case G -> CategoricalTests.gTest(a, b);
      case FISHER, ZTEST -> {
        InvalidArgumentException.check(a.length <= 2, "method %s needs at most 2 categories, column \"%s\" has %d",
            m.cliName(), r.name(), a.length);
        long a0 = a[0];
        long a1 = a.length > 1 ? a[1] : 0;
        long b0 = b[0];
        long b1 = b.length > 1 ? b[1] : 0;
        yield m == DriftMethod.FISHER ? CategoricalTests.fisherExact(a0, a1, b0, b1)
            : CategoricalTests.twoProportionZ(a0, a0 + a1, b0, b0 + b1);
      }
      case PSI -> Divergences.psi(share(a), share(b));
      case KL -> Divergences.kullbackLeibler(share(a), share(b));
      case JS -> Divergences.jensenShannonDistance(share(a), share(b));
      case HELLINGER -> Divergences.hellinger(share(a), share(b));
      case TVD -> Divergences.totalVariation(share(a), share(b));
      case JSD -> Divergences.jensenShannonDivergence(share(a), share(b));
      case LINF -> {
        double na = Arrays.stream(a).sum();
        double nb = Arrays.stream(b).sum();
        double best = 0;
        for (int i = 0; i < a.length; i++) {
          best = Math.max(best, Math.abs(a[i] / na - b[i] / nb));
        }
        yield new TestResult("linf", best, Double.NaN, best, "none");
      }
      default -> throw new IllegalStateException(m.name());
    };
  }

  /** NannyML's version of {@code m}, or null when NannyML has none (the generic code runs). */
  private static TestResult nannyml(DriftMethod m, ColumnSummary r, ColumnSummary k) {
    boolean numeric = r.kind() == FeatureKind.NUMERIC;
    switch (m) {
      case KS:
        return PeerMetrics.nannymlKs(r.sorted(), k.sorted());
      case WASSERSTEIN: {
        double d = PeerMetrics.nannymlWasserstein(r.sorted(), k.sorted());
        return new TestResult("wasserstein", d, Double.NaN, d, "nannyml");
      }
      case JS:
      case HELLINGER:
      case JSD: {
        double[][] pq = numeric && PeerMetrics.nannymlContinuous(r.sorted())
            ? PeerMetrics.nannymlBinned(r.sorted(), k.sorted())
            : PeerMetrics.nannymlCategories(r.counts(), k.counts());
        double d = m == DriftMethod.HELLINGER ? PeerMetrics.hellinger(pq[0], pq[1])
            : PeerMetrics.jensenShannonDistanceBase2(pq[0], pq[1]);
        if (m == DriftMethod.JSD) {
          d = d * d;
        }
        return new TestResult(m.cliName(), d, Double.NaN, d, "nannyml");
      }
      case LINF: {
        double d = PeerMetrics.lInfinity(r.counts(), k.counts());
        return new TestResult("linf", d, Double.NaN, d, "nannyml");
      }
      case CHI2: {
        long[][] c = aligned(r.counts(), k.counts());
        return CategoricalTests.chiSquareHomogeneityYates(c[0], c[1]);
      }
      default:
        return null;
    }
  }

  /** Evidently's version of {@code m} where it differs from Vigil's, or null (the generic code runs). */
  private static TestResult evidently(DriftMethod m, ColumnSummary r, ColumnSummary k) {
    boolean numeric = r.kind() == FeatureKind.NUMERIC;
    switch (m) {
      case MANN_WHITNEY:
        return TwoSampleTests.mannWhitney(r.sorted(), k.sorted(), TwoSampleTests.Alternative.LESS);
      case T:
        return TwoSampleTests.studentT(r.sorted(), k.sorted());
      case HELLINGER: {
        double d = numeric ? PeerMetrics.evidentlyHellinger(r.sorted(), k.sorted())
            : PeerMetrics.evidentlyHellinger(r.counts(), k.counts());
        return new TestResult("hellinger", d, Double.NaN, d, "evidently");
      }
      case TVD:
        return PeerMetrics.evidentlyTvd(r.counts(), k.counts());
      case G: {
        long[][] c = aligned(r.counts(), k.counts());
        return PeerMetrics.evidentlyGTest(c[0], c[1]);
      }
      case PSI:
      case KL:
      case JS: {
        long[][] c;
        if (numeric && r.distinct(20) > 20) {
          double[] edges = Binning.edges(Math.min(r.sorted()[0], k.sorted()[0]),
              Math.max(r.sorted()[r.sorted().length - 1], k.sorted()[k.sorted().length - 1]),
              r.sorted().length + (long) k.sorted().length);
          c = new long[][] {Binning.histogram(r.sorted(), edges), Binning.histogram(k.sorted(), edges)};
        } else {
          c = aligned(r.counts(), k.counts());
        }
        double[][] pq = PeerMetrics.evidentlyShares(c[0], c[1]);
        return switch (m) {
          case PSI -> Divergences.psi(pq[0], pq[1]);
          case KL -> Divergences.kullbackLeibler(pq[0], pq[1]);
          default -> Divergences.jensenShannonDistance(pq[0], pq[1]);
        };
      }
      default:
        return null;
    }
  }

  /** TFDV's version of {@code m}, or null when TFDV has none (the generic code runs). */
  private static TestResult tfdv(DriftMethod m, ColumnSummary r, ColumnSummary k) {
    if (m == DriftMethod.LINF) {
      double d = PeerMetrics.lInfinity(r.counts(), k.counts());
      return new TestResult("linf", d, Double.NaN, d, "tfdv");
    }
    if (m == DriftMethod.JS || m == DriftMethod.JSD) {
      double d;
      if (r.kind() == FeatureKind.NUMERIC) {
        d = PeerMetrics.tfdvJensenShannon(PeerMetrics.tfdvStandardHistogram(r.sorted()), 0,
            PeerMetrics.tfdvStandardHistogram(k.sorted()), 0);
      } else {
        d = PeerMetrics.tfdvJensenShannon(r.counts(), k.counts());
      }
      return new TestResult(m.cliName(), d, Double.NaN, d, "tfdv");
    }
    return null;
  }

  private static long[][] referenceCategoriesOnly(long[][] c) {
    int n = 0;
    for (long v : c[0]) {
      n += v > 0 ? 1 : 0;
    }
    long[][] out = new long[2][n];
    int j = 0;
    for (int i = 0; i < c[0].length; i++) {
      if (c[0][i] > 0) {
        out[0][j] = c[0][i];
        out[1][j] = c[1][i];
        j++;
      }
    }
    if (Arrays.stream(out[1]).sum() == 0) {
      throw new InvalidArgumentException("no current value falls in a category the reference has seen");
    }
    return out;
  }

  /**
   * Evidently's {@code chi_stat_test}: χ² = Σ (O − E)²/E over the categories of both sides with E =
   * reference count × n_cur/n_ref; a category the reference lacks makes χ² infinite and p = 0.
   */
  private static TestResult evidentlyChiSquare(long[][] c) {
    double nr = Arrays.stream(c[0]).sum();
    double nc = Arrays.stream(c[1]).sum();
    double stat = 0;
    for (int i = 0; i < c[0].length; i++) {
      double e = c[0][i] * nc / nr;
      if (e == 0) {
        stat = c[1][i] > 0 ? Double.POSITIVE_INFINITY : stat;
        continue;
      }
      stat += (c[1][i] - e) * (c[1][i] - e) / e;
    }
    double p = Double.isInfinite(stat) ? 0.0 : c[0].length < 2 ? 1.0
        : org.hipparchus.special.Gamma.regularizedGammaQ((c[0].length - 1) / 2.0, stat / 2);
    double effect = Math.sqrt(stat / nc);
    return new TestResult("gof", stat, p, effect, "evidently");
  }

  private static double[] share(long[] c) {
    long t = 0;
    for (long x : c) {
      t += x;
    }
    return Binning.proportions(c, t);
  }

  private static long[][] aligned(TreeMap<String, Long> r, TreeMap<String, Long> k) {
    TreeSet<String> keys = new TreeSet<>(r.keySet());
    keys.addAll(k.keySet());
    long[] a = new long[keys.size()];
    long[] b = new long[keys.size()];
    int i = 0;
    for (String key : keys) {
      a[i] = r.getOrDefault(key, 0L);
      b[i] = k.getOrDefault(key, 0L);
      i++;
    }
    return new long[][] {a, b};
  }

  /** Shares per bin (numeric, Sturges bins) or per category (top 20 by total count) for plots. */
  private static DriftResult.Overlay overlay(ColumnSummary r, ColumnSummary k) {
    if (r.present() == 0 || k.present() == 0) {
      return null;
    }
    List<String> labels = new ArrayList<>();
    long[] a;
    long[] b;
    if (r.kind() == FeatureKind.NUMERIC && (r.distinct(20) > 20 || k.distinct(20) > 20)) {
      double[] rs = r.sorted();
      double[] ks = k.sorted();
      double[] edges = Binning.edges(Math.min(rs[0], ks[0]), Math.max(rs[rs.length - 1], ks[ks.length - 1]),
          rs.length + (long) ks.length);
      a = Binning.histogram(rs, edges);
      b = Binning.histogram(ks, edges);
      for (int i = 0; i + 1 < edges.length; i++) {
        labels.add(String.format(Locale.ROOT, "%.4g", (edges[i] + edges[i + 1]) / 2));
      }
    } else {
      long[][] c = aligned(r.counts(), k.counts());
      TreeSet<String> keys = new TreeSet<>(r.counts().keySet());
      keys.addAll(k.counts().keySet());
      List<String> all = new ArrayList<>(keys);
      Integer[] idx = new Integer[all.size()];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = i;
      }
      java.util.Arrays.sort(idx, (x, y) -> Long.compare(c[0][y] + c[1][y], c[0][x] + c[1][x]));
      int n = Math.min(20, idx.length);
      a = new long[n];
      b = new long[n];
      for (int i = 0; i < n; i++) {
        labels.add(all.get(idx[i]));
        a[i] = c[0][idx[i]];
        b[i] = c[1][idx[i]];
      }
    }
    double[] pa = new double[a.length];
    double[] pb = new double[b.length];
    for (int i = 0; i < a.length; i++) {
      pa[i] = a[i] / (double) r.present();
      pb[i] = b[i] / (double) k.present();
    }
    return new DriftResult.Overlay(labels, pa, pb);
  }
}
