package dev.vigil.server;

import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The thread pool's queue of jobs (a job is "read and handle this connection's request"): bounded,
 * newest first with a share for the stale, and with a wait limit that tightens under sustained
 * overload.
 *
 * <p>With first-in-first-out order, under a backlog every job waits for all jobs ahead of it, so every
 * request, accepted or not, waits about as long as the backlog takes to drain (with 1,000 clients
 * sending back to back, Little's law makes that 1,000 / throughput, about 50 ms here). Served newest
 * first, a request that arrives while threads are free is handled at once and keeps its unloaded
 * latency; the jobs that sink under the newer ones become stale once they have waited longer than
 * {@link #staleNanos()}, and every second take goes to the oldest stale job, which the server answers
 * with a cheap 503 ({@link HttpAdmission#waitedTooLong}). So the unavoidable wait of an overloaded
 * closed loop falls on the rejected requests, not the accepted ones, and no job starves: a stale job
 * is taken at least at half the pool's rate.
 *
 * <p>How long is stale: the configured {@code maxWait} (default 50 ms) lets a short burst queue and
 * be served; under sustained overload that same limit would let every accepted request that sank in
 * the queue wait up to 50 ms. So the queue watches its own backlog the way CoDel does (Nichols and
 * Jacobson, "Controlling Queue Delay", 2012, and the adaptive LIFO of Facebook's "Fail at Scale",
 * 2015): at every take it notes the age of the oldest waiting job (0 when the queue is empty), and at
 * the end of each {@code interval} (100 ms) looks at the smallest age seen. A queue that was never
 * younger than {@code target} for a whole interval holds a standing backlog, not a burst: for the next
 * interval, jobs go stale after {@code target} (default 5 ms) instead of {@code maxWait}, and stay so
 * until a take finds the queue empty (spare capacity): in overload mode the shedding itself keeps the
 * oldest job young, so a young queue would end the mode at once and the limit would swing between 5
 * and 50 ms every other interval. (The oldest job's age is the signal rather than the wait of the jobs
 * taken, because newest-first taking keeps the latter small even under overload.)
 */
final class AdmissionQueue extends LinkedBlockingDeque<Runnable> {
  private static final long serialVersionUID = 1L;
  private final long maxWaitNanos;
  private final long targetNanos;
  private final long intervalNanos;
  private final AtomicLong takes = new AtomicLong();
  /** The smallest age of the oldest job seen at a take in this interval. */
  private final AtomicLong minOldestAge = new AtomicLong(Long.MAX_VALUE);
  /** Whether a take found the queue empty in this interval. */
  private volatile boolean sawEmpty;
  private final AtomicLong intervalEnd;
  private volatile long staleNanos;

  /**
   * A queue of at most {@code capacity} jobs; a job is stale after {@code maxWaitNanos} (0: never),
   * or after {@code targetNanos} while the queue has held a backlog older than that for a whole
   * {@code intervalNanos}.
   */
  AdmissionQueue(int capacity, long maxWaitNanos, long targetNanos, long intervalNanos) {
    super(capacity);
    this.maxWaitNanos = maxWaitNanos;
    this.targetNanos = Math.min(targetNanos, maxWaitNanos);
    this.intervalNanos = intervalNanos;
    this.staleNanos = maxWaitNanos;
    this.intervalEnd = new AtomicLong(System.nanoTime() + intervalNanos);
  }

  /** A queue without the overload mode: stale after {@code maxWaitNanos} always. */
  AdmissionQueue(int capacity, long maxWaitNanos) {
    this(capacity, maxWaitNanos, maxWaitNanos, TimeUnit.MILLISECONDS.toNanos(100));
  }

  /** How long a job may wait now before it is stale (0: never). */
  long staleNanos() {
    return staleNanos;
  }

  /** Whether the queue is in its overload mode (stale after the target rather than the maximum wait). */
  boolean overloaded() {
    return staleNanos < maxWaitNanos;
  }

  /**
   * Notes the age of the oldest waiting job at a take ({@code empty}: there was none) and, at an
   * interval's end, sets the mode.
   */
  void observe(long oldestAge, boolean empty, long now) {
    if (empty && !sawEmpty) {
      sawEmpty = true;
    }
    long m = minOldestAge.get();
    while (oldestAge < m && !minOldestAge.compareAndSet(m, oldestAge)) {
      m = minOldestAge.get();
    }
    long end = intervalEnd.get();
    if (now - end >= 0 && intervalEnd.compareAndSet(end, now + intervalNanos)) {
      long min = minOldestAge.getAndSet(Long.MAX_VALUE);
      boolean spare = sawEmpty;
      sawEmpty = false;
      boolean overloaded = overloaded() ? !spare : min != Long.MAX_VALUE && min > targetNanos;
      staleNanos = overloaded ? targetNanos : maxWaitNanos;
    }
  }

  /** Jetty's pool offers at the tail; takes choose the end. */
  private Runnable choose() {
    Runnable oldest = peekFirst();
    long now = System.nanoTime();
    long age = oldest instanceof HttpAdmission.Stamped s ? now - s.queuedAt() : 0;
    if (maxWaitNanos > 0) {
      observe(age, oldest == null, now);
    }
    if (oldest == null) {
      return null;
    }
    long stale = staleNanos;
    if (stale > 0 && age > stale && (takes.getAndIncrement() & 1) == 0) {
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
