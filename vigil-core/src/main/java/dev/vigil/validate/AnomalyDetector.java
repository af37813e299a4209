package dev.vigil.validate;

import dev.vigil.InvalidArgumentException;
import dev.vigil.validate.internal.HoltWinters;
import java.util.List;
import java.util.Locale;

/**
 * Judges whether a metric's new value is anomalous given its accepted history (oldest first) and a
 * baseline (the pinned value, or else the last accepted one; see {@link MetricHistory}). With too
 * little history a detector never flags (it says so in the explanation).
 */
public interface AnomalyDetector {
  /** The verdict on {@code value}; {@code history} holds accepted values only, oldest first. */
  AnomalyResult judge(List<Double> history, double baseline, double value);

  /** Change from the baseline must lie in [-{@code maxDecrease}, {@code maxIncrease}] (absolute units; null: unbounded). */
  static AnomalyDetector absoluteChange(Double maxDecrease, Double maxIncrease) {
    InvalidArgumentException.check(maxDecrease == null || maxDecrease >= 0, "maxDecrease must be >= 0: %s", maxDecrease);
    InvalidArgumentException.check(maxIncrease == null || maxIncrease >= 0, "maxIncrease must be >= 0: %s", maxIncrease);
    String name = String.format(Locale.ROOT, "absolute_change(max_decrease=%s, max_increase=%s)", maxDecrease, maxIncrease);
    return (history, baseline, value) -> {
      if (Double.isNaN(baseline)) {
        return new AnomalyResult(false, value, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, name, "no baseline yet");
      }
      double lo = maxDecrease == null ? Double.NEGATIVE_INFINITY : baseline - maxDecrease;
      double hi = maxIncrease == null ? Double.POSITIVE_INFINITY : baseline + maxIncrease;
      boolean bad = value < lo || value > hi;
      return new AnomalyResult(bad, value, baseline, lo, hi, name, String.format(Locale.ROOT,
          "value %s changed by %s from the baseline %s (allowed [%s, %s])", f(value), f(value - baseline), f(baseline), f(lo), f(hi)));
    };
  }

  /**
   * The ratio value/baseline must lie in [1 - {@code maxDecrease}, 1 + {@code maxIncrease}]; e.g.
   * {@code relativeChange(0.3, 0.5)} flags a daily file with 40% fewer rows than the baseline.
   */
  static AnomalyDetector relativeChange(Double maxDecrease, Double maxIncrease) {
    InvalidArgumentException.check(maxDecrease == null || (maxDecrease >= 0 && maxDecrease <= 1), "maxDecrease must be in [0, 1]: %s", maxDecrease);
    InvalidArgumentException.check(maxIncrease == null || maxIncrease >= 0, "maxIncrease must be >= 0: %s", maxIncrease);
    String name = String.format(Locale.ROOT, "relative_change(max_decrease=%s, max_increase=%s)", maxDecrease, maxIncrease);
    return (history, baseline, value) -> {
      if (Double.isNaN(baseline) || baseline == 0) {
        return new AnomalyResult(false, value, baseline, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, name,
            Double.isNaN(baseline) ? "no baseline yet" : "baseline is 0: relative change undefined");
      }
      double a = Math.abs(baseline);
      double lo = maxDecrease == null ? Double.NEGATIVE_INFINITY : baseline - maxDecrease * a;
      double hi = maxIncrease == null ? Double.POSITIVE_INFINITY : baseline + maxIncrease * a;
      boolean bad = value < lo || value > hi;
      double pct = (value - baseline) / a * 100;
      return new AnomalyResult(bad, value, baseline, lo, hi, name, String.format(Locale.ROOT,
          "value %s is %.1f%% %s the baseline %s (allowed -%s%% / +%s%%)", f(value), Math.abs(pct), pct < 0 ? "below" : "above",
          f(baseline), maxDecrease == null ? "inf" : f(maxDecrease * 100), maxIncrease == null ? "inf" : f(maxIncrease * 100)));
    };
  }

  /** Batch normal: |value - mean| <= z * std of the whole accepted history (needs 3 points). */
  static AnomalyDetector batchNormal(double z) {
    InvalidArgumentException.check(z > 0, "z must be > 0: %s", z);
    String name = String.format(Locale.ROOT, "batch_normal(z=%s)", z);
    return (history, baseline, value) -> {
      if (history.size() < 3) {
        return new AnomalyResult(false, value, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, name,
            "history too short (" + history.size() + " < 3)");
      }
      double mean = history.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double ss = 0;
      for (double h : history) {
        ss += (h - mean) * (h - mean);
      }
      double std = Math.sqrt(ss / (history.size() - 1));
      return band(name, value, mean, std, z, "mean of " + history.size() + " accepted runs");
    };
  }

