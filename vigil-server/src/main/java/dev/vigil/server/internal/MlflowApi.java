package dev.vigil.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.Gates;
import dev.vigil.models.ModelRuntimes;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.RegisteredModel;
import dev.vigil.registry.Registration;
import dev.vigil.registry.Registry;
import dev.vigil.registry.VersionRef;
import dev.vigil.NotFoundException;
import dev.vigil.store.Store;
import dev.vigil.tracking.Experiment;
import dev.vigil.tracking.Metric;
import dev.vigil.tracking.Run;
import dev.vigil.tracking.RunDetails;
import dev.vigil.tracking.RunPage;
import dev.vigil.tracking.RunQuery;
import dev.vigil.tracking.RunStatus;
import dev.vigil.tracking.Tracking;
import dev.vigil.tracking.TrackingLevel;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MLflow's REST API 2.0 (tracking and model registry) over the store. */
public final class MlflowApi {
  private static final String P = "/api/2.0/mlflow/";
  private static final Pattern METRIC_FILTER = Pattern.compile("\\s*metrics\\.[`\"]?([A-Za-z0-9_.\\-/ ]+?)[`\"]?\\s*(<=|>=|!=|<|>|=)\\s*(\\S+)\\s*");
  private static final Pattern ORDER = Pattern.compile("\\s*metrics\\.[`\"]?([A-Za-z0-9_.\\-/ ]+?)[`\"]?(\\s+(ASC|DESC))?\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME_FILTER = Pattern.compile("\\s*name\\s*=\\s*'([^']*)'\\s*");

  private final Store store;
  private final Json json;

  public MlflowApi(Store store, ObjectMapper mapper) {
    this.store = store;
    this.json = new Json(mapper);
  }

  public void install(Javalin app) {
    new MlflowArtifacts(store).install(app);
    Tracking t = store.tracking();
    Registry r = store.registry();
    app.post(P + "experiments/create", ctx -> {
      JsonNode b = json.body(ctx);
      Experiment e = t.createExperiment(Json.text(b, "name"));
      Json.keyValues(b.path("tags"), "tags").forEach((k, v) -> t.setExperimentTag(e.id(), k, v));
      ctx.json(Map.of("experiment_id", String.valueOf(e.id())));
    });
    app.get(P + "experiments/get", ctx -> ctx.json(Map.of("experiment", experiment(findExperiment(Json.text(json.body(ctx), "experiment_id"))))));
    app.get(P + "experiments/get-by-name", ctx -> {
      String name = Json.text(json.body(ctx), "experiment_name");
      Experiment e = t.findExperiment(name).filter(x -> x.name().equals(name))
          .orElseThrow(() -> new NotFoundException("no experiment named '" + name + "'"));
      ctx.json(Map.of("experiment", experiment(e)));
    });
    app.post(P + "experiments/search", ctx -> searchExperiments(ctx, json.body(ctx)));
    app.get(P + "experiments/search", ctx -> searchExperiments(ctx, json.body(ctx)));
    app.post(P + "experiments/set-experiment-tag", ctx -> {
      JsonNode b = json.body(ctx);
      t.setExperimentTag(findExperiment(Json.text(b, "experiment_id")).id(), Json.text(b, "key"), Json.text(b, "value", ""));
      ctx.json(Map.of());
    });
    app.post(P + "runs/create", ctx -> {
      JsonNode b = json.body(ctx);
      Map<String, String> tags = Json.keyValues(b.path("tags"), "tags");
      String name = Json.text(b, "run_name", tags.getOrDefault("mlflow.runName", ""));
      Run run = t.startRun(findExperiment(Json.text(b, "experiment_id", "0")).id(), name, Json.text(b, "user_id", ""), TrackingLevel.STANDARD);
      if (!tags.isEmpty()) {
        t.setTags(run.runId(), tags);
      }
      ctx.json(Map.of("run", run(t.details(run.runId()))));
    });
    app.get(P + "runs/get", ctx -> ctx.json(Map.of("run", run(t.details(runId(json.body(ctx)))))));
    app.post(P + "runs/update", ctx -> {
      JsonNode b = json.body(ctx);
      String id = runId(b);
      String status = Json.text(b, "status", "").toUpperCase(Locale.ROOT);
      if (!status.isEmpty()) {
        RunStatus s;
        try {
          s = RunStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
          throw new ErrorMapper.BadRequest("field 'status' must be RUNNING, SCHEDULED, FINISHED, FAILED or KILLED: " + status);
        }
        if (s != RunStatus.RUNNING) {
          t.endRun(id, s);
        }
      }
      ctx.json(Map.of("run_info", runInfo(t.run(id))));
    });
    app.post(P + "runs/delete", ctx -> {
      t.deleteRun(runId(json.body(ctx)));
      ctx.json(Map.of());
    });
    app.post(P + "runs/log-metric", ctx -> {
      JsonNode b = json.body(ctx);
      t.logMetrics(runId(b), List.of(metric(b)));
      ctx.json(Map.of());
    });
    app.post(P + "runs/log-parameter", ctx -> {
      JsonNode b = json.body(ctx);
      t.logParams(runId(b), Map.of(Json.text(b, "key"), Json.text(b, "value", "")));
      ctx.json(Map.of());
    });
    app.post(P + "runs/set-tag", ctx -> {
      JsonNode b = json.body(ctx);
      t.setTags(runId(b), Map.of(Json.text(b, "key"), Json.text(b, "value", "")));
      ctx.json(Map.of());
    });
    app.post(P + "runs/log-batch", ctx -> {
      JsonNode b = json.body(ctx);
      String id = runId(b);
      List<Metric> ms = new ArrayList<>();
      for (JsonNode m : b.path("metrics")) {
        ms.add(metric(m));
      }
      Map<String, String> params = Json.keyValues(b.path("params"), "params");
      Map<String, String> tags = Json.keyValues(b.path("tags"), "tags");
      if (!params.isEmpty()) {
        t.logParams(id, params);
      }
      if (!ms.isEmpty()) {
        t.logMetrics(id, ms);
      }
      if (!tags.isEmpty()) {
        t.setTags(id, tags);
      }
      ctx.json(Map.of());
    });
    app.post(P + "runs/search", ctx -> searchRuns(ctx, json.body(ctx)));
    app.get(P + "metrics/get-history", ctx -> {
      JsonNode b = json.body(ctx);
      List<Map<String, Object>> out = new ArrayList<>();
      for (Metric m : t.metricHistory(runId(b), Json.text(b, "metric_key"))) {
        out.add(metric(m));
      }
      ctx.json(Map.of("metrics", out));
    });

    app.post(P + "registered-models/create", ctx -> {
      JsonNode b = json.body(ctx);
      String name = Json.text(b, "name");
      r.createModel(name, Json.text(b, "description", ""));
      Json.keyValues(b.path("tags"), "tags").forEach((k, v) -> r.setModelTag(name, k, v));
      ctx.json(Map.of("registered_model", registeredModel(r.model(name))));
    });
    app.get(P + "registered-models/get", ctx -> ctx.json(Map.of("registered_model", registeredModel(r.model(Json.text(json.body(ctx), "name"))))));
    app.get(P + "registered-models/search", ctx -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (RegisteredModel m : r.models()) {
        out.add(registeredModel(m));
      }
      ctx.json(Map.of("registered_models", out));
    });
    app.post(P + "model-versions/create", ctx -> {
      JsonNode b = json.body(ctx);
      String name = Json.text(b, "name");
      Path source = source(Json.text(b, "source"));
      Map<String, String> tags = Json.keyValues(b.path("tags"), "tags");
      Registration.Builder reg = Registration.builder(name, source).flavour(tags.getOrDefault("vigil.flavour", "tribuo"))
          .description(Json.text(b, "description", "")).check(ModelRuntimes.loadCheck());
      tags.forEach(reg::tag);
      String runId = Json.text(b, "run_id", "");
      if (!runId.isEmpty()) {
        t.run(runId);
        reg.runId(runId);
      }
      ctx.json(Map.of("model_version", modelVersion(r.register(reg.build()))));
    });
    app.get(P + "model-versions/get", ctx -> {
      JsonNode b = json.body(ctx);
      ctx.json(Map.of("model_version", modelVersion(version(Json.text(b, "name"), Json.text(b, "version")))));
    });
    app.get(P + "model-versions/get-download-uri", ctx -> {
      JsonNode b = json.body(ctx);
      ModelVersion v = version(Json.text(b, "name"), Json.text(b, "version"));
      ctx.json(Map.of("artifact_uri", store.artifacts().verifiedPath(v.artifactDigest()).toUri().toString()));
    });
    app.get(P + "model-versions/search", ctx -> {
      String filter = Json.text(json.body(ctx), "filter", "");
      List<Map<String, Object>> out = new ArrayList<>();
      List<RegisteredModel> models;
      if (filter.isBlank()) {
        models = r.models();
      } else {
        Matcher m = NAME_FILTER.matcher(filter);
        if (!m.matches()) {
          throw new ErrorMapper.BadRequest("field 'filter' must be empty or name='MODEL': " + filter);
        }
        models = List.of(r.model(m.group(1)));
      }
      for (RegisteredModel m : models) {
        for (ModelVersion v : r.versions(m.name())) {
          out.add(modelVersion(v));
        }
      }
      ctx.json(Map.of("model_versions", out));
    });
    io.javalin.http.Handler latest = ctx -> {
      String name = Json.text(json.body(ctx), "name");
      List<ModelVersion> vs = r.versions(name);
      ctx.json(Map.of("model_versions", vs.isEmpty() ? List.of() : List.of(modelVersion(vs.get(vs.size() - 1)))));
    };
    app.post(P + "registered-models/get-latest-versions", latest);
    app.get(P + "registered-models/get-latest-versions", latest);
    app.post(P + "registered-models/alias", ctx -> {
      JsonNode b = json.body(ctx);
      String name = Json.text(b, "name");
      long version = Json.number(b, "version", -1);
      if (version < 1) {
        throw new ErrorMapper.BadRequest("missing or invalid field 'version': " + b.path("version"));
      }
      r.setAlias(name, Json.text(b, "alias"), version, Json.text(b, "actor", "mlflow-client"), Json.text(b, "reason", "set through the MLflow API"),
          Gates.standard(Gates.Budget.defaults()));
      ctx.json(Map.of());
    });
    app.delete(P + "registered-models/alias", ctx -> {
      JsonNode b = json.body(ctx);
      r.deleteAlias(Json.text(b, "name"), Json.text(b, "alias"), "mlflow-client", "deleted through the MLflow API");
      ctx.json(Map.of());
    });
    app.get(P + "registered-models/alias", ctx -> {
      JsonNode b = json.body(ctx);
      ctx.json(Map.of("model_version", modelVersion(r.version(new VersionRef(Json.text(b, "name"),
          Optional.of(Registry.checkAlias(Json.text(b, "alias"))), OptionalLong.empty())))));
    });
  }

  private Path source(String s) {
    if (s.startsWith(MlflowArtifacts.SCHEME) || s.startsWith("runs:/")) {
      return proxiedSource(s);
    }
    Path p;
    try {
      p = s.startsWith("file:") ? Path.of(URI.create(s)) : Path.of(s);
    } catch (RuntimeException e) {
      throw new ErrorMapper.BadRequest("field 'source' must be a local file path or file: URI of a model file: " + s);
    }
    if (s.matches("^[a-z][a-z0-9+.-]*:/.*") && !s.startsWith("file:")) {
      throw new ErrorMapper.BadRequest("field 'source' must be a local file path or file: URI of a model file (" + s.split(":")[0]
          + ": URIs are not read): " + s);
    }
    if (!Files.isRegularFile(p)) {
      throw new ErrorMapper.BadRequest("field 'source' must name an existing model file: " + s
          + (Files.isDirectory(p) ? " is a directory" : " does not exist"));
    }
    return p;
  }

  /**
   * A model file uploaded through the artifact proxy: {@code mlflow-artifacts:/PATH} or
   * {@code runs:/RUN_ID/PATH} naming one file (a folder such as an MLflow model directory is refused:
   * register the model file inside it).
   */
  private Path proxiedSource(String s) {
    String digest;
    String folder;
    if (s.startsWith("runs:/")) {
      String rest = s.substring("runs:/".length());
      int slash = rest.indexOf('/');
      if (slash <= 0 || slash == rest.length() - 1) {
        throw new ErrorMapper.BadRequest("field 'source' must be runs:/RUN_ID/PATH naming a model file: " + s);
      }
      String runId = rest.substring(0, slash);
      String path = checkedPath(rest.substring(slash + 1), s);
      RunDetails d;
      try {
        d = store.tracking().details(runId);
      } catch (NotFoundException e) {
        throw new ErrorMapper.BadRequest("field 'source' " + s + " names no known run: " + e.getMessage());
      }
      digest = d.artifacts().get(path);
      folder = d.artifacts().keySet().stream().anyMatch(k -> k.startsWith(path + "/")) ? path : null;
    } else {
      String path = checkedPath(s.substring(MlflowArtifacts.SCHEME.length()).replaceFirst("^/+", ""), s);
      digest = store.files().file(path).map(dev.vigil.store.ArtifactRef::digest).orElse(null);
      folder = store.files().list(path).isEmpty() ? null : path;
    }
    if (digest == null) {
      throw new ErrorMapper.BadRequest("field 'source' must name an uploaded model file: " + s
          + (folder != null ? " is a folder; register the model file inside it (for example its .onnx or .tribuo file)" : " does not exist"));
    }
    return store.artifacts().verifiedPath(digest);
  }

  private static String checkedPath(String path, String source) {
    try {
      return dev.vigil.store.ArtifactFiles.checkPath(path, "the path in field 'source' (" + source + ")");
    } catch (dev.vigil.InvalidArgumentException e) {
      throw new ErrorMapper.BadRequest(e.getMessage());
    }
  }

  private ModelVersion version(String name, String version) {
    long v;
    try {
      v = Long.parseLong(version);
    } catch (NumberFormatException e) {
      throw new ErrorMapper.BadRequest("field 'version' must be a positive integer: " + version);
    }
    return store.registry().version(new VersionRef(name, Optional.empty(), OptionalLong.of(v)));
  }

  private static String runId(JsonNode b) {
    String id = Json.text(b, "run_id", null);
    return id != null && !id.isEmpty() ? id : Json.text(b, "run_uuid");
  }

  private Experiment findExperiment(String id) {
    if (id.equals("0")) {
      return store.tracking().experiment("Default");
    }
    if (!id.matches("[0-9]{1,18}")) {
      throw new ErrorMapper.BadRequest("field 'experiment_id' must be a numeric id: " + id);
    }
    return store.tracking().findExperiment(id).filter(e -> String.valueOf(e.id()).equals(id))
        .orElseThrow(() -> new NotFoundException("no experiment with id " + id));
  }

  private void searchExperiments(Context ctx, JsonNode b) {
    String filter = Json.text(b, "filter", "");
    List<Map<String, Object>> out = new ArrayList<>();
    Matcher m = NAME_FILTER.matcher(filter);
    if (!filter.isBlank() && !m.matches()) {
      throw new ErrorMapper.BadRequest("field 'filter' must be empty or name='EXPERIMENT': " + filter);
    }
    for (Experiment e : store.tracking().experiments()) {
      if (filter.isBlank() || e.name().equals(m.group(1))) {
        out.add(experiment(e));
      }
    }
    ctx.json(Map.of("experiments", out));
  }

  private void searchRuns(Context ctx, JsonNode b) {
    List<Long> ids = new ArrayList<>();
    for (JsonNode e : b.path("experiment_ids")) {
      ids.add(findExperiment(e.asText()).id());
    }
    int max = (int) Json.number(b, "max_results", 1000);
    JsonNode token = b.path("page_token");
    if (!token.isMissingNode() && !token.isNull() && !token.isTextual()) {
      throw new ErrorMapper.BadRequest("field 'page_token' must be a string (a next_page_token of this search): " + token);
    }
    RunQuery q;
    try {
      q = RunQuery.of(ids).page(max, token.isTextual() ? token.asText() : null);
    } catch (dev.vigil.InvalidArgumentException e) {
      throw new ErrorMapper.BadRequest(e.getMessage());
    }
    String filter = Json.text(b, "filter", "");
    if (!filter.isBlank()) {
      Matcher m = METRIC_FILTER.matcher(filter);
      if (!m.matches()) {
        throw new ErrorMapper.BadRequest("field 'filter' must be empty or one comparison metrics.KEY OP NUMBER: " + filter);
      }
      try {
        q = q.filter(m.group(1), m.group(2), Double.parseDouble(m.group(3)));
      } catch (NumberFormatException e) {
        throw new ErrorMapper.BadRequest("filter value must be a number: " + m.group(3));
      }
    }
    JsonNode order = b.path("order_by");
    if (order.isArray() && order.size() > 0) {
      Matcher m = ORDER.matcher(order.get(0).asText());
      if (!m.matches()) {
        throw new ErrorMapper.BadRequest("field 'order_by' must be [\"metrics.KEY [ASC|DESC]\"]: " + order);
      }
      q = q.orderBy(m.group(1), m.group(3) != null && m.group(3).equalsIgnoreCase("ASC"));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    RunPage page = store.tracking().searchRuns(q);
    for (Run r : page.runs()) {
      out.add(run(store.tracking().details(r.runId())));
    }
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("runs", out);
    page.nextPageToken().ifPresent(t -> res.put("next_page_token", t));
    ctx.json(res);
  }

  private static Metric metric(JsonNode b) {
    return new Metric(Json.text(b, "key"), Json.real(b, "value"), Json.number(b, "step", 0),
        Instant.ofEpochMilli(Json.number(b, "timestamp", System.currentTimeMillis())));
  }

  private static Map<String, Object> metric(Metric m) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("key", m.key());
    o.put("value", Double.isFinite(m.value()) ? (Object) m.value() : String.valueOf(m.value()));
    o.put("timestamp", m.timestamp().toEpochMilli());
    o.put("step", m.step());
    return o;
  }

  private static List<Map<String, Object>> kv(Map<String, String> m) {
    List<Map<String, Object>> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(Map.of("key", k, "value", v)));
    return out;
  }

  static Map<String, Object> experiment(Experiment e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("experiment_id", String.valueOf(e.id()));
    m.put("name", e.name());
    m.put("artifact_location", MlflowArtifacts.SCHEME + e.id());
    m.put("lifecycle_stage", e.lifecycleStage());
    m.put("creation_time", e.createdAt().toEpochMilli());
    m.put("tags", kv(e.tags()));
    return m;
  }

  static Map<String, Object> runInfo(Run r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", r.runId());
    m.put("run_uuid", r.runId());
    m.put("run_name", r.name());
    m.put("experiment_id", String.valueOf(r.experimentId()));
    m.put("user_id", r.userId());
    m.put("status", r.status().name());
    m.put("start_time", r.startTime().toEpochMilli());
    r.endTime().ifPresent(e -> m.put("end_time", e.toEpochMilli()));
    m.put("artifact_uri", MlflowArtifacts.runRootUri(r));
    m.put("lifecycle_stage", "active");
    return m;
  }

  static Map<String, Object> run(RunDetails d) {
    List<Map<String, Object>> metrics = new ArrayList<>();
    d.metrics().values().forEach(m -> metrics.add(metric(m)));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("metrics", metrics);
    data.put("params", kv(d.params()));
    data.put("tags", kv(d.tags()));
    return Map.of("info", runInfo(d.run()), "data", data);
  }

  private Map<String, Object> registeredModel(RegisteredModel m) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", m.name());
    o.put("creation_timestamp", m.createdAt().toEpochMilli());
    o.put("last_updated_timestamp", m.updatedAt().toEpochMilli());
    o.put("description", m.description());
    if (m.latestVersion() > 0) {
      o.put("latest_versions", List.of(modelVersion(version(m.name(), String.valueOf(m.latestVersion())))));
    }
    o.put("tags", kv(m.tags()));
    List<Map<String, Object>> aliases = new ArrayList<>();
    m.aliases().forEach((a, v) -> aliases.add(Map.of("alias", a, "version", String.valueOf(v))));
    o.put("aliases", aliases);
    return o;
  }

  private Map<String, Object> modelVersion(ModelVersion v) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", v.model());
    o.put("version", String.valueOf(v.version()));
    o.put("creation_timestamp", v.createdAt().toEpochMilli());
    o.put("last_updated_timestamp", v.createdAt().toEpochMilli());
    o.put("user_id", v.createdBy());
    o.put("current_stage", "None");
    o.put("description", v.description());
    o.put("source", store.artifacts().path(v.artifactDigest()).toUri().toString());
    v.runId().ifPresent(r -> o.put("run_id", r));
    o.put("status", "READY");
    o.put("tags", kv(v.tags()));
    o.put("aliases", v.aliases());
    return o;
  }

}
