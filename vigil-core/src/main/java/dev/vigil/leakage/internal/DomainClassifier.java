package dev.vigil.leakage.internal;

import dev.vigil.data.BooleanColumn;
import dev.vigil.data.Column;
import dev.vigil.data.Table;
import dev.vigil.eval.Metrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * L2-regularised multinomial logistic regression from features to a nuisance (site, device, batch),
 * trained by full-batch gradient descent with Nesterov momentum from zero weights: deterministic for
 * given rows. Numeric features are standardised (missing → 0 plus a missing indicator); text features
 * one-hot over their 20 most frequent values plus "other"; booleans 0/1 plus a missing indicator.
 */
public final class DomainClassifier {
  static final int TOP_LEVELS = 20;
  static final int ITERATIONS = 150;
  static final double L2 = 1e-3;
  static final double STEP = 0.5;

  private DomainClassifier() {}

  /** A dense design matrix with, per column of it, the index of the source feature. */
  record Design(double[][] x, int[] source) {}

  static Design design(Table t, List<String> features, int[] rows) {
    List<double[]> cols = new ArrayList<>();
    List<Integer> src = new ArrayList<>();
    int n = rows.length;
    for (int f = 0; f < features.size(); f++) {
      Column c = t.column(features.get(f));
      if (Values.isText(c)) {
        Map<String, Integer> counts = new HashMap<>();
        for (int r : rows) {
          String s = Values.text(c, r);
          counts.merge(s == null ? "\u0000missing" : s, 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> top = new ArrayList<>(counts.entrySet());
        top.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> slot = new HashMap<>();
        for (int j = 0; j < Math.min(TOP_LEVELS, top.size()); j++) {
          slot.put(top.get(j).getKey(), j);
        }
        int width = slot.size() + (top.size() > slot.size() ? 1 : 0);
        double[][] oh = new double[width][n];
        for (int j = 0; j < n; j++) {
          String s = Values.text(c, rows[j]);
          Integer k = slot.get(s == null ? "\u0000missing" : s);
          oh[k == null ? width - 1 : k][j] = 1;
        }
        for (double[] o : oh) {
          cols.add(standardise(o));
          src.add(f);
        }
      } else {
        double[] v = new double[n];
        double[] miss = new double[n];
        boolean anyMissing = false;
        for (int j = 0; j < n; j++) {
          double x = Values.number(c, rows[j]);
          if (Double.isNaN(x) || Double.isInfinite(x)) {
            miss[j] = 1;
            anyMissing = true;
            v[j] = Double.NaN;
          } else {
            v[j] = x;
          }
        }
        cols.add(standardise(v));
        src.add(f);
        if (anyMissing || c instanceof BooleanColumn && c.hasMissing()) {
          cols.add(standardise(miss));
          src.add(f);
        }
      }
    }
    double[][] x = new double[n][cols.size()];
    for (int d = 0; d < cols.size(); d++) {
      double[] col = cols.get(d);
      for (int j = 0; j < n; j++) {
        x[j][d] = col[j];
      }
    }
    return new Design(x, src.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Standardises in place, NaN → 0 (the mean). */
  private static double[] standardise(double[] v) {
    double s = 0;
    int m = 0;
    for (double a : v) {
      if (!Double.isNaN(a)) {
        s += a;
        m++;
      }
    }
    double mean = m == 0 ? 0 : s / m;
    double ss = 0;
    for (double a : v) {
      if (!Double.isNaN(a)) {
        ss += (a - mean) * (a - mean);
      }
    }
    double sd = m == 0 ? 0 : Math.sqrt(ss / m);
    for (int i = 0; i < v.length; i++) {
      v[i] = Double.isNaN(v[i]) || sd == 0 ? 0 : (v[i] - mean) / sd;
    }
    return v;
  }

  /** Weights [k][d + 1] (last = intercept) fitted on the given rows of x. */
  static double[][] fit(double[][] x, int[] y, int k, int[] rows) {
    int d = x.length == 0 ? 0 : x[0].length;
    double[][] w = new double[k][d + 1];
    double[][] v = new double[k][d + 1];
    double[][] look = new double[k][d + 1];
    double[][] g = new double[k][d + 1];
    double[] p = new double[k];
    double momentum = 0.9;
    for (int it = 0; it < ITERATIONS; it++) {
      for (int c = 0; c < k; c++) {
        for (int j = 0; j <= d; j++) {
          look[c][j] = w[c][j] + momentum * v[c][j];
          g[c][j] = 0;
        }
      }
      for (int r : rows) {
        probabilities(look, x[r], p);
        for (int c = 0; c < k; c++) {
          double e = p[c] - (y[r] == c ? 1 : 0);
          double[] gc = g[c];
          double[] xr = x[r];
          for (int j = 0; j < d; j++) {
            gc[j] += e * xr[j];
          }
          gc[d] += e;
        }
      }
      for (int c = 0; c < k; c++) {
        for (int j = 0; j <= d; j++) {
          double grad = g[c][j] / rows.length + (j < d ? L2 * look[c][j] : 0);
          v[c][j] = momentum * v[c][j] - STEP * grad;
          w[c][j] += v[c][j];
        }
      }
    }
    return w;
  }

  static void probabilities(double[][] w, double[] x, double[] p) {
    int d = x.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < w.length; c++) {
      double z = w[c][d];
      for (int j = 0; j < d; j++) {
        z += w[c][j] * x[j];
      }
      p[c] = z;
      max = Math.max(max, z);
    }
    double sum = 0;
    for (int c = 0; c < w.length; c++) {
      p[c] = Math.exp(p[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < w.length; c++) {
      p[c] /= sum;
    }
  }

  /** Cross-validated result of predicting the nuisance. */
  public record Result(double auc, double accuracy, double baselineAccuracy, int rows) {}

  /**
   * 3-fold cross-validated macro one-vs-rest AUC and accuracy of predicting {@code y} (codes in
   * [0, k), -1 rows excluded) from {@code features} of {@code t} on the given rows.
   */
  public static Result crossValidate(Table t, List<String> features, int[] rows, int[] y, int k, long seed) {
    Design des = design(t, features, rows);
    int n = rows.length;
    int[] ys = new int[n];
    for (int j = 0; j < n; j++) {
      ys[j] = y[rows[j]];
    }
    int folds = 3;
    int[] fold = new int[n];
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5EEDL);
    for (int j = 0; j < n; j++) {
      fold[j] = rnd.nextInt(folds);
    }
    double[][] scores = new double[k][n];
    double[] p = new double[k];
    int correct = 0;
    for (int f = 0; f < folds; f++) {
      final int ff = f;
      int[] trainRows = java.util.stream.IntStream.range(0, n).filter(j -> fold[j] != ff).toArray();
      double[][] w = fit(des.x(), ys, k, trainRows);
      for (int j = 0; j < n; j++) {
        if (fold[j] != f) {
          continue;
        }
        probabilities(w, des.x()[j], p);
        int best = 0;
        for (int c = 0; c < k; c++) {
          scores[c][j] = p[c];
          if (p[c] > p[best]) {
            best = c;
          }
        }
        if (best == ys[j]) {
          correct++;
        }
      }
    }
    int[] counts = new int[k];
    for (int v : ys) {
      counts[v]++;
    }
    int majority = 0;
    for (int c : counts) {
      majority = Math.max(majority, c);
    }
    double auc = k == 2 ? Metrics.rocAuc(scores[1], bools(ys)) : Metrics.rocAucOvr(scores, ys);
    return new Result(auc, (double) correct / n, (double) majority / n, n);
  }

  private static boolean[] bools(int[] y) {
    boolean[] b = new boolean[y.length];
    for (int i = 0; i < y.length; i++) {
      b[i] = y[i] == 1;
    }
    return b;
  }
}
