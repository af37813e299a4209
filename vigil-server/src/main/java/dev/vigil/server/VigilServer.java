package dev.vigil.server;

import dev.vigil.InvalidArgumentException;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;

/**
 * Vigil's HTTP server: a thin Javalin shell with one exception mapper ({@link Problems}), a request
 * body limit, and the routes of each {@link ServerModule}. Bind to {@code 127.0.0.1} by default; port
 * 0 picks a free port ({@link #port()} tells which). {@link #stop()} stops accepting connections and
 * lets requests in flight finish (Jetty's graceful stop).
 */
public final class VigilServer implements AutoCloseable {
  private final Javalin app;

  private VigilServer(Builder b) {
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = b.maxBodyBytes;
      config.jetty.modifyServer(server -> server.setStopTimeout(b.stopTimeoutMillis));
      config.useVirtualThreads = false;
    });
    Problems.install(app);
    for (ServerModule m : b.modules) {
      m.register(app);
    }
    app.start(b.host, b.port);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** Stops the server gracefully. */
  public void stop() {
    app.stop();
  }

  @Override
  public void close() {
    stop();
  }

  /** Builds and starts a {@link VigilServer}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8080;
    private long maxBodyBytes = 10L << 20;
    private long stopTimeoutMillis = 10_000;
    private final List<ServerModule> modules = new ArrayList<>();

    public Builder host(String h) {
      this.host = h;
      return this;
    }

    /** Port in [0, 65535]; 0 picks a free one. */
    public Builder port(int p) {
      InvalidArgumentException.check(p >= 0 && p <= 65535, "port must be in [0, 65535]: %d", p);
      this.port = p;
      return this;
    }

    /** Largest request body (default 10 MiB); larger bodies get 413. */
    public Builder maxBodyBytes(long n) {
      InvalidArgumentException.check(n >= 1024, "maxBodyBytes must be >= 1024: %d", n);
      this.maxBodyBytes = n;
      return this;
    }

    public Builder module(ServerModule m) {
      modules.add(m);
      return this;
    }

    /** Starts the server. */
    public VigilServer start() {
      return new VigilServer(this);
    }
  }
}
