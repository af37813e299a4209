package dev.vigil.server;

import dev.vigil.store.LogSegment;
import dev.vigil.store.LogSegments;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/log/segments?model=NAME&from=ISO&to=ISO}: the catalogued prediction-log segments
 * (all query parameters optional), oldest first, as {@code {"segments": [{"path", "model",
 * "versions", "first_time", "last_time", "rows", "bytes", "digest"}]}}; times ISO-8601 UTC. A bad
 * {@code from}/{@code to} is a 400 naming the parameter.
 */
public final class LogSegmentsModule implements ServerModule {
  private final LogSegments catalogue;

  public LogSegmentsModule(LogSegments catalogue) {
    this.catalogue = catalogue;
  }

  @Override
  public void register(Javalin app) {
    app.get("/api/v1/log/segments", this::list);
  }

  private void list(Context ctx) {
    Optional<String> model = Optional.ofNullable(ctx.queryParam("model")).filter(s -> !s.isEmpty());
    Optional<Instant> from = time(ctx, "from");
    Optional<Instant> to = time(ctx, "to");
    List<Map<String, Object>> out = new ArrayList<>();
    for (LogSegment s : catalogue.list(model, from, to)) {
      out.add(toMap(s));
    }
    Json.respond(ctx, Map.of("segments", out));
  }

  /** The JSON shape of one segment. */
  public static Map<String, Object> toMap(LogSegment s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", s.path());
    m.put("model", s.model());
    m.put("versions", s.versions());
    m.put("first_time", s.firstTime().toString());
    m.put("last_time", s.lastTime().toString());
    m.put("rows", s.rows());
    m.put("bytes", s.bytes());
    m.put("digest", s.digest());
    return m;
  }

  private static Optional<Instant> time(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v));
    } catch (DateTimeParseException e) {
      throw new RequestValidationException("invalid query parameter",
          List.of(new RequestValidationException.FieldProblem(name, "expected an ISO-8601 instant such as 2026-03-01T10:00:00Z: " + v)));
    }
  }
}
