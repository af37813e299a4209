package dev.vigil.tracking;

import dev.vigil.InvalidArgumentException;
import java.time.Instant;

/**
 * One logged value of a metric.
 *
 * @param key metric name, non-empty
 * @param value its value; NaN and infinities are stored as given
 * @param step training step (0 when there is none)
 * @param timestamp when it was measured
 */
public record Metric(String key, double value, long step, Instant timestamp) {
  public Metric {
    InvalidArgumentException.check(key != null && !key.isBlank(), "metric key must be non-empty: '%s'", key);
  }
}
