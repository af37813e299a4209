package dev.vigil.leakage.internal;

import dev.vigil.data.Column;
import dev.vigil.data.Field;
import dev.vigil.data.Schema;
import dev.vigil.data.Table;
import dev.vigil.eval.MutualInformation;
import dev.vigil.leakage.Availability;
import dev.vigil.leakage.FittedStatistic;
import dev.vigil.leakage.Finding;
import dev.vigil.leakage.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hipparchus.stat.inference.ChiSquareTest;

/** The leakage checks; each returns its findings (empty when nothing is wrong). */
public final class Checks {
  private static final int EXAMPLES = 5;
  /** Nuisance values beyond the most frequent this many share one class in the domain classifier. */
  static final int MAX_NUISANCE_LEVELS = 20;

  private Checks() {}

  static String fmt(String f, Object... a) {
    return String.format(Locale.ROOT, f, a);
  }

  static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
  }

  /** An insertion-ordered map from alternating keys and values, so that JSON evidence is stable. */
  static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static Finding finding(String check, Severity s, List<String> cols, Map<String, Object> ev, String msg, String fix) {
    return new Finding(check, s, cols, ev, msg, fix);
  }

  // ---------------------------------------------------------------- duplicate-rows

  public static List<Finding> duplicateRows(Context cx) {
    List<String> cols = cx.plainFeatures();
    List<Finding> out = new ArrayList<>();
    if (cols.isEmpty()) {
      return out;
    }
    int nt = cx.train.rowCount();
    int ns = cx.test.rowCount();
    long[] ht = new long[nt];
    long[] hs = new long[ns];
    for (String c : cols) {
      long[][] k = cx.keys(c);
      for (int i = 0; i < nt; i++) {
        ht[i] = Values.combine(ht[i], k[0][i]);
      }
      for (int i = 0; i < ns; i++) {
        hs[i] = Values.combine(hs[i], k[1][i]);
      }
    }
    LongIntMap first = new LongIntMap(nt);
    for (int i = 0; i < nt; i++) {
      first.putIfAbsent(ht[i], i);
    }
    int exact = 0;
    List<Object> examples = new ArrayList<>();
    boolean[] isExact = new boolean[ns];
    for (int i = 0; i < ns; i++) {
      int j = first.get(hs[i]);
      if (j >= 0) {
        exact++;
        isExact[i] = true;
        if (examples.size() < EXAMPLES) {
          examples.add(ordered("test_row", i, "train_row", j));
        }
      }
    }
    if (exact > 0) {
      double share = (double) exact / ns;
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("test_rows_duplicated", exact);
      ev.put("test_rows", ns);
      ev.put("share", round(share));
      ev.put("examples", examples);
      out.add(finding("duplicate-rows", share >= 0.01 ? Severity.ERROR : Severity.WARNING, cols, ev,
          fmt("%d test rows (%.2f%%) also appear in train after normalisation", exact, 100 * share),
          "Drop test rows that occur in train, or split by a group key so copies stay on one side."));
    }
    // Near-duplicates: standardised numerics on a grid of width tol, other values equal.
    List<String> numeric = cols.stream().filter(c -> Values.isNumeric(cx.train.column(c))).toList();
    if (numeric.isEmpty()) {
      return out;
    }
    double tol = cx.options.nearTolerance();
    long[] gt = new long[nt];
    long[] gs = new long[ns];
    for (String c : cols) {
      Column a = cx.train.column(c);
      Column b = cx.test.column(c);
      if (!numeric.contains(c)) {
        long[][] k = cx.keys(c);
        for (int i = 0; i < nt; i++) {
          gt[i] = Values.combine(gt[i], k[0][i]);
        }
        for (int i = 0; i < ns; i++) {
          gs[i] = Values.combine(gs[i], k[1][i]);
        }
        continue;
      }
      double[] ms = meanSd(a);
      for (int i = 0; i < nt; i++) {
        gt[i] = Values.combine(gt[i], cell(Values.number(a, i), ms, tol));
      }
      for (int i = 0; i < ns; i++) {
        gs[i] = Values.combine(gs[i], cell(Values.number(b, i), ms, tol));
      }
    }
    LongIntMap grid = new LongIntMap(nt);
    for (int i = 0; i < nt; i++) {
      grid.putIfAbsent(gt[i], i);
    }
    int near = 0;
    List<Object> nearExamples = new ArrayList<>();
    for (int i = 0; i < ns; i++) {
      if (isExact[i]) {
        continue;
      }
      int j = grid.get(gs[i]);
      if (j >= 0) {
        near++;
        if (nearExamples.size() < EXAMPLES) {
          nearExamples.add(ordered("test_row", i, "train_row", j));
        }
      }
    }
    if (near > 0) {
      double share = (double) near / ns;
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("test_rows_near_duplicated", near);
      ev.put("test_rows", ns);
      ev.put("share", round(share));
      ev.put("tolerance_sd", tol);
      ev.put("numeric_columns", numeric);
      ev.put("examples", nearExamples);
      out.add(finding("duplicate-rows", share >= 0.05 ? Severity.WARNING : Severity.INFO, cols, ev,
          fmt("%d test rows (%.2f%%) are near-duplicates of train rows (numerics within %.3g sd, other values equal)",
              near, 100 * share, tol),
          "Check for augmented or re-measured copies of the same record and keep them on one side of the split."));
    }
    return out;
  }

  static double[] meanSd(Column c) {
    double s = 0;
    double ss = 0;
    long m = 0;
    for (int i = 0; i < c.size(); i++) {
      double v = Values.number(c, i);
      if (Double.isFinite(v)) {
        s += v;
        ss += v * v;
        m++;
      }
    }
    double mean = m == 0 ? 0 : s / m;
    double var = m == 0 ? 0 : Math.max(0, ss / m - mean * mean);
    double sd = Math.sqrt(var);
    return new double[] {mean, sd > 0 ? sd : 1};
  }

  static long cell(double v, double[] ms, double tol) {
    if (Double.isNaN(v)) {
      return Values.MISSING;
    }
    return Values.mix((long) Math.floor((v - ms[0]) / ms[1] / tol));
  }

  // ---------------------------------------------------------------- conflicting-labels

  public static List<Finding> conflictingLabels(Context cx) {
    List<String> cols = cx.plainFeatures();
    List<Finding> out = new ArrayList<>();
    if (cols.isEmpty()) {
      return out;
    }
    int nt = cx.train.rowCount();
    long[] h = new long[nt];
    for (String c : cols) {
      long[] k = cx.keys(c)[0];
      for (int i = 0; i < nt; i++) {
        h[i] = Values.combine(h[i], k[i]);
      }
    }
    int[] y = cx.labels.train();
    LongIntMap firstLabel = new LongIntMap(nt);
    LongIntMap conflicted = new LongIntMap(16);
    for (int i = 0; i < nt; i++) {
      if (y[i] < 0) {
        continue;
      }
      int l = firstLabel.putIfAbsent(h[i], y[i]);
      if (l != y[i]) {
        conflicted.putIfAbsent(h[i], i);
      }
    }
    if (conflicted.size() == 0) {
      return out;
    }
    int rows = 0;
    List<Object> examples = new ArrayList<>();
    for (int i = 0; i < nt; i++) {
      if (y[i] >= 0 && conflicted.get(h[i]) >= 0) {
        rows++;
        if (examples.size() < EXAMPLES && conflicted.get(h[i]) == i) {
          examples.add(ordered("train_row", i, "first_row", firstRow(h, i)));
        }
      }
    }
    double share = (double) rows / nt;
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("feature_vectors_with_conflict", conflicted.size());
    ev.put("train_rows_involved", rows);
    ev.put("share", round(share));
    ev.put("examples", examples);
    out.add(finding("conflicting-labels", share >= 0.01 ? Severity.WARNING : Severity.INFO, cols, ev,
        fmt("%d distinct feature vectors carry different labels (%d train rows, %.2f%%)", conflicted.size(), rows,
            100 * share),
        "Review the labelling of these rows, or add the feature that tells them apart."));
    return out;
  }

  private static int firstRow(long[] h, int i) {
    for (int j = 0; j < i; j++) {
      if (h[j] == h[i]) {
        return j;
      }
    }
    return i;
  }

  // ---------------------------------------------------------------- target-leak

  public static List<Finding> targetLeak(Context cx) {
    List<Finding> out = new ArrayList<>();
    Labels lb = cx.labels;
    int classes = lb.trainClasses();
    if (classes < 2) {
      return out;
    }
    long[] counts = new long[classes];
    for (int v : lb.train()) {
      if (v >= 0) {
        counts[v]++;
      }
    }
    double hy = Context.entropy(counts);
    for (String f : cx.plainFeatures()) {
      Discretised d = cx.discretised(f);
      double[] auc = Power.auc(d.train(), lb.train(), d.test(), clampTestLabels(lb), d.levels(), classes, cx.options.seed());
      double mi = mutualInformation(cx, f, d, lb);
      double share = hy > 0 ? mi / hy : 0;
      double oof = auc[0];
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("oof_auc", round(oof));
      ev.put("test_auc", round(auc[1]));
      ev.put("mutual_information", round(mi));
      ev.put("mi_share_of_label_entropy", round(share));
      if (!Double.isNaN(oof) && oof >= cx.options.aucWarning()) {
        Severity s = oof >= cx.options.aucError() ? Severity.ERROR : Severity.WARNING;
        out.add(finding("target-leak", s, List.of(f), ev,
            fmt("\"%s\" alone predicts the label with out-of-fold AUC %.3f (MI %.3f nats, %.0f%% of the label entropy)",
                f, oof, mi, 100 * share),
            fmt("Check how \"%s\" is computed; drop it if it is derived from the label or recorded after it.", f)));
      } else if (!Double.isNaN(oof) && !Double.isNaN(auc[1]) && oof >= 0.7 && oof - auc[1] >= 0.15) {
        ev.put("drop", round(oof - auc[1]));
        out.add(finding("target-leak", Severity.WARNING, List.of(f), ev,
            fmt("\"%s\" predicts the label with AUC %.3f on train but only %.3f on test", f, oof, auc[1]),
            fmt("Find out why \"%s\" means something else in train (leaked or back-filled values) and fix its source.", f)));
      }
    }
    return out;
  }

  private static int[] clampTestLabels(Labels lb) {
    int[] t = lb.test().clone();
    for (int i = 0; i < t.length; i++) {
      if (t[i] >= lb.trainClasses()) {
        t[i] = -1;
      }
    }
    return t;
  }

  /** MI as scikit-learn's mutual_info_classif: k-NN (k = 3) for binned numerics on ≤ 5,000 rows, plug-in otherwise. */
  static double mutualInformation(Context cx, String f, Discretised d, Labels lb) {
    int[] y = lb.train();
    if (!d.binned()) {
      int n = 0;
      for (int v : y) {
        if (v >= 0) {
          n++;
        }
      }
      int[] a = new int[n];
      int[] b = new int[n];
      int j = 0;
      for (int i = 0; i < y.length; i++) {
        if (y[i] >= 0) {
          a[j] = d.train()[i];
          b[j++] = y[i];
        }
      }
      return MutualInformation.discrete(a, b);
    }
    Column c = cx.train.column(f);
    int[] rows = sample(y.length, 5_000, cx.options.seed());
    double[] x = new double[rows.length];
    int[] yy = new int[rows.length];
    int m = 0;
    for (int r : rows) {
      double v = Values.number(c, r);
      if (Double.isFinite(v) && y[r] >= 0) {
        x[m] = v;
        yy[m++] = y[r];
      }
    }
    return m < 4 ? 0 : MutualInformation.continuousDiscrete(Arrays.copyOf(x, m), Arrays.copyOf(yy, m), 3);
  }

  /** Up to m distinct row indices in increasing order, seeded; all rows when n ≤ m. */
  public static int[] sample(int n, int m, long seed) {
    if (n <= m) {
      int[] r = new int[n];
      for (int i = 0; i < n; i++) {
        r[i] = i;
      }
      return r;
    }
    // Selection sampling (Knuth's algorithm S): exact size, increasing order.
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] r = new int[m];
    int chosen = 0;
    for (int i = 0; i < n && chosen < m; i++) {
      if (rnd.nextDouble() * (n - i) < m - chosen) {
        r[chosen++] = i;
      }
    }
    return r;
  }

  // ---------------------------------------------------------------- identifier-leak

  public static List<Finding> identifierLeak(Context cx) {
    List<Finding> out = new ArrayList<>();
    Labels lb = cx.labels;
    for (Map.Entry<String, String> e : cx.idLike.entrySet()) {
      String c = e.getKey();
      Column col = cx.train.column(c);
      double[] v = ranks(col);
      double auc = Power.rankAuc(v, lb.train(), lb.trainClasses());
      long pos = 0;
      long all = 0;
      for (int y : lb.train()) {
        if (y >= 0) {
          all++;
          if (y == 1) {
            pos++;
          }
        }
      }
      long p = lb.trainClasses() <= 2 ? pos : all / Math.max(2, lb.trainClasses());
      double se = Math.sqrt((all + 1.0) / (12.0 * Math.max(1, p) * Math.max(1, all - p)));
      double z = (auc - 0.5) / se;
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("reason", e.getValue());
      ev.put("rank_auc", round(auc));
      ev.put("z", round(z));
      boolean predicts = !Double.isNaN(auc) && auc >= 0.6 && z >= 5;
      if (predicts) {
        out.add(finding("identifier-leak", Severity.ERROR, List.of(c), ev,
            fmt("identifier-like column \"%s\" (%s) orders rows by label: rank AUC %.3f (z = %.1f)", c, e.getValue(), auc, z),
            fmt("Drop \"%s\" from the features and find out why IDs were assigned in label order.", c)));
      } else {
        out.add(finding("identifier-leak", Severity.INFO, List.of(c), ev,
            fmt("\"%s\" looks like an identifier (%s); it does not predict the label (rank AUC %.3f)", c, e.getValue(), auc),
            fmt("Keep \"%s\" out of the model's features.", c)));
      }
    }
    return out;
  }

  /** Numeric value, or the rank of the text value in lexicographic order. */
  static double[] ranks(Column c) {
    double[] v = new double[c.size()];
    if (!Values.isText(c)) {
      for (int i = 0; i < v.length; i++) {
        v[i] = Values.number(c, i);
      }
      return v;
    }
    TreeMap<String, Integer> order = new TreeMap<>();
    for (int i = 0; i < v.length; i++) {
      String s = Values.text(c, i);
      if (s != null) {
        order.put(s, 0);
      }
    }
    int r = 0;
    for (Map.Entry<String, Integer> e : order.entrySet()) {
      e.setValue(r++);
    }
    for (int i = 0; i < v.length; i++) {
      String s = Values.text(c, i);
      v[i] = s == null ? Double.NaN : order.get(s);
    }
    return v;
  }

  // ---------------------------------------------------------------- group-overlap

  public static List<Finding> groupOverlap(Context cx) {
    List<Finding> out = new ArrayList<>();
    if (cx.options.group().isPresent()) {
      String g = cx.options.group().get();
      Column a = cx.train.column(g);
      Column b = cx.test.column(g);
      if (a.missingCount() == a.size() || b.missingCount() == b.size()) {
        out.add(finding("group-overlap", Severity.ERROR, List.of(g),
            ordered("train_missing", a.missingCount(), "test_missing", b.missingCount()),
            fmt("group column \"%s\" is entirely missing in %s; group overlap cannot be checked", g,
                a.missingCount() == a.size() ? "train" : "test"),
            fmt("Fill \"%s\" (patient, user, device ...) for every row, or name the right group column.", g)));
        return out;
      }
      overlap(cx, g, true, out);
      return out;
    }
    for (String f : cx.features) {
      Column c = cx.train.column(f);
      if (cx.idLike.containsKey(f) || !(Values.isText(c) || c instanceof dev.vigil.data.LongColumn)
          || cx.options.nuisance().filter(f::equals).isPresent()) {
        continue;
      }
      long[] k = cx.keys(f)[0];
      LongIntMap d = new LongIntMap(1024);
      for (long v : k) {
        d.putIfAbsent(v, 0);
      }
      int n = k.length;
      if (d.size() >= 20 && d.size() >= 0.05 * n && d.size() <= 0.9 * n) {
        overlap(cx, f, false, out);
      }
    }
    return out;
  }

  private static void overlap(Context cx, String g, boolean declared, List<Finding> out) {
    long[][] k = cx.keys(g);
    LongIntMap train = new LongIntMap(1024);
    for (int i = 0; i < k[0].length; i++) {
      if (!cx.train.column(g).isMissing(i)) {
        train.putIfAbsent(k[0][i], i);
      }
    }
    LongIntMap shared = new LongIntMap(1024);
    LongIntMap testGroups = new LongIntMap(1024);
    int rows = 0;
    List<Object> examples = new ArrayList<>();
    Column tc = cx.test.column(g);
    for (int i = 0; i < k[1].length; i++) {
      if (tc.isMissing(i)) {
        continue;
      }
      testGroups.putIfAbsent(k[1][i], i);
      if (train.get(k[1][i]) >= 0) {
        rows++;
        if (shared.get(k[1][i]) < 0 && examples.size() < EXAMPLES) {
          examples.add(Values.text(tc, i));
        }
        shared.putIfAbsent(k[1][i], i);
      }
    }
    double share = k[1].length == 0 ? 0 : (double) rows / k[1].length;
    if (rows == 0 || !declared && share < 0.05) {
      return;
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("shared_groups", shared.size());
    ev.put("test_groups", testGroups.size());
    ev.put("test_rows_in_shared_groups", rows);
    ev.put("share", round(share));
    ev.put("examples", examples);
    ev.put("declared", declared);
    if (declared) {
      out.add(finding("group-overlap", Severity.ERROR, List.of(g), ev,
          fmt("%d of %d test groups of \"%s\" also occur in train (%.1f%% of test rows)", shared.size(),
              testGroups.size(), g, 100 * share),
          fmt("Split by \"%s\" (vigil split --group %s) so each group is on one side only.", g, g)));
    } else {
      out.add(finding("group-overlap", Severity.WARNING, List.of(g), ev,
          fmt("\"%s\" looks like a group key (repeated values) and %.1f%% of test rows share a value with train",
              g, 100 * share),
          fmt("If \"%s\" identifies a patient, user or device, split by it (vigil split --group %s).", g, g)));
    }
  }

  // ---------------------------------------------------------------- temporal-leak

  public static List<Finding> temporalLeak(Context cx) {
    List<Finding> out = new ArrayList<>();
    if (cx.options.time().isPresent()) {
      String t = cx.options.time().get();
      long[] a = Values.micros(cx.train.column(t), "train");
      long[] b = Values.micros(cx.test.column(t), "test");
      long max = Long.MIN_VALUE;
      LongIntMap stamps = new LongIntMap(a.length);
      for (long v : a) {
        if (v != Long.MIN_VALUE) {
          max = Math.max(max, v);
          stamps.putIfAbsent(v, 0);
        }
      }
      int earlier = 0;
      int sharing = 0;
      int present = 0;
      for (long v : b) {
        if (v == Long.MIN_VALUE) {
          continue;
        }
        present++;
        if (v < max) {
          earlier++;
        }
        if (stamps.get(v) >= 0) {
          sharing++;
        }
      }
      if (max == Long.MIN_VALUE || present == 0) {
        out.add(finding("temporal-leak", Severity.ERROR, List.of(t), ordered("train_rows", a.length, "test_rows_with_time", present),
            fmt("time column \"%s\" is entirely missing in %s", t, max == Long.MIN_VALUE ? "train" : "test"),
            fmt("Fill \"%s\" for every row or name the right time column.", t)));
      } else if (earlier > 0 || sharing > 0) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("test_rows_before_last_train_time", earlier);
        ev.put("test_rows_sharing_a_train_timestamp", sharing);
        ev.put("test_rows", present);
        ev.put("share_before", round((double) earlier / present));
        ev.put("last_train_time", java.time.Instant.EPOCH.plus(max, java.time.temporal.ChronoUnit.MICROS).toString());
        out.add(finding("temporal-leak", earlier > 0 ? Severity.ERROR : Severity.WARNING, List.of(t), ev,
            fmt("%d test rows (%.1f%%) are earlier than the last training row; %d share a training timestamp",
                earlier, 100.0 * earlier / present, sharing),
            fmt("Split by time (vigil split --time %s --gap ...) so that every test row is after every training row.", t)));
      }
    }
    if (!cx.options.availability().isEmpty()) {
      String pt = cx.options.predictionTime().orElseThrow(() -> new dev.vigil.InvalidArgumentException(
          "feature availability needs a prediction time: give a time or prediction-time column"));
      long[][] p = {Values.micros(cx.train.column(pt), "train"), Values.micros(cx.test.column(pt), "test")};
      String et = cx.options.time().orElse(pt);
      long[][] e = {Values.micros(cx.train.column(et), "train"), Values.micros(cx.test.column(et), "test")};
      for (Map.Entry<String, Availability> en : cx.options.availability().entrySet()) {
        String f = en.getKey();
        Availability av = en.getValue();
        Table[] tables = {cx.train, cx.test};
        long[] future = new long[2];
        long[] used = new long[2];
        long maxLead = 0;
        for (int s = 0; s < 2; s++) {
          Column fc = tables[s].column(f);
          long[] avail = av.column() != null ? Values.micros(tables[s].column(av.column()), s == 0 ? "train" : "test") : null;
          long delay = av.delay() == null ? 0 : av.delay().toNanos() / 1000;
          for (int i = 0; i < fc.size(); i++) {
            if (fc.isMissing(i) || p[s][i] == Long.MIN_VALUE) {
              continue;
            }
            long at = avail != null ? avail[i] : (e[s][i] == Long.MIN_VALUE ? Long.MIN_VALUE : e[s][i] + delay);
            if (at == Long.MIN_VALUE) {
              continue;
            }
            used[s]++;
            if (at >= p[s][i]) {
              future[s]++;
              maxLead = Math.max(maxLead, at - p[s][i]);
            }
          }
        }
        if (future[0] + future[1] == 0) {
          continue;
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("availability", av.column() != null ? "column:" + av.column() : "+" + av.delay());
        ev.put("train_rows_using_future_data", future[0]);
        ev.put("train_share", round(used[0] == 0 ? 0 : (double) future[0] / used[0]));
        ev.put("test_rows_using_future_data", future[1]);
        ev.put("test_share", round(used[1] == 0 ? 0 : (double) future[1] / used[1]));
        ev.put("max_lead_hours", round(maxLead / 3.6e9));
        out.add(finding("temporal-leak", Severity.ERROR, List.of(f), ev,
            fmt("\"%s\" is known only at or after the prediction time in %.1f%% of train rows and %.1f%% of test rows",
                f, 100.0 * future[0] / Math.max(1, used[0]), 100.0 * future[1] / Math.max(1, used[1])),
            fmt("Rebuild \"%s\" with a point-in-time join (vigil pit-join) bounded strictly before the prediction time.", f)));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- proxy-confounding

  public static List<Finding> proxyConfounding(Context cx) {
    List<Finding> out = new ArrayList<>();
    if (cx.options.nuisance().isEmpty()) {
      return out;
    }
    String nu = cx.options.nuisance().get();
    Column nc = cx.train.column(nu);
    int[] y = cx.labels.train();
    int classes = cx.labels.trainClasses();
    List<Integer> eligible = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      if (y[i] >= 0 && !nc.isMissing(i)) {
        eligible.add(i);
      }
    }
    if (eligible.isEmpty()) {
      out.add(finding("proxy-confounding", Severity.ERROR, List.of(nu), ordered("train_missing", nc.missingCount()),
          fmt("nuisance column \"%s\" is entirely missing in labelled training rows", nu),
          fmt("Fill \"%s\" (site, device, batch) or name the right column.", nu)));
      return out;
    }
    int[] pick = sample(eligible.size(), cx.options.sampleRows(), cx.options.seed());
    int[] rows = new int[pick.length];
    for (int j = 0; j < pick.length; j++) {
      rows[j] = eligible.get(pick[j]);
    }
    long[] keys = Values.keys(nc);
    // The 20 most frequent nuisance values keep their own class; the rest share "(other)".
    Map<Long, Integer> freq = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    for (int r : rows) {
      freq.merge(keys[r], 1, Integer::sum);
      names.putIfAbsent(keys[r], Values.text(nc, r));
    }
    List<Long> ranked = new ArrayList<>(freq.keySet());
    ranked.sort((x, w) -> freq.get(w).equals(freq.get(x)) ? names.get(x).compareTo(names.get(w)) : freq.get(w) - freq.get(x));
    Map<Long, Integer> code = new HashMap<>();
    for (int j = 0; j < Math.min(MAX_NUISANCE_LEVELS, ranked.size()); j++) {
      code.put(ranked.get(j), j);
    }
    int other = ranked.size() > MAX_NUISANCE_LEVELS ? MAX_NUISANCE_LEVELS : -1;
    int[] z = new int[nc.size()];
    Arrays.fill(z, -1);
    for (int r : rows) {
      z[r] = code.getOrDefault(keys[r], other);
    }
    int k = code.size() + (other >= 0 ? 1 : 0);
    if (k < 2) {
      return out;
    }
    List<String> feats = cx.plainFeatures(nu);
    DomainClassifier.Result dc = DomainClassifier.crossValidate(cx.train, feats, rows, z, k, cx.options.seed());
    long[][] table = new long[k][Math.max(2, classes)];
    for (int r : rows) {
      table[z[r]][y[r]]++;
    }
    // Binary: the positive rate. Multiclass: the class whose rate varies most across nuisance values.
    int positive = classes <= 2 ? 1 : 0;
    double spread = 0;
    for (int q = classes <= 2 ? 1 : 0; q < (classes <= 2 ? 2 : classes); q++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        long n = Arrays.stream(table[c]).sum();
        if (n >= 30) {
          lo = Math.min(lo, (double) table[c][q] / n);
          hi = Math.max(hi, (double) table[c][q] / n);
        }
      }
      if (hi >= lo && hi - lo > spread) {
        spread = hi - lo;
        positive = q;
      }
    }
    Map<String, Object> rate = new LinkedHashMap<>();
    String[] byCode = new String[k];
    code.forEach((key, c) -> byCode[c] = names.get(key));
    if (other >= 0) {
      byCode[other] = "(other)";
    }
    for (int c = 0; c < k; c++) {
      long n = Arrays.stream(table[c]).sum();
      rate.put(byCode[c], ordered("rows", n, "label_rate", round((double) table[c][positive] / n)));
    }
    double p = chiSquareP(table);
    // Which features carry the site signal: MI with the nuisance, share of its entropy.
    long[] zc = new long[k];
    for (int r : rows) {
      zc[z[r]]++;
    }
    double hz = Context.entropy(zc);
    List<Map.Entry<String, Double>> carriers = new ArrayList<>();
    int[] zz = new int[rows.length];
    for (int j = 0; j < rows.length; j++) {
      zz[j] = z[rows[j]];
    }
    for (String f : feats) {
      int[] codes = cx.discretised(f).train();
      int[] sub = new int[rows.length];
      for (int j = 0; j < rows.length; j++) {
        sub[j] = codes[rows[j]];
      }
      carriers.add(Map.entry(f, hz > 0 ? MutualInformation.discrete(sub, zz) / hz : 0));
    }
    carriers.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    List<Object> top = new ArrayList<>();
    List<String> topNames = new ArrayList<>();
    for (int j = 0; j < Math.min(5, carriers.size()); j++) {
      top.add(ordered("column", carriers.get(j).getKey(), "mi_share_of_nuisance_entropy", round(carriers.get(j).getValue())));
      topNames.add(carriers.get(j).getKey());
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("nuisance_auc", round(dc.auc()));
    ev.put("nuisance_accuracy", round(dc.accuracy()));
    ev.put("majority_accuracy", round(dc.baselineAccuracy()));
    ev.put("rows_used", dc.rows());
    ev.put("label_rate_by_nuisance", rate);
    ev.put("label_class", cx.labels.classes().get(positive));
    ev.put("label_rate_spread", round(spread));
    ev.put("chi_square_p", p);
    ev.put("features_carrying_nuisance", top);
    boolean predictable = dc.auc() >= 0.8;
    boolean associated = p < 1e-3 && spread >= 0.1;
    Severity s = predictable && associated ? Severity.ERROR
        : (dc.auc() >= 0.7 && p < 1e-3 ? Severity.WARNING : Severity.INFO);
    List<String> cols = new ArrayList<>();
    cols.add(nu);
    cols.addAll(topNames);
    out.add(finding("proxy-confounding", s, cols, ev,
        fmt("the features predict \"%s\" with AUC %.3f and the label rate differs across it by %.3f (chi-square p = %.2g)",
            nu, dc.auc(), spread, p),
        s == Severity.INFO ? fmt("No action needed; \"%s\" is not a strong shortcut here.", nu)
            : fmt("Stratify or reweight by \"%s\", harmonise %s, and validate on a held-out %s.", nu,
                String.join(", ", topNames.subList(0, Math.min(3, topNames.size()))), nu)));
    return out;
  }

  static double chiSquareP(long[][] table) {
    // Drop empty rows and columns: the test needs positive margins.
    List<long[]> rows = new ArrayList<>();
    int cols = table[0].length;
    boolean[] keep = new boolean[cols];
    for (long[] r : table) {
      for (int j = 0; j < cols; j++) {
        keep[j] |= r[j] > 0;
      }
    }
    int kept = 0;
    for (boolean b : keep) {
      kept += b ? 1 : 0;
    }
    for (long[] r : table) {
      if (Arrays.stream(r).sum() > 0) {
        long[] x = new long[kept];
        int j2 = 0;
        for (int j = 0; j < cols; j++) {
          if (keep[j]) {
            x[j2++] = r[j];
          }
        }
        rows.add(x);
      }
    }
    if (rows.size() < 2 || kept < 2) {
      return 1.0;
    }
    return new ChiSquareTest().chiSquareTest(rows.toArray(new long[0][]));
  }

  // ---------------------------------------------------------------- label-shift, new-label

  public static List<Finding> labelShift(Context cx) {
    List<Finding> out = new ArrayList<>();
    Labels lb = cx.labels;
    int k = lb.trainClasses();
    if (k < 2) {
      return out;
    }
    long[][] t = new long[2][k];
    for (int v : lb.train()) {
      if (v >= 0) {
        t[0][v]++;
      }
    }
    for (int v : lb.test()) {
      if (v >= 0 && v < k) {
        t[1][v]++;
      }
    }
    long n0 = Arrays.stream(t[0]).sum();
    long n1 = Arrays.stream(t[1]).sum();
    if (n1 == 0) {
      return out;
    }
    double tv = 0;
    Map<String, Object> dist = new LinkedHashMap<>();
    for (int c = 0; c < k; c++) {
      double a = (double) t[0][c] / n0;
      double b = (double) t[1][c] / n1;
      tv += Math.abs(a - b) / 2;
      dist.put(lb.classes().get(c), ordered("train", round(a), "test", round(b)));
    }
    double p = chiSquareP(t);
    if (p < 1e-3 && tv >= 0.02) {
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("total_variation", round(tv));
      ev.put("chi_square_p", p);
      ev.put("distribution", dist);
      out.add(finding("label-shift", tv >= 0.1 ? Severity.WARNING : Severity.INFO, List.of(cx.options.label()), ev,
          fmt("the label distribution differs between train and test (total variation %.3f, p = %.2g)", tv, p),
          "Use a stratified split, or reweight if test reflects the production label mix."));
    }
    return out;
  }

  public static List<Finding> newLabel(Context cx) {
    List<Finding> out = new ArrayList<>();
    Labels lb = cx.labels;
    if (lb.binned()) {
      return out; // a continuous label has no "new" values; label-shift covers its distribution
    }
    Map<String, Long> unseen = new TreeMap<>();
    for (int v : lb.test()) {
      if (v >= lb.trainClasses()) {
        unseen.merge(lb.classes().get(v), 1L, Long::sum);
      }
    }
    if (!unseen.isEmpty()) {
      long rows = unseen.values().stream().mapToLong(Long::longValue).sum();
      out.add(finding("new-label", Severity.ERROR, List.of(cx.options.label()),
          ordered("labels", unseen, "test_rows", rows),
          fmt("%d test rows carry %d label value(s) never seen in train: %s", rows, unseen.size(), unseen.keySet()),
          "Add examples of these classes to train, or remove them from test."));
    }
    return out;
  }

  // ---------------------------------------------------------------- new-category, string-mismatch

  public static List<Finding> newCategory(Context cx) {
    List<Finding> out = new ArrayList<>();
    for (String f : cx.plainFeatures()) {
      if (!Values.isText(cx.train.column(f))) {
        continue;
      }
      long[][] k = cx.keys(f);
      LongIntMap seen = new LongIntMap(1024);
      for (long v : k[0]) {
        seen.putIfAbsent(v, 0);
      }
      Column tc = cx.test.column(f);
      Map<String, Long> unseen = new HashMap<>();
      long rows = 0;
      for (int i = 0; i < k[1].length; i++) {
        if (!tc.isMissing(i) && seen.get(k[1][i]) < 0) {
          rows++;
          unseen.merge(Values.text(tc, i), 1L, Long::sum);
        }
      }
      if (rows == 0) {
        continue;
      }
      double share = (double) rows / k[1].length;
      List<Object> examples = unseen.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(EXAMPLES).map(e -> (Object) ordered("value", e.getKey(), "rows", e.getValue())).toList();
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("new_values", unseen.size());
      ev.put("test_rows", rows);
      ev.put("share", round(share));
      ev.put("examples", examples);
      out.add(finding("new-category", share >= 0.01 ? Severity.WARNING : Severity.INFO, List.of(f), ev,
          fmt("%d values of \"%s\" in test never occur in train (%.2f%% of test rows)", unseen.size(), f, 100 * share),
          fmt("Map unseen values of \"%s\" to an explicit 'other' level, or collect training data for them.", f)));
    }
    return out;
  }

  public static List<Finding> stringMismatch(Context cx) {
    List<Finding> out = new ArrayList<>();
    for (String f : cx.plainFeatures()) {
      Column a = cx.train.column(f);
      if (!Values.isText(a)) {
        continue;
      }
      Column b = cx.test.column(f);
      Map<String, TreeSet<String>> trainVariants = variants(a);
      Map<String, TreeSet<String>> testVariants = variants(b);
      List<Object> examples = new ArrayList<>();
      int keys = 0;
      for (Map.Entry<String, TreeSet<String>> e : testVariants.entrySet()) {
        TreeSet<String> tr = trainVariants.get(e.getKey());
        if (tr == null) {
          continue;
        }
        TreeSet<String> onlyTest = new TreeSet<>(e.getValue());
        onlyTest.removeAll(tr);
        if (!onlyTest.isEmpty()) {
          keys++;
          if (examples.size() < EXAMPLES) {
            examples.add(ordered("train", List.copyOf(tr), "test", List.copyOf(onlyTest)));
          }
        }
      }
      if (keys > 0) {
        out.add(finding("string-mismatch", Severity.WARNING, List.of(f), ordered("values", keys, "examples", examples),
            fmt("%d values of \"%s\" are spelled differently in train and test (case, spaces or punctuation)", keys, f),
            fmt("Normalise \"%s\" (case, whitespace, punctuation) before encoding.", f)));
      }
    }
    return out;
  }

  private static Map<String, TreeSet<String>> variants(Column c) {
    Map<String, TreeSet<String>> m = new HashMap<>();
    if (c instanceof dev.vigil.data.CategoricalColumn k) {
      long[] counts = k.counts();
      for (int j = 0; j < k.dictionarySize(); j++) {
        if (counts[j] > 0) {
          m.computeIfAbsent(Values.fold(k.label(j)), x -> new TreeSet<>()).add(k.label(j));
        }
      }
      return m;
    }
    Map<String, Boolean> seen = new HashMap<>();
    for (int i = 0; i < c.size(); i++) {
      String s = Values.text(c, i);
      if (s != null && seen.putIfAbsent(s, Boolean.TRUE) == null) {
        m.computeIfAbsent(Values.fold(s), x -> new TreeSet<>()).add(s);
      }
    }
    return m;
  }

  // ---------------------------------------------------------------- unavailable-at-serving

  public static List<Finding> unavailableAtServing(Context cx) {
    List<Finding> out = new ArrayList<>();
    List<String> feats = cx.options.modelInputs().isEmpty() ? cx.plainFeatures() : cx.options.modelInputs();
    if (cx.options.servingSchema().isPresent()) {
      Schema s = cx.options.servingSchema().get();
      List<String> absent = feats.stream().filter(f -> !s.contains(f)).toList();
      if (!absent.isEmpty()) {
        out.add(finding("unavailable-at-serving", Severity.ERROR, absent, ordered("absent", absent, "serving_fields", s.size()),
            fmt("%d training features are absent from the serving schema: %s", absent.size(), absent),
            "Drop these features from training, or make the serving path provide them."));
      }
      for (String f : feats) {
        if (s.contains(f)) {
          Field fs = s.field(f);
          if (fs.type() != cx.train.column(f).type()
              && !(fs.type().isNumeric() && cx.train.column(f).type().isNumeric())) {
            out.add(finding("unavailable-at-serving", Severity.WARNING, List.of(f),
                ordered("train_type", cx.train.column(f).type().jsonName(), "serving_type", fs.type().jsonName()),
                fmt("\"%s\" is %s in training but %s at serving", f, cx.train.column(f).type().jsonName(), fs.type().jsonName()),
                fmt("Cast \"%s\" the same way in training and serving.", f)));
          }
        }
      }
    }
    if (cx.options.servingSample().isPresent()) {
      Table sv = cx.options.servingSample().get();
      for (String f : feats) {
        if (!sv.hasColumn(f)) {
          if (cx.options.servingSchema().isEmpty()) {
            out.add(finding("unavailable-at-serving", Severity.ERROR, List.of(f), ordered("serving_rows", sv.rowCount()),
                fmt("\"%s\" is absent from the serving data", f),
                fmt("Drop \"%s\" from training, or make the serving path provide it.", f)));
          }
          continue;
        }
        Column t = cx.train.column(f);
        Column c = sv.column(f);
        double mt = (double) t.missingCount() / Math.max(1, t.size());
        double ms = (double) c.missingCount() / Math.max(1, c.size());
        long[] kt = Values.keys(t);
        long[] ks = Values.keys(c);
        int dt = distinct(kt, t);
        int ds = distinct(ks, c);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("train_missing_share", round(mt));
        ev.put("serving_missing_share", round(ms));
        ev.put("train_distinct", dt);
        ev.put("serving_distinct", ds);
        if (c.size() > 0 && c.missingCount() == c.size() && t.missingCount() < t.size()) {
          out.add(finding("unavailable-at-serving", Severity.ERROR, List.of(f), ev,
              fmt("\"%s\" is always missing at serving but present in %.0f%% of training rows", f, 100 * (1 - mt)),
              fmt("Drop \"%s\" or fix the serving feature lookup.", f)));
        } else if (c.size() >= 20 && ds == 1 && dt > 1) {
          ev.put("serving_value", Values.text(c, firstPresent(c)));
          out.add(finding("unavailable-at-serving", Severity.WARNING, List.of(f), ev,
              fmt("\"%s\" has one value at serving (%s), likely a default fill, but %d values in training", f,
                  Values.text(c, firstPresent(c)), dt),
              fmt("Check the serving source of \"%s\"; a default fill means the model sees a value it never learned from.", f)));
        } else if (ms - mt >= 0.2) {
          out.add(finding("unavailable-at-serving", Severity.WARNING, List.of(f), ev,
              fmt("\"%s\" is missing in %.0f%% of serving rows vs %.0f%% in training", f, 100 * ms, 100 * mt),
              fmt("Find why \"%s\" is often unavailable at serving time; train with the same missingness.", f)));
        }
      }
    }
    return out;
  }

  private static int distinct(long[] k, Column c) {
    LongIntMap m = new LongIntMap(64);
    for (int i = 0; i < k.length; i++) {
      if (!c.isMissing(i)) {
        m.putIfAbsent(k[i], 0);
      }
    }
    return m.size();
  }

  private static int firstPresent(Column c) {
    for (int i = 0; i < c.size(); i++) {
      if (!c.isMissing(i)) {
        return i;
      }
    }
    return 0;
  }

  // ---------------------------------------------------------------- preprocessing-leak

  public static List<Finding> preprocessingLeak(Context cx) {
    List<Finding> out = new ArrayList<>();
    for (FittedStatistic s : cx.options.fitted()) {
      if (!cx.train.hasColumn(s.feature())) {
        throw new dev.vigil.InvalidArgumentException("fitted statistic names column \"" + s.feature()
            + "\", which is not in train; columns: " + cx.train.columnNames());
      }
      double[] tr = finite(cx.train.column(s.feature()));
      double[] te = finite(cx.test.column(s.feature()));
      double[] all = new double[tr.length + te.length];
      System.arraycopy(tr, 0, all, 0, tr.length);
      System.arraycopy(te, 0, all, tr.length, te.length);
      double vt = stat(s.statistic(), tr);
      double va = stat(s.statistic(), all);
      double scale = Math.max(1e-12, Math.max(Math.abs(vt), Math.abs(va)));
      double dt = Math.abs(s.value() - vt) / scale;
      double da = Math.abs(s.value() - va) / scale;
      if (Math.abs(vt - va) / scale < 1e-9 || dt <= da) {
        continue;
      }
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("statistic", s.statistic().name().toLowerCase(Locale.ROOT));
      ev.put("fitted", s.value());
      ev.put("train_value", vt);
      ev.put("train_and_test_value", va);
      out.add(finding("preprocessing-leak", da < 1e-6 ? Severity.ERROR : Severity.WARNING, List.of(s.feature()), ev,
          fmt("the fitted %s of \"%s\" (%.6g) matches train + test (%.6g), not train alone (%.6g)",
              ev.get("statistic"), s.feature(), s.value(), va, vt),
          "Fit preprocessing on the training split only, then apply it to test."));
    }
    for (dev.vigil.leakage.FittedCategories enc : cx.options.fittedCategories()) {
      if (!cx.train.hasColumn(enc.feature())) {
        throw new dev.vigil.InvalidArgumentException("fitted encoder names column \"" + enc.feature()
            + "\", which is not in train; columns: " + cx.train.columnNames());
      }
      java.util.Set<String> inTrain = distinctText(cx.train.column(enc.feature()));
      java.util.Set<String> inTest = cx.test.hasColumn(enc.feature()) ? distinctText(cx.test.column(enc.feature())) : java.util.Set.of();
      List<String> onlyTest = new ArrayList<>();
      for (String c : enc.categories()) {
        if (!inTrain.contains(c) && inTest.contains(c)) {
          onlyTest.add(c);
        }
      }
      if (onlyTest.isEmpty()) {
        continue;
      }
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("statistic", "categories");
      ev.put("encoder_categories", enc.categories().size());
      ev.put("categories_only_in_test", onlyTest.size());
      ev.put("examples", onlyTest.subList(0, Math.min(5, onlyTest.size())));
      out.add(finding("preprocessing-leak", Severity.ERROR, List.of(enc.feature()), ev,
          fmt("the encoder of \"%s\" knows %d categories that occur only in test, e.g. %s", enc.feature(),
              onlyTest.size(), ev.get("examples")),
          "Fit encoders on the training split only; map unseen test categories to 'unknown'."));
    }
    return out;
  }

  private static java.util.Set<String> distinctText(Column c) {
    java.util.Set<String> s = new java.util.HashSet<>();
    for (int i = 0; i < c.size(); i++) {
      if (!c.isMissing(i)) {
        s.add(c.format(i));
      }
    }
    return s;
  }

  private static double[] finite(Column c) {
    double[] v = new double[c.size()];
    int m = 0;
    for (int i = 0; i < v.length; i++) {
      double x = Values.number(c, i);
      if (Double.isFinite(x)) {
        v[m++] = x;
      }
    }
    return Arrays.copyOf(v, m);
  }

  static double stat(FittedStatistic.Statistic s, double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    switch (s) {
      case MEAN: {
        double sum = 0;
        for (double x : v) {
          sum += x;
        }
        return sum / v.length;
      }
      case STD: {
        double mean = stat(FittedStatistic.Statistic.MEAN, v);
        double ss = 0;
        for (double x : v) {
          ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / v.length);
      }
      case MIN:
        return Arrays.stream(v).min().getAsDouble();
      case MAX:
        return Arrays.stream(v).max().getAsDouble();
      default: {
        double[] s2 = v.clone();
        Arrays.sort(s2);
        int n = s2.length;
        return n % 2 == 1 ? s2[n / 2] : (s2[n / 2 - 1] + s2[n / 2]) / 2;
      }
    }
  }
}
