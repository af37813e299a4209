package dev.vigil.leakage;

import dev.vigil.InvalidArgumentException;
import java.util.Locale;
import java.util.Objects;

/**
 * One statistic a preprocessing step fitted (a scaler's mean, an imputer's median, ...), as recorded
 * in a pipeline's provenance, for the {@code preprocessing-leak} check: if the value matches the
 * statistic of train + test better than that of train alone, the step saw the test rows.
 *
 * @param feature the column the statistic was fitted on
 * @param statistic which statistic
 * @param value the fitted value (finite)
 */
public record FittedStatistic(String feature, Statistic statistic, double value) {
  /** Statistics a preprocessing step fits on one numeric column (missing values ignored). */
  public enum Statistic {
    /** Arithmetic mean (standard scaler, mean imputer). */
    MEAN,
    /** Population standard deviation (standard scaler). */
    STD,
    /** Minimum (min-max scaler). */
    MIN,
    /** Maximum (min-max scaler). */
    MAX,
    /** Median, the lower middle value for an even count's average (median imputer). */
    MEDIAN;

    /** Parses a name case-insensitively ({@code mean}, {@code std}, {@code min}, {@code max}, {@code median}). */
    public static Statistic parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new InvalidArgumentException("fitted statistic must be mean, std, min, max or median: " + s, e);
      }
    }
  }

  public FittedStatistic {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(statistic, "statistic");
    InvalidArgumentException.check(Double.isFinite(value), "fitted %s of %s must be finite: %s",
        statistic, feature, value);
  }
}
