package dev.vigil.server;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what hot reload and canary promotion did, in Prometheus' text format (version 0.0.4),
 * appended to {@code /metrics} by {@link InferenceModule}:
 *
 * <ul>
 *   <li>{@code vigil_version_loads_total{model,role,version,outcome}}: versions loaded to serve, at
 *       start and on reload, with {@code role} one of {@code primary}, {@code fallback}, {@code shadow},
 *       {@code canary} and {@code outcome} {@code loaded} or {@code refused} (a deployment gate such as
 *       the golden examples failed, or the version did not load; the version is not served);
 *   <li>{@code vigil_canary_promotion_writes_total{model,version,outcome}}: writes of an automatic canary
 *       promotion to the registry, {@code outcome} one of {@code recorded} (the alias moved),
 *       {@code refused} (a deployment gate refused the move), {@code failed} (the store was unreachable;
 *       retried at the next reload), {@code superseded} (the alias had been moved by someone else) and
 *       {@code skipped} (the primary is pinned to a version, so there is no alias to move).
 * </ul>
 *
 * Failed alias reloads are {@link ServingMetrics}' {@code vigil_reload_failures_total}. Thread-safe; one
 * instance serves every model of a server.
 */
public final class ReloadMetrics {
  private final Map<String, LongAdder> loads = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> promotions = new ConcurrentHashMap<>();

  /** Counts one version loaded ({@code refused == false}) or refused for {@code role}. */
  public void versionLoad(String model, String role, long version, boolean refused) {
    loads.computeIfAbsent(ServingMetrics.labels("model", model, "role", role, "version", String.valueOf(version),
        "outcome", refused ? "refused" : "loaded"), k -> new LongAdder()).increment();
  }

  /** Counts one attempt to record a canary promotion; {@code outcome} as in the class documentation. */
  public void promotionWrite(String model, long version, String outcome) {
    promotions.computeIfAbsent(ServingMetrics.labels("model", model, "version", String.valueOf(version),
        "outcome", outcome.toLowerCase(Locale.ROOT)), k -> new LongAdder()).increment();
  }

  /** The counters in Prometheus text format, each family with its {@code HELP} and {@code TYPE} lines. */
  public String render() {
    StringBuilder s = new StringBuilder();
    family(s, "vigil_version_loads_total", "Versions loaded to serve or refused (gate failed), by role.", loads);
    family(s, "vigil_canary_promotion_writes_total", "Writes of automatic canary promotions to the registry, by outcome.",
        promotions);
    return s.toString();
  }

  private static void family(StringBuilder s, String name, String help, Map<String, LongAdder> values) {
    s.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(values).entrySet()) {
      s.append(name).append(e.getKey()).append(' ').append(e.getValue().sum()).append('\n');
    }
  }
}
