package dev.vigil.drift.internal;

import dev.vigil.drift.OnlineDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * ADWIN with an exponential histogram of buckets: level i holds up to maxBuckets buckets of 2^i
 * values (total and variance each); the window is cut where the means of the older and newer parts
 * differ by more than the Hoeffding-style bound epsilon_cut, checked every {@code clock} values.
 */
public final class Adwin implements OnlineDetector {
  private final double delta;
  private final int clock;
  private final int maxBuckets;
  private final int minWindow;
  private final int grace;

  private List<Level> levels;
  private double total;
  private double variance;
  private double width;
  private long tick;
  private boolean fired;

  private static final class Level {
    final double[] totals;
    final double[] variances;
    int size;

    Level(int cap) {
      totals = new double[cap + 1];
      variances = new double[cap + 1];
    }

    void insert(double t, double v) {
      totals[size] = t;
      variances[size] = v;
      size++;
    }

    void drop(int n) {
      System.arraycopy(totals, n, totals, 0, size - n);
      System.arraycopy(variances, n, variances, 0, size - n);
      for (int i = size - n; i < size; i++) {
        totals[i] = 0;
        variances[i] = 0;
      }
      size -= n;
    }
  }

  public Adwin(double delta, int clock, int maxBuckets, int minWindow, int grace) {
    this.delta = delta;
    this.clock = clock;
    this.maxBuckets = maxBuckets;
    this.minWindow = minWindow;
    this.grace = grace;
    reset();
  }

  private void reset() {
    levels = new ArrayList<>();
    levels.add(new Level(maxBuckets));
    total = 0;
    variance = 0;
    width = 0;
    tick = 0;
    fired = false;
  }

  @Override
  public String name() {
    return "adwin";
  }

  @Override
  public boolean update(double x) {
    if (fired) {
      reset();
    }
    insert(x);
    fired = detect();
    return fired;
  }

  private void insert(double x) {
    levels.get(0).insert(x, 0.0);
    width += 1;
    if (width > 1) {
      double d = x - total / (width - 1);
      variance += (width - 1) * d * d / width;
    }
    total += x;
    compress();
  }

  private void compress() {
    for (int idx = 0; idx < levels.size(); idx++) {
      Level b = levels.get(idx);
      if (b.size != maxBuckets + 1) {
        break;
      }
      if (idx + 1 == levels.size()) {
        levels.add(new Level(maxBuckets));
      }
      Level next = levels.get(idx + 1);
      double n1 = 1L << idx;
      double mu1 = b.totals[0] / n1;
      double mu2 = b.totals[1] / n1;
      double t12 = b.totals[0] + b.totals[1];
      double v12 = b.variances[0] + b.variances[1] + n1 * 0.5 * (mu1 - mu2) * (mu1 - mu2);
      next.insert(t12, v12);
      b.drop(2);
      if (next.size <= maxBuckets) {
        break;
      }
    }
  }

  private double deleteOldest() {
    int last = levels.size() - 1;
    Level b = levels.get(last);
    double n = 1L << last;
    double u = b.totals[0];
    double mu = u / n;
    double v = b.variances[0];
    width -= n;
    total -= u;
    double muW = total / width;
    variance -= v + n * width * (mu - muW) * (mu - muW) / (n + width);
    b.drop(1);
    if (b.size == 0) {
      levels.remove(last);
    }
    return n;
  }

  private boolean detect() {
    boolean change = false;
    tick++;
    if (tick % clock == 0 && width > grace) {
      boolean reduce = true;
      while (reduce) {
        reduce = false;
        boolean exit = false;
        double n0 = 0;
        double n1 = width;
        double u0 = 0;
        double u1 = total;
        for (int idx = levels.size() - 1; idx >= 0 && !exit; idx--) {
          Level b = levels.get(idx);
          double size = 1L << idx;
          for (int k = 0; k < b.size; k++) {
            n0 += size;
            n1 -= size;
            u0 += b.totals[k];
            u1 -= b.totals[k];
            if (idx == 0 && k == b.size - 1) {
              exit = true;
              break;
            }
            double dMean = u0 / n0 - u1 / n1;
            if (n1 >= minWindow && n0 >= minWindow && cut(n0, n1, dMean)) {
              reduce = true;
              change = true;
              if (width > 0) {
                deleteOldest();
                exit = true;
                break;
              }
            }
          }
        }
      }
    }
    return change;
  }

  private boolean cut(double n0, double n1, double dMean) {
    double dp = Math.log(2 * Math.log(width) / delta);
    double m = 1.0 / (n0 - minWindow + 1) + 1.0 / (n1 - minWindow + 1);
    double eps = Math.sqrt(2 * m * (variance / width) * dp) + 2.0 / 3.0 * dp * m;
    return Math.abs(dMean) > eps;
  }
}
