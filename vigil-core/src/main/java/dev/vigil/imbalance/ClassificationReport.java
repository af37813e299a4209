package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;
import dev.vigil.report.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metrics for imbalanced classification, as imbalanced-learn's {@code
 * classification_report_imbalanced} plus balanced accuracy, Matthews correlation and ranking
 * metrics. Per class (one-vs-rest): precision, recall, specificity, F1, geometric mean
 * {@code sqrt(recall × specificity)}, index balanced accuracy {@code (1 + α(recall − specificity))
 * × gmean²} with α = 0.1 (imbalanced-learn's default, squared), support. A ratio whose denominator
 * is 0 is 0 (scikit-learn's {@code zero_division} default with its warning dropped).
 *
 * @param classes classes in order
 * @param precision per class
 * @param recall per class
 * @param specificity per class
 * @param f1 per class
 * @param geometricMean per class
 * @param iba per class
 * @param support per class
 * @param balancedAccuracy mean recall
 * @param matthews multi-class Matthews correlation coefficient (Gorodkin's R_K); 0 when undefined
 * @param rocAuc one-vs-rest ROC AUC per class (NaN without scores or when a class is absent)
 * @param prAuc one-vs-rest average precision per class (NaN without scores)
 */
public record ClassificationReport(List<String> classes, double[] precision, double[] recall, double[] specificity,
    double[] f1, double[] geometricMean, double[] iba, long[] support, double balancedAccuracy, double matthews,
    double[] rocAuc, double[] prAuc) {

  /**
   * The report for true classes {@code y}, predicted classes {@code predicted} (indices into
   * {@code classes}) and optional per-class scores {@code scores[i][c]} (null for none).
   *
   * @throws InvalidArgumentException when lengths differ or an index is out of range
   */
  public static ClassificationReport of(List<String> classes, int[] y, int[] predicted, double[][] scores) {
    int k = classes.size();
    InvalidArgumentException.check(y.length == predicted.length, "%d labels but %d predictions", y.length,
        predicted.length);
    InvalidArgumentException.check(scores == null || scores.length == y.length, "%d labels but %d score rows",
        y.length, scores == null ? 0 : scores.length);
    long[][] cm = new long[k][k];
    for (int i = 0; i < y.length; i++) {
      InvalidArgumentException.check(y[i] >= 0 && y[i] < k && predicted[i] >= 0 && predicted[i] < k,
          "row %d: class index out of [0, %d): %d / %d", i, k, y[i], predicted[i]);
      cm[y[i]][predicted[i]]++;
    }
    long n = y.length;
    double[] prec = new double[k];
    double[] rec = new double[k];
    double[] spec = new double[k];
    double[] f1 = new double[k];
    double[] gm = new double[k];
    double[] iba = new double[k];
    long[] sup = new long[k];
    double balanced = 0;
    int present = 0;
    for (int c = 0; c < k; c++) {
      long tp = cm[c][c];
      long row = 0;
      long col = 0;
      for (int j = 0; j < k; j++) {
        row += cm[c][j];
        col += cm[j][c];
      }
      long fp = col - tp;
      long fn = row - tp;
      long tn = n - tp - fp - fn;
      sup[c] = row;
      prec[c] = div(tp, tp + fp);
      rec[c] = div(tp, tp + fn);
      spec[c] = div(tn, tn + fp);
      f1[c] = prec[c] + rec[c] == 0 ? 0 : 2 * prec[c] * rec[c] / (prec[c] + rec[c]);
      gm[c] = Math.sqrt(rec[c] * spec[c]);
      iba[c] = (1 + 0.1 * (rec[c] - spec[c])) * gm[c] * gm[c];
      if (row > 0) {
        balanced += rec[c];
        present++;
      }
    }
    balanced = present == 0 ? 0 : balanced / present;
    // Matthews (multi-class)
    double cov = 0;
    double sumP2 = 0;
    double sumT2 = 0;
    long correct = 0;
    long[] t = new long[k];
    long[] p = new long[k];
    for (int c = 0; c < k; c++) {
      correct += cm[c][c];
      for (int j = 0; j < k; j++) {
        t[c] += cm[c][j];
        p[c] += cm[j][c];
      }
    }
    for (int c = 0; c < k; c++) {
      cov += (double) p[c] * t[c];
      sumP2 += (double) p[c] * p[c];
      sumT2 += (double) t[c] * t[c];
    }
    double num = (double) correct * n - cov;
    double den = Math.sqrt(((double) n * n - sumP2) * ((double) n * n - sumT2));
    double mcc = den == 0 ? 0 : num / den;
    double[] roc = new double[k];
    double[] ap = new double[k];
    Arrays.fill(roc, Double.NaN);
    Arrays.fill(ap, Double.NaN);
    if (scores != null) {
      for (int c = 0; c < k; c++) {
        double[] s = new double[y.length];
        boolean[] pos = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
          s[i] = scores[i][c];
          pos[i] = y[i] == c;
        }
        roc[c] = rocAuc(s, pos);
        ap[c] = averagePrecision(s, pos);
      }
    }
    return new ClassificationReport(List.copyOf(classes), prec, rec, spec, f1, gm, iba, sup, balanced, mcc, roc, ap);
  }

  private static double div(long a, long b) {
    return b == 0 ? 0 : a / (double) b;
  }

  /** ROC AUC with ties counted half (Mann-Whitney); NaN when one side is empty. */
  public static double rocAuc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] o = new Integer[n];
    for (int i = 0; i < n; i++) {
      o[i] = i;
    }
    Arrays.sort(o, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSum = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[o[j + 1]] == scores[o[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        if (positive[o[t]]) {
          rankSum += rank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** Average precision as scikit-learn's {@code average_precision_score}; NaN without positives. */
  public static double averagePrecision(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] o = new Integer[n];
    long pos = 0;
    for (int i = 0; i < n; i++) {
      o[i] = i;
      if (positive[i]) {
        pos++;
      }
    }
    if (pos == 0) {
      return Double.NaN;
    }
    Arrays.sort(o, (a, b) -> Double.compare(scores[b], scores[a]));
    double ap = 0;
    long tp = 0;
    long seen = 0;
    double prevRecall = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[o[j + 1]] == scores[o[i]]) {
        j++;
      }
      for (int t = i; t <= j; t++) {
        if (positive[o[t]]) {
          tp++;
        }
        seen++;
      }
      double recall = tp / (double) pos;
      double precision = tp / (double) seen;
      ap += (recall - prevRecall) * precision;
      prevRecall = recall;
      i = j + 1;
    }
    return ap;
  }

  /** A report: data keys {@code classes} (per class metrics), {@code balanced_accuracy}, {@code matthews}. */
  public Report toReport(String title) {
    Report.Builder b = Report.builder("classification_report", title);
    List<Map<String, Object>> cls = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("class", classes.get(c));
      m.put("precision", precision[c]);
      m.put("recall", recall[c]);
      m.put("specificity", specificity[c]);
      m.put("f1", f1[c]);
      m.put("geometric_mean", geometricMean[c]);
      m.put("iba", iba[c]);
      m.put("support", support[c]);
      m.put("roc_auc", Double.isNaN(rocAuc[c]) ? null : rocAuc[c]);
      m.put("pr_auc", Double.isNaN(prAuc[c]) ? null : prAuc[c]);
      cls.add(m);
      rows.add(List.of(classes.get(c), f(precision[c]), f(recall[c]), f(specificity[c]), f(f1[c]),
          f(geometricMean[c]), f(iba[c]), Long.toString(support[c])));
    }
    b.put("classes", cls);
    b.put("balanced_accuracy", balancedAccuracy);
    b.put("matthews", matthews);
    b.table("Per class", List.of("class", "pre", "rec", "spe", "f1", "geo", "iba", "sup"), rows);
    b.keyValues("balanced accuracy", f(balancedAccuracy), "Matthews correlation", f(matthews));
    return b.build();
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
