package dev.vigil.server.internal;

import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.registry.GateRefusedException;
import dev.vigil.store.AlreadyExistsException;
import dev.vigil.store.NotFoundException;
import dev.vigil.store.TamperedArtifactException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one exception mapper: Vigil errors become JSON 4xx answers; anything else a logged 500. */
public final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  /** A request body or parameter is malformed; names the field. */
  public static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
      super(message);
    }
  }

  /** A mutating call without the right bearer token. */
  public static final class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unauthorized() {
      super("this call changes state and needs 'Authorization: Bearer <token>'");
    }
  }

  private ErrorMapper() {}

  public static void install(Javalin app) {
    app.exception(Exception.class, (e, ctx) -> {
      try {
        answer(e, ctx);
      } catch (RuntimeException inner) {
        ctx.status(500).result("{\"status\":500,\"title\":\"internal error\"}");
      }
    });
    app.exception(HttpResponseException.class, (e, ctx) -> {
      int status = e.getStatus();
      String code = status == 404 ? "ENDPOINT_NOT_FOUND" : status == 405 ? "BAD_REQUEST" : status < 500 ? "INVALID_PARAMETER_VALUE" : "INTERNAL_ERROR";
      answer(ctx, status, code, status == 404 ? "no endpoint " + ctx.method() + " " + ctx.path() : e.getMessage());
    });
  }

  private static void answer(Exception e, Context ctx) {
    if (e instanceof NotFoundException) {
      answer(ctx, 404, "RESOURCE_DOES_NOT_EXIST", e.getMessage());
    } else if (e instanceof AlreadyExistsException) {
      answer(ctx, 400, "RESOURCE_ALREADY_EXISTS", e.getMessage());
    } else if (e instanceof GateRefusedException g) {
      Map<String, Object> body = body(ctx, 409, "INVALID_STATE", e.getMessage());
      body.put("gates", VigilApi.gates(g.results()));
      ctx.status(409).json(body);
    } else if (e instanceof Unauthorized) {
      answer(ctx, 401, "UNAUTHENTICATED", e.getMessage());
    } else if (e instanceof TamperedArtifactException) {
      answer(ctx, 409, "INVALID_STATE", e.getMessage());
    } else if (e instanceof InvalidArgumentException || e instanceof DataFormatException || e instanceof SchemaMismatchException
        || e instanceof BadRequest) {
      answer(ctx, 400, "INVALID_PARAMETER_VALUE", e.getMessage());
    } else {
      LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
      answer(ctx, 500, "INTERNAL_ERROR", "internal error: " + e.getClass().getSimpleName());
    }
  }

  private static void answer(Context ctx, int status, String code, String message) {
    ctx.status(status).json(body(ctx, status, code, message));
  }

  private static Map<String, Object> body(Context ctx, int status, String code, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (ctx.path().startsWith("/api/2.0/")) {
      m.put("error_code", code);
      m.put("message", message);
    } else {
      m.put("status", status);
      m.put("title", code.toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      m.put("detail", message);
    }
    return m;
  }
}
