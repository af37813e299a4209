package dev.vigil.eval;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;

/**
 * Classification metrics over arrays, defined as scikit-learn defines them.
 *
 * <p>All methods are pure, allocate O(n) and run in O(n log n) at most.
 */
public final class Metrics {
  private Metrics() {}

  /**
   * Area under the ROC curve of {@code scores} for the binary {@code labels}, with ties counted as
   * one half (the Mann-Whitney U statistic over mid-ranks), equal to
   * {@code sklearn.metrics.roc_auc_score}.
   *
   * @param scores one score per row, finite or infinite, never NaN
   * @param labels one label per row, same length as {@code scores}
   * @return the AUC in [0, 1]; NaN when one class is absent (scikit-learn raises instead: the caller
   *     decides, since a leakage check must not abort on a constant column)
   * @throws InvalidArgumentException when lengths differ or a score is NaN
   */
  public static double rocAuc(double[] scores, boolean[] labels) {
    InvalidArgumentException.check(scores.length == labels.length,
        "rocAuc: scores and labels must have the same length: %d != %d", scores.length, labels.length);
    int n = scores.length;
    long pos = 0;
    for (int i = 0; i < n; i++) {
      InvalidArgumentException.check(!Double.isNaN(scores[i]), "rocAuc: score at index %d is NaN", i);
      if (labels[i]) {
        pos++;
      }
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    double[] p = new double[(int) pos];
    double[] q = new double[(int) neg];
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i]) {
        p[a++] = scores[i];
      } else {
        q[b++] = scores[i];
      }
    }
    Arrays.sort(p);
    Arrays.sort(q);
    // U = sum over positives of (#negatives below) + 0.5 (#negatives equal).
    double u = 0;
    int lo = 0;
    int i = 0;
    while (i < p.length) {
      double v = p[i];
      int j = i;
      while (j < p.length && p[j] == v) {
        j++;
      }
      while (lo < q.length && q[lo] < v) {
        lo++;
      }
      int hi = lo;
      while (hi < q.length && q[hi] == v) {
        hi++;
      }
      u += (j - i) * (lo + 0.5 * (hi - lo));
      i = j;
    }
    return u / ((double) pos * neg);
  }

  /**
   * Mean negative log-likelihood of binary labels under predicted probabilities of the positive
   * class, equal to {@code sklearn.metrics.log_loss(labels, p)} with both classes present.
   * Probabilities are clipped to [ε, 1 - ε] with ε the double machine epsilon 2.22e-16
   * (scikit-learn 1.2's {@code eps="auto"}).
   *
   * @param probabilities predicted P(positive) per row in [0, 1]
   * @param labels labels per row
   * @return the loss in nats, ≥ 0; NaN for empty input
   * @throws InvalidArgumentException when lengths differ or a probability is outside [0, 1] or NaN
   */
  public static double logLoss(double[] probabilities, boolean[] labels) {
    InvalidArgumentException.check(probabilities.length == labels.length,
        "logLoss: probabilities and labels must have the same length: %d != %d", probabilities.length, labels.length);
    if (probabilities.length == 0) {
      return Double.NaN;
    }
    double eps = Math.ulp(1.0);
    double sum = 0;
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      InvalidArgumentException.check(p >= 0 && p <= 1, "logLoss: probability at index %d must be in [0, 1]: %s", i, p);
      p = Math.min(Math.max(p, eps), 1 - eps);
      sum -= labels[i] ? Math.log(p) : Math.log(1 - p);
    }
    return sum / probabilities.length;
  }

  /**
   * Mean squared difference between predicted P(positive) and the 0/1 label, equal to
   * {@code sklearn.metrics.brier_score_loss}.
   *
   * @return the score in [0, 1]; NaN for empty input
   * @throws InvalidArgumentException when lengths differ or a probability is outside [0, 1] or NaN
   */
  public static double brierScore(double[] probabilities, boolean[] labels) {
    InvalidArgumentException.check(probabilities.length == labels.length,
        "brierScore: probabilities and labels must have the same length: %d != %d", probabilities.length, labels.length);
    if (probabilities.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      InvalidArgumentException.check(p >= 0 && p <= 1, "brierScore: probability at index %d must be in [0, 1]: %s", i, p);
      double d = p - (labels[i] ? 1 : 0);
      sum += d * d;
    }
    return sum / probabilities.length;
  }

  /**
   * Macro-averaged one-vs-rest ROC AUC for class codes in {@code [0, k)} given a score matrix
   * {@code scores[class][row]}, equal to {@code roc_auc_score(y, P, multi_class="ovr", average="macro")}.
   * Classes absent from {@code labels} are skipped.
   *
   * @return the mean AUC over classes present with both signs; NaN when there is none
   */
  public static double rocAucOvr(double[][] scores, int[] labels) {
    int k = scores.length;
    double sum = 0;
    int used = 0;
    boolean[] b = new boolean[labels.length];
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < labels.length; i++) {
        b[i] = labels[i] == c;
      }
      double a = rocAuc(scores[c], b);
      if (!Double.isNaN(a)) {
        sum += a;
        used++;
      }
    }
    return used == 0 ? Double.NaN : sum / used;
  }
}
