package dev.vigil.server;

import dev.vigil.InvalidArgumentException;
import io.javalin.Javalin;
import io.javalin.config.Key;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Vigil's HTTP server: a thin Javalin shell with one exception mapper ({@link Problems}), a request
 * body limit, and the routes of each {@link ServerModule}. Bind to {@code 127.0.0.1} by default; port
 * 0 picks a free port ({@link #port()} tells which). {@link #stop()} stops accepting connections and
 * lets requests in flight finish (Jetty's graceful stop).
 *
 * <p>Overload: requests are handled by a fixed pool of {@link Builder#threads} threads fed by a queue
 * of at most {@link Builder#maxQueued} jobs (beyond it Jetty closes the connection). A {@code POST}
 * whose job waited in that queue longer than {@link Builder#maxQueueWait}, while other jobs still
 * queue behind it, is answered 503 with
 * {@code Retry-After: 1} before any work is done, so waiting stays bounded under any load; while the
 * queue holds a standing backlog (overload rather than a burst) the limit tightens to
 * {@link Builder#queueWaitTarget} (see {@link AdmissionQueue} and {@link HttpAdmission});
 * {@code GET}s (health, metrics) are always served.
 *
 * <p>Server-side latency: each prediction request ({@code POST .../predict}, {@code .../infer}) is
 * timed from when the server first saw it (its connection's job entering the thread pool's queue, or
 * Jetty's begin time for a further request on a kept-alive connection) until its answer is written, in
 * the histogram {@code vigil_http_request_duration_seconds{outcome}} with outcome {@code accepted}
 * (2xx), {@code rejected} (503 under overload) or {@code failed} (any other status).
 */
public final class VigilServer implements AutoCloseable {
  /** Where modules find the server's admission counters ({@code ctx.appData(ADMISSION)}). */
  static final Key<HttpAdmission> ADMISSION = new Key<>("vigil.admission");
  /** The largest request body in bytes ({@code ctx.appData(MAX_BODY)}). */
  static final Key<Long> MAX_BODY = new Key<>("vigil.max-body");

  private final Javalin app;

  private VigilServer(Builder b) {
    HttpAdmission admission = new HttpAdmission(b.maxQueueWaitNanos, b.queueWaitTargetNanos);
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = b.maxBodyBytes;
      config.jetty.threadPool = admission.pool(b.threads, b.maxQueued);
      config.jetty.modifyServer(server -> server.setStopTimeout(b.stopTimeoutMillis));
      // Jetty builds a 100+ KB header trie per parser when this cache is on; the headers we read are few.
      config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
      // Stamps every request and sheds stale POSTs before Javalin's routing (see HttpAdmission).
      config.jetty.modifyServletContextHandler(h -> h.addFilter(new org.eclipse.jetty.servlet.FilterHolder(
          admission.filter()), "/*", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
      config.useVirtualThreads = false;
      config.appData(ADMISSION, admission);
      config.appData(MAX_BODY, b.maxBodyBytes);
      // Called once the answer is written: server-side latency of predictions, accepted and rejected apart.
      config.requestLogger.http((ctx, ms) -> admission.finished(ctx));
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
    private int threads = 32;
    private int maxQueued = 4096;
    private long maxQueueWaitNanos = Duration.ofMillis(50).toNanos();
    private long queueWaitTargetNanos = Duration.ofMillis(5).toNanos();
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

    /**
     * Threads handling requests, in [4, 1024] (default 32: the work is CPU-bound and a few cores are
     * better served by few threads; models that block need more).
     */
    public Builder threads(int n) {
      InvalidArgumentException.check(n >= 4 && n <= 1024, "threads must be in [4, 1024]: %d", n);
      this.threads = n;
      return this;
    }

    /** Jobs that may wait for a thread, in [1, 1,000,000] (default 4096); beyond it connections are closed. */
    public Builder maxQueued(int n) {
      InvalidArgumentException.check(n >= 1 && n <= 1_000_000, "maxQueued must be in [1, 1000000]: %d", n);
      this.maxQueued = n;
      return this;
    }

    /** Longest wait for a thread before a POST is answered 503 (default 50 ms); zero turns shedding off. */
    public Builder maxQueueWait(Duration d) {
      InvalidArgumentException.check(d != null && !d.isNegative(), "maxQueueWait must be >= 0: %s", d);
      this.maxQueueWaitNanos = d.toNanos();
      return this;
    }

    /**
     * The wait for a thread allowed under sustained overload (default 5 ms, at most
     * {@link #maxQueueWait}): when the oldest queued job has been older than this for a whole 100 ms,
     * POSTs that waited longer are answered 503, so accepted requests keep about their unloaded
     * latency (see {@link AdmissionQueue}).
     */
    public Builder queueWaitTarget(Duration d) {
      InvalidArgumentException.check(d != null && !d.isNegative() && !d.isZero(), "queueWaitTarget must be > 0: %s", d);
      this.queueWaitTargetNanos = d.toNanos();
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
