package dev.vigil.server;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Bounded waiting for HTTP work. Jetty hands each readable connection to a thread pool; by default
 * that pool's queue is unbounded, so under overload requests wait there for as long as it takes and
 * the latency of every accepted request grows with the backlog (queue collapse). Vigil's pool instead
 * has a fixed number of threads and a bounded queue, and stamps each job with the time it was queued:
 * a prediction whose job waited longer than the configured limit while others still queue is answered
 * 503 at once (cheaply,
 * without calling a model), so the backlog drains fast and accepted requests keep their latency.
 * When even the bounded queue is full, Jetty closes the connection (counted as {@code rejected}).
 */
final class HttpAdmission {
  /**
   * How long the job running on this thread waited in the queue before it started, in nanoseconds;
   * consumed (set to 0) by the first request the job handles, since a job may go on to serve more
   * requests (keep-alive, Jetty's selector handing over) that did not wait in the queue.
   */
  private static final ThreadLocal<long[]> WAITED = ThreadLocal.withInitial(() -> new long[1]);

  final LongAdder shedByWait = new LongAdder();
  final LongAdder rejectedByQueue = new LongAdder();
  final LongAdder shedByInFlight = new LongAdder();
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

  long maxWaitMillis() {
    return maxWaitNanos / 1_000_000;
  }

  /** A Jetty pool of {@code threads} threads with a queue of at most {@code queueCapacity} jobs. */
  QueuedThreadPool pool(int threads, int queueCapacity) {
    QueuedThreadPool p = new QueuedThreadPool(threads, threads, 60_000,
        new BlockingArrayQueue<>(Math.min(queueCapacity, 1024), 256, queueCapacity)) {
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
  private record Stamped(Runnable job, long queuedAt) implements Runnable {
    @Override
    public void run() {
      long[] slot = WAITED.get();
      slot[0] = System.nanoTime() - queuedAt;
      try {
        job.run();
      } finally {
        slot[0] = 0;
      }
    }

    @Override
    public String toString() {
      return job.toString();
    }
  }
}
