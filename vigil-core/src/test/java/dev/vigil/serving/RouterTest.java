package dev.vigil.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterTest {
  static final Signature SIG = new Signature(List.of(Field.of("x", ColumnType.DOUBLE)),
      Signature.OutputKind.PROBABILITIES, List.of("0", "1"));

  /** A predictor whose behaviour is a function of the input, counting its calls. */
  static final class Fake implements Predictor {
    final AtomicInteger calls = new AtomicInteger();
    final Function<Table, Predictions> f;

    Fake(Function<Table, Predictions> f) {
      this.f = f;
    }

    @Override
    public Signature signature() {
      return SIG;
    }

    @Override
    public Predictions predict(Table features) {
      calls.incrementAndGet();
      return f.apply(features);
    }
  }

  static Fake constant(double p) {
    return new Fake(t -> {
      double[] v = new double[t.rowCount()];
      java.util.Arrays.fill(v, p);
      return Predictions.binary(v);
    });
  }

  static Fake throwing() {
    return new Fake(t -> {
      throw new IllegalStateException("model exploded");
    });
  }

  static Fake hanging() {
    return new Fake(t -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Predictions.binary(0.5);
    });
  }

  static Served served(String name, String version, Predictor p) {
    return new Served(new ModelRef(name, version), p);
  }

  static Request req(String id) {
    return Request.of(id, Table.of(DoubleColumn.of("x", 1.0, 2.0)));
  }

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final List<Router> routers = new ArrayList<>();

  private Router track(Router r) {
    routers.add(r);
    return r;
  }

  @AfterEach
  void closeRouters() {
    routers.forEach(Router::close);
  }

  @Test
  void primaryAnswersWhenHealthy() {
    Router r = track(Router.builder(served("m", "2", constant(0.8))).fallback(served("m", "1", constant(0.1))).build());
    Response resp = r.predict(req("a"));
    assertThat(resp.route()).isEqualTo(Route.PRIMARY);
    assertThat(resp.answeredBy()).isEqualTo(new ModelRef("m", "2"));
    assertThat(resp.predictions().value(1, 1)).isEqualTo(0.8);
    assertThat(resp.passedOver()).isEmpty();
  }

  @Test
  void throwingPrimaryFallsBackToTheLastGoodVersion() {
    Router r = track(Router.builder(served("m", "2", throwing())).fallback(served("m", "1", constant(0.1))).build());
    Response resp = r.predict(req("a"));
    assertThat(resp.route()).isEqualTo(Route.FALLBACK);
    assertThat(resp.answeredBy().version()).isEqualTo("1");
    assertThat(resp.passedOver()).singleElement().asString()
        .startsWith("m/2: threw java.lang.IllegalStateException: model exploded");
  }

  @Test
  void hangingPrimaryIsPassedOverAtTheDeadline() {
    Router r = track(Router.builder(served("m", "2", hanging())).fallback(served("m", "1", constant(0.1)))
        .deadline(Duration.ofMillis(50)).build());
    Response resp = r.predict(req("a"));
    assertThat(resp.route()).isEqualTo(Route.FALLBACK);
    assertThat(resp.passedOver()).containsExactly("m/2: deadline of 50 ms exceeded");
  }

  @Test
  void aSpinningCallerGetsTheAnswerAndStillKeepsTheDeadline() {
    Router fast = track(Router.builder(served("m", "2", constant(0.7))).fallback(served("m", "1", constant(0.1)))
        .deadline(Duration.ofMillis(500)).spinWait(Duration.ofMillis(1)).build());
    for (int i = 0; i < 50; i++) {
      Response resp = fast.predict(req("a" + i));
      assertThat(resp.route()).isEqualTo(Route.PRIMARY);
      assertThat(resp.predictions().value(0, 1)).isEqualTo(0.7);
    }
    Router hung = track(Router.builder(served("m", "2", hanging())).fallback(served("m", "1", constant(0.1)))
        .deadline(Duration.ofMillis(50)).spinWait(Duration.ofMillis(1)).build());
    Response resp = hung.predict(req("b"));
    assertThat(resp.route()).isEqualTo(Route.FALLBACK);
    assertThat(resp.passedOver()).containsExactly("m/2: deadline of 50 ms exceeded");
  }

  @Test
  void invalidOutputsArePassedOver() {
    Fake nan = new Fake(t -> Predictions.binary(Double.NaN, 0.5));
    Fake wrongShape = new Fake(t -> Predictions.single(0.5));
    Fake notProbability = new Fake(t -> Predictions.of(2, 2, new double[] {1.5, -0.5, 0.5, 0.5}));
    Router r = track(Router.builder(served("m", "3", nan)).fallback(served("m", "2", wrongShape))
        .fallback(served("m", "1", notProbability)).defaultAnswer(0.9, 0.1).build());
    Response resp = r.predict(req("a"));
    assertThat(resp.route()).isEqualTo(Route.DEFAULT);
    assertThat(resp.answeredBy()).isNull();
    assertThat(resp.predictions().row(1)).containsExactly(0.9, 0.1);
    assertThat(resp.passedOver()).hasSize(3);
    assertThat(resp.passedOver().get(0)).contains("invalid output: row 0 output 0 is NaN");
    assertThat(resp.passedOver().get(1)).contains("expected 2 x 2 outputs, got 1 x 1");
    assertThat(resp.passedOver().get(2)).contains("is not a probability");
  }

  @Test
  void withoutADefaultAnswerEveryFailureIsReported() {
    Router r = track(Router.builder(served("m", "2", throwing())).fallback(served("m", "1", throwing())).build());
    assertThatThrownBy(() -> r.predict(req("q")))
        .isInstanceOf(ServingException.class)
        .hasMessageContaining("no model could answer request q")
        .hasMessageContaining("m/2: threw").hasMessageContaining("m/1: threw");
    assertThat(r.stats().unanswered()).isEqualTo(1);
  }

  @Test
  void circuitOpensAfterConsecutiveFailuresAndClosesAfterATrial() {
    ManualClock clock = new ManualClock();
    AtomicInteger mode = new AtomicInteger(1);
    Fake flaky = new Fake(t -> {
      if (mode.get() == 1) {
        throw new IllegalStateException("down");
      }
      return Predictions.binary(0.7, 0.7);
    });
    Router r = track(Router.builder(served("m", "2", flaky)).fallback(served("m", "1", constant(0.1)))
        .circuitBreaker(3, Duration.ofSeconds(10)).clock(clock).build());
    for (int i = 0; i < 10; i++) {
      assertThat(r.predict(req("r" + i)).route()).isEqualTo(Route.FALLBACK);
    }
    assertThat(flaky.calls.get()).as("skipped while open").isEqualTo(3);
    assertThat(r.stats().breakerStates()).containsEntry("m/2", "open");
    mode.set(0);
    clock.now = clock.now.plusSeconds(11);
    assertThat(r.predict(req("trial")).route()).isEqualTo(Route.PRIMARY);
    assertThat(r.stats().breakerStates()).containsEntry("m/2", "closed");
    assertThat(flaky.calls.get()).isEqualTo(4);
  }

  @Test
  void failedTrialReopensTheCircuit() {
    ManualClock clock = new ManualClock();
    Fake down = throwing();
    Router r = track(Router.builder(served("m", "2", down)).fallback(served("m", "1", constant(0.1)))
        .circuitBreaker(1, Duration.ofSeconds(5)).clock(clock).build());
    r.predict(req("a"));
    clock.now = clock.now.plusSeconds(6);
    r.predict(req("b"));
    r.predict(req("c"));
    assertThat(down.calls.get()).isEqualTo(2);
    assertThat(r.stats().breakerStates()).containsEntry("m/2", "open");
  }

  @Test
  void shadowFailuresNeverReachTheCallerAndAgreementIsMeasured() throws Exception {
    Router bad = track(Router.builder(served("m", "1", constant(0.8))).shadow(served("m", "2", throwing())).build());
    for (int i = 0; i < 20; i++) {
      assertThat(bad.predict(req("s" + i)).route()).isEqualTo(Route.PRIMARY);
    }
    assertThat(bad.awaitBackground(Duration.ofSeconds(10))).isTrue();
    assertThat(bad.stats().shadowFailures()).isEqualTo(20);

    Fake half = new Fake(t -> Predictions.binary(0.9, 0.2));
    Router r = track(Router.builder(served("m", "1", constant(0.8))).shadow(served("m", "2", half)).build());
    for (int i = 0; i < 10; i++) {
      r.predict(req("s" + i));
    }
    assertThat(r.awaitBackground(Duration.ofSeconds(10))).isTrue();
    RouterStats s = r.stats();
    assertThat(s.shadowCalls()).isEqualTo(10);
    assertThat(s.shadowAgreement()).isEqualTo(0.5);
    assertThat(s.shadowMeanScoreDifference()).isCloseTo((0.1 + 0.6) / 2, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void shadowListenersGetEachResultWithItsOwnLatencyAndFailure() throws Exception {
    Fake slowShadow = new Fake(t -> {
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Predictions.binary(0.3, 0.3);
    });
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Duration> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();
    ServingListener l = new ServingListener() {
      @Override
      public void onShadow(Request request, ModelRef shadowModel, Predictions shadow, String error, Response served,
          Duration latency) {
        seen.add(request.id() + " " + shadowModel + " " + (shadow == null ? "failed: " + error : shadow.value(0, 1)));
        latencies.add(latency);
      }
    };
    Router ok = track(Router.builder(served("m", "1", constant(0.8))).shadow(served("m", "2", slowShadow)).listener(l).build());
    ok.predict(req("a"));
    assertThat(ok.awaitBackground(Duration.ofSeconds(10))).isTrue();
    Router bad = track(Router.builder(served("m", "1", constant(0.8))).shadow(served("m", "3", throwing())).listener(l).build());
    bad.predict(req("b"));
    assertThat(bad.awaitBackground(Duration.ofSeconds(10))).isTrue();
    assertThat(seen).containsExactly("a m/2 0.3", "b m/3 failed: threw java.lang.IllegalStateException: model exploded");
    assertThat(latencies.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(30)); // the shadow's own call, which slept 30 ms
  }

  @Test
  void theFiveArgumentShadowCallbackStillHearsEveryShadowResult() throws Exception {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Router r = track(Router.builder(served("m", "1", constant(0.8))).shadow(served("m", "2", constant(0.4)))
        .listener(new ServingListener() {
          @Override
          public void onShadow(Request request, ModelRef shadowModel, Predictions shadow, String error, Response served) {
            seen.add(request.id() + " " + shadow.value(0, 1) + " " + served.predictions().value(0, 1));
          }
        }).build());
    r.predict(req("a"));
    assertThat(r.awaitBackground(Duration.ofSeconds(10))).isTrue();
    assertThat(seen).containsExactly("a 0.4 0.8");
  }

  @Test
  void fullShadowQueueDropsAndCounts() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Fake blocked = new Fake(t -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Predictions.binary(0.5, 0.5);
    });
    List<String> dropped = Collections.synchronizedList(new ArrayList<>());
    Router r = track(Router.builder(served("m", "1", constant(0.8))).shadow(served("m", "2", blocked))
        .shadowQueue(2, 1).listener(new ServingListener() {
          @Override
          public void onShadowDropped(Request request, ModelRef shadowModel) {
            dropped.add(request.id());
          }
        }).build());
    for (int i = 0; i < 10; i++) {
      assertThat(r.predict(req("d" + i)).route()).isEqualTo(Route.PRIMARY);
    }
    release.countDown();
    assertThat(r.awaitBackground(Duration.ofSeconds(10))).isTrue();
    assertThat(r.stats().shadowDropped()).isEqualTo(dropped.size()).isBetween(6L, 7L);
  }

  @Test
  void canarySplitIsStickyByKeyAndNearItsShare() {
    Router r = track(Router.builder(served("m", "1", constant(0.8)))
        .canary(served("m", "2", constant(0.8)), 0.3, null).build());
    int canary = 0;
    for (int i = 0; i < 4000; i++) {
      Request q = new Request("id" + i, Table.of(DoubleColumn.of("x", 1.0)), "user-" + i);
      Route first = r.predict(q).route();
      assertThat(r.predict(new Request("again" + i, q.features(), q.key())).route()).isEqualTo(first);
      canary += first == Route.CANARY ? 1 : 0;
    }
    assertThat(canary).isBetween(1080, 1320);
  }

  @Test
  void failingCanaryIsAbortedAndItsRequestsStillAnswered() {
    List<CanaryDecision> decisions = Collections.synchronizedList(new ArrayList<>());
    Router r = track(Router.builder(served("m", "1", constant(0.8)))
        .canary(served("m", "2", throwing()), 1.0, new CanaryGates(5, 50, 0.1, Duration.ofSeconds(1), 0.2, 0.01, 1000, 0.2))
        .listener(new ServingListener() {
          @Override
          public void onCanaryDecision(CanaryDecision d) {
            decisions.add(d);
          }
        }).build());
    for (int i = 0; i < 20; i++) {
      assertThat(r.predict(req("c" + i)).route()).isIn(Route.PRIMARY);
    }
    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(CanaryDecision.Outcome.ABORT);
      assertThat(d.calls()).isEqualTo(5);
      assertThat(d.reasons()).singleElement().asString().startsWith("error rate 1.0000 > 0.1000");
    });
    assertThat(r.canaryActive()).isFalse();
    assertThat(r.primary().version()).isEqualTo("1");
  }

  @Test
  void healthyCanaryIsPromoted() throws Exception {
    List<CanaryDecision> decisions = Collections.synchronizedList(new ArrayList<>());
    // the canary gives the champion's two scores to the other rows: same decisions, same score
    // distribution, a score difference of 0.1 on every row
    Fake champion = new Fake(t -> Predictions.binary(0.6, 0.7));
    Fake swapped = new Fake(t -> Predictions.binary(0.7, 0.6));
    Router r = track(Router.builder(served("m", "1", champion))
        .canary(served("m", "2", swapped), 1.0, new CanaryGates(5, 20, 0.1, Duration.ofSeconds(5), 0.2, 0.01, 1000, 0.2))
        .listener(new ServingListener() {
          @Override
          public void onCanaryDecision(CanaryDecision d) {
            decisions.add(d);
          }
        }).build());
    for (int i = 0; i < 40 && decisions.isEmpty(); i++) {
      r.predict(req("c" + i));
      r.awaitBackground(Duration.ofSeconds(5));
    }
    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(CanaryDecision.Outcome.PROMOTE);
      assertThat(d.disagreement()).isZero();
      assertThat(d.meanScoreDifference()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(d.scoreDriftStatistic()).isZero();
      assertThat(d.scoreDriftPValue()).isEqualTo(1.0);
    });
    assertThat(r.primary().version()).isEqualTo("2");
    assertThat(r.predict(req("after")).route()).isEqualTo(Route.PRIMARY);
  }

  @Test
  void throwingListenerNeverFailsARequest() {
    Router r = track(Router.builder(served("m", "1", constant(0.8))).listener(new ServingListener() {
      @Override
      public void onResponse(Request request, Response response) {
        throw new IllegalStateException("listener bug");
      }
    }).build());
    assertThat(r.predict(req("a")).route()).isEqualTo(Route.PRIMARY);
  }

  @Test
  void concurrentLoadWithAFailingPrimaryHasNoFailedRequests() throws Exception {
    AtomicInteger n = new AtomicInteger();
    Fake flaky = new Fake(t -> {
      if (n.incrementAndGet() % 3 == 0) {
        throw new IllegalStateException("intermittent");
      }
      return Predictions.binary(0.6, 0.6);
    });
    Router r = track(Router.builder(served("m", "2", flaky)).fallback(served("m", "1", constant(0.1)))
        .circuitBreaker(1000, Duration.ofSeconds(1)).deadline(Duration.ofSeconds(5)).build());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Response>> fs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      int k = i;
      fs.add(pool.submit(() -> r.predict(req("p" + k))));
    }
    int fallbacks = 0;
    for (Future<Response> f : fs) {
      Response resp = f.get();
      fallbacks += resp.route() == Route.FALLBACK ? 1 : 0;
    }
    pool.shutdown();
    assertThat(fallbacks).isBetween(600, 700);
    assertThat(r.stats().responses().get(Route.PRIMARY) + r.stats().responses().get(Route.FALLBACK)).isEqualTo(2000);
  }

  @Test
  void aModelIgnoringInterruptsHoldsAtMostItsOverdueLimitOfCalls() throws Exception {
    java.util.concurrent.CountDownLatch heal = new java.util.concurrent.CountDownLatch(1);
    Fake stuck = new Fake(t -> {
      // Ignores interrupts, like a native loop: only healing lets it return.
      boolean healed = false;
      while (!healed) {
        try {
          healed = heal.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException ignored) {
          // keeps waiting
        }
      }
      return Predictions.binary(0.6, 0.6);
    });
    Router r = track(Router.builder(served("m", "2", stuck)).fallback(served("m", "1", constant(0.1)))
        .circuitBreaker(1_000_000, Duration.ofSeconds(1)).deadline(Duration.ofMillis(20)).overdueCallLimit(4).build());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Response>> fs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int k = i;
      fs.add(pool.submit(() -> r.predict(req("s" + k))));
    }
    for (Future<Response> f : fs) {
      assertThat(f.get().route()).isEqualTo(Route.FALLBACK);
    }
    assertThat(stuck.calls.get()).as("calls let through: the limit, plus at most one per concurrent caller")
        .isBetween(4, 4 + 7);
    Response refused = r.predict(req("refused"));
    assertThat(refused.passedOver()).singleElement().asString().endsWith("earlier calls still running past the deadline");

    heal.countDown();
    Response back = null;
    for (int i = 0; i < 500 && (back == null || back.route() != Route.PRIMARY); i++) {
      Thread.sleep(10);
      back = r.predict(req("back" + i));
    }
    assertThat(back.route()).as("once its overdue calls returned, the model is called again").isEqualTo(Route.PRIMARY);
    pool.shutdown();
  }

  @Test
  void replacingThePrimaryTakesEffectForNewRequests() {
    Router r = track(Router.builder(served("m", "1", constant(0.8))).build());
    r.replacePrimary(served("m", "2", constant(0.3)));
    Response resp = r.predict(req("a"));
    assertThat(resp.answeredBy().version()).isEqualTo("2");
  }

  @Test
  void primarySignatureFollowsAReplacedOrPromotedPrimary() throws Exception {
    Signature wide = new Signature(List.of(Field.of("x", ColumnType.DOUBLE), Field.of("y", ColumnType.DOUBLE)),
        Signature.OutputKind.PROBABILITIES, List.of("0", "1"));
    Fake inner = constant(0.7);
    Predictor twoInputs = new Predictor() {
      @Override
      public Signature signature() {
        return wide;
      }

      @Override
      public Predictions predict(Table features) {
        return inner.predict(features);
      }
    };
    Router r = track(Router.builder(served("m", "1", constant(0.8))).build());
    assertThat(r.primarySignature()).isEqualTo(SIG);
    r.replacePrimary(served("m", "2", twoInputs));
    assertThat(r.primarySignature()).isEqualTo(wide);

    Router c = track(Router.builder(served("m", "1", constant(0.8)))
        .canary(served("m", "3", twoInputs), 1.0, new CanaryGates(3, 6, 0.5, Duration.ofSeconds(5), 1, 0, 1000, 1)).build());
    assertThat(c.primarySignature()).isEqualTo(SIG);
    for (int i = 0; i < 40 && c.canaryActive(); i++) {
      c.predict(req("c" + i));
      c.awaitBackground(Duration.ofSeconds(5));
    }
    assertThat(c.primary().version()).isEqualTo("3");
    assertThat(c.primarySignature()).isEqualTo(wide);
  }

  @Test
  void replacingTheShadowSendsCopiesToTheNewOneOrToNone() throws Exception {
    Fake one = constant(0.8);
    Fake two = constant(0.8);
    Router r = track(Router.builder(served("m", "1", constant(0.8))).shadow(served("m", "5", one)).build());
    r.predict(req("a"));
    assertThat(r.awaitBackground(Duration.ofSeconds(10))).isTrue();
    r.replaceShadow(served("m", "6", two));
    r.predict(req("b"));
    assertThat(r.awaitBackground(Duration.ofSeconds(10))).isTrue();
    r.replaceShadow(null);
    r.predict(req("c"));
    assertThat(r.awaitBackground(Duration.ofSeconds(10))).isTrue();
    assertThat(one.calls.get()).isEqualTo(1);
    assertThat(two.calls.get()).isEqualTo(1);
    assertThat(r.stats().shadowCalls()).isEqualTo(2);
  }

  @Test
  void replacingAnAbortedCanaryStartsANewExperimentJudgedFromZero() {
    List<CanaryDecision> decisions = Collections.synchronizedList(new ArrayList<>());
    Router r = track(Router.builder(served("m", "1", constant(0.8)))
        .canary(served("m", "2", throwing()), 1.0, new CanaryGates(5, 50, 0.1, Duration.ofSeconds(5), 1, 0, 1000, 1))
        .listener(new ServingListener() {
          @Override
          public void onCanaryDecision(CanaryDecision d) {
            decisions.add(d);
          }
        }).build());
    for (int i = 0; i < 10; i++) {
      r.predict(req("a" + i));
    }
    assertThat(r.canaryActive()).isFalse();
    Fake fixed = constant(0.8);
    r.replaceCanary(served("m", "3", fixed));
    assertThat(r.canaryActive()).isTrue();
    Response resp = r.predict(req("b"));
    assertThat(resp.route()).isEqualTo(Route.CANARY);
    assertThat(resp.answeredBy().version()).isEqualTo("3");
    // the aborted canary's five errors are not held against the new one
    for (int i = 0; i < 10; i++) {
      r.predict(req("c" + i));
    }
    assertThat(decisions).extracting(CanaryDecision::outcome).containsExactly(CanaryDecision.Outcome.ABORT);
    r.replaceCanary(null);
    assertThat(r.canaryActive()).isFalse();
    assertThat(r.predict(req("d")).route()).isEqualTo(Route.PRIMARY);
  }

  @Test
  void aCanaryConfiguredWithoutAVersionWaitsForOne() {
    Router r = track(Router.builder(served("m", "1", constant(0.8)))
        .canary(null, 1.0, new CanaryGates(5, 50, 0.1, Duration.ofSeconds(5), 1, 0, 1000, 1)).build());
    assertThat(r.canaryActive()).isFalse();
    assertThat(r.predict(req("a")).route()).isEqualTo(Route.PRIMARY);
    r.replaceCanary(served("m", "2", constant(0.8)));
    assertThat(r.predict(req("b")).route()).isEqualTo(Route.CANARY);
    Router none = track(Router.builder(served("m", "1", constant(0.8))).build());
    assertThatThrownBy(() -> none.replaceCanary(served("m", "2", constant(0.8))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("without a canary");
  }

  @Test
  void signatureValidationNamesTheField() {
    Signature s = new Signature(List.of(new Field("x", ColumnType.DOUBLE, false), Field.of("site", ColumnType.CATEGORICAL)),
        Signature.OutputKind.SCORE, List.of("p"));
    Table t = Table.of(DoubleColumn.of("x", new double[] {1, 2}, new boolean[] {false, true}));
    assertThat(s.validate(t)).extracting(Signature.FieldError::field, Signature.FieldError::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("x", "must not be missing (missing in 1 of 2 rows)"),
        org.assertj.core.groups.Tuple.tuple("site", "required field is missing"));
  }
}
