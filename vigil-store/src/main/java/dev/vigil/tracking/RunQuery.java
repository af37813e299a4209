package dev.vigil.tracking;

import dev.vigil.InvalidArgumentException;
import java.util.List;
import java.util.Optional;

/**
 * A page of a run search.
 *
 * @param experimentIds experiments to search (empty: all)
 * @param metricFilter keep runs whose latest value of a metric satisfies a comparison
 * @param orderByMetric order by the latest value of this metric (runs without it come last); empty:
 *     newest first by start time
 * @param ascending order direction for {@code orderByMetric}
 * @param maxResults page size in [1, 10000]
 * @param offset rows to skip, &ge; 0 (the page token)
 */
public record RunQuery(List<Long> experimentIds, Optional<MetricFilter> metricFilter, Optional<String> orderByMetric,
    boolean ascending, int maxResults, long offset) {
  public RunQuery {
    experimentIds = List.copyOf(experimentIds);
    InvalidArgumentException.check(maxResults >= 1 && maxResults <= 10_000, "maxResults must be in [1, 10000]: %s", maxResults);
    InvalidArgumentException.check(offset >= 0, "offset must be >= 0: %s", offset);
  }

  /** All runs of {@code experimentIds}, newest first, 100 per page. */
  public static RunQuery of(List<Long> experimentIds) {
    return new RunQuery(experimentIds, Optional.empty(), Optional.empty(), false, 100, 0);
  }

  public RunQuery filter(String metric, String op, double value) {
    return new RunQuery(experimentIds, Optional.of(new MetricFilter(metric, op, value)), orderByMetric, ascending, maxResults, offset);
  }

  public RunQuery orderBy(String metric, boolean asc) {
    return new RunQuery(experimentIds, metricFilter, Optional.of(metric), asc, maxResults, offset);
  }

  public RunQuery page(int size, long from) {
    return new RunQuery(experimentIds, metricFilter, orderByMetric, ascending, size, from);
  }

  /**
   * A comparison on a metric's latest value.
   *
   * @param metric metric key
   * @param op one of {@code < <= > >= = !=}
   * @param value the right-hand side
   */
  public record MetricFilter(String metric, String op, double value) {
    public MetricFilter {
      InvalidArgumentException.check(List.of("<", "<=", ">", ">=", "=", "!=").contains(op),
          "metric filter operator must be one of < <= > >= = !=: %s", op);
    }
  }
}
