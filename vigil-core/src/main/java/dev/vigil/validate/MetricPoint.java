package dev.vigil.validate;

import dev.vigil.InvalidArgumentException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One run's value of one metric of a dataset.
 *
 * @param dataset dataset name, e.g. {@code daily_orders}
 * @param metric metric name, e.g. {@code rows} or {@code amount.mean}
 * @param time when the run happened (from the caller's {@link java.time.Clock})
 * @param value the value (finite)
 * @param tags free key/value tags that further key the series (e.g. {@code region=eu}), sorted
 * @param accepted whether the run was accepted; rejected runs never become a baseline or history
 */
public record MetricPoint(String dataset, String metric, Instant time, double value, Map<String, String> tags, boolean accepted) {
  public MetricPoint {
    InvalidArgumentException.check(dataset != null && !dataset.isBlank(), "a metric point needs a dataset");
    InvalidArgumentException.check(metric != null && !metric.isBlank(), "a metric point needs a metric name");
    Objects.requireNonNull(time, "time");
    InvalidArgumentException.check(Double.isFinite(value), "metric %s of %s: value must be finite: %s", metric, dataset, value);
    tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
  }
}
