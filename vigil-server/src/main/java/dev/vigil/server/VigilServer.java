package dev.vigil.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.InvalidArgumentException;
import dev.vigil.server.internal.ErrorMapper;
import dev.vigil.server.internal.MlflowApi;
import dev.vigil.server.internal.VigilApi;
import dev.vigil.store.Store;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A running Vigil server over one store. Close it to stop (the store stays open: the caller owns it). */
public final class VigilServer implements AutoCloseable {
  private final Javalin app;

  private VigilServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts serving {@code store}.
   *
   * @throws InvalidArgumentException when asked to bind a non-loopback address without a token
   */
  public static VigilServer start(Store store, ServerOptions options) {
    if (options.token().isEmpty() && !loopback(options.host())) {
      throw new InvalidArgumentException("a token is required to serve on non-loopback address " + options.host()
          + ": set VIGIL_TOKEN or --token, or bind 127.0.0.1");
    }
    ObjectMapper json = new ObjectMapper();
    Javalin app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.jsonMapper(new JavalinJackson(json, false));
      cfg.http.defaultContentType = "application/json";
    });
    options.token().ifPresent(token -> app.before(ctx -> {
      HandlerType m = ctx.method();
      if (m == HandlerType.POST || m == HandlerType.PUT || m == HandlerType.PATCH || m == HandlerType.DELETE) {
        String h = ctx.header("Authorization");
        String expected = "Bearer " + token;
        if (h == null || !MessageDigest.isEqual(h.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
          throw new ErrorMapper.Unauthorized();
        }
      }
    }));
    ErrorMapper.install(app);
    new VigilApi(store, json, options.budget()).install(app);
    new MlflowApi(store, json).install(app);
    app.start(options.host(), options.port());
    return new VigilServer(app);
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new InvalidArgumentException("cannot resolve host " + host + ": " + e.getMessage(), e);
    }
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