  /**
   * Online normal (as Deequ's): a running mean and variance over the history in order, where values
   * that were themselves anomalous (beyond {@code z} standard deviations once {@code warmUp} points
   * were seen) do not update the statistics.
   */
  static AnomalyDetector onlineNormal(double z, int warmUp) {
    InvalidArgumentException.check(z > 0, "z must be > 0: %s", z);
    InvalidArgumentException.check(warmUp >= 2, "warmUp must be >= 2: %d", warmUp);
    String name = String.format(Locale.ROOT, "online_normal(z=%s, warm_up=%d)", z, warmUp);
    return (history, baseline, value) -> {
      long n = 0;
      double mean = 0;
      double m2 = 0;
      for (double h : history) {
        if (n >= warmUp) {
          double std = Math.sqrt(m2 / (n - 1));
          if (Math.abs(h - mean) > z * std) {
            continue;
          }
        }
        n++;
        double d = h - mean;
        mean += d / n;
        m2 += d * (h - mean);
      }
      if (n < warmUp) {
        return new AnomalyResult(false, value, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, name,
            "history too short (" + n + " < " + warmUp + ")");
      }
      return band(name, value, mean, Math.sqrt(m2 / (n - 1)), z, "running mean of " + n + " normal runs");
    };
  }

  /**
   * Additive Holt–Winters with season length {@code period}: level, trend and seasonal smoothing
   * parameters are fitted to the history by minimising the one-step-ahead squared error; the new
   * value is anomalous when it lies more than {@code z} residual standard deviations from the
   * forecast. Needs at least two full seasons of history.
   */
  static AnomalyDetector holtWinters(int period, double z) {
    InvalidArgumentException.check(period >= 2, "period must be >= 2: %d", period);
    InvalidArgumentException.check(z > 0, "z must be > 0: %s", z);
    String name = String.format(Locale.ROOT, "holt_winters(period=%d, z=%s)", period, z);
    return (history, baseline, value) -> {
      if (history.size() < 2 * period + 1) {
        return new AnomalyResult(false, value, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, name,
            "history too short (" + history.size() + " < " + (2 * period + 1) + ")");
      }
      HoltWinters.Fit fit = HoltWinters.fit(history.stream().mapToDouble(Double::doubleValue).toArray(), period);
      AnomalyResult r = band(name, value, fit.forecast(), fit.residualStd(), z, String.format(Locale.ROOT,
          "forecast (alpha=%.3f, beta=%.3f, gamma=%.3f)", fit.alpha(), fit.beta(), fit.gamma()));
      return r;
    };
  }

  private static AnomalyResult band(String name, double value, double center, double std, double z, String what) {
    double lo = center - z * std;
    double hi = center + z * std;
    boolean bad = value < lo || value > hi;
    double dev = std > 0 ? (value - center) / std : (value == center ? 0 : Double.POSITIVE_INFINITY);
    return new AnomalyResult(bad, value, center, lo, hi, name, String.format(Locale.ROOT,
        "value %s is %.2f standard deviations from the %s %s (allowed %s)", f(value), dev, what, f(center), f(z)));
  }

  private static String f(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }

  /**
   * Parses a detector spec: {@code relative:0.3,0.5}, {@code absolute:100,100}, {@code zscore:3},
   * {@code online:3,5}, {@code holt-winters:7,3} (period, z). An empty bound ({@code relative:,0.5}) is unbounded.
   *
   * @throws InvalidArgumentException naming the spec and the accepted forms
   */
  static AnomalyDetector parse(String spec) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    int colon = s.indexOf(':');
    String kind = colon < 0 ? s : s.substring(0, colon);
    String[] a = colon < 0 ? new String[0] : s.substring(colon + 1).split(",", -1);
    try {
      return switch (kind) {
        case "relative" -> relativeChange(opt(a, 0, 0.3), opt(a, 1, null));
        case "absolute" -> absoluteChange(opt(a, 0, null), opt(a, 1, null));
        case "zscore", "batch-normal" -> batchNormal(opt(a, 0, 3.0));
        case "online", "online-normal" -> onlineNormal(opt(a, 0, 3.0), a.length > 1 ? Integer.parseInt(a[1].trim()) : 5);
        case "holt-winters", "holtwinters" -> holtWinters(a.length > 0 ? Integer.parseInt(a[0].trim()) : 7, a.length > 1 ? Double.parseDouble(a[1].trim()) : 3.0);
        default -> throw new InvalidArgumentException("unknown anomaly detector \"" + spec
            + "\": expected relative:DEC,INC, absolute:DEC,INC, zscore:Z, online:Z,WARMUP or holt-winters:PERIOD,Z");
      };
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("anomaly detector \"" + spec + "\": parameters must be numbers", e);
    }
  }

  private static Double opt(String[] a, int i, Double dflt) {
    if (i >= a.length) {
      return dflt;
    }
    return a[i].isBlank() ? null : Double.parseDouble(a[i].trim());
  }
}
