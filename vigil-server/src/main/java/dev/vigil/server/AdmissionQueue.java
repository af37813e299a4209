package dev.vigil.server;

import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The thread pool's queue of jobs (a job is "read and handle this connection's request"): bounded, and
 * newest first with a share for the stale.
 *
 * <p>With first-in-first-out order, under a backlog every job waits for all jobs ahead of it, so every
 * request, accepted or not, waits about as long as the backlog takes to drain (with 1,000 clients
 * sending back to back, Little's law makes that 1,000 / throughput, about 50 ms here). Served newest
 * first, a request that arrives while threads are free is handled at once and keeps its unloaded
 * latency; the jobs that sink under the newer ones become stale once they have waited longer than
 * {@code staleNanos} (the server's {@code maxQueueWait}), and every second take goes to the oldest
 * stale job, which the server answers with a cheap 503 ({@link HttpAdmission#waitedTooLong}). So the
 * unavoidable wait of an overloaded closed loop falls on the rejected requests, not the accepted ones,
 * and no job starves: a stale job is taken at least at half the pool's rate.
 */
final class AdmissionQueue extends LinkedBlockingDeque<Runnable> {
  private static final long serialVersionUID = 1L;
  private final long staleNanos;
  private final java.util.concurrent.atomic.AtomicLong takes = new java.util.concurrent.atomic.AtomicLong();

  AdmissionQueue(int capacity, long staleNanos) {
    super(capacity);
    this.staleNanos = staleNanos;
  }

  /** Jetty's pool offers at the tail; takes choose the end. */
  private Runnable choose() {
    Runnable oldest = peekFirst();
    if (oldest == null) {
      return null;
    }
    if (staleNanos > 0 && oldest instanceof HttpAdmission.Stamped s && System.nanoTime() - s.queuedAt() > staleNanos
        && (takes.getAndIncrement() & 1) == 0) {
      Runnable r = pollFirst();
      return r != null ? r : pollLast();
    }
    return pollLast();
  }

  @Override
  public Runnable poll() {
    return choose();
  }

  @Override
  public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
    Runnable r = choose();
    return r != null ? r : pollLast(timeout, unit);
  }

  @Override
  public Runnable take() throws InterruptedException {
    Runnable r = choose();
    return r != null ? r : takeLast();
  }
}
