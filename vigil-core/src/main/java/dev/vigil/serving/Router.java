package dev.vigil.serving;

import dev.vigil.InvalidArgumentException;
import dev.vigil.serving.internal.CircuitBreaker;
import dev.vigil.serving.internal.LatencyWindow;
import dev.vigil.stats.TestResult;
import dev.vigil.stats.TwoSampleTests;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request through a chain of models so that a caller always gets an answer when any
 * model can give one.
 *
 * <ol>
 *   <li><b>Canary</b> (optional): a share of requests, chosen by a hash of the request key so that a
 *       caller stays on one side, goes to the canary model. Its calls are judged by
 *       {@link CanaryGates} (error rate, latency, disagreement with the primary, score drift); the router aborts the canary (no more traffic) or promotes it (it
 *       becomes the primary) and tells the listeners. A failed canary call falls through to the
 *       primary.
 *   <li><b>Primary</b>, then each <b>fallback</b> in order (typically champion, then backup, the last
 *       known good version). A model is passed over when it throws, misses the per-call deadline,
 *       returns an invalid output ({@link Signature#invalidOutput}: wrong shape, NaN, a probability
 *       out of range), or its circuit breaker is open, or (with a deadline) it still has
 *       {@link Builder#overdueCallLimit} earlier calls running past their deadline.
 *   <li>The <b>default answer</b> (optional): a fixed output row for every input row.
 * </ol>
 *
 * A <b>shadow</b> model gets a copy of each answered request on a bounded background queue; its
 * output is compared with the served one and reported to listeners, never returned; a full queue
 * drops the shadow call and counts it. Listeners never affect the response: their exceptions are
 * caught and logged. Hot reload: {@link #replacePrimary}, {@link #replaceFallbacks},
 * {@link #replaceShadow} and {@link #replaceCanary} swap one part of the chain for new requests while
 * calls in flight finish on the old one; requests are never dropped or failed by a swap. Thread-safe.
 *
 * <p>Threads. Without a deadline a model runs on the caller's thread. With one, it runs on a model-call
 * thread, and a call that misses its deadline is interrupted and abandoned; a model that ignores the
 * interrupt (a native loop, a busy computation, a lock) keeps that thread until it returns. So that a
 * hanging model cannot hold an unbounded number of threads (and their requests' memory) under
 * sustained load, at most {@link Builder#overdueCallLimit} abandoned calls per model may still be
 * running (default 16); while a model has that many, its new calls are passed over at once without a
 * thread, and count as failures for its circuit breaker. Model-call threads are therefore bounded by
 * the requests being answered at once plus, per model, the overdue limit (callers that checked the
 * limit at the same moment may each add one); idle ones end after 60 s.
 *
 * <p>Shadow and canary comparisons use the one definition of agreement and score difference in
 * {@link OutputComparison}. Canary requests are run again on the primary on their own bounded queue
 * ({@link Builder#canaryQueue}), apart from the shadow queue; drops of either are counted separately.
 */
public final class Router implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  /** Callers waiting on model-call threads at most this many at once spin before parking (see call). */
  private static final int SPIN_MAX_CALLERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  /** How long a caller may spin for a model-call thread's answer before parking (0: never). */
  private final long spinNanos;
  private final AtomicInteger callsWaiting = new AtomicInteger();
  /** Recent spins' success: positive while they end with the answer (see call). */
  private volatile int spinScore = 1;
  /**
   * Refuses a shadow or comparison job when its queue is full by throwing one shared exception: the
   * JDK's AbortPolicy builds a new one per refusal, with a stack trace and a message that locks the
   * executor to describe it, on the request thread, on every request while a shadow hangs.
   */
  private static final RejectedExecutionException QUEUE_FULL = new RejectedExecutionException("queue full");
  private static final java.util.concurrent.RejectedExecutionHandler REJECT = (job, executor) -> {
    throw QUEUE_FULL;
  };

  private record Config(Served primary, List<Served> fallbacks, Served canary, double canaryShare,
      boolean canaryActive, Served shadow, double[] defaultRow) {}

  private record Attempt(Predictions out, String failure, long nanos) {
    boolean ok() {
      return failure == null;
    }
  }

  private volatile Config config;
  private final Duration deadline;
  private final int breakerThreshold;
  private final Duration breakerOpenFor;
  private final CanaryGates gates;
  private final Clock clock;
  private final List<ServingListener> listeners;
  private final ExecutorService callExecutor;
  private final ThreadPoolExecutor background;
  private final ThreadPoolExecutor canaryComparisons;
  private final LongSupplier ticker;
  private final Map<ModelRef, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final int overdueCallLimit;
  /** Per model: calls abandoned at their deadline that have not returned yet. */
  private final Map<ModelRef, AtomicInteger> overdue = new ConcurrentHashMap<>();
  private final Map<Route, LongAdder> responses = new EnumMap<>(Route.class);
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final LongAdder shadowCalls = new LongAdder();
  private final LongAdder shadowFailures = new LongAdder();
  private final LongAdder shadowDropped = new LongAdder();
  private final LongAdder shadowRows = new LongAdder();
  private final LongAdder shadowAgreeRows = new LongAdder();
  private final DoubleAdder shadowDiff = new DoubleAdder();
  private final LongAdder defaultAnswers = new LongAdder();
  private final LongAdder unanswered = new LongAdder();
  private final LongAdder canaryComparisonsDropped = new LongAdder();
  // Replaced with the canary (under the router's lock); a call of the canary replaced meanwhile is not counted.
  private volatile Canary canaryState;
  private final boolean canaryConfigured;

  private Router(Builder b) {
    this.config = new Config(b.primary, List.copyOf(b.fallbacks), b.canary, b.canaryShare, b.canary != null,
        b.shadow, b.defaultRow);
    this.deadline = b.deadline;
    this.spinNanos = b.spinWait.toNanos();
    this.breakerThreshold = b.breakerThreshold;
    this.breakerOpenFor = b.breakerOpenFor;
    this.overdueCallLimit = b.overdueCallLimit;
    this.gates = b.gates;
    this.clock = b.clock;
    this.canaryState = new Canary(b.canary);
    this.canaryConfigured = b.canaryConfigured;
    this.listeners = List.copyOf(b.listeners);
    for (Route r : Route.values()) {
      responses.put(r, new LongAdder());
    }
    this.callExecutor = deadline == null ? null : Executors.newCachedThreadPool(daemon("vigil-model-call"));
    this.background = new ThreadPoolExecutor(b.shadowThreads, b.shadowThreads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(b.shadowQueue), daemon("vigil-shadow"), REJECT);
    // Canary comparisons get their own queue so that a hanging shadow cannot starve the gates.
    this.canaryComparisons = new ThreadPoolExecutor(b.canaryThreads, b.canaryThreads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(b.canaryQueue), daemon("vigil-canary-compare"), REJECT);
    this.ticker = b.ticker;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public static Builder builder(Served primary) {
    return new Builder(primary);
  }

  /**
   * Answers {@code request}.
   *
   * @throws ServingException when every model failed and no default answer is configured
   */
  public Response predict(Request request) {
    long t0 = System.nanoTime();
    Config c = config;
    List<String> passed = new ArrayList<>(2);
    int rows = request.features().rowCount();

    if (c.canary != null && c.canaryActive && inCanary(request.key(), c.canaryShare)) {
      Attempt a = call(c.canary, request);
      canaryState.record(c, a);
      if (a.ok()) {
        Response r = new Response(a.out, c.canary.ref(), Route.CANARY, Duration.ofNanos(System.nanoTime() - t0), passed);
        compareCanaryWithPrimary(c, request, a.out);
        return finish(request, r, c);
      }
      passed.add(c.canary.ref() + ": " + a.failure);
    }
    Attempt p = call(c.primary, request);
    if (p.ok()) {
      return finish(request, new Response(p.out, c.primary.ref(), Route.PRIMARY, Duration.ofNanos(System.nanoTime() - t0), passed), c);
    }
    passed.add(c.primary.ref() + ": " + p.failure);
    for (Served f : c.fallbacks) {
      Attempt a = call(f, request);
      if (a.ok()) {
        return finish(request, new Response(a.out, f.ref(), Route.FALLBACK, Duration.ofNanos(System.nanoTime() - t0), passed), c);
      }
      passed.add(f.ref() + ": " + a.failure);
    }
    if (c.defaultRow != null) {
      double[] v = new double[rows * c.defaultRow.length];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(c.defaultRow, 0, v, i * c.defaultRow.length, c.defaultRow.length);
      }
      defaultAnswers.increment();
      return finish(request, new Response(Predictions.of(rows, c.defaultRow.length, v), null, Route.DEFAULT,
          Duration.ofNanos(System.nanoTime() - t0), passed), c);
    }
    unanswered.increment();
    throw new ServingException("no model could answer request " + request.id(), passed);
  }

  private Response finish(Request request, Response r, Config c) {
    responses.get(r.route()).increment();
    for (ServingListener l : listeners) {
      try {
        l.onResponse(request, r);
      } catch (RuntimeException e) {
        LOG.warn("serving listener {} failed on response; ignored", l, e);
      }
    }
    if (c.shadow != null) {
      submitShadow(c.shadow, request, r);
    }
    return r;
  }

  private Attempt call(Served s, Request request) {
    CircuitBreaker b = breakers.computeIfAbsent(s.ref(), k -> new CircuitBreaker(breakerThreshold, breakerOpenFor, clock));
    if (!b.allow()) {
      return failed(s, request, b, "circuit open", false, 0);
    }
    long t0 = ticker.getAsLong();
    Predictions out;
    try {
      if (callExecutor == null) {
        out = s.predictor().predict(request.features());
      } else {
        AtomicInteger stuck = overdue.computeIfAbsent(s.ref(), k -> new AtomicInteger());
        int now = stuck.get();
        if (now >= overdueCallLimit) {
          return failed(s, request, b, now + " earlier calls still running past the deadline", true, 0);
        }
        // QUEUED -> RUNNING -> DONE when the call returns (in time or late). At the deadline the caller
        // moves RUNNING -> ABANDONED and counts the call as overdue; the call uncounts it when it
        // returns. A call abandoned before it started (QUEUED -> ABANDONED) never runs the model.
        AtomicInteger state = new AtomicInteger(QUEUED);
        Future<Predictions> f = callExecutor.submit(() -> {
          if (!state.compareAndSet(QUEUED, RUNNING)) {
            throw new IllegalStateException("abandoned before it started");
          }
          try {
            return s.predictor().predict(request.features());
          } finally {
            if (!state.compareAndSet(RUNNING, DONE)) {
              stuck.decrementAndGet();
            }
          }
        });
        int calling = callsWaiting.incrementAndGet();
        try {
          long waitFrom = System.nanoTime();
          if (spinNanos > 0 && calling <= SPIN_MAX_CALLERS
              && (spinScore > 0 || java.util.concurrent.ThreadLocalRandom.current().nextInt(64) == 0)) {
            // Alone, with a core to spare: wait for a short call by spinning, not by parking. A
            // parked caller is woken by the model-call thread, which on a VM costs tens of
            // microseconds (OnnxOverheadBench.servedWithDeadline). When the cores are busy (an HTTP
            // server under load) the model-call thread cannot run while the caller spins, so the
            // spins fail; the score then turns them off, and one call in 64 probes whether they
            // would succeed again. Racy updates of the score are harmless.
            long end = waitFrom + spinNanos;
            while (!f.isDone() && System.nanoTime() - end < 0) {
              Thread.onSpinWait();
            }
            int score = spinScore;
            spinScore = f.isDone() ? Math.min(16, score + 1) : Math.max(-16, score - 2);
          }
          out = f.get(deadline.toNanos() - (System.nanoTime() - waitFrom), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          abandon(state, stuck);
          f.cancel(true);
          return failed(s, request, b, "deadline of " + deadline.toMillis() + " ms exceeded", true, ticker.getAsLong() - t0);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          return failed(s, request, b, "threw " + cause, true, ticker.getAsLong() - t0);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          abandon(state, stuck);
          f.cancel(true);
          return failed(s, request, b, "interrupted", true, ticker.getAsLong() - t0);
        } finally {
          callsWaiting.decrementAndGet();
        }
      }
    } catch (RuntimeException | Error e) {
      return failed(s, request, b, "threw " + e, true, ticker.getAsLong() - t0);
    }
    String invalid = s.predictor().signature().invalidOutput(out, request.features().rowCount());
    if (invalid != null) {
      return failed(s, request, b, "invalid output: " + invalid, true, ticker.getAsLong() - t0);
    }
    b.success();
    return new Attempt(out, null, ticker.getAsLong() - t0);
  }

  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int ABANDONED = 3;

  private static void abandon(AtomicInteger state, AtomicInteger stuck) {
    while (true) {
      if (state.compareAndSet(RUNNING, ABANDONED)) {
        stuck.incrementAndGet();
        return;
      }
      if (state.compareAndSet(QUEUED, ABANDONED) || state.get() == DONE) {
        return;
      }
    }
  }

  private Attempt failed(Served s, Request request, CircuitBreaker b, String reason, boolean countInBreaker, long nanos) {
    if (countInBreaker) {
      b.failure();
    }
    failures.computeIfAbsent(s.ref().toString(), k -> new LongAdder()).increment();
    for (ServingListener l : listeners) {
      try {
        l.onModelFailure(request, s.ref(), reason);
      } catch (RuntimeException e) {
        LOG.warn("serving listener {} failed on model failure; ignored", l, e);
      }
    }
    return new Attempt(null, reason, nanos);
  }

  private void submitShadow(Served shadow, Request request, Response served) {
    try {
      background.execute(() -> runShadow(shadow, request, served));
    } catch (RejectedExecutionException e) {
      shadowDropped.increment();
      for (ServingListener l : listeners) {
        try {
          l.onShadowDropped(request, shadow.ref());
        } catch (RuntimeException x) {
          LOG.warn("serving listener {} failed on shadow drop; ignored", l, x);
        }
      }
    }
  }

  private void runShadow(Served shadow, Request request, Response served) {
    Predictions out = null;
    String error = null;
    long t0 = System.nanoTime();
    try {
      out = shadow.predictor().predict(request.features());
      error = shadow.predictor().signature().invalidOutput(out, request.features().rowCount());
      if (error != null) {
        out = null;
      }
    } catch (RuntimeException | Error e) {
      error = "threw " + e;
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - t0);
    shadowCalls.increment();
    if (out == null) {
      shadowFailures.increment();
    } else {
      OutputComparison cmp = OutputComparison.of(shadow.predictor().signature().kind(), served.predictions(), out);
      shadowRows.add(cmp.rows());
      shadowAgreeRows.add(cmp.agreeingRows());
      shadowDiff.add(cmp.absScoreDifferenceSum());
      for (ServingListener l : listeners) {
        try {
          l.onShadowCompared(request, shadow.ref(), cmp);
        } catch (RuntimeException e) {
          LOG.warn("serving listener {} failed on shadow comparison; ignored", l, e);
        }
      }
    }
    for (ServingListener l : listeners) {
      try {
        l.onShadow(request, shadow.ref(), out, error, served, latency);
      } catch (RuntimeException e) {
        LOG.warn("serving listener {} failed on shadow; ignored", l, e);
      }
    }
  }

  private static boolean inCanary(String key, double share) {
    if (share <= 0) {
      return false;
    }
    // A stable hash (not String.hashCode's bias on short keys): FNV-1a over the UTF-16 chars.
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    return Math.floorMod(h, 10_000L) < Math.round(share * 10_000);
  }

  private void compareCanaryWithPrimary(Config c, Request request, Predictions canaryOut) {
    try {
      canaryComparisons.execute(() -> {
        Predictions p = callForComparison(c.primary, request);
        if (p != null) {
          canaryState.compare(c, p, canaryOut);
        }
      });
    } catch (RejectedExecutionException e) {
      canaryComparisonsDropped.increment();
    }
  }

  /**
   * The primary's output on a canary request, or null when it failed; bounded by the deadline when
   * one is set. The primary's own failures are judged on its own calls, not here.
   */
  private Predictions callForComparison(Served primary, Request request) {
    Predictions p;
    try {
      if (callExecutor == null) {
        p = primary.predictor().predict(request.features());
      } else {
        Future<Predictions> f = callExecutor.submit(() -> primary.predictor().predict(request.features()));
        try {
          p = f.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
          f.cancel(true);
          return null;
        } catch (InterruptedException e) {
          f.cancel(true);
          Thread.currentThread().interrupt();
          return null;
        }
      }
    } catch (RuntimeException | Error e) {
      return null;
    }
    return primary.predictor().signature().invalidOutput(p, request.features().rowCount()) == null ? p : null;
  }

  /** Swaps the primary for new requests (hot reload); calls in flight finish on the old one. */
  public void replacePrimary(Served primary) {
    synchronized (this) {
      Config c = config;
      config = new Config(primary, c.fallbacks, c.canary, c.canaryShare, c.canaryActive, c.shadow, c.defaultRow);
    }
  }

  /** Swaps the fallback chain for new requests. */
  public void replaceFallbacks(List<Served> fallbacks) {
    synchronized (this) {
      Config c = config;
      config = new Config(c.primary, List.copyOf(fallbacks), c.canary, c.canaryShare, c.canaryActive, c.shadow, c.defaultRow);
    }
  }

  /** Swaps the shadow for new requests; {@code null} stops shadowing. Shadow calls queued on the old one still run. */
  public void replaceShadow(Served shadow) {
    synchronized (this) {
      Config c = config;
      config = new Config(c.primary, c.fallbacks, c.canary, c.canaryShare, c.canaryActive, shadow, c.defaultRow);
    }
  }

  /**
   * Starts a new canary experiment with {@code canary} (a moved canary alias): it gets the configured
   * share of traffic again and is judged from zero calls by the configured gates; {@code null} stops the
   * canary. Calls in flight on the old canary finish but no longer count.
   *
   * @throws IllegalStateException when the router was built without {@link Builder#canary}
   */
  public void replaceCanary(Served canary) {
    synchronized (this) {
      Config c = config;
      if (!canaryConfigured) {
        throw new IllegalStateException("this router was built without a canary");
      }
      canaryState = new Canary(canary);
      config = new Config(c.primary, c.fallbacks, canary, c.canaryShare, canary != null, c.shadow, c.defaultRow);
    }
  }

  /**
   * The signature of the model answering primary traffic now (after a reload or a canary promotion,
   * the new primary's): what requests are validated against.
   */
  public Signature primarySignature() {
    return config.primary.predictor().signature();
  }

  /** The model answering primary traffic now. */
  public ModelRef primary() {
    return config.primary.ref();
  }

  /** Whether a canary still receives traffic. */
  public boolean canaryActive() {
    Config c = config;
    return c.canary != null && c.canaryActive;
  }

  /** Counters since the router started. */
  public RouterStats stats() {
    Map<Route, Long> r = new EnumMap<>(Route.class);
    responses.forEach((k, v) -> r.put(k, v.sum()));
    Map<String, Long> f = new LinkedHashMap<>();
    failures.forEach((k, v) -> f.put(k, v.sum()));
    Map<String, String> states = new LinkedHashMap<>();
    breakers.forEach((k, v) -> states.put(k.toString(), v.state().name().toLowerCase(Locale.ROOT)));
    long rowsCompared = shadowRows.sum();
    return new RouterStats(r, f, states, shadowCalls.sum(), shadowFailures.sum(), shadowDropped.sum(),
        rowsCompared == 0 ? Double.NaN : (double) shadowAgreeRows.sum() / rowsCompared,
        rowsCompared == 0 ? Double.NaN : shadowDiff.sum() / rowsCompared, defaultAnswers.sum(), unanswered.sum(),
        canaryComparisonsDropped.sum());
  }

  /** Waits up to {@code timeout} for queued shadow and comparison work to finish (for tests and shutdown). */
  public boolean awaitBackground(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (background.getQueue().isEmpty() && background.getActiveCount() == 0
          && canaryComparisons.getQueue().isEmpty() && canaryComparisons.getActiveCount() == 0) {
        return true;
      }
      Thread.sleep(2);
    }
    return false;
  }

  /** Stops background threads; predictors are the caller's to close. */
  @Override
  public void close() {
    background.shutdownNow();
    canaryComparisons.shutdownNow();
    if (callExecutor != null) {
      callExecutor.shutdownNow();
    }
  }

  /**
   * Canary bookkeeping and decisions. Error rate and latency are judged on canary calls; disagreement,
   * mean score difference and score drift on the canary requests that were also run on the primary
   * (off the request path), once at least {@code minCalls} of them were compared, so that a decision
   * never rests on a handful of comparisons. Promotion needs those comparisons too.
   */
  private final class Canary {
    private long calls;
    private long errors;
    private long comparedCalls;
    private long comparedRows;
    private long disagreeRows;
    private double diffSum;
    private final LatencyWindow latency = new LatencyWindow(10_000);
    /** The last scoreDriftWindow compared rows' scores, canary and primary, as rings. */
    private double[] canaryScores;
    private double[] primaryScores;
    private int next;
    private int size;
    /** Rows added since {@link #drift} was computed. */
    private int sinceTest;
    private TestResult drift;
    private final Served judged;

    Canary(Served judged) {
      this.judged = judged;
    }

    synchronized void record(Config c, Attempt a) {
      if (c.canary != judged) {
        return;
      }
      calls++;
      if (!a.ok()) {
        errors++;
      } else {
        latency.add(a.nanos);
      }
      decide(c);
    }

    synchronized void compare(Config c, Predictions primary, Predictions canary) {
      if (c.canary != judged) {
        return;
      }
      OutputComparison cmp = OutputComparison.of(c.canary.predictor().signature().kind(), primary, canary);
      comparedCalls++;
      comparedRows += cmp.rows();
      disagreeRows += cmp.rows() - cmp.agreeingRows();
      diffSum += cmp.absScoreDifferenceSum();
      if (gates != null) {
        if (canaryScores == null) {
          canaryScores = new double[gates.scoreDriftWindow()];
          primaryScores = new double[gates.scoreDriftWindow()];
        }
        for (int i = 0; i < cmp.rows(); i++) {
          canaryScores[next] = OutputComparison.score(canary, i);
          primaryScores[next] = OutputComparison.score(primary, i);
          next = (next + 1) % canaryScores.length;
          size = Math.min(size + 1, canaryScores.length);
          sinceTest++;
        }
      }
      decide(c);
    }

    /**
     * The two-sample Kolmogorov–Smirnov test of the canary's scores against the primary's over the
     * window, recomputed when {@code fresh} or once 5% of the window is new (sorting the window on
     * every comparison would cost more than the models at high canary traffic).
     */
    private TestResult drift(boolean fresh) {
      if (size == 0) {
        return null;
      }
      if (drift == null || (sinceTest > 0 && (fresh || sinceTest >= Math.max(1, size / 20)))) {
        drift = TwoSampleTests.kolmogorovSmirnov(java.util.Arrays.copyOf(primaryScores, size),
            java.util.Arrays.copyOf(canaryScores, size));
        sinceTest = 0;
      }
      return drift;
    }

    private void decide(Config c) {
      if (gates == null || !c.canaryActive || calls < gates.minCalls() || config != c) {
        return;
      }
      boolean judgeComparisons = comparedCalls >= gates.minCalls();
      boolean promoting = judgeComparisons && calls >= gates.promoteCalls();
      double errorRate = (double) errors / calls;
      double p99 = latency.quantileMillis(0.99);
      double disagreement = comparedRows == 0 ? 0 : (double) disagreeRows / comparedRows;
      double meanDiff = comparedRows == 0 ? 0 : diffSum / comparedRows;
      List<String> breaches = new ArrayList<>();
      if (errorRate > gates.maxErrorRate()) {
        breaches.add(String.format(Locale.ROOT, "error rate %.4f > %.4f", errorRate, gates.maxErrorRate()));
      }
      if (p99 > gates.maxP99().toNanos() / 1e6) {
        breaches.add(String.format(Locale.ROOT, "p99 latency %.3f ms > %d ms", p99, gates.maxP99().toMillis()));
      }
      TestResult ks = null;
      if (judgeComparisons) {
        if (disagreement > gates.maxDisagreement()) {
          breaches.add(String.format(Locale.ROOT, "disagreement %.4f > %.4f", disagreement, gates.maxDisagreement()));
        }
        if (meanDiff > gates.maxMeanScoreDifference()) {
          breaches.add(String.format(Locale.ROOT, "mean score difference %.4f > %.4f", meanDiff, gates.maxMeanScoreDifference()));
        }
        ks = drift(promoting || comparedCalls == gates.minCalls());
        if (ks != null && ks.pValue() < gates.minScoreDriftPValue()) {
          breaches.add(String.format(Locale.ROOT, "score drift: Kolmogorov-Smirnov D %.4f, p-value %.3g < %s over %d rows",
              ks.statistic(), ks.pValue(), gates.minScoreDriftPValue(), size));
        }
      }
      CanaryDecision.Outcome outcome = null;
      if (!breaches.isEmpty()) {
        outcome = CanaryDecision.Outcome.ABORT;
      } else if (promoting && comparedRows > 0) {
        outcome = CanaryDecision.Outcome.PROMOTE;
      }
      if (outcome == null) {
        return;
      }
      synchronized (Router.this) {
        Config now = config;
        Served primary = outcome == CanaryDecision.Outcome.PROMOTE ? now.canary : now.primary;
        config = new Config(primary, now.fallbacks, now.canary, now.canaryShare, false, now.shadow, now.defaultRow);
      }
      CanaryDecision d = new CanaryDecision(c.canary.ref(), outcome, calls, errorRate, p99, comparedRows, disagreement,
          meanDiff, ks == null ? Double.NaN : ks.statistic(), ks == null ? Double.NaN : ks.pValue(), breaches);
      for (ServingListener l : listeners) {
        try {
          l.onCanaryDecision(d);
        } catch (RuntimeException e) {
          LOG.warn("serving listener {} failed on canary decision; ignored", l, e);
        }
      }
    }
  }

  /** Builds a {@link Router}. */
  public static final class Builder {
    private final Served primary;
    private final List<Served> fallbacks = new ArrayList<>();
    private Served canary;
    private double canaryShare;
    private boolean canaryConfigured;
    private CanaryGates gates;
    private Served shadow;
    private double[] defaultRow;
    private Duration deadline;
    private Duration spinWait = Duration.ZERO;
    private int breakerThreshold = 5;
    private Duration breakerOpenFor = Duration.ofSeconds(30);
    private int overdueCallLimit = 16;
    private Clock clock = Clock.systemUTC();
    private final List<ServingListener> listeners = new ArrayList<>();
    private int shadowQueue = 1024;
    private int shadowThreads = 1;
    private int canaryQueue = 1024;
    private int canaryThreads = 1;
    private LongSupplier ticker = System::nanoTime;

    private Builder(Served primary) {
      this.primary = java.util.Objects.requireNonNull(primary, "primary");
    }

    /** Adds a fallback, tried in the order added. */
    public Builder fallback(Served s) {
      fallbacks.add(java.util.Objects.requireNonNull(s));
      return this;
    }

    /**
     * Sends {@code share} (in [0, 1]) of request keys to {@code canaryModel}, judged by {@code canaryGates}.
     * A {@code null} model configures the canary without one yet ({@link #replaceCanary} starts it).
     */
    public Builder canary(Served canaryModel, double share, CanaryGates canaryGates) {
      InvalidArgumentException.check(share >= 0 && share <= 1, "canary share must be in [0, 1]: %s", share);
      this.canary = canaryModel;
      this.canaryConfigured = true;
      this.canaryShare = share;
      this.gates = canaryGates;
      return this;
    }

    public Builder shadow(Served s) {
      this.shadow = s;
      return this;
    }

    /** The answer of last resort: this output row for every input row. */
    public Builder defaultAnswer(double... row) {
      InvalidArgumentException.check(row.length >= 1, "a default answer needs at least one output");
      this.defaultRow = row.clone();
      return this;
    }

    /** Per-call deadline; null (the default) calls the model on the caller's thread without one. */
    public Builder deadline(Duration d) {
      InvalidArgumentException.check(d == null || (!d.isNegative() && !d.isZero()), "deadline must be > 0: %s", d);
      this.deadline = d;
      return this;
    }

    /**
     * With a deadline, how long a caller may spin (busy-wait) for the model-call thread's answer before
     * parking (default zero: it parks at once). Parking costs a wake-up when the answer comes, tens of
     * microseconds on a VM, so an in-process caller that wants the lowest latency and has a core to
     * spare may set about 50 µs. Spins are tried only while at most half the cores' worth of callers
     * wait, and stop by themselves while they keep failing (busy cores); on a server saturated with
     * requests they cost more CPU than they save, so {@code vigil serve} leaves them off.
     */
    public Builder spinWait(Duration d) {
      InvalidArgumentException.check(d != null && !d.isNegative(), "spinWait must be >= 0: %s", d);
      this.spinWait = d;
      return this;
    }

    /** Open a model's circuit after {@code consecutiveFailures} failures, for {@code openFor}. */
    public Builder circuitBreaker(int consecutiveFailures, Duration openFor) {
      InvalidArgumentException.check(consecutiveFailures >= 1, "consecutiveFailures must be >= 1: %d", consecutiveFailures);
      this.breakerThreshold = consecutiveFailures;
      this.breakerOpenFor = java.util.Objects.requireNonNull(openFor);
      return this;
    }

    /**
     * With a deadline: at most {@code limit} (in [1, 10000], default 16) calls per model may still run
     * after missing their deadline; beyond that the model's new calls are passed over at once
     * ("N earlier calls still running past the deadline"). Bounds the threads and memory a model that
     * ignores interrupts can hold.
     */
    public Builder overdueCallLimit(int limit) {
      InvalidArgumentException.check(limit >= 1 && limit <= 10_000, "overdue call limit must be in [1, 10000]: %d", limit);
      this.overdueCallLimit = limit;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = java.util.Objects.requireNonNull(c);
      return this;
    }

    public Builder listener(ServingListener l) {
      listeners.add(java.util.Objects.requireNonNull(l));
      return this;
    }

    /** Capacity of the shadow/comparison queue (default 1024) and its threads (default 1). */
    public Builder shadowQueue(int capacity, int threads) {
      InvalidArgumentException.check(capacity >= 1 && threads >= 1, "shadow queue and threads must be >= 1");
      this.shadowQueue = capacity;
      this.shadowThreads = threads;
      return this;
    }

    /**
     * Capacity of the canary comparison queue (default 1024) and its threads (default 1): each canary
     * request is run again on the primary there, apart from the shadow queue, so that a slow or hanging
     * shadow cannot starve the canary's gates. A full queue drops the comparison and counts it
     * ({@link RouterStats#canaryComparisonsDropped()}).
     */
    public Builder canaryQueue(int capacity, int threads) {
      InvalidArgumentException.check(capacity >= 1 && threads >= 1, "canary queue and threads must be >= 1");
      this.canaryQueue = capacity;
      this.canaryThreads = threads;
      return this;
    }

    /**
     * The monotonic time source, in nanoseconds, that times model calls for the canary's latency gate
     * (default {@link System#nanoTime}); tests inject a fake one.
     */
    public Builder ticker(LongSupplier nanoTime) {
      this.ticker = java.util.Objects.requireNonNull(nanoTime);
      return this;
    }

    public Router build() {
      return new Router(this);
    }
  }
}
