package dev.vigil.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.NotFoundException;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Request;
import dev.vigil.serving.Response;
import dev.vigil.serving.Signature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Inference endpoints.
 *
 * <ul>
 *   <li>Open Inference Protocol (KServe v2): {@code GET /v2/health/live}, {@code GET /v2/health/ready},
 *       {@code GET /v2/models/{name}} (metadata), {@code GET /v2/models/{name}/ready},
 *       {@code POST /v2/models/{name}/infer}. Inputs are one FP64/INT64/BOOL/BYTES tensor per feature
 *       (shape {@code [n]}) or one {@code [n, k]} tensor of the features in signature order; the
 *       output is one FP64 tensor {@code [n, width]} named {@code output}.
 *   <li>JSON: {@code POST /api/v1/models/{name}/predict} with {@code {"records": [{...}]}}, answered
 *       {@code {"predictions": [[...]], "outputs": [names], "model", "version", "route"}}.
 *   <li>{@code GET /metrics}: Prometheus text ({@link ServingMetrics}, then {@link ReloadMetrics}).
 * </ul>
 *
 * Requests are validated against the signature of the version answering primary traffic at the time
 * of the request ({@link ServedModel#signature()}), and {@code /v2/models/{name}} describes that
 * version: both follow a hot reload or a canary promotion.
 *
 * Every answer carries headers {@code X-Vigil-Model} ({@code name/version}, or {@code default}) and
 * {@code X-Vigil-Route}. At most {@code maxInFlight} predictions run at once; a request beyond that
 * gets 503 with {@code Retry-After: 1} immediately, so that excess load never builds a queue.
 */
public final class InferenceModule implements ServerModule {
  private final Map<String, ServedModel> models = new LinkedHashMap<>();
  private final Map<String, ServingMetrics> metrics;
  private final Semaphore inFlight;
  private final int maxInFlight;
  private final ReloadMetrics reloads;

  /** Serves {@code served}; {@code metrics} by model name (may be empty). */
  public InferenceModule(List<ServedModel> served, Map<String, ServingMetrics> metrics, int maxInFlight) {
    this(served, metrics, maxInFlight, new ReloadMetrics());
  }

  /** Serves {@code served}; {@code metrics} by model name (may be empty); {@code reloads} exported on {@code /metrics}. */
  public InferenceModule(List<ServedModel> served, Map<String, ServingMetrics> metrics, int maxInFlight, ReloadMetrics reloads) {
    this.reloads = java.util.Objects.requireNonNull(reloads, "reloads");
    for (ServedModel m : served) {
      models.put(m.name(), m);
    }
    this.metrics = Map.copyOf(metrics);
    this.maxInFlight = maxInFlight;
    this.inFlight = new Semaphore(maxInFlight);
  }

  @Override
  public void register(Javalin app) {
    app.get("/v2/health/live", ctx -> ctx.json(Map.of("live", true)));
    app.get("/v2/health/ready", ctx -> ctx.status(models.isEmpty() ? 503 : 200).json(Map.of("ready", !models.isEmpty())));
    app.get("/v2", ctx -> ctx.json(Map.of("name", "vigil", "version",
        dev.vigil.provenance.Provenance.currentVigilVersion(), "extensions", List.of())));
    app.get("/v2/models/{name}", ctx -> ctx.json(metadata(model(ctx))));
    app.get("/v2/models/{name}/ready", ctx -> {
      model(ctx);
      ctx.json(Map.of("name", ctx.pathParam("name"), "ready", true));
    });
    app.post("/v2/models/{name}/infer", this::inferV2);
    app.post("/api/v1/models/{name}/predict", this::predictRecords);
    app.get("/metrics", ctx -> {
      StringBuilder s = new StringBuilder(ServingMetrics.render(metrics.values()));
      s.append("# HELP vigil_inflight_requests Predictions running now.\n# TYPE vigil_inflight_requests gauge\n")
          .append("vigil_inflight_requests ").append(maxInFlight - inFlight.availablePermits()).append('\n');
      HttpAdmission a = ctx.appData(VigilServer.ADMISSION);
      s.append("# HELP vigil_http_rejected_total Requests refused under overload, by reason: queue_wait (waited too long"
              + " for a thread, 503), in_flight (too many predictions at once, 503), queue_full (connection closed).\n")
          .append("# TYPE vigil_http_rejected_total counter\n")
          .append("vigil_http_rejected_total{reason=\"queue_wait\"} ").append(a.shedByWait.sum()).append('\n')
          .append("vigil_http_rejected_total{reason=\"in_flight\"} ").append(a.shedByInFlight.sum()).append('\n')
          .append("vigil_http_rejected_total{reason=\"queue_full\"} ").append(a.rejectedByQueue.sum()).append('\n')
          .append("# HELP vigil_http_overloaded 1 while the request queue holds a standing backlog and the wait for a"
              + " thread is limited to the target wait, else 0.\n# TYPE vigil_http_overloaded gauge\n")
          .append("vigil_http_overloaded ").append(a.overloaded() ? 1 : 0).append('\n');
      a.render(s);
      s.append(reloads.render());
      ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.toString());
    });
  }

  private ServedModel model(Context ctx) {
    String name = ctx.pathParam("name");
    ServedModel m = models.get(name);
    if (m == null) {
      throw new NotFoundException("unknown model \"" + name + "\"; served: " + models.keySet());
    }
    return m;
  }

  private static Map<String, Object> metadata(ServedModel m) {
    Signature sig = m.signature();
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (Field f : sig.inputs()) {
      inputs.add(Map.of("name", f.name(), "datatype", datatype(f), "shape", List.of(-1)));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", m.name());
    out.put("versions", List.of(m.router().primary().version()));
    out.put("platform", "vigil");
    out.put("inputs", inputs);
    out.put("outputs", List.of(Map.of("name", "output", "datatype", "FP64",
        "shape", List.of(-1, sig.outputNames().size()))));
    out.put("parameters", Map.of("output_names", sig.outputNames(),
        "output_kind", sig.kind().name().toLowerCase(java.util.Locale.ROOT)));
    return out;
  }

  private static String datatype(Field f) {
    return switch (f.type()) {
      case DOUBLE -> "FP64";
      case LONG -> "INT64";
      case BOOLEAN -> "BOOL";
      default -> "BYTES";
    };
  }

  private Response run(Context ctx, ServedModel m, Signature sig, String id, Table features, String key) {
    List<Signature.FieldError> errors = sig.validate(features);
    if (!errors.isEmpty()) {
      List<RequestValidationException.FieldProblem> p = new ArrayList<>();
      errors.forEach(e -> p.add(new RequestValidationException.FieldProblem(e.field(), e.message())));
      throw new RequestValidationException("invalid features", p);
    }
    if (!inFlight.tryAcquire()) {
      ctx.appData(VigilServer.ADMISSION).shedByInFlight.increment();
      throw new OverloadedException("more than " + maxInFlight + " predictions in flight; retry shortly");
    }
    try {
      return m.router().predict(new Request(id, features, key));
    } finally {
      inFlight.release();
    }
  }

  /**
   * The request's {@code id}, or a new random (version 4) UUID. Drawn from {@link ThreadLocalRandom}
   * rather than {@link UUID#randomUUID()}: a request id needs to be unique, not unguessable, and
   * {@code randomUUID} reads the shared SecureRandom under a lock on every request.
   */
  private static String requestId(JsonNode body) {
    JsonNode id = body.get("id");
    if (id != null && !id.isNull() && !id.isContainerNode()) {
      return id.asText();
    }
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private static void headers(Context ctx, Response r) {
    ctx.header("X-Vigil-Model", r.answeredBy() == null ? "default" : r.answeredBy().toString());
    ctx.header("X-Vigil-Route", r.route().jsonName());
  }

  private void inferV2(Context ctx) {
    ServedModel m = model(ctx);
    JsonNode body = Json.read(ctx);
    Signature sig = m.signature();
    Table features = RequestTables.fromV2(body, sig);
    String id = requestId(body);
    Response r = run(ctx, m, sig, id, features, ctx.header(m.keyHeader()));
    Predictions p = r.predictions();
    List<Double> data = new ArrayList<>(p.rows() * p.width());
    for (int i = 0; i < p.rows(); i++) {
      for (int j = 0; j < p.width(); j++) {
        data.add(p.value(i, j));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model_name", m.name());
    out.put("model_version", r.answeredBy() == null ? "default" : r.answeredBy().version());
    out.put("id", id);
    out.put("parameters", Map.of("route", r.route().jsonName()));
    out.put("outputs", List.of(Map.of("name", "output", "datatype", "FP64", "shape", List.of(p.rows(), p.width()),
        "data", data)));
    headers(ctx, r);
    Json.respond(ctx, out);
  }

  private void predictRecords(Context ctx) {
    ServedModel m = model(ctx);
    JsonNode body = Json.read(ctx);
    Signature sig = m.signature();
    Table features = RequestTables.fromRecords(body, sig);
    String id = requestId(body);
    Response r = run(ctx, m, sig, id, features, ctx.header(m.keyHeader()));
    Predictions p = r.predictions();
    List<double[]> rows = new ArrayList<>(p.rows());
    for (int i = 0; i < p.rows(); i++) {
      rows.add(p.row(i));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("predictions", rows);
    out.put("outputs", sig.outputNames());
    out.put("model", m.name());
    out.put("version", r.answeredBy() == null ? null : r.answeredBy().version());
    out.put("route", r.route().jsonName());
    headers(ctx, r);
    Json.respond(ctx, out);
  }
}
