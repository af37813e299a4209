package dev.vigil.leakage;

import dev.vigil.InvalidArgumentException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A point-in-time (as-of) join of a feature table onto labelled events.
 *
 * @param keys the entity key columns, present under the same names in both tables (at least one)
 * @param eventTime the event (label) time column of the events table
 * @param featureTime the time column of the feature table: when each feature value became known
 * @param ttl the oldest a feature value may be, {@code eventTime - featureTime <= ttl}; empty = no limit
 * @param inclusive false (the default, strict): only feature rows with {@code featureTime < eventTime};
 *     true (Feast's bound): also {@code featureTime == eventTime}, which leaks a value stamped at the label
 *     instant
 * @param prefix prepended to the joined feature column names ("" for none)
 */
public record PitJoinOptions(List<String> keys, String eventTime, String featureTime, Optional<Duration> ttl,
    boolean inclusive, String prefix) {
  public PitJoinOptions {
    InvalidArgumentException.check(keys != null && !keys.isEmpty(), "a point-in-time join needs at least one key column");
    keys = List.copyOf(keys);
    InvalidArgumentException.check(eventTime != null && featureTime != null, "event and feature time columns must be given");
    ttl = ttl == null ? Optional.empty() : ttl;
    ttl.ifPresent(d -> InvalidArgumentException.check(!d.isNegative() && !d.isZero(), "ttl must be > 0: %s", d));
    prefix = prefix == null ? "" : prefix;
  }

  /** Strict join on {@code keys} without a time-to-live or prefix. */
  public static PitJoinOptions of(List<String> keys, String eventTime, String featureTime) {
    return new PitJoinOptions(keys, eventTime, featureTime, Optional.empty(), false, "");
  }

  /** The same join with a time-to-live. */
  public PitJoinOptions withTtl(Duration d) {
    return new PitJoinOptions(keys, eventTime, featureTime, Optional.of(d), inclusive, prefix);
  }

  /** The same join with the inclusive bound. */
  public PitJoinOptions withInclusive(boolean b) {
    return new PitJoinOptions(keys, eventTime, featureTime, ttl, b, prefix);
  }

  /** The same join with a column-name prefix. */
  public PitJoinOptions withPrefix(String p) {
    return new PitJoinOptions(keys, eventTime, featureTime, ttl, inclusive, p);
  }

  /** Flat description for provenance. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keys", String.join(",", keys));
    m.put("event_time", eventTime);
    m.put("feature_time", featureTime);
    m.put("ttl", ttl.map(Duration::toString).orElse("none"));
    m.put("bound", inclusive ? "feature_time <= event_time" : "feature_time < event_time");
    m.put("prefix", prefix);
    return m;
  }
}
