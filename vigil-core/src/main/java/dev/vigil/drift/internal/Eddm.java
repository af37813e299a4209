package dev.vigil.drift.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.drift.OnlineDetector;

/** Early Drift Detection Method: the distance between consecutive errors of a 0/1 stream. */
public final class Eddm implements OnlineDetector {
  private final int warmStart;
  private final double beta;
  private long index;
  private long lastError;
  private long errors;
  private double mean;
  private double m2;
  private double maxScore;
  private boolean fired;

  public Eddm(int warmStart, double beta) {
    this.warmStart = warmStart;
    this.beta = beta;
    reset();
  }

  private void reset() {
    index = 0;
    lastError = 0;
    errors = 0;
    mean = 0;
    m2 = 0;
    maxScore = 0;
    fired = false;
  }

  @Override
  public String name() {
    return "eddm";
  }

  @Override
  public boolean update(double x) {
    InvalidArgumentException.check(x == 0 || x == 1, "eddm expects 0/1 error indicators: %s", x);
    if (fired) {
      reset();
    }
    index++;
    if (x == 0) {
      return false;
    }
    double dist = index - lastError;
    lastError = index;
    errors++;
    double d = dist - mean;
    mean += d / errors;
    m2 += d * (dist - mean);
    double score = mean + 2 * Math.sqrt(m2 / errors);
    if (errors < warmStart) {
      maxScore = Math.max(maxScore, score);
      return false;
    }
    if (score > maxScore) {
      maxScore = score;
      return false;
    }
    fired = score / maxScore < beta;
    return fired;
  }
}
