package dev.vigil.imbalance.internal;

import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.imbalance.Method;
import dev.vigil.imbalance.ResampleOptions;
import dev.vigil.imbalance.ResampleOptions.KindSel;
import dev.vigil.imbalance.ResampleProvenance;
import dev.vigil.imbalance.ResampleResult;
import dev.vigil.imbalance.Resampler;
import dev.vigil.imbalance.Resamplers;
import dev.vigil.imbalance.SamplingKind;
import dev.vigil.imbalance.SamplingStrategy;
import dev.vigil.neighbors.Distance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one method: reads the table, resolves the strategy, applies the rule, writes the table. */
public final class Engine implements Resampler {
  private final Method method;
  private final ResampleOptions o;
  private final dev.vigil.imbalance.HardnessEstimator estimator;

  public Engine(Method method, ResampleOptions options) {
    this(method, options, null);
  }

  /** {@code estimator}: instance hardness threshold's classifier; null for the k-NN one. */
  public Engine(Method method, ResampleOptions options, dev.vigil.imbalance.HardnessEstimator estimator) {
    this.method = method;
    this.o = options;
    this.estimator = estimator;
  }

  @Override
  public Method method() {
    return method;
  }

  @Override
  public ResampleResult resample(Table table, String label, String weight) {
    // SMOTE reads only the rows of the classes it over-samples (built in smoteGuarded)
    Dataset ds = method == Method.SMOTE ? Dataset.ofColumns(table, label, weight) : Dataset.of(table, label, weight);
    if (method == Method.SMOTE && ds.anyCategorical()) {
      ds.buildRows(null); // for the HEOM distance below; smoteGuarded then rejects the table
    }
    Distance dist = ds.anyCategorical() ? Distance.heom(ds.categorical, ds.x)
        : "manhattan".equals(o.distance()) ? Distance.manhattan() : Distance.euclidean();
    Work w = new Work(ds.x, ds.y, ds.classes.size(), ds.classes, dist, o.neighbors());
    Map<String, Integer> target = o.strategy().resolve(ds.classes, ds.counts, method.kind());
    int[] t = new int[ds.classes.size()];
    java.util.Arrays.fill(t, -1);
    boolean[] targeted = new boolean[t.length];
    for (Map.Entry<String, Integer> e : target.entrySet()) {
      int c = ds.classIndex(e.getKey());
      t[c] = e.getValue();
      targeted[c] = true;
    }
    Integer kObj = Resamplers.defaultK(method, o.k());
    int k = kObj == null ? 0 : kObj;
    int[] all = Work.all(ds.rows());
    int[] kept = all;
    Synth synth = new Synth();
    long seed = o.seed();
    switch (method) {
      case RANDOM_UNDER -> kept = Cleaners.randomUnder(w, all, t, o.replacement(), seed);
      case TOMEK -> kept = Cleaners.tomek(w, all, targeted);
      case ENN -> kept = Cleaners.enn(w, all, targeted, k, o.kindSel());
      case RENN -> kept = Cleaners.renn(w, all, targetsOf(w), k, o.kindSel(), o.maxIter());
      case ALLKNN -> kept = Cleaners.allKnn(w, all, targetsOf(w), k, o.kindSel(), o.allowMinority());
      case NCR -> kept = Cleaners.ncr(w, all, targeted, k, o.kindSel(), o.thresholdCleaning());
      case CNN -> kept = Cleaners.cnn(w, all, targeted, k, o.seedsS(), seed);
      case OSS -> kept = Cleaners.oss(w, all, targeted, k, o.seedsS(), seed);
      case NEARMISS_1 -> kept = Cleaners.nearMiss(w, all, t, 1, k, 0);
      case NEARMISS_2 -> kept = Cleaners.nearMiss(w, all, t, 2, k, 0);
      case NEARMISS_3 -> kept = Cleaners.nearMiss(w, all, t, 3, k, o.m() == null ? 3 : o.m());
      case IHT -> kept = Cleaners.iht(w, all, t, k, o.cv(), seed, estimator);
      case CLUSTER_CENTROIDS -> {
        Cleaners.IntList kl = new Cleaners.IntList(ds.rows());
        Oversamplers.clusterCentroids(w, t, o.nearestRealSample() || ds.anyCategorical(), o.maxIter() * 3,
            seed, kl, synth);
        kept = kl.toArray();
      }
      case RANDOM_OVER -> {
        Cleaners.IntList kl = new Cleaners.IntList(ds.rows() * 2);
        kl.addAll(all);
        Oversamplers.randomOver(w, t, o.shrinkage(), seed, kl, synth);
        kept = kl.toArray();
      }
      case SMOTE -> smoteGuarded(ds, w, t, k, synth);
      case SMOTE_NC -> Oversamplers.smoteNc(w, ds.categorical, t, k, seed, synth);
      case SMOTE_N -> {
        dev.vigil.InvalidArgumentException.check(ds.allCategorical(),
            "smote-n needs categorical features only; feature columns %s include numeric ones (use smote-nc)",
            ds.featureNames);
        Oversamplers.smoteN(w, t, k, seed, labelRanks(ds), synth);
      }
      case BORDERLINE_SMOTE_1 -> Oversamplers.borderline(w, t, k, o.m() == null ? 10 : o.m(), 1, seed, synth);
      case BORDERLINE_SMOTE_2 -> Oversamplers.borderline(w, t, k, o.m() == null ? 10 : o.m(), 2, seed, synth);
      case ADASYN -> Oversamplers.adasyn(w, t, k, seed, synth);
      case SVM_SMOTE -> {
        dev.vigil.InvalidArgumentException.check(!ds.anyCategorical(),
            "svm-smote interpolates numeric features; the table has categorical features %s (use smote-nc)",
            categoricalNames(ds));
        Oversamplers.svmSmote(w, t, k, o.m() == null ? 10 : o.m(), 0.5, seed, synth);
      }
      case KMEANS_SMOTE -> Oversamplers.kmeansSmote(w, t, k, o.clusters() == null ? 8 : o.clusters(),
          o.clusterBalanceThreshold(), o.maxIter(), seed, synth);
      case SMOTE_ENN, SMOTE_TOMEK -> {
        smoteGuarded(ds, w, t, k, synth);
        int n = ds.rows();
        double[][] x2 = new double[n + synth.size()][];
        int[] y2 = new int[x2.length];
        for (int i = 0; i < n; i++) {
          x2[i] = ds.x[i];
          y2[i] = ds.y[i];
        }
        for (int i = 0; i < synth.size(); i++) {
          x2[n + i] = synth.row(i);
          y2[n + i] = synth.y.a[i];
        }
        Work w2 = w.with(x2, y2);
        boolean[] allClasses = new boolean[w.classes];
        java.util.Arrays.fill(allClasses, true);
        int[] rows2 = method == Method.SMOTE_ENN
            ? Cleaners.enn(w2, Work.all(x2.length), allClasses, 3, KindSel.ALL)
            : Cleaners.tomek(w2, Work.all(x2.length), allClasses);
        Cleaners.IntList kl = new Cleaners.IntList(n);
        boolean[] keepSynth = new boolean[synth.size()];
        for (int r : rows2) {
          if (r < n) {
            kl.add(r);
          } else {
            keepSynth[r - n] = true;
          }
        }
        kept = kl.toArray();
        synth = synth.filter(keepSynth);
      }
    }
    Map<String, String> params = o.describe(method);
    if (method == Method.IHT) {
      params.put("estimator", estimator == null ? "k-NN (k=" + k + ", share of votes)" : estimator.describe());
    }
    boolean rule = method.kind() == SamplingKind.CLEAN || method == Method.SMOTE_ENN || method == Method.SMOTE_TOMEK;
    if (rule && !o.allowEmptyClass()) {
      long[] left = new long[w.classes];
      for (int r : kept) {
        left[ds.y[r]]++;
      }
      for (int i = 0; i < synth.size(); i++) {
        left[synth.y.a[i]]++;
      }
      List<String> restored = new ArrayList<>();
      Cleaners.IntList kl = new Cleaners.IntList(kept.length);
      kl.addAll(kept);
      for (int c = 0; c < w.classes; c++) {
        if (left[c] == 0 && ds.counts[c] > 0) {
          kl.addAll(ds.rowsOf(c));
          restored.add(ds.classes.get(c));
        }
      }
      if (!restored.isEmpty()) {
        kept = kl.toArray();
        params.put("kept_whole_classes", String.join(",", restored));
      }
    }
    if (method == Method.SMOTE_ENN) {
      params.put("enn", "n_neighbors=3, kind_sel=all, sampling_strategy=all");
    } else if (method == Method.SMOTE_TOMEK) {
      params.put("tomek", "sampling_strategy=all");
    }
    if (ds.anyCategorical() && method != Method.SMOTE_NC && method != Method.SMOTE_N) {
      params.put("distance", "heom");
    }
    if (o.neighbors().approximate()) {
      params.put("neighbors", String.format(java.util.Locale.ROOT,
          "approximate (inverted-file index), target recall %s, seed %d", o.neighbors().recall(),
          o.neighbors().seed()));
      params.put("achieved_recall", String.format(java.util.Locale.ROOT, "%.4f", w.recall()));
    }
    return assemble(ds, kept, synth, t, new ResampleProvenance(method, params, seed, label, weight));
  }

