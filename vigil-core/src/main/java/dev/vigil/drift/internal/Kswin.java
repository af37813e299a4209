package dev.vigil.drift.internal;

import dev.vigil.drift.OnlineDetector;
import dev.vigil.stats.TestResult;
import dev.vigil.stats.TwoSampleTests;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/** Kolmogorov–Smirnov WINdowing: a random sample of the older part of a sliding window against its newest part. */
public final class Kswin implements OnlineDetector {
  private final double alpha;
  private final int windowSize;
  private final int statSize;
  private final SplittableRandom rng;
  private final ArrayDeque<Double> window = new ArrayDeque<>();
  private boolean fired;

  public Kswin(double alpha, int windowSize, int statSize, long seed) {
    this.alpha = alpha;
    this.windowSize = windowSize;
    this.statSize = statSize;
    this.rng = new SplittableRandom(seed);
  }

  @Override
  public String name() {
    return "kswin";
  }

  @Override
  public boolean update(double x) {
    if (fired) {
      fired = false;
      while (window.size() > statSize) {
        window.pollFirst();
      }
    }
    window.addLast(x);
    if (window.size() > windowSize) {
      window.pollFirst();
    }
    if (window.size() < windowSize) {
      return false;
    }
    Double[] w = window.toArray(new Double[0]);
    int older = windowSize - statSize;
    int[] idx = new int[older];
    for (int i = 0; i < older; i++) {
      idx[i] = i;
    }
    double[] sample = new double[statSize];
    for (int i = 0; i < statSize; i++) {
      int j = i + rng.nextInt(older - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      sample[i] = w[idx[i]];
    }
    double[] recent = new double[statSize];
    for (int i = 0; i < statSize; i++) {
      recent[i] = w[older + i];
    }
    TestResult r = TwoSampleTests.kolmogorovSmirnov(sample, recent);
    fired = r.pValue() <= alpha && r.statistic() > 0.1;
    return fired;
  }
}
