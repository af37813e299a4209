package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;
import dev.vigil.VigilException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.imbalance.internal.Labels;
import dev.vigil.imbalance.internal.SoftmaxRegression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Compares ways of handling imbalance on one data set: stratified k-fold cross-validation of a
 * fixed model (multinomial logistic regression) trained with each method on the training folds and
 * scored on the untouched test folds.
 *
 * <p>Methods: {@code none}; {@code class-weights} (balanced); {@code focal-loss} (γ = 2, α = balanced
 * weights); any {@link Method} by CLI name (default parameters, the advisor's seed); {@code
 * under-then-fine-tune} (train on randomly under-sampled data, then fine-tune a quarter as many
 * epochs on the original fold at a tenth of the learning rate); {@code scheduled-weights} (each epoch,
 * per-class recall on a held-out fifth of the training fold drives a {@link ClassWeightScheduler}).
 * Folds: per class, rows shuffled with the seed and dealt round-robin. Times are wall-clock
 * ({@link System#nanoTime()}), the only non-reproducible output.
 *
 * <p>A {@link Candidate} is a whole model compared in place of the fixed one (vigil-models passes
 * its balanced ensembles this way, the CLI includes them); it is trained on the same training folds
 * and scored on the same test folds.
 */
public final class Advisor {
  /** A model trained on each training fold in place of the fixed model, e.g. a balanced ensemble. */
  @FunctionalInterface
  public interface Candidate {
    /**
     * Trains on {@code train} (features and the label column {@code label}) and returns a scorer.
     *
     * @param classes the classes in ascending order, the column order the scorer must return
     * @param seed the fold's seed
     */
    Scorer fit(Table train, String label, List<String> classes, long seed);
  }

  /** A trained candidate. */
  @FunctionalInterface
  public interface Scorer {
    /** Class probabilities per row of {@code features} (the label column removed), classes ascending. */
    double[][] predictProba(Table features);
  }

  /** The methods compared by default. */
  public static final List<String> DEFAULT_METHODS = List.of("none", "class-weights", "focal-loss", "random-under",
      "random-over", "smote", "tomek", "enn", "smote-enn", "smote-tomek", "adasyn", "borderline-smote-1",
      "under-then-fine-tune", "scheduled-weights");

  private static final int EPOCHS = 200;
  private static final double LR = 0.05;
  private static final double L2 = 1e-4;

  private Advisor() {}

  /**
   * Cross-validates each method.
   *
   * @param folds number of folds in [2, 20]; every class needs at least this many rows
   * @param methods method names (see the type's documentation); an unknown name is an error
   * @throws InvalidArgumentException for an unknown method, bad folds, a single class or a class
   *     with fewer rows than folds (naming the class and its count)
   */
  public static ImbalanceAdvice advise(Table table, String label, List<String> methods, int folds, long seed) {
    return advise(table, label, methods, folds, seed, Map.of());
  }

  /**
   * As {@link #advise(Table, String, List, int, long)}, where a method named in {@code candidates} is
   * that candidate model (trained without resampling) instead of the fixed model.
   */
  public static ImbalanceAdvice advise(Table table, String label, List<String> methods, int folds, long seed,
      Map<String, Candidate> candidates) {
    InvalidArgumentException.check(folds >= 2 && folds <= 20, "folds must be in [2, 20]: %d", folds);
    for (String m : methods) {
      if (!candidates.containsKey(m) && !List.of("none", "class-weights", "focal-loss", "under-then-fine-tune", "scheduled-weights").contains(m)) {
        Method.parse(m);
      }
    }
    Labels labels = Labels.read(table, label);
    List<String> classes = labels.classes();
    InvalidArgumentException.check(classes.size() >= 2, "the label \"%s\" needs at least 2 classes; it has %s",
        label, classes);
    int minority = 0;
    for (int c = 0; c < classes.size(); c++) {
      InvalidArgumentException.check(labels.counts()[c] >= folds,
          "class \"%s\" has %d rows; %d-fold cross-validation needs at least %d", classes.get(c),
          labels.counts()[c], folds, folds);
      if (labels.counts()[c] < labels.counts()[minority]) {
        minority = c;
      }
    }
    Encoder enc = new Encoder(table, label);
    int[] fold = folds(labels, folds, seed);
    List<ImbalanceAdvice.Row> rows = new ArrayList<>();
    for (String m : methods) {
      double rec = 0;
      double ap = 0;
      double ba = 0;
      long nanos = 0;
      String error = null;
      for (int f = 0; f < folds && error == null; f++) {
        int[] train = select(fold, f, false);
        int[] test = select(fold, f, true);
        long t0 = System.nanoTime();
        try {
          Candidate cand = candidates.get(m);
          double[][] p = cand != null
              ? cand.fit(table.select(train), label, classes, seed + f).predictProba(table.select(test).drop(label))
              : fit(m, table.select(train), label, enc, classes, seed + f).predictProba(enc.encode(table.select(test)));
          int[] yt = new int[test.length];
          int[] pred = new int[test.length];
          for (int i = 0; i < test.length; i++) {
            yt[i] = labels.y()[test[i]];
            pred[i] = SoftmaxRegression.argmax(p[i]);
          }
          ClassificationReport r = ClassificationReport.of(classes, yt, pred, p);
          rec += r.recall()[minority] / folds;
          ap += r.prAuc()[minority] / folds;
          ba += r.balancedAccuracy() / folds;
        } catch (VigilException e) {
          error = e.getMessage();
        }
        nanos += System.nanoTime() - t0;
      }
      rows.add(error == null ? new ImbalanceAdvice.Row(m, rec, ap, ba, nanos / 1e9 / folds, null)
          : new ImbalanceAdvice.Row(m, Double.NaN, Double.NaN, Double.NaN, Double.NaN, error));
    }
    String best = null;
    double bestBa = -1;
    double bestAp = -1;
    for (ImbalanceAdvice.Row r : rows) {
      if (r.error() == null && (r.balancedAccuracy() > bestBa
          || (r.balancedAccuracy() == bestBa && r.minorityPrAuc() > bestAp))) {
        best = r.method();
        bestBa = r.balancedAccuracy();
        bestAp = r.minorityPrAuc();
      }
    }
    return new ImbalanceAdvice(classes.get(minority), folds, seed, rows, best);
  }

  private static SoftmaxRegression fit(String m, Table train, String label, Encoder enc, List<String> classes,
      long seed) {
    switch (m) {
      case "none", "class-weights", "focal-loss" -> {
        double[][] x = enc.encode(train);
        int[] y = enc.classIndex(train, label, classes);
        SoftmaxRegression model = new SoftmaxRegression(x, classes.size());
        double[] cw = balanced(y, classes.size());
        double[] sw = null;
        if (m.equals("class-weights")) {
          sw = new double[y.length];
          for (int i = 0; i < y.length; i++) {
            sw[i] = cw[y[i]];
          }
        }
        model.train(x, y, sw, m.equals("focal-loss") ? 2 : 0, m.equals("focal-loss") ? cw : null, EPOCHS, LR, L2);
        return model;
      }
      case "under-then-fine-tune" -> {
        ResampleResult r = Resamplers.create(Method.RANDOM_UNDER, ResampleOptions.defaults().withSeed(seed))
            .resample(train, label);
        double[][] xu = enc.encode(r.table());
        double[][] x = enc.encode(train);
        int[] y = enc.classIndex(train, label, classes);
        SoftmaxRegression model = new SoftmaxRegression(x, classes.size());
        model.train(xu, enc.classIndex(r.table(), label, classes), null, 0, null, EPOCHS, LR, L2);
        model.train(x, y, null, 0, null, EPOCHS / 4, LR / 10, L2);
        return model;
      }
      case "scheduled-weights" -> {
        double[][] x = enc.encode(train);
        int[] y = enc.classIndex(train, label, classes);
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] val = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
          val[i] = rnd.nextInt(5) == 0;
        }
        double[] sw = new double[y.length];
        ClassWeightScheduler s = ClassWeightScheduler.start(classes, balanced(y, classes.size()), 1.0, 0.05, 50);
        SoftmaxRegression model = new SoftmaxRegression(x, classes.size());
        for (int e = 0; e < EPOCHS; e++) {
          double[] cw = s.weights();
          for (int i = 0; i < y.length; i++) {
            sw[i] = val[i] ? 0 : cw[y[i]];
          }
          model.epoch(x, y, sw, 0, null, LR, L2);
          if (e % 10 == 9) {
            double[] hit = new double[classes.size()];
            double[] tot = new double[classes.size()];
            double[][] p = model.predictProba(x);
            for (int i = 0; i < y.length; i++) {
              if (val[i]) {
                tot[y[i]]++;
                if (SoftmaxRegression.argmax(p[i]) == y[i]) {
                  hit[y[i]]++;
                }
              }
            }
            double[] recall = new double[classes.size()];
            for (int c = 0; c < recall.length; c++) {
              recall[c] = tot[c] == 0 ? Double.NaN : hit[c] / tot[c];
            }
            s.update(recall);
          }
        }
        return model;
      }
      default -> {
        ResampleResult r = Resamplers.create(Method.parse(m), ResampleOptions.defaults().withSeed(seed))
            .resample(train, label);
        double[][] x = enc.encode(r.table());
        SoftmaxRegression model = new SoftmaxRegression(x, classes.size());
        model.train(x, enc.classIndex(r.table(), label, classes), null, 0, null, EPOCHS, LR, L2);
        return model;
      }
    }
  }

  private static double[] balanced(int[] y, int k) {
    long[] n = new long[k];
    for (int v : y) {
      n[v]++;
    }
    double[] w = new double[k];
    for (int c = 0; c < k; c++) {
      w[c] = n[c] == 0 ? 1 : y.length / (double) (k * n[c]);
    }
    return w;
  }

  private static int[] folds(Labels l, int folds, long seed) {
    int[] fold = new int[l.y().length];
    for (int c = 0; c < l.classes().size(); c++) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < l.y().length; i++) {
        if (l.y()[i] == c) {
          rows.add(i);
        }
      }
      java.util.Collections.shuffle(rows, new java.util.Random(seed * 31 + c));
      for (int i = 0; i < rows.size(); i++) {
        fold[rows.get(i)] = i % folds;
      }
    }
    return fold;
  }

  private static int[] select(int[] fold, int f, boolean in) {
    int n = 0;
    for (int v : fold) {
      if ((v == f) == in) {
        n++;
      }
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < fold.length; i++) {
      if ((fold[i] == f) == in) {
        out[k++] = i;
      }
    }
    return out;
  }

  /** Numeric features as they are, categorical and string features one-hot over the full table's categories. */
  private static final class Encoder {
    final List<String> features = new ArrayList<>();
    final Map<String, Map<String, Integer>> categories = new HashMap<>();
    int width;

    Encoder(Table t, String label) {
      for (Column c : t.columns()) {
        if (c.name().equals(label)) {
          continue;
        }
        features.add(c.name());
        if (c instanceof CategoricalColumn || c instanceof StringColumn) {
          Map<String, Integer> m = new HashMap<>();
          for (int i = 0; i < c.size(); i++) {
            m.putIfAbsent(String.valueOf(c.getObject(i)), m.size());
          }
          categories.put(c.name(), m);
          width += m.size();
        } else {
          width++;
        }
      }
    }

    double[][] encode(Table t) {
      double[][] x = new double[t.rowCount()][width];
      int p = 0;
      for (String f : features) {
        Column c = t.column(f);
        Map<String, Integer> cat = categories.get(f);
        for (int i = 0; i < t.rowCount(); i++) {
          if (cat != null) {
            Integer k = cat.get(String.valueOf(c.getObject(i)));
            if (k != null) {
              x[i][p + k] = 1;
            }
          } else {
            Object o = c.getObject(i);
            double v = o instanceof Number nn ? nn.doubleValue() : o instanceof Boolean b ? (b ? 1 : 0) : Double.NaN;
            InvalidArgumentException.check(Double.isFinite(v), "feature column \"%s\" row %d is missing, NaN or "
                + "not numeric: %s; impute it first", f, i, o);
            x[i][p] = v;
          }
        }
        p += cat != null ? cat.size() : 1;
      }
      return x;
    }

    int[] classIndex(Table t, String label, List<String> classes) {
      Column c = t.column(label);
      int[] y = new int[t.rowCount()];
      for (int i = 0; i < y.length; i++) {
        y[i] = classes.indexOf(String.valueOf(c.getObject(i)));
      }
      return y;
    }
  }
}