  private void smoteGuarded(Dataset ds, Work w, int[] t, int k, Synth synth) {
    dev.vigil.InvalidArgumentException.check(!ds.anyCategorical(),
        "%s interpolates numeric features; the table has categorical features %s (use smote-nc or smote-n)",
        method.cliName(), categoricalNames(ds));
    for (int c = 0; c < t.length; c++) {
      if (t[c] > 0) {
        ds.buildRows(ds.rowsOf(c));
      }
    }
    Oversamplers.smote(w, t, k, o.seed(), synth);
  }

  private static List<String> categoricalNames(Dataset ds) {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < ds.categorical.length; j++) {
      if (ds.categorical[j]) {
        out.add(ds.featureNames.get(j));
      }
    }
    return out;
  }

  private java.util.function.Function<long[], boolean[]> targetsOf(Work w) {
    SamplingStrategy s = o.strategy();
    return counts -> {
      List<String> present = new ArrayList<>();
      List<Long> pc = new ArrayList<>();
      for (int c = 0; c < counts.length; c++) {
        if (counts[c] > 0) {
          present.add(w.classNames.get(c));
          pc.add(counts[c]);
        }
      }
      long[] arr = new long[pc.size()];
      for (int i = 0; i < arr.length; i++) {
        arr[i] = pc.get(i);
      }
      boolean[] out = new boolean[counts.length];
      for (String c : s.resolve(present, arr, SamplingKind.CLEAN).keySet()) {
        out[w.classNames.indexOf(c)] = true;
      }
      return out;
    };
  }

  /** Per categorical feature, the rank of each code's label in ascending label order. */
  private static int[][] labelRanks(Dataset ds) {
    int[][] ranks = new int[ds.features()][];
    for (int j = 0; j < ds.features(); j++) {
      List<String> dict = ds.stringDictionaries.get(j);
      if (dict == null) {
        Column c = ds.table.column(ds.featureNames.get(j));
        dict = c instanceof CategoricalColumn cc ? cc.dictionary() : List.of();
      }
      Integer[] order = new Integer[dict.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      final List<String> dd = dict;
      java.util.Arrays.sort(order, (a, b) -> dd.get(a).compareTo(dd.get(b)));
      ranks[j] = new int[dict.size()];
      for (int r = 0; r < order.length; r++) {
        ranks[j][order[r]] = r;
      }
    }
    return ranks;
  }

  private ResampleResult assemble(Dataset ds, int[] kept, Synth synth, int[] t, ResampleProvenance prov) {
    Table in = ds.table;
    int nk = kept.length;
    int ns = synth.size();
    int total = nk + ns;
    int[] exampleRows = new int[ns];
    for (int i = 0; i < ns; i++) {
      exampleRows[i] = ds.exampleRow[synth.y.a[i]];
    }
    double[] classMeanWeight = null;
    if (ds.weights != null) {
      classMeanWeight = new double[ds.classes.size()];
      for (int i = 0; i < ds.rows(); i++) {
        classMeanWeight[ds.y[i]] += ds.weights[i] / ds.counts[ds.y[i]];
      }
    }
    // numeric features: one output array each, the kept rows gathered from the feature's column and
    // the synthetic rows written in one pass over the synthetic entries (no per-row arrays)
    List<Column> inCols = in.columns();
    int[] featureOf = new int[inCols.size()];
    int nNumeric = 0;
    int fi = 0;
    for (int ci = 0; ci < inCols.size(); ci++) {
      Column c = inCols.get(ci);
      if (c.name().equals(ds.label) || c.name().equals(ds.weightColumn)) {
        featureOf[ci] = -1;
      } else {
        featureOf[ci] = fi++;
        if (!(c instanceof CategoricalColumn) && !(c instanceof StringColumn)) {
          nNumeric++;
        }
      }
    }
    nNumeric = ns == 0 ? 0 : nNumeric;
    int[] numericFeatures = new int[nNumeric];
    double[][] numericOut = new double[nNumeric][];
    int[] slotOf = new int[ds.features()];
    boolean keptAll = nk == ds.rows(); // every row in order (over-sampling): copy the columns whole
    for (int i = 0; i < nk && keptAll; i++) {
      keptAll = kept[i] == i;
    }
    int slot = 0;
    for (int ci = 0; ci < inCols.size(); ci++) {
      Column c = inCols.get(ci);
      int j = featureOf[ci];
      if (ns > 0 && j >= 0 && !(c instanceof CategoricalColumn) && !(c instanceof StringColumn)) {
        slotOf[j] = slot;
        numericFeatures[slot] = j;
        double[] v = new double[total];
        double[] src = ds.columns[j];
        if (keptAll) {
          System.arraycopy(src, 0, v, 0, nk);
        } else {
          for (int i = 0; i < nk; i++) {
            v[i] = src[kept[i]];
          }
        }
        numericOut[slot++] = v;
      }
    }
    synth.fill(numericFeatures, numericOut, nk, ds.x, ds.columns, o.neighbors().threads());
    List<Column> cols = new ArrayList<>();
    for (int ci = 0; ci < inCols.size(); ci++) {
      Column c = inCols.get(ci);
      int j = featureOf[ci];
      if (ns == 0) {
        cols.add(c.select(kept));
        continue;
      }
      if (c.name().equals(ds.label)) {
        cols.add(Column.concat(List.of(c.select(kept), c.select(exampleRows))));
        continue;
      }
      if (c.name().equals(ds.weightColumn)) {
        double[] v = new double[total];
        for (int i = 0; i < nk; i++) {
          v[i] = ds.weights[kept[i]];
        }
        for (int i = 0; i < ns; i++) {
          int b = synth.base.a[i];
          int oth = synth.other.a[i];
          double wv;
          if (b < 0) {
            wv = classMeanWeight[synth.y.a[i]];
          } else if (oth < 0 || oth >= ds.rows()) {
            wv = ds.weights[b];
          } else {
            wv = ds.weights[b] + synth.gap(i) * (ds.weights[oth] - ds.weights[b]);
          }
          v[nk + i] = wv;
        }
        cols.add(DoubleColumn.of(c.name(), v));
        continue;
      }
      if (c instanceof CategoricalColumn cc) {
        int[] codes = new int[total];
        for (int i = 0; i < nk; i++) {
          codes[i] = cc.code(kept[i]);
        }
        for (int i = 0; i < ns; i++) {
          codes[nk + i] = (int) synth.value(i, j);
        }
        cols.add(CategoricalColumn.ofCodes(c.name(), codes, cc.dictionary()));
      } else if (c instanceof StringColumn sc) {
        String[] v = new String[total];
        List<String> dict = ds.stringDictionaries.get(j);
        for (int i = 0; i < nk; i++) {
          v[i] = sc.get(kept[i]);
        }
        for (int i = 0; i < ns; i++) {
          v[nk + i] = dict.get((int) synth.value(i, j));
        }
        cols.add(StringColumn.of(c.name(), v));
      } else {
        cols.add(DoubleColumn.wrap(c.name(), numericOut[slotOf[j]]));
      }
    }
    Table out = Table.of(cols);
    int[] source = new int[total];
    System.arraycopy(kept, 0, source, 0, nk);
    java.util.Arrays.fill(source, nk, total, -1);
    Map<String, Long> before = new LinkedHashMap<>();
    Map<String, Long> requested = new LinkedHashMap<>();
    Map<String, Long> after = new LinkedHashMap<>();
    long[] afterCounts = new long[ds.classes.size()];
    for (int r : kept) {
      afterCounts[ds.y[r]]++;
    }
    for (int i = 0; i < ns; i++) {
      afterCounts[synth.y.a[i]]++;
    }
    for (int c = 0; c < ds.classes.size(); c++) {
      String name = ds.classes.get(c);
      before.put(name, ds.counts[c]);
      long req;
      if (t[c] < 0) {
        req = ds.counts[c];
      } else if (method.kind() == SamplingKind.OVER) {
        req = ds.counts[c] + t[c];
      } else if (method.kind() == SamplingKind.UNDER) {
        req = t[c];
      } else {
        req = -1;
      }
      if (method == Method.SMOTE_ENN || method == Method.SMOTE_TOMEK) {
        req = -1; // the cleaning step decides the final count
      }
      requested.put(name, req);
      after.put(name, afterCounts[c]);
    }
    return new ResampleResult(out, source, before, requested, after, prov);
  }
}
