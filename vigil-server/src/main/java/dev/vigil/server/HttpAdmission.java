package dev.vigil.server;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Bounded waiting for HTTP work. Jetty hands each readable connection to a thread pool; by default
 * that pool's queue is unbounded, so under overload requests wait there for as long as it takes and
 * the latency of every accepted request grows with the backlog (queue collapse). Vigil's pool instead
 * has a fixed number of threads and a bounded queue, and stamps each job with the time it was queued:
 * a prediction whose job waited longer than the configured limit while others still queue is answered
 * 503 at once (cheaply,
 * without calling a model), so the backlog drains fast and accepted requests keep their latency.
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
  private volatile QueuedThreadPool pool;

  HttpAdmission(long maxWaitNanos) {
    this.maxWaitNanos = maxWaitNanos;
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
    QueuedThreadPool p = pool;
    if (maxWaitNanos > 0 && waited > maxWaitNanos && p != null && p.getQueueSize() > 0) {
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

  long maxWaitMillis() {
    return maxWaitNanos / 1_000_000;
  }

  /** A Jetty pool of {@code threads} threads with a queue of at most {@code queueCapacity} jobs. */
  QueuedThreadPool pool(int threads, int queueCapacity) {
    QueuedThreadPool p = new QueuedThreadPool(threads, threads, 60_000,
        new AdmissionQueue(queueCapacity, maxWaitNanos)) {
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
    this.pool = p;
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
