package dev.vigil.drift.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.drift.OnlineDetector;

/** Drift Detection Method on a 0/1 error stream (1 = error). */
public final class Ddm implements OnlineDetector {
  private final int warmStart;
  private final double driftThreshold;
  private long n;
  private double p;
  private double pMin;
  private double sMin;
  private boolean fired;

  public Ddm(int warmStart, double driftThreshold) {
    this.warmStart = warmStart;
    this.driftThreshold = driftThreshold;
    reset();
  }

  private void reset() {
    n = 0;
    p = 0;
    pMin = Double.POSITIVE_INFINITY;
    sMin = Double.POSITIVE_INFINITY;
    fired = false;
  }

  @Override
  public String name() {
    return "ddm";
  }

  @Override
  public boolean update(double x) {
    InvalidArgumentException.check(x == 0 || x == 1, "ddm expects 0/1 error indicators: %s", x);
    if (fired) {
      reset();
    }
    n++;
    p += (x - p) / n;
    double s = Math.sqrt(p * (1 - p) / n);
    if (n < warmStart) {
      return false;
    }
    if (p + s <= pMin + sMin) {
      pMin = p;
      sMin = s;
    }
    fired = p + s > pMin + driftThreshold * sMin;
    return fired;
  }
}
