package dev.vigil.drift.internal;

import dev.vigil.drift.OnlineDetector;

/** Page–Hinkley test on deviations from the running mean, with a forgetting factor, both directions. */
public final class PageHinkley implements OnlineDetector {
  private final int minInstances;
  private final double delta;
  private final double threshold;
  private final double alpha;
  private long n;
  private double mean;
  private double sumUp;
  private double sumDown;
  private double minUp;
  private double maxDown;
  private boolean fired;

  public PageHinkley(int minInstances, double delta, double threshold, double alpha) {
    this.minInstances = minInstances;
    this.delta = delta;
    this.threshold = threshold;
    this.alpha = alpha;
    reset();
  }

  private void reset() {
    n = 0;
    mean = 0;
    sumUp = 0;
    sumDown = 0;
    minUp = Double.POSITIVE_INFINITY;
    maxDown = -1;
    fired = false;
  }

  @Override
  public String name() {
    return "ph";
  }

  @Override
  public boolean update(double x) {
    if (fired) {
      reset();
    }
    n++;
    mean += (x - mean) / n;
    double dev = x - mean;
    sumUp = alpha * sumUp + dev - delta;
    sumDown = alpha * sumDown + dev + delta;
    minUp = Math.min(minUp, sumUp);
    maxDown = Math.max(maxDown, sumDown);
    if (n >= minInstances) {
      fired = sumUp - minUp > threshold || maxDown - sumDown > threshold;
    }
    return fired;
  }
}
