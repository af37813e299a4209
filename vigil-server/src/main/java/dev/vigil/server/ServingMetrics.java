package dev.vigil.server;

import dev.vigil.serving.ModelRef;
import dev.vigil.serving.OutputComparison;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Request;
import dev.vigil.serving.Response;
import dev.vigil.serving.RouterStats;
import dev.vigil.serving.ServingListener;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Serving counters in Prometheus' text format (version 0.0.4). Register it as a listener on every
 * router; {@link #render()} writes:
 *
 * <ul>
 *   <li>{@code vigil_requests_total{model,route}}: answered requests by route;
 *   <li>{@code vigil_request_duration_seconds{model}}: histogram of request latency;
 *   <li>{@code vigil_model_failures_total{model,version}}: calls that threw, timed out, gave invalid
 *       output or met an open circuit (fallbacks follow these);
 *   <li>{@code vigil_shadow_total{model,version,outcome}} with outcome {@code agree} (every row agreed),
 *       {@code disagree} or {@code error}; {@code vigil_shadow_dropped_total{model,version}};
 *   <li>{@code vigil_shadow_rows_total{model,version,outcome}}: compared rows that agreed or disagreed,
 *       by the router's one definition ({@link OutputComparison});
 *   <li>{@code vigil_shadow_score_difference{model,version}}: a summary (sum and count over compared
 *       rows) of the absolute score difference, shadow vs served; mean = sum / count;
 *   <li>{@code vigil_canary_decisions_total{model,version,outcome}}: canary promotions and aborts;
 *   <li>{@code vigil_reload_failures_total{model}}: alias reloads that failed ({@link #reloadFailed}: the
 *       store unreachable or unreadable, a version that would not load) while the loaded versions
 *       kept serving;
 *   <li>with {@link #attachRouter}: {@code vigil_circuit_breaker_state{model,version}} (gauge: 0 closed,
 *       0.5 half-open, 1 open) and {@code vigil_canary_comparisons_dropped_total{model}} (canary
 *       requests not compared with the primary because the canary comparison queue was full);
 *   <li>with {@link #attachLogDrops} and {@link #attachLogSegmentsFailed}:
 *       {@code vigil_prediction_log_dropped_total{model}} (entries the prediction log dropped) and
 *       {@code vigil_prediction_log_segments_failed_total{model}} (segments that could not be written).
 * </ul>
 */
public final class ServingMetrics implements ServingListener {
  static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder[]> histograms = new ConcurrentHashMap<>();
  private final Map<String, double[]> sums = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> shadow = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> shadowDropped = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> canary = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> reloadFailures = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> shadowRows = new ConcurrentHashMap<>();
  private final Map<String, DoubleAdder> shadowDiffSum = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> shadowDiffCount = new ConcurrentHashMap<>();
  private volatile LongSupplier logDropped;
  private volatile LongSupplier logSegmentsFailed;
  private volatile Supplier<RouterStats> router;
  // label sets of the per-request series, built once rather than on every request
  private final String modelKey;
  private final String[] routeKeys;

  /** Metrics for requests to the served model {@code modelName}. */
  public ServingMetrics(String modelName) {
    this.modelKey = labels("model", modelName);
    this.routeKeys = new String[dev.vigil.serving.Route.values().length];
    for (dev.vigil.serving.Route r : dev.vigil.serving.Route.values()) {
      routeKeys[r.ordinal()] = labels("model", modelName, "route", r.jsonName());
    }
    reloadFailures.put(modelKey, new LongAdder());
  }

  /** Counts a failed reload of this model's aliases (the versions already loaded go on serving). */
  public void reloadFailed() {
    reloadFailures.get(modelKey).increment();
  }

  /** Exports the prediction log's drop counter. */
  public void attachLogDrops(LongSupplier dropped) {
    this.logDropped = dropped;
  }

  /** Exports the prediction log's count of segments that could not be written. */
  public void attachLogSegmentsFailed(LongSupplier failed) {
    this.logSegmentsFailed = failed;
  }

  /** Exports the router's circuit-breaker states and canary comparison drops, read at each render. */
  public void attachRouter(Supplier<RouterStats> stats) {
    this.router = stats;
  }

  @Override
  public void onResponse(Request request, Response response) {
    requests.computeIfAbsent(routeKeys[response.route().ordinal()], k -> new LongAdder()).increment();
    String key = modelKey;
    LongAdder[] h = histograms.computeIfAbsent(key, k -> {
      LongAdder[] a = new LongAdder[BUCKETS.length + 1];
      for (int i = 0; i < a.length; i++) {
        a[i] = new LongAdder();
      }
      return a;
    });
    double s = response.latency().toNanos() / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (s <= BUCKETS[i]) {
        h[i].increment();
      }
    }
    h[BUCKETS.length].increment();
    double[] sum = sums.computeIfAbsent(key, k -> new double[1]);
    synchronized (sum) {
      sum[0] += s;
    }
  }

  @Override
  public void onModelFailure(Request request, ModelRef model, String reason) {
    failures.computeIfAbsent(labels("model", model.name(), "version", model.version()), k -> new LongAdder()).increment();
  }

  @Override
  public void onShadow(Request request, ModelRef shadowModel, Predictions out, String error, Response served) {
    if (out == null) {
      shadow.computeIfAbsent(labels("model", shadowModel.name(), "version", shadowModel.version(), "outcome", "error"),
          k -> new LongAdder()).increment();
    }
  }

  @Override
  public void onShadowCompared(Request request, ModelRef shadowModel, OutputComparison c) {
    String m = shadowModel.name();
    String v = shadowModel.version();
    shadow.computeIfAbsent(labels("model", m, "version", v, "outcome", c.allAgree() ? "agree" : "disagree"),
        k -> new LongAdder()).increment();
    shadowRows.computeIfAbsent(labels("model", m, "version", v, "outcome", "agree"), k -> new LongAdder()).add(c.agreeingRows());
    shadowRows.computeIfAbsent(labels("model", m, "version", v, "outcome", "disagree"), k -> new LongAdder())
        .add(c.rows() - c.agreeingRows());
    String key = labels("model", m, "version", v);
    shadowDiffSum.computeIfAbsent(key, k -> new DoubleAdder()).add(c.absScoreDifferenceSum());
    shadowDiffCount.computeIfAbsent(key, k -> new LongAdder()).add(c.rows());
  }

  @Override
  public void onShadowDropped(Request request, ModelRef shadowModel) {
    shadowDropped.computeIfAbsent(labels("model", shadowModel.name(), "version", shadowModel.version()),
        k -> new LongAdder()).increment();
  }

  @Override
  public void onCanaryDecision(dev.vigil.serving.CanaryDecision decision) {
    canary.computeIfAbsent(labels("model", decision.canary().name(), "version", decision.canary().version(),
        "outcome", decision.outcome().name().toLowerCase(Locale.ROOT)), k -> new LongAdder()).increment();
  }

  /** The metrics in Prometheus text format. */
  public String render() {
    return render(java.util.List.of(this));
  }

  /**
   * The metrics of several served models as one Prometheus text page: each metric family once, with
   * one {@code # HELP} and one {@code # TYPE} line, then the series of every model (the text format
   * allows a family's lines only in one group).
   */
  public static String render(java.util.Collection<ServingMetrics> models) {
    java.util.List<ServingMetrics> all = models.stream()
        .sorted(java.util.Comparator.comparing((ServingMetrics m) -> m.modelKey)).toList();
    StringBuilder s = new StringBuilder();
    counter(s, "vigil_requests_total", "Requests answered, by route.", all, m -> m.requests);
    s.append("# HELP vigil_request_duration_seconds Request latency.\n# TYPE vigil_request_duration_seconds histogram\n");
    for (ServingMetrics m : all) {
      m.histograms(s);
    }
    counter(s, "vigil_model_failures_total", "Model calls passed over (threw, deadline, invalid output, open circuit).",
        all, m -> m.failures);
    counter(s, "vigil_shadow_total", "Shadow calls by outcome against the served answer.", all, m -> m.shadow);
    counter(s, "vigil_shadow_dropped_total", "Shadow calls dropped because the shadow queue was full.", all,
        m -> m.shadowDropped);
    counter(s, "vigil_shadow_rows_total", "Rows of successful shadow calls that agreed or disagreed with the served answer.",
        all, m -> m.shadowRows);
    s.append("# HELP vigil_shadow_score_difference Absolute score difference (last output), shadow vs served, per row.\n")
        .append("# TYPE vigil_shadow_score_difference summary\n");
    Map<String, Double> diffSums = new TreeMap<>();
    Map<String, Long> diffCounts = new TreeMap<>();
    for (ServingMetrics m : all) {
      m.shadowDiffSum.forEach((k, v) -> diffSums.merge(k, v.sum(), Double::sum));
      m.shadowDiffCount.forEach((k, v) -> diffCounts.merge(k, v.sum(), Long::sum));
    }
    for (Map.Entry<String, Long> e : diffCounts.entrySet()) {
      s.append("vigil_shadow_score_difference_sum").append(e.getKey()).append(' ')
          .append(fmt(diffSums.getOrDefault(e.getKey(), 0.0))).append('\n');
      s.append("vigil_shadow_score_difference_count").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    counter(s, "vigil_canary_decisions_total", "Canary promotions and aborts.", all, m -> m.canary);
    counter(s, "vigil_reload_failures_total", "Alias reloads that failed; the loaded versions kept serving.", all,
        m -> m.reloadFailures);
    Map<String, String> breakers = new TreeMap<>();
    Map<String, String> canaryDrops = new TreeMap<>();
    Map<String, String> logDrops = new TreeMap<>();
    Map<String, String> logFailed = new TreeMap<>();
    for (ServingMetrics m : all) {
      Supplier<RouterStats> r = m.router;
      if (r != null) {
        RouterStats st = r.get();
        st.breakerStates().forEach((ref, state) -> {
          int slash = ref.lastIndexOf('/');
          breakers.put(labels("model", ref.substring(0, slash), "version", ref.substring(slash + 1)), breakerValue(state));
        });
        canaryDrops.put(m.modelKey, Long.toString(st.canaryComparisonsDropped()));
      }
      if (m.logDropped != null) {
        logDrops.put(m.modelKey, Long.toString(m.logDropped.getAsLong()));
      }
      if (m.logSegmentsFailed != null) {
        logFailed.put(m.modelKey, Long.toString(m.logSegmentsFailed.getAsLong()));
      }
    }
    family(s, "vigil_circuit_breaker_state", "gauge",
        "Circuit breaker state per model version: 0 closed, 0.5 half-open (one trial call passes), 1 open.", breakers);
    family(s, "vigil_canary_comparisons_dropped_total", "counter",
        "Canary requests not compared with the primary because the canary comparison queue was full.", canaryDrops);
    family(s, "vigil_prediction_log_dropped_total", "counter", "Prediction log entries dropped under overload.", logDrops);
    family(s, "vigil_prediction_log_segments_failed_total", "counter",
        "Prediction log segments that could not be written (their rows are lost).", logFailed);
    return s.toString();
  }

  /** One family from its series (labels to value); nothing when it has none. */
  private static void family(StringBuilder s, String name, String type, String help, Map<String, String> series) {
    if (series.isEmpty()) {
      return;
    }
    s.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(' ').append(type).append('\n');
    series.forEach((k, v) -> s.append(name).append(k).append(' ').append(v).append('\n'));
  }

  /** The gauge value of a {@link RouterStats#breakerStates()} state. */
  static String breakerValue(String state) {
    return switch (state) {
      case "open" -> "1";
      case "half_open" -> "0.5";
      default -> "0";
    };
  }

  private void histograms(StringBuilder s) {
    for (Map.Entry<String, LongAdder[]> e : new TreeMap<>(histograms).entrySet()) {
      String base = e.getKey().substring(1, e.getKey().length() - 1);
      for (int i = 0; i < BUCKETS.length; i++) {
        s.append("vigil_request_duration_seconds_bucket{").append(base).append(",le=\"")
            .append(fmt(BUCKETS[i])).append("\"} ").append(e.getValue()[i].sum()).append('\n');
      }
      long count = e.getValue()[BUCKETS.length].sum();
      s.append("vigil_request_duration_seconds_bucket{").append(base).append(",le=\"+Inf\"} ").append(count).append('\n');
      double[] sum = sums.get(e.getKey());
      synchronized (sum) {
        s.append("vigil_request_duration_seconds_sum").append(e.getKey()).append(' ').append(fmt(sum[0])).append('\n');
      }
      s.append("vigil_request_duration_seconds_count").append(e.getKey()).append(' ').append(count).append('\n');
    }
  }

  private static void counter(StringBuilder s, String name, String help, java.util.Collection<ServingMetrics> all,
      java.util.function.Function<ServingMetrics, Map<String, LongAdder>> values) {
    s.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n");
    Map<String, Long> merged = new TreeMap<>();
    for (ServingMetrics m : all) {
      values.apply(m).forEach((k, v) -> merged.merge(k, v.sum(), Long::sum));
    }
    for (Map.Entry<String, Long> e : merged.entrySet()) {
      s.append(name).append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
  }

  static String labels(String... kv) {
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < kv.length; i += 2) {
      s.append(i == 0 ? "" : ",").append(kv[i]).append("=\"")
          .append(kv[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
    }
    return s.append('}').toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }
}
