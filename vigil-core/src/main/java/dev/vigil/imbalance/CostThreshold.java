package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;

/**
 * Cost-sensitive decisions ("threshold moving"): predict the class with the least expected cost
 * instead of the most probable one.
 */
public final class CostThreshold {
  private CostThreshold() {}

  /**
   * The probability threshold above which predicting positive costs less in expectation, for
   * calibrated probabilities: {@code cFP / (cFP + cFN)}.
   *
   * @throws InvalidArgumentException when a cost is negative or not finite, or both are 0
   */
  public static double bayesThreshold(double costFalsePositive, double costFalseNegative) {
    InvalidArgumentException.check(costFalsePositive >= 0 && Double.isFinite(costFalsePositive),
        "false-positive cost must be finite and >= 0: %s", costFalsePositive);
    InvalidArgumentException.check(costFalseNegative >= 0 && Double.isFinite(costFalseNegative),
        "false-negative cost must be finite and >= 0: %s", costFalseNegative);
    InvalidArgumentException.check(costFalsePositive + costFalseNegative > 0, "both costs are 0");
    return costFalsePositive / (costFalsePositive + costFalseNegative);
  }

  /**
   * The class with the least expected cost {@code sum_j p_j cost[j][c]} ({@code cost[j][c]}: cost of
   * predicting c when the truth is j); ties to the lower class.
   */
  public static int decide(double[] probabilities, double[][] cost) {
    int k = probabilities.length;
    InvalidArgumentException.check(cost.length == k, "cost matrix has %d rows, expected %d", cost.length, k);
    int best = 0;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double e = 0;
      for (int j = 0; j < k; j++) {
        e += probabilities[j] * cost[j][c];
      }
      if (e < bestCost) {
        bestCost = e;
        best = c;
      }
    }
    return best;
  }

  /** A threshold chosen on validation data, with its total cost. */
  public record Choice(double threshold, double cost, long falsePositives, long falseNegatives) {}

  /**
   * The score threshold minimising {@code cFP·FP + cFN·FN} on validation scores (predict positive
   * when score >= threshold). Candidates are the distinct scores and +∞ (never positive); ties go to
   * the higher threshold.
   *
   * @param scores scores, higher = more positive; no NaN
   * @param positive true labels
   * @throws InvalidArgumentException on length mismatch, NaN or bad costs
   */
  public static Choice optimise(double[] scores, boolean[] positive, double costFalsePositive,
      double costFalseNegative) {
    bayesThreshold(costFalsePositive, costFalseNegative);
    InvalidArgumentException.check(scores.length == positive.length, "%d scores but %d labels",
        scores.length, positive.length);
    Integer[] order = new Integer[scores.length];
    long pos = 0;
    for (int i = 0; i < scores.length; i++) {
      InvalidArgumentException.check(!Double.isNaN(scores[i]), "score %d is NaN", i);
      order[i] = i;
      if (positive[i]) {
        pos++;
      }
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    long fp = 0;
    long fn = pos;
    Choice best = new Choice(Double.POSITIVE_INFINITY, costFalseNegative * fn, 0, fn);
    for (int i = 0; i < order.length; i++) {
      if (positive[order[i]]) {
        fn--;
      } else {
        fp++;
      }
      if (i + 1 < order.length && scores[order[i + 1]] == scores[order[i]]) {
        continue;
      }
      double cost = costFalsePositive * fp + costFalseNegative * fn;
      if (cost < best.cost()) {
        best = new Choice(scores[order[i]], cost, fp, fn);
      }
    }
    return best;
  }
}
