package dev.vigil.leakage;

import dev.vigil.InvalidArgumentException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link Splits#split} divides a table into train and test.
 *
 * @param strategy the kind of split
 * @param testFraction target share of rows in test, in (0, 1)
 * @param seed seed of every random choice
 * @param label the label column (required by {@link Strategy#STRATIFIED_GROUP}; stratifies
 *     {@link Strategy#RANDOM} when given)
 * @param group the group column (required by {@link Strategy#GROUP} and {@link Strategy#STRATIFIED_GROUP})
 * @param time the time column (required by {@link Strategy#TIME})
 * @param gap embargo between the last training time and the first test time ({@link Strategy#TIME}
 *     only), ≥ 0; rows inside the gap are dropped
 */
public record SplitOptions(Strategy strategy, double testFraction, long seed, Optional<String> label,
    Optional<String> group, Optional<String> time, Duration gap) {
  /** Split strategies. */
  public enum Strategy {
    /** Rows shuffled with the seed; stratified by the label when one is given. */
    RANDOM,
    /** Whole groups to one side: no group in both. */
    GROUP,
    /** Whole groups to one side, chosen so each class's share in test is close to the target fraction. */
    STRATIFIED_GROUP,
    /** Every test row is later than every training row (plus the gap). */
    TIME;

    /** Parses {@code random}, {@code group}, {@code stratified-group} or {@code time}. */
    public static Strategy parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (RuntimeException e) {
        throw new InvalidArgumentException("split strategy must be random, group, stratified-group or time: " + s, e);
      }
    }

    /** The lower-case, hyphenated name. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public SplitOptions {
    InvalidArgumentException.check(strategy != null, "split strategy must be given");
    InvalidArgumentException.check(testFraction > 0 && testFraction < 1, "test fraction must be in (0, 1): %s", testFraction);
    label = label == null ? Optional.empty() : label;
    group = group == null ? Optional.empty() : group;
    time = time == null ? Optional.empty() : time;
    gap = gap == null ? Duration.ZERO : gap;
    InvalidArgumentException.check(!gap.isNegative(), "gap must be >= 0: %s", gap);
    switch (strategy) {
      case GROUP -> InvalidArgumentException.check(group.isPresent(), "a group split needs a group column");
      case STRATIFIED_GROUP -> InvalidArgumentException.check(group.isPresent() && label.isPresent(),
          "a stratified-group split needs a group column and a label column");
      case TIME -> InvalidArgumentException.check(time.isPresent(), "a time split needs a time column");
      default -> { }
    }
    InvalidArgumentException.check(strategy == Strategy.TIME || gap.isZero(), "a gap applies only to a time split: %s", gap);
  }

  /** Random split, stratified by {@code label} when not null. */
  public static SplitOptions random(double testFraction, long seed, String label) {
    return new SplitOptions(Strategy.RANDOM, testFraction, seed, Optional.ofNullable(label), Optional.empty(),
        Optional.empty(), Duration.ZERO);
  }

  /** Group split. */
  public static SplitOptions group(double testFraction, long seed, String group) {
    return new SplitOptions(Strategy.GROUP, testFraction, seed, Optional.empty(), Optional.of(group), Optional.empty(),
        Duration.ZERO);
  }

  /** Stratified group split. */
  public static SplitOptions stratifiedGroup(double testFraction, long seed, String group, String label) {
    return new SplitOptions(Strategy.STRATIFIED_GROUP, testFraction, seed, Optional.of(label), Optional.of(group),
        Optional.empty(), Duration.ZERO);
  }

  /** Time split with an embargo {@code gap}. */
  public static SplitOptions time(double testFraction, String time, Duration gap) {
    return new SplitOptions(Strategy.TIME, testFraction, 0, Optional.empty(), Optional.empty(), Optional.of(time), gap);
  }

  /** Flat description for provenance. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("strategy", strategy.jsonName());
    m.put("test_fraction", testFraction);
    m.put("seed", seed);
    label.ifPresent(v -> m.put("label", v));
    group.ifPresent(v -> m.put("group", v));
    time.ifPresent(v -> m.put("time", v));
    if (strategy == Strategy.TIME) {
      m.put("gap", gap.toString());
    }
    return m;
  }
}
