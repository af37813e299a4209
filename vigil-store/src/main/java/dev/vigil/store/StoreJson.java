package dev.vigil.store;

import dev.vigil.data.Field;
import dev.vigil.registry.AliasEvent;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.RegisteredModel;
import dev.vigil.tracking.Experiment;
import dev.vigil.tracking.Metric;
import dev.vigil.tracking.Run;
import dev.vigil.tracking.RunDetails;
import dev.vigil.tracking.RunInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes (snake_case maps) of tracking and registry values, shared by the CLI's
 * {@code --format json} and the server's {@code /api/v1}, so that both speak one contract. Times are
 * ISO-8601 instants.
 */
public final class StoreJson {
  private StoreJson() {}

  public static String time(Instant t) {
    return t.toString();
  }


  public static Map<String, Object> experiment(Experiment e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("experiment_id", e.id());
    m.put("name", e.name());
    m.put("lifecycle_stage", e.lifecycleStage());
    m.put("created_at", time(e.createdAt()));
    m.put("tags", e.tags());
    return m;
  }

  public static Map<String, Object> run(Run r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", r.runId());
    m.put("experiment_id", r.experimentId());
    m.put("name", r.name());
    m.put("status", r.status().name());
    m.put("start_time", time(r.startTime()));
    m.put("end_time", r.endTime().map(StoreJson::time).orElse(null));
    m.put("user", r.userId());
    m.put("tracking_level", r.level().jsonName());
    return m;
  }

  public static Map<String, Object> details(RunDetails d) {
    Map<String, Object> m = run(d.run());
    m.put("params", d.params());
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (Metric x : d.metrics().values()) {
      metrics.put(x.key(), Map.of("value", x.value(), "step", x.step(), "timestamp", time(x.timestamp())));
    }
    m.put("metrics", metrics);
    m.put("tags", d.tags());
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (RunInput in : d.inputs()) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("name", in.name());
      i.put("digest", in.digest());
      i.put("profile_artifact", in.profileArtifact().orElse(null));
      inputs.add(i);
    }
    m.put("inputs", inputs);
    m.put("artifacts", d.artifacts());
    return m;
  }

  public static Map<String, Object> model(RegisteredModel r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("description", r.description());
    m.put("latest_version", r.latestVersion());
    m.put("aliases", r.aliases());
    m.put("tags", r.tags());
    m.put("created_at", time(r.createdAt()));
    m.put("updated_at", time(r.updatedAt()));
    return m;
  }

  /** Fields as stored in a signature: name, type, nullable. */
  public static List<Map<String, Object>> fields(List<Field> fs) {
    return dev.vigil.store.internal.SignatureJson.fields(fs);
  }

  public static Map<String, Object> version(ModelVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", v.model());
    m.put("version", v.version());
    m.put("status", v.status().name());
    m.put("aliases", v.aliases());
    m.put("flavour", v.flavour());
    m.put("artifact_name", v.artifactName());
    m.put("artifact_digest", v.artifactDigest());
    m.put("artifact_size", v.artifactSize());
    m.put("signature", Map.of("inputs", fields(v.signature().inputs()), "outputs", fields(v.signature().outputs())));
    m.put("pipeline_digest", v.pipelineDigest().orElse(null));
    m.put("golden_digest", v.goldenDigest().orElse(null));
    m.put("run_id", v.runId().orElse(null));
    m.put("data_digest", v.dataDigest().orElse(null));
    m.put("profile_digest", v.profileDigest().orElse(null));
    m.put("metrics", v.metrics());
    m.put("tags", v.tags());
    m.put("description", v.description());
    m.put("created_at", time(v.createdAt()));
    m.put("created_by", v.createdBy());
    return m;
  }

  public static Map<String, Object> event(AliasEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alias", e.alias());
    m.put("from_version", e.fromVersion().isPresent() ? e.fromVersion().getAsLong() : null);
    m.put("to_version", e.toVersion().isPresent() ? e.toVersion().getAsLong() : null);
    m.put("kind", e.kind());
    m.put("actor", e.actor());
    m.put("reason", e.reason());
    m.put("at", time(e.at()));
    return m;
  }

  /** The outcome of each deployment gate. */
  public static List<Map<String, Object>> gates(List<dev.vigil.registry.DeploymentGate.GateResult> rs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (dev.vigil.registry.DeploymentGate.GateResult g : rs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("gate", g.gate());
      m.put("passed", g.passed());
      m.put("detail", g.detail());
      out.add(m);
    }
    return out;
  }
}
