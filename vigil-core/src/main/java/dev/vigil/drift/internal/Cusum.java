package dev.vigil.drift.internal;

import dev.vigil.drift.OnlineDetector;

/** Two-sided tabular CUSUM on values standardised by a warm-up estimate of mean and standard deviation. */
public final class Cusum implements OnlineDetector {
  private final int warmup;
  private final double k;
  private final double h;
  private long n;
  private double mean;
  private double m2;
  private double sd;
  private double up;
  private double down;
  private boolean fired;

  public Cusum(int warmup, double k, double h) {
    this.warmup = warmup;
    this.k = k;
    this.h = h;
    reset();
  }

  private void reset() {
    n = 0;
    mean = 0;
    m2 = 0;
    sd = 0;
    up = 0;
    down = 0;
    fired = false;
  }

  @Override
  public String name() {
    return "cusum";
  }

  @Override
  public boolean update(double x) {
    if (fired) {
      reset();
    }
    n++;
    if (n <= warmup) {
      double d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
      if (n == warmup) {
        sd = Math.sqrt(m2 / (n - 1));
        if (sd == 0) {
          sd = Math.max(Math.abs(mean) * 1e-3, 1e-12);
        }
      }
      return false;
    }
    double z = (x - mean) / sd;
    up = Math.max(0, up + z - k);
    down = Math.max(0, down - z - k);
    fired = up > h || down > h;
    return fired;
  }
}
