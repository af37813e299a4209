package dev.vigil.leakage;

import dev.vigil.InvalidArgumentException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

  /**
   * The statistics recorded in a fitted feature pipeline's JSON layout (format_version 1:
   * {@code {"inputs":[..], "steps":[{"op","column","options":{..},"params":{..}}]}}, as written by
   * {@code dev.vigil.pipeline.FeaturePipeline#toMap}): numeric {@code impute} with strategy
   * {@code mean}/{@code median} gives MEAN/MEDIAN; {@code scale} {@code standard} gives MEAN and STD,
   * {@code minmax} gives MIN and MAX. Only each column's first step counts, because later steps were
   * fitted on already-transformed values; other steps are ignored.
   *
   * @throws InvalidArgumentException when the layout is not format_version 1
   */
  @SuppressWarnings("unchecked")
  public static List<FittedStatistic> fromPipeline(Map<String, ?> pipeline) {
    Object v = pipeline.get("format_version");
    InvalidArgumentException.check(v instanceof Number n && n.intValue() == 1,
        "feature pipeline format_version must be 1: %s", v);
    Object steps = pipeline.get("steps");
    InvalidArgumentException.check(steps instanceof List, "feature pipeline must have a steps list");
    List<FittedStatistic> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Object o : (List<Object>) steps) {
      InvalidArgumentException.check(o instanceof Map, "feature pipeline step must be an object: %s", o);
      Map<String, Object> st = (Map<String, Object>) o;
      String column = String.valueOf(st.get("column"));
      String op = String.valueOf(st.get("op"));
      Map<String, Object> options = (Map<String, Object>) st.getOrDefault("options", Map.of());
      Map<String, Object> params = (Map<String, Object>) st.getOrDefault("params", Map.of());
      if (!seen.add(column)) {
        continue;
      }
      if (op.equals("impute") && params.get("value") instanceof Number value) {
        String strategy = String.valueOf(options.getOrDefault("strategy", "median"));
        if (strategy.equals("mean")) {
          out.add(new FittedStatistic(column, Statistic.MEAN, value.doubleValue()));
        } else if (strategy.equals("median")) {
          out.add(new FittedStatistic(column, Statistic.MEDIAN, value.doubleValue()));
        }
      } else if (op.equals("scale") && params.get("center") instanceof Number c && params.get("scale") instanceof Number sc) {
        if (String.valueOf(options.getOrDefault("method", "standard")).equals("minmax")) {
          out.add(new FittedStatistic(column, Statistic.MIN, c.doubleValue()));
          out.add(new FittedStatistic(column, Statistic.MAX, c.doubleValue() + sc.doubleValue()));
        } else {
          out.add(new FittedStatistic(column, Statistic.MEAN, c.doubleValue()));
          out.add(new FittedStatistic(column, Statistic.STD, sc.doubleValue()));
        }
      }
    }
    return out;
  }
}
