package dev.vigil.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.NotFoundException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.StoreException;
import dev.vigil.models.Gates;
import dev.vigil.registry.DeploymentGate;
import dev.vigil.registry.GateRefusedException;
import dev.vigil.server.internal.ErrorMapper;
import dev.vigil.server.internal.MlflowApi;
import dev.vigil.server.internal.VigilApi;
import dev.vigil.store.AlreadyExistsException;
import dev.vigil.store.Store;
import dev.vigil.store.TamperedArtifactException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry and tracking routes: Vigil's {@code /api/v1} (contract at {@code /api/v1/openapi.json})
 * and MLflow's REST API 2.0 under {@code /api/2.0/mlflow/} (see the package documentation).
 *
 * <p>Mutating calls (POST, PUT, PATCH, DELETE) under those two prefixes need
 * {@code Authorization: Bearer <token>} when a token is given; {@link #requireTokenOffLoopback} is the
 * rule a launcher applies so that a server without a token only listens on loopback. Errors under
 * {@code /api/2.0/} take MLflow's shape {@code {"error_code", "message"}}; under {@code /api/v1} the
 * server's problem shape, with a refused alias move answered 409 and one {@code errors[]} entry per
 * gate ({@code field} = gate name, {@code message} = its detail).
 */
public final class RegistryModule implements ServerModule {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryModule.class);
  private static final String MLFLOW = "/api/2.0/";

  private final Store store;
  private final Gates.Budget budget;
  private final Optional<String> token;

  /**
   * @param store the store to serve (the caller closes it)
   * @param budget deployment gate budgets for alias moves
   * @param token bearer token for mutating calls; empty: none required
   */
  public RegistryModule(Store store, Gates.Budget budget, Optional<String> token) {
    InvalidArgumentException.check(token.isEmpty() || token.get().length() >= 16, "token must be at least 16 characters");
    this.store = store;
    this.budget = budget;
    this.token = token;
  }

  /**
   * Refuses to serve a non-loopback {@code host} without a token.
   *
   * @throws InvalidArgumentException naming the host
   */
  public static void requireTokenOffLoopback(String host, Optional<String> token) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new InvalidArgumentException("cannot resolve host " + host + ": " + e.getMessage(), e);
    }
    if (token.isEmpty() && !loopback) {
      throw new InvalidArgumentException("a token is required to serve on non-loopback address " + host
          + ": set VIGIL_TOKEN or --token, or bind 127.0.0.1");
    }
  }

  @Override
  public void register(Javalin app) {
    token.ifPresent(t -> app.before(ctx -> {
      HandlerType m = ctx.method();
      boolean mutating = m == HandlerType.POST || m == HandlerType.PUT || m == HandlerType.PATCH || m == HandlerType.DELETE;
      boolean ours = ctx.path().startsWith("/api/v1/") || ctx.path().startsWith(MLFLOW);
      if (mutating && ours) {
        String h = ctx.header("Authorization");
        String expected = "Bearer " + t;
        if (h == null || !MessageDigest.isEqual(h.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
          throw new ErrorMapper.Unauthorized();
        }
      }
    }));
    for (Class<? extends Exception> c : List.of(NotFoundException.class, InvalidArgumentException.class, DataFormatException.class,
        SchemaMismatchException.class, StoreException.class, GateRefusedException.class, ErrorMapper.BadRequest.class,
        ErrorMapper.Unauthorized.class)) {
      app.exception(c, (e, ctx) -> {
        try {
          answer(e, ctx);
        } catch (RuntimeException inner) {
          LOG.error("registry exception mapper failed", inner);
          ctx.status(500).contentType("application/json").result("{\"status\":500,\"title\":\"Internal Server Error\"}");
        }
      });
    }
    ObjectMapper json = new ObjectMapper();
    new VigilApi(store, json, budget).install(app);
    new MlflowApi(store, json).install(app);
  }

  private static void answer(Exception e, Context ctx) {
    boolean mlflow = ctx.path().startsWith(MLFLOW);
    int status;
    String code;
    List<Map<String, Object>> errors = new ArrayList<>();
    if (e instanceof NotFoundException) {
      status = 404;
      code = "RESOURCE_DOES_NOT_EXIST";
    } else if (e instanceof AlreadyExistsException) {
      status = 400;
      code = "RESOURCE_ALREADY_EXISTS";
    } else if (e instanceof GateRefusedException g) {
      status = 409;
      code = "INVALID_STATE";
      for (DeploymentGate.GateResult r : g.results()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", r.gate());
        m.put("message", (r.passed() ? "passed: " : "failed: ") + r.detail());
        errors.add(m);
      }
    } else if (e instanceof TamperedArtifactException) {
      status = 409;
      code = "INVALID_STATE";
    } else if (e instanceof ErrorMapper.Unauthorized) {
      status = 401;
      code = "UNAUTHENTICATED";
    } else if (e instanceof StoreException) {
      LOG.error("store failure on {} {}", ctx.method(), ctx.path(), e);
      status = 500;
      code = "INTERNAL_ERROR";
    } else if (!mlflow) {
      Problems.handle(e, ctx);
      return;
    } else {
      status = 400;
      code = "INVALID_PARAMETER_VALUE";
    }
    if (mlflow) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error_code", code);
      body.put("message", e.getMessage());
      ctx.status(status).contentType("application/json").result(Json.write(body));
    } else {
      Problems.write(ctx, status, title(status), e.getMessage(), errors);
    }
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      default -> "Internal Server Error";
    };
  }
}
