package dev.vigil.server;

import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.NotFoundException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.VigilException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exception mapper: every error leaves the server as a JSON problem
 * {@code {"status", "title", "detail", "errors": [{"field", "message"}]}}. Vigil's own exceptions map
 * to 4xx (invalid argument, bad data, schema mismatch: 400; not found: 404); overload and "no model
 * could answer" (every model failed and no default answer is configured) are 503 with
 * {@code Retry-After: 1}; anything else is logged and answered 500 without internals. The mapper itself cannot throw.
 */
final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  static void install(Javalin app) {
    app.exception(Exception.class, (e, ctx) -> {
      try {
        handle(e, ctx);
      } catch (RuntimeException inner) {
        LOG.error("exception mapper failed", inner);
        ctx.status(500).result("{\"status\":500,\"title\":\"Internal Server Error\"}").contentType("application/json");
      }
    });
    app.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty() || "Not Found".equals(ctx.result())) {
        write(ctx, 404, "Not Found", "no route for " + ctx.method() + " " + ctx.path(), List.of());
      }
    });
  }

  static void handle(Exception e, Context ctx) {
    if (e instanceof RequestValidationException v) {
      List<Map<String, Object>> errors = new ArrayList<>();
      for (RequestValidationException.FieldProblem p : v.problems()) {
        errors.add(Map.of("field", p.field(), "message", p.message()));
      }
      write(ctx, 400, "Bad Request", v.getMessage(), errors);
    } else if (e instanceof NotFoundException) {
      write(ctx, 404, "Not Found", e.getMessage(), List.of());
    } else if (e instanceof InvalidArgumentException || e instanceof DataFormatException
        || e instanceof SchemaMismatchException) {
      write(ctx, 400, "Bad Request", e.getMessage(), List.of());
    } else if (e instanceof OverloadedException) {
      ctx.header("Retry-After", "1");
      write(ctx, 503, "Service Unavailable", e.getMessage(), List.of());
    } else if (e instanceof dev.vigil.serving.ServingException) {
      // Every model (primary, fallbacks) failed and no default answer is configured: the server is
      // fine but cannot answer now; circuits close again after their cool-down, so the client may retry.
      LOG.warn("request {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
      ctx.header("Retry-After", "1");
      write(ctx, 503, "Service Unavailable", e.getMessage(), List.of());
    } else if (e instanceof HttpResponseException h) {
      write(ctx, h.getStatus(), titleOf(h.getStatus()), h.getMessage(), List.of());
    } else if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      write(ctx, 400, "Bad Request", "malformed JSON: " + j.getOriginalMessage(), List.of());
    } else if (e instanceof VigilException) {
      LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
      write(ctx, 500, "Internal Server Error", e.getMessage(), List.of());
    } else {
      LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
      write(ctx, 500, "Internal Server Error", "unexpected error; see the server log", List.of());
    }
  }

  static void write(Context ctx, int status, String title, String detail, List<Map<String, Object>> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("title", title);
    body.put("detail", detail);
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    ctx.status(status).contentType("application/problem+json").result(Json.write(body));
  }

  private static String titleOf(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
