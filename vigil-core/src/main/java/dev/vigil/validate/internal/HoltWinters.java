package dev.vigil.validate.internal;

/**
 * Additive Holt–Winters smoothing with parameters fitted by minimising the one-step-ahead sum of
 * squared errors: a coarse grid over (alpha, beta, gamma) in (0, 1)^3, then coordinate refinement.
 * Initial level, trend and seasonal terms come from the first two seasons (Hyndman's classical
 * initialisation).
 */
public final class HoltWinters {
  private HoltWinters() {}

  /** A fitted model: parameters, the forecast of the next value and the residual standard deviation. */
  public record Fit(double alpha, double beta, double gamma, double forecast, double residualStd, double sse) {}

  /** Fits {@code y} (at least two seasons plus one value) with season length {@code period}. */
  public static Fit fit(double[] y, int period) {
    double[] grid = {0.05, 0.2, 0.4, 0.6, 0.8, 0.95};
    double[] best = {0.5, 0.1, 0.1};
    double bestSse = Double.POSITIVE_INFINITY;
    for (double a : grid) {
      for (double b : grid) {
        for (double g : grid) {
          double sse = run(y, period, a, b, g)[0];
          if (sse < bestSse) {
            bestSse = sse;
            best = new double[] {a, b, g};
          }
        }
      }
    }
    double step = 0.1;
    while (step > 1e-3) {
      boolean improved = false;
      for (int k = 0; k < 3; k++) {
        for (double d : new double[] {-step, step}) {
          double[] cand = best.clone();
          cand[k] = Math.min(0.999, Math.max(0.001, cand[k] + d));
          double sse = run(y, period, cand[0], cand[1], cand[2])[0];
          if (sse < bestSse) {
            bestSse = sse;
            best = cand;
            improved = true;
          }
        }
      }
      if (!improved) {
        step /= 2;
      }
    }
    double[] r = run(y, period, best[0], best[1], best[2]);
    int fitted = y.length - period;
    return new Fit(best[0], best[1], best[2], r[1], Math.sqrt(r[0] / Math.max(1, fitted - 3)), r[0]);
  }

  /** Returns {sse, next forecast}. */
  static double[] run(double[] y, int m, double alpha, double beta, double gamma) {
    double mean1 = 0;
    double mean2 = 0;
    for (int i = 0; i < m; i++) {
      mean1 += y[i];
      mean2 += y[m + i];
    }
    mean1 /= m;
    mean2 /= m;
    double level = mean1;
    double trend = (mean2 - mean1) / m;
    double[] season = new double[m];
    for (int i = 0; i < m; i++) {
      season[i] = y[i] - mean1;
    }
    double sse = 0;
    for (int t = m; t < y.length; t++) {
      int s = t % m;
      double forecast = level + trend + season[s];
      double err = y[t] - forecast;
      sse += err * err;
      double prevLevel = level;
      level = alpha * (y[t] - season[s]) + (1 - alpha) * (level + trend);
      trend = beta * (level - prevLevel) + (1 - beta) * trend;
      season[s] = gamma * (y[t] - level) + (1 - gamma) * season[s];
    }
    return new double[] {sse, level + trend + season[y.length % m]};
  }
}
