package dev.vigil.tracking;

import dev.vigil.InvalidArgumentException;
import java.util.List;
import java.util.Optional;

/**
 * A page of a run search.
 *
 * <p>Order: by the latest value of {@code orderByMetric} (ties broken by the run's internal key in
 * the same direction), runs without that metric after all runs with it; or, with no order metric,
 * newest first by start time (ties broken the same way). Pages are fetched by keyset (seek)
 * pagination: each page starts after the last row of the previous one, named by the opaque
 * {@link RunPage#nextPageToken() page token}, so a deep page costs what the first one does, and a
 * run logged or deleted between two page requests never makes another run appear twice or be
 * skipped.
 *
 * @param experimentIds experiments to search (empty: all)
 * @param metricFilter keep runs whose latest value of a metric satisfies a comparison
 * @param orderByMetric order by the latest value of this metric (runs without it come last); empty:
 *     newest first by start time
 * @param ascending order direction for {@code orderByMetric}
 * @param maxResults page size in [1, 10000]
 * @param pageToken where the page starts: empty for the first page, else a
 *     {@link RunPage#nextPageToken()} returned by the same search (same experiments, filter and
 *     order; the page size may change). A token that is malformed or was issued for another search
 *     is refused with {@link InvalidArgumentException}.
 */
public record RunQuery(List<Long> experimentIds, Optional<MetricFilter> metricFilter, Optional<String> orderByMetric,
    boolean ascending, int maxResults, Optional<String> pageToken) {
  public RunQuery {
    experimentIds = List.copyOf(experimentIds);
    InvalidArgumentException.check(maxResults >= 1 && maxResults <= 10_000, "maxResults must be in [1, 10000]: %s", maxResults);
    pageToken = pageToken.filter(t -> !t.isEmpty());
  }

  /** All runs of {@code experimentIds}, newest first, the first 100. */
  public static RunQuery of(List<Long> experimentIds) {
    return new RunQuery(experimentIds, Optional.empty(), Optional.empty(), false, 100, Optional.empty());
  }

  /** This query keeping only runs whose latest {@code metric} satisfies {@code op value}. */
  public RunQuery filter(String metric, String op, double value) {
    return new RunQuery(experimentIds, Optional.of(new MetricFilter(metric, op, value)), orderByMetric, ascending, maxResults, pageToken);
  }

  /** This query ordered by the latest value of {@code metric}. */
  public RunQuery orderBy(String metric, boolean asc) {
    return new RunQuery(experimentIds, metricFilter, Optional.of(metric), asc, maxResults, pageToken);
  }

  /**
   * This query's page of {@code size} runs starting after {@code pageToken}.
   *
   * @param size page size in [1, 10000]
   * @param pageToken a {@link RunPage#nextPageToken()} of this search, or null or empty for the first page
   */
  public RunQuery page(int size, String pageToken) {
    return new RunQuery(experimentIds, metricFilter, orderByMetric, ascending, size, Optional.ofNullable(pageToken));
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
