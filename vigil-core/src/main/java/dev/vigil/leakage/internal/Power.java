package dev.vigil.leakage.internal;

import dev.vigil.eval.Metrics;
import java.util.SplittableRandom;

/**
 * Single-feature predictive power: a target encoding of the feature's codes (class rate per code,
 * smoothed towards the prior with weight 1), scored by ROC AUC (macro one-vs-rest for more than two
 * classes). On train the encoding is out-of-fold (5 seeded folds), so that a feature with one code
 * per row (an identifier) scores about 0.5, not 1; on test it is fitted on all of train.
 */
public final class Power {
  public static final int FOLDS = 5;

  private Power() {}

  /** {out-of-fold train AUC, test AUC}; NaN where a side lacks two classes. */
  public static double[] auc(int[] tr, int[] ytr, int[] te, int[] yte, int levels, int classes, long seed) {
    int k = Math.max(2, classes);
    int[] fold = new int[tr.length];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < fold.length; i++) {
      fold[i] = rnd.nextInt(FOLDS);
    }
    int[][] per = new int[FOLDS][levels * k];
    int[] total = new int[levels * k];
    int[] prior = new int[k];
    int labelled = 0;
    for (int i = 0; i < tr.length; i++) {
      if (ytr[i] < 0 || ytr[i] >= k) {
        continue;
      }
      per[fold[i]][tr[i] * k + ytr[i]]++;
      total[tr[i] * k + ytr[i]]++;
      prior[ytr[i]]++;
      labelled++;
    }
    int[] rowsTr = labelledRows(ytr, k);
    int[] rowsTe = labelledRows(yte, k);
    int scored = classes <= 2 ? 1 : k;
    double[][] strain = new double[scored][rowsTr.length];
    double[][] stest = new double[scored][rowsTe.length];
    for (int s = 0; s < scored; s++) {
      int c = classes <= 2 ? 1 : s;
      double p = labelled == 0 ? 0 : (double) prior[c] / labelled;
      for (int j = 0; j < rowsTr.length; j++) {
        int i = rowsTr[j];
        int code = tr[i];
        int f = fold[i];
        int cnt = 0;
        int tot = 0;
        for (int q = 0; q < k; q++) {
          int v = total[code * k + q] - per[f][code * k + q];
          tot += v;
          if (q == c) {
            cnt = v;
          }
        }
        strain[s][j] = (cnt + p) / (tot + 1.0);
      }
      for (int j = 0; j < rowsTe.length; j++) {
        int code = te[rowsTe[j]];
        int cnt = 0;
        int tot = 0;
        if (code < levels) {
          for (int q = 0; q < k; q++) {
            int v = total[code * k + q];
            tot += v;
            if (q == c) {
              cnt = v;
            }
          }
        }
        stest[s][j] = (cnt + p) / (tot + 1.0);
      }
    }
    return new double[] {score(strain, ytr, rowsTr, classes), score(stest, yte, rowsTe, classes)};
  }

  private static int[] labelledRows(int[] y, int k) {
    int n = 0;
    for (int v : y) {
      if (v >= 0 && v < k) {
        n++;
      }
    }
    int[] r = new int[n];
    int j = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] >= 0 && y[i] < k) {
        r[j++] = i;
      }
    }
    return r;
  }

  private static double score(double[][] s, int[] y, int[] rows, int classes) {
    if (classes <= 2) {
      boolean[] b = new boolean[rows.length];
      for (int j = 0; j < rows.length; j++) {
        b[j] = y[rows[j]] == 1;
      }
      return Metrics.rocAuc(s[0], b);
    }
    int[] yy = new int[rows.length];
    for (int j = 0; j < rows.length; j++) {
      yy[j] = y[rows[j]];
    }
    return Metrics.rocAucOvr(s, yy);
  }

  /** Symmetric rank AUC of raw values against the label (max of AUC and 1 - AUC), binary or macro OvR. */
  public static double rankAuc(double[] v, int[] y, int classes) {
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i]) && y[i] >= 0) {
        n++;
      }
    }
    double[] x = new double[n];
    int[] yy = new int[n];
    int j = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i]) && y[i] >= 0) {
        x[j] = v[i];
        yy[j++] = y[i];
      }
    }
    int k = Math.max(2, classes);
    double sum = 0;
    int used = 0;
    for (int c = classes <= 2 ? 1 : 0; c < (classes <= 2 ? 2 : k); c++) {
      boolean[] b = new boolean[n];
      for (int i = 0; i < n; i++) {
        b[i] = yy[i] == c;
      }
      double a = Metrics.rocAuc(x, b);
      if (!Double.isNaN(a)) {
        sum += Math.max(a, 1 - a);
        used++;
      }
    }
    return used == 0 ? Double.NaN : sum / used;
  }
}
