package dev.vigil.serving;

/**
 * How two models' outputs on the same rows compare: the one definition of agreement and score
 * difference that the router's statistics ({@link RouterStats#shadowAgreement()}, the canary's
 * disagreement gate) and the metrics built on {@link ServingListener#onShadowCompared} all use.
 *
 * <p>A row <b>agrees</b> when both outputs have the same width and:
 *
 * <ul>
 *   <li>for several outputs, the index of the largest output is equal ({@link Predictions#argmax},
 *       lowest index on ties);
 *   <li>for one {@link Signature.OutputKind#SCORE} or {@link Signature.OutputKind#PROBABILITIES}
 *       output, both are on the same side of 0.5 (0.5 counts as positive);
 *   <li>for one {@link Signature.OutputKind#REGRESSION} output, |a − b| ≤
 *       {@value #REGRESSION_RELATIVE_TOLERANCE} · max(1, |a|), where {@code a} is the served value: a
 *       regression has no decision to compare, so agreement means the same answer up to rounding.
 * </ul>
 *
 * The <b>score difference</b> of a row is |a − b| of the last output (the positive-class probability
 * of a binary classifier, the value of a regressor).
 *
 * @param rows rows compared, at least 0
 * @param agreeingRows rows that agree, in [0, rows]
 * @param absScoreDifferenceSum sum over the rows of the score difference
 */
public record OutputComparison(int rows, int agreeingRows, double absScoreDifferenceSum) {
  /** Relative tolerance under which two regression outputs agree. */
  public static final double REGRESSION_RELATIVE_TOLERANCE = 1e-6;

  /**
   * Compares {@code served} with {@code other} row by row; {@code kind} is what the outputs mean.
   *
   * @throws IllegalArgumentException when the two have different row counts
   */
  public static OutputComparison of(Signature.OutputKind kind, Predictions served, Predictions other) {
    if (served.rows() != other.rows()) {
      throw new IllegalArgumentException("cannot compare " + served + " with " + other);
    }
    int agree = 0;
    double diff = 0;
    for (int i = 0; i < served.rows(); i++) {
      if (agree(kind, served, other, i)) {
        agree++;
      }
      diff += scoreDifference(served, other, i);
    }
    return new OutputComparison(served.rows(), agree, diff);
  }

  /** Whether row {@code row} of {@code served} and {@code other} agree (see the class comment). */
  public static boolean agree(Signature.OutputKind kind, Predictions served, Predictions other, int row) {
    if (served.width() != other.width()) {
      return false;
    }
    if (served.width() > 1) {
      return served.argmax(row) == other.argmax(row);
    }
    double x = served.value(row, 0);
    double y = other.value(row, 0);
    if (kind == Signature.OutputKind.REGRESSION) {
      return Math.abs(x - y) <= REGRESSION_RELATIVE_TOLERANCE * Math.max(1, Math.abs(x));
    }
    return (x >= 0.5) == (y >= 0.5);
  }

  /** |a − b| of the last output of row {@code row}. */
  public static double scoreDifference(Predictions served, Predictions other, int row) {
    return Math.abs(score(served, row) - score(other, row));
  }

  /** The last output of row {@code row}: the score compared and tested for drift. */
  public static double score(Predictions p, int row) {
    return p.value(row, p.width() - 1);
  }

  /** Whether every row agrees (true for zero rows). */
  public boolean allAgree() {
    return agreeingRows == rows;
  }

  /** The mean score difference, or NaN for zero rows. */
  public double meanScoreDifference() {
    return rows == 0 ? Double.NaN : absScoreDifferenceSum / rows;
  }
}
