package dev.vigil.server.internal;

import dev.vigil.store.StoreJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Field;
import dev.vigil.models.Gates;
import dev.vigil.registry.AliasEvent;
import dev.vigil.registry.AliasState;
import dev.vigil.registry.DeploymentGate;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.RegisteredModel;
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
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Vigil's own API under {@code /api/v1}; the contract is {@code openapi.json} beside this class. */
public final class VigilApi {
  private final Store store;
  private final Json json;
  private final Gates.Budget budget;

  public VigilApi(Store store, ObjectMapper mapper, Gates.Budget budget) {
    this.store = store;
    this.json = new Json(mapper);
    this.budget = budget;
  }

  public void install(Javalin app) {
    String openapi = openapi();
    app.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));
    app.get("/api/v1/experiments", ctx -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Experiment e : store.tracking().experiments()) {
        out.add(MlflowApi.experiment(e));
      }
      ctx.json(Map.of("experiments", out));
    });
    app.get("/api/v1/experiments/{experiment}", ctx -> {
      String id = ctx.pathParam("experiment");
      ctx.json(MlflowApi.experiment(store.tracking().findExperiment(id)
          .orElseThrow(() -> new NotFoundException("no experiment named or numbered '" + id + "'"))));
    });
    app.get("/api/v1/runs", ctx -> {
      List<Long> ids = new ArrayList<>();
      for (String e : ctx.queryParams("experiment")) {
        ids.add(store.tracking().findExperiment(e).orElseThrow(() -> new NotFoundException("no experiment named or numbered '" + e + "'")).id());
      }
      int max = (int) Json.number(json.body(ctx), "max", 100);
      RunQuery q = RunQuery.of(ids).page(max, ctx.queryParam("page_token"));
      String order = ctx.queryParam("order_by");
      if (order != null) {
        q = q.orderBy(order, "asc".equalsIgnoreCase(ctx.queryParam("direction")));
      }
      String metric = ctx.queryParam("metric");
      if (metric != null) {
        String op = ctx.queryParam("op");
        String value = ctx.queryParam("value");
        if (op == null || value == null) {
          throw new ErrorMapper.BadRequest("query parameters 'op' and 'value' are required with 'metric'");
        }
        q = q.filter(metric, op, Json.real(json.body(ctx), "value"));
      }
      List<Map<String, Object>> out = new ArrayList<>();
      RunPage page = store.tracking().searchRuns(q);
      for (Run r : page.runs()) {
        out.add(MlflowApi.runInfo(r));
      }
      Map<String, Object> res = new LinkedHashMap<>();
      res.put("runs", out);
      page.nextPageToken().ifPresent(t -> res.put("next_page_token", t));
      ctx.json(res);
    });
    app.get("/api/v1/runs/{run}", ctx -> ctx.json(details(store.tracking().details(ctx.pathParam("run")))));
    app.post("/api/v1/runs/{run}/metrics", ctx -> {
      JsonNode b = json.body(ctx);
      List<Metric> ms = new ArrayList<>();
      for (JsonNode m : b.path("metrics")) {
        ms.add(new Metric(Json.text(m, "key"), Json.real(m, "value"), Json.number(m, "step", 0),
            Instant.ofEpochMilli(Json.number(m, "timestamp", store.clock().millis()))));
      }
      store.tracking().logMetrics(ctx.pathParam("run"), ms);
      ctx.json(Map.of("logged", ms.size()));
    });
    app.get("/api/v1/models", ctx -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (RegisteredModel m : store.registry().models()) {
        out.add(StoreJson.model(m));
      }
      ctx.json(Map.of("models", out));
    });
    app.get("/api/v1/models/{name}", ctx -> ctx.json(StoreJson.model(store.registry().model(ctx.pathParam("name")))));
    app.get("/api/v1/models/{name}/versions", ctx -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (ModelVersion v : store.registry().versions(ctx.pathParam("name"))) {
        out.add(StoreJson.version(v));
      }
      ctx.json(Map.of("versions", out));
    });
    app.get("/api/v1/models/{name}/versions/{version}", ctx -> {
      long v = parseVersion(ctx.pathParam("version"));
      ctx.json(StoreJson.version(store.registry().version(new VersionRef(ctx.pathParam("name"), Optional.empty(), OptionalLong.of(v)))));
    });
    app.get("/api/v1/models/{name}/aliases/{alias}", ctx -> ctx.json(StoreJson.version(store.registry().version(
        new VersionRef(ctx.pathParam("name"), Optional.of(Registry.checkAlias(ctx.pathParam("alias"))), OptionalLong.empty())))));
    app.put("/api/v1/models/{name}/aliases/{alias}", ctx -> {
      JsonNode b = json.body(ctx);
      long v = Json.number(b, "version", -1);
      if (v < 1) {
        throw new ErrorMapper.BadRequest("missing or invalid field 'version' (a positive integer): " + b.path("version"));
      }
      Registry.AliasMoveResult r = store.registry().setAlias(ctx.pathParam("name"), ctx.pathParam("alias"), v,
          Json.text(b, "actor", "http"), Json.text(b, "reason", ""), Gates.standard(budget));
      ctx.json(move(r));
    });
    app.post("/api/v1/models/{name}/rollback", ctx -> {
      JsonNode b = json.body(ctx);
      ctx.json(move(store.registry().rollback(ctx.pathParam("name"), Json.text(b, "actor", "http"), Json.text(b, "reason", "rollback"))));
    });
    app.get("/api/v1/models/{name}/history", ctx -> {
      String name = ctx.pathParam("name");
      String at = ctx.queryParam("at");
      if (at != null) {
        Instant t;
        try {
          t = Instant.parse(at);
        } catch (DateTimeParseException e) {
          throw new ErrorMapper.BadRequest("query parameter 'at' must be an ISO-8601 instant such as 2026-03-01T12:00:00Z: " + at);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (AliasState s : store.registry().aliasesAt(name, t).values()) {
          out.put(s.alias(), Map.of("version", s.version(), "since", s.since().toString(), "actor", s.actor(), "reason", s.reason()));
        }
        ctx.json(Map.of("model", name, "at", t.toString(), "aliases", out));
      } else {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AliasEvent e : store.registry().history(name)) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("alias", e.alias());
          m.put("from_version", e.fromVersion().isPresent() ? e.fromVersion().getAsLong() : null);
          m.put("to_version", e.toVersion().isPresent() ? e.toVersion().getAsLong() : null);
          m.put("kind", e.kind());
          m.put("actor", e.actor());
          m.put("reason", e.reason());
          m.put("at", e.at().toString());
          out.add(m);
        }
        ctx.json(Map.of("model", name, "events", out));
      }
    });
  }

  private static long parseVersion(String s) {
    try {
      long v = Long.parseLong(s);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ErrorMapper.BadRequest("path parameter 'version' must be a positive integer: " + s);
  }

  private static Map<String, Object> move(Registry.AliasMoveResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", r.model());
    m.put("alias", r.alias());
    m.put("version", r.version());
    m.put("previous_version", r.previous() == 0 ? null : r.previous());
    m.put("backup_version", r.backup() == 0 ? null : r.backup());
    m.put("gates", StoreJson.gates(r.gates()));
    return m;
  }

  private static Map<String, Object> details(RunDetails d) {
    Map<String, Object> m = new LinkedHashMap<>(MlflowApi.runInfo(d.run()));
    m.put("tracking_level", d.run().level().jsonName());
    m.put("params", d.params());
    Map<String, Object> metrics = new LinkedHashMap<>();
    d.metrics().forEach((k, x) -> metrics.put(k, Map.of("value", x.value(), "step", x.step(), "timestamp", x.timestamp().toEpochMilli())));
    m.put("metrics", metrics);
    m.put("tags", d.tags());
    List<Map<String, Object>> inputs = new ArrayList<>();
    d.inputs().forEach(i -> inputs.add(Map.of("name", i.name(), "digest", i.digest())));
    m.put("inputs", inputs);
    m.put("artifacts", d.artifacts());
    return m;
  }

  private static String openapi() {
    try (InputStream in = VigilApi.class.getResourceAsStream("/dev/vigil/server/openapi.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("openapi.json is packaged with the server", e);
    }
  }
}
