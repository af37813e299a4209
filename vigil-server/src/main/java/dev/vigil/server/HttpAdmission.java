package dev.vigil.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Bounded waiting for HTTP work. Jetty hands each readable connection to a thread pool; by default
 * that pool's queue is unbounded, so under overload requests wait there for as long as it takes and
 * the latency of every accepted request grows with the backlog (queue collapse). Vigil's pool instead
 * has a fixed number of threads and a bounded queue, and stamps each job with the time it was queued:
 * a prediction whose job waited longer than the limit in force while others still queue is answered
 * 503 at once, so the backlog drains fast and accepted requests keep their latency. The limit is the
 * configured maximum wait, tightened to a target wait while the queue holds a standing backlog (see
 * {@link AdmissionQueue}). The 503 is written by a servlet filter in front of Javalin
 * ({@link #filter()}): no routing, no exception, no JSON encoding, so that a rejected request costs as
 * little as it can (under a flood, the rejected outnumber the accepted).
 * The queue hands out the newest job first, and every second job to the oldest stale one (see
 * {@link AdmissionQueue}), so under a backlog the wait falls on the requests that are shed.
 * When even the bounded queue is full, Jetty closes the connection (counted as {@code rejected}).
 */
final class HttpAdmission {
  /** Context attribute: the request's {@link #start} time. */
  static final String START = "vigil.start-nanos";

  /**
   * How long the job running on this thread waited in the queue before it started, in nanoseconds;
   * consumed (set to 0) by the first request the job handles, since a job may go on to serve more
   * requests (keep-alive, Jetty's selector handing over) that did not wait in the queue. Slot 1: when
   * that job was queued (consumed by {@link #start}).
   */
  private static final ThreadLocal<long[]> WAITED = ThreadLocal.withInitial(() -> new long[2]);

  final LongAdder shedByWait = new LongAdder();
  final LongAdder rejectedByQueue = new LongAdder();
  final LongAdder shedByInFlight = new LongAdder();
  /** Server-side latency of prediction requests answered 2xx (see {@link #start}). */
  final LatencyHistogram accepted = new LatencyHistogram();
  /** Server-side latency of prediction requests answered 503 under overload. */
  final LatencyHistogram rejected = new LatencyHistogram();
  /** Server-side latency of prediction requests answered otherwise (4xx, 5xx other than overload). */
  final LatencyHistogram failed = new LatencyHistogram();
  private final long maxWaitNanos;
  private final long targetNanos;
  private volatile AdmissionQueue queue;

  /**
   * Requests wait at most {@code maxWaitNanos} for a thread (0: no limit), or {@code targetNanos}
   * while the queue holds a standing backlog.
   */
  HttpAdmission(long maxWaitNanos, long targetNanos) {
    this.maxWaitNanos = maxWaitNanos;
    this.targetNanos = targetNanos;
  }

  /**
   * Whether the current request waited longer than allowed for a thread while others still queue
   * behind it (and counts it). A long wait with an empty queue is a stall of the machine (a slow
   * wake-up on a starved CPU), not a backlog; shedding would not shorten anything then.
   */
  boolean waitedTooLong() {
    long[] slot = WAITED.get();
    long waited = slot[0];
    slot[0] = 0;
    AdmissionQueue q = queue;
    if (maxWaitNanos > 0 && q != null && waited > q.staleNanos() && !q.isEmpty()) {
      shedByWait.increment();
      return true;
    }
    return false;
  }

  /**
   * When the server first saw the current request, in {@link System#nanoTime()}: the time its
   * connection's job was queued for a thread (the request had arrived, nothing was read yet) when this
   * is the job's first request, else Jetty's begin time of the request (the start of its parsing, for
   * the further requests a job reads off a kept-alive connection). {@code jettyBegin} is
   * {@code Request.getBeginNanoTime()} (0 when unknown). Called once per request, first.
   */
  long start(long jettyBegin) {
    long[] slot = WAITED.get();
    long queuedAt = slot[1];
    slot[1] = 0;
    long begin = jettyBegin != 0 ? jettyBegin : System.nanoTime();
    return queuedAt != 0 && queuedAt - begin < 0 ? queuedAt : begin;
  }

  /** Records the server-side latency of a finished prediction request ({@code ctx} after its answer). */
  void finished(io.javalin.http.Context ctx) {
    Long start = ctx.attribute(START);
    if (start == null || ctx.method() != io.javalin.http.HandlerType.POST || !isPrediction(ctx.path())) {
      return;
    }
    long nanos = System.nanoTime() - start;
    int status = ctx.statusCode();
    (status < 300 ? accepted : status == 503 ? rejected : failed).record(nanos);
  }

  static boolean isPrediction(String path) {
    return path.endsWith("/predict") || path.endsWith("/infer");
  }

  /** Appends the server-side latency histogram to a Prometheus text page. */
  void render(StringBuilder s) {
    String name = "vigil_http_request_duration_seconds";
    s.append("# HELP ").append(name).append(" Server-side latency of prediction requests, from the server first seeing"
        + " the request (queued for a thread) to its answer written, by outcome: accepted (2xx), rejected (503 under"
        + " overload), failed (other).\n# TYPE ").append(name).append(" histogram\n");
    accepted.render(s, name, "outcome=\"accepted\"");
    rejected.render(s, name, "outcome=\"rejected\"");
    failed.render(s, name, "outcome=\"failed\"");
  }

  /** Forgets the job's wait for a request that is never shed (a GET), so a later one is not judged by it. */
  void forgetWait() {
    WAITED.get()[0] = 0;
  }

  /** The wait limit in force now, in milliseconds. */
  long maxWaitMillis() {
    AdmissionQueue q = queue;
    return (q == null ? maxWaitNanos : q.staleNanos()) / 1_000_000;
  }

  /** Whether the queue is in its overload mode now (for /metrics). */
  boolean overloaded() {
    AdmissionQueue q = queue;
    return q != null && q.overloaded();
  }

  /**
   * The servlet filter in front of Javalin: stamps each request with its {@link #start} time
   * (attribute {@link #START}) and answers a {@code POST} that {@link #waitedTooLong} with 503 and
   * {@code Retry-After: 1} itself, a constant problem body and nothing else.
   */
  Filter filter() {
    return new Filter() {
      @Override
      public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
          throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        org.eclipse.jetty.server.Request jetty = org.eclipse.jetty.server.Request.getBaseRequest(http);
        long start = start(jetty == null ? 0 : jetty.getBeginNanoTime());
        http.setAttribute(START, start);
        if (!"POST".equals(http.getMethod())) {
          forgetWait();
        } else if (waitedTooLong()) {
          shed(http, (HttpServletResponse) res, start);
          return;
        }
        chain.doFilter(req, res);
      }
    };
  }

  private void shed(HttpServletRequest req, HttpServletResponse res, long start) throws IOException {
    byte[] body = ("{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":\"request waited over "
        + maxWaitMillis() + " ms for a server thread; retry shortly\"}").getBytes(StandardCharsets.UTF_8);
    res.setStatus(503);
    res.setHeader("Retry-After", "1");
    res.setContentType("application/problem+json");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
    if (isPrediction(req.getRequestURI())) {
      rejected.record(System.nanoTime() - start);
    }
  }

  /** A Jetty pool of {@code threads} threads with a queue of at most {@code queueCapacity} jobs. */
  QueuedThreadPool pool(int threads, int queueCapacity) {
    AdmissionQueue q = new AdmissionQueue(queueCapacity, maxWaitNanos, targetNanos, TimeUnit.MILLISECONDS.toNanos(100));
    QueuedThreadPool p = new QueuedThreadPool(threads, threads, 60_000, q) {
      @Override
      public void execute(Runnable job) {
        try {
          super.execute(new Stamped(job, System.nanoTime()));
        } catch (RejectedExecutionException e) {
          rejectedByQueue.increment();
          throw e;
        }
      }
    };
    p.setName("vigil-http");
    p.setDaemon(true);
    this.queue = q;
    return p;
  }

  /** A queued job with the time it was queued. */
  record Stamped(Runnable job, long queuedAt) implements Runnable {
    @Override
    public void run() {
      long[] slot = WAITED.get();
      slot[0] = System.nanoTime() - queuedAt;
      slot[1] = queuedAt;
      try {
        job.run();
      } finally {
        slot[0] = 0;
        slot[1] = 0;
      }
    }

    @Override
    public String toString() {
      return job.toString();
    }
  }
}
