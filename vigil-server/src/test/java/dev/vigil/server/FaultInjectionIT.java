package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Table;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Router;
import dev.vigil.serving.Served;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault injection under concurrent load over HTTP: a primary that throws, hangs, returns NaN or is
 * slower than its deadline, with a healthy backup, behind a real {@link VigilServer} on a loopback
 * port, driven by 8 client threads. Every request gets a 200 naming the model that answered; the
 * failing primary's circuit opens (its calls stop), and once the primary heals and the open period
 * has passed, the half-open trial succeeds and the primary answers again.
 *
 * <p>The server runs in this JVM rather than as a {@code vigil serve} child process because the
 * faults are test models: {@code vigil serve} loads only registered Tribuo, ONNX and XGBoost
 * artifacts, which pass their golden examples before serving and cannot be made to hang, slow down
 * or heal on cue; a product hook to load test models was not worth adding. The router, its deadline
 * and breaker settings, the HTTP stack and the metrics are the ones {@code vigil serve} wires; the
 * breaker's clock is a hand-moved one so that "after its open period" does not depend on timing.
 */
class FaultInjectionIT {
  static final int CLIENTS = 8;
  static final int THRESHOLD = 5;
  /** Generous, so that a healthy backup starved of CPU on a busy test machine still makes it. */
  static final Duration DEADLINE = Duration.ofMillis(1000);
  static final Duration OPEN_FOR = Duration.ofSeconds(30);

  enum Fault { THROWS, HANGS, NAN, SLOW }

  /** The age model with a fault switched on until {@link #heal}; counts its calls. */
  static final class Faulty extends InferenceServerIT.AgeModel {
    final AtomicLong calls = new AtomicLong();
    final CountDownLatch healed = new CountDownLatch(1);
    final Fault fault;
    final long slowMillis;

    Faulty(Fault fault, long slowMillis) {
      this.fault = fault;
      this.slowMillis = slowMillis;
    }

    void heal() {
      healed.countDown();
    }

    @Override
    public Predictions predict(Table t) {
      calls.incrementAndGet();
      if (healed.getCount() == 0) {
        return super.predict(t);
      }
      switch (fault) {
        case THROWS -> throw new IllegalStateException("corrupted weights");
        case NAN -> {
          double[] p = new double[t.rowCount()];
          java.util.Arrays.fill(p, Double.NaN);
          return Predictions.binary(p);
        }
        case HANGS -> {
          // Like a native call stuck in a loop: ignores interrupts, returns only once healed.
          awaitIgnoringInterrupts(healed, Long.MAX_VALUE);
          return super.predict(t);
        }
        default -> {
          // Slow, like a long computation: ignores interrupts, answers (correctly) after slowMillis.
          awaitIgnoringInterrupts(healed, slowMillis);
          return super.predict(t);
        }
      }
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch, long millis) {
      long end = millis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000;
      while (latch.getCount() > 0 && System.nanoTime() - end < 0) {
        try {
          latch.await(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ignored) {
          // keeps going, as a model stuck in native code would
        }
      }
    }
  }

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

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

  /** One HTTP answer as seen by a client. */
  record Answer(int status, String route, String version, String header, long millis) {}

  private final List<AutoCloseable> open = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CLIENTS)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    clients.shutdownNow();
  }

  private VigilServer start(Router router, ServingMetrics metrics) {
    open.add(router);
    // Load shedding off: on a busy test machine a job can wait past the 50 ms limit for a CPU, and a
    // 503 there would be the shedding's doing, not the fault's (OverloadIT tests the shedding).
    VigilServer s = VigilServer.builder().port(0).maxQueueWait(java.time.Duration.ZERO)
        .module(new InferenceModule(List.of(new ServedModel("scans", router)), Map.of("scans", metrics), 256))
        .start();
    open.add(0, s);
    return s;
  }

  /** {@code perClient} requests from each of {@link #CLIENTS} threads at once, in the order sent. */
  private List<Answer> load(VigilServer s, int perClient) throws Exception {
    List<Future<List<Answer>>> fs = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      fs.add(clients.submit(() -> {
        List<Answer> out = new ArrayList<>();
        for (int i = 0; i < perClient; i++) {
          out.add(predict(s, 20 + (client * 31 + i) % 70));
        }
        return out;
      }));
    }
    List<Answer> all = new ArrayList<>();
    for (Future<List<Answer>> f : fs) {
      all.addAll(f.get(120, TimeUnit.SECONDS));
    }
    return all;
  }

  private Answer predict(VigilServer s, int age) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + s.port() + "/api/v1/models/scans/predict"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[{\"age\":" + age + ",\"site\":\"a\"}]}"))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    long millis = (System.nanoTime() - t0) / 1_000_000;
    if (r.statusCode() != 200) {
      return new Answer(r.statusCode(), r.body(), null, null, millis);
    }
    JsonNode n = json.readTree(r.body());
    double p = n.get("predictions").get(0).get(1).asDouble();
    assertThat(p).as("a correct answer").isCloseTo(1 / (1 + Math.exp(-0.05 * (age - 60))), org.assertj.core.data.Offset.offset(1e-12));
    return new Answer(200, n.get("route").asText(), n.get("version").asText(),
        r.headers().firstValue("X-Vigil-Model").orElse(null), millis);
  }

  private static Map<String, Long> routes(List<Answer> answers) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Answer a : answers) {
      m.merge(a.status() + " " + a.route() + " " + a.version() + " " + a.header(), 1L, Long::sum);
    }
    return m;
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void aFailingPrimaryLosesNoRequestAndItsCircuitOpensThenClosesOnceHealed(Fault fault) throws Exception {
    ManualClock clock = new ManualClock();
    Faulty primary = new Faulty(fault, 5_000);
    ServingMetrics metrics = new ServingMetrics("scans");
    Router router = Router.builder(new Served(new ModelRef("scans", "2"), primary))
        .fallback(new Served(new ModelRef("scans", "1"), new InferenceServerIT.AgeModel()))
        .deadline(DEADLINE).circuitBreaker(THRESHOLD, OPEN_FOR).clock(clock).listener(metrics).build();
    VigilServer s = start(router, metrics);

    // Under load the primary fails: every request is answered by the backup, named in the header.
    List<Answer> failing = load(s, 150);
    assertThat(routes(failing)).as(fault.name()).containsExactly(Map.entry("200 fallback 1 scans/1", (long) CLIENTS * 150));
    assertThat(router.stats().breakerStates()).containsEntry("scans/2", "open");
    long callsWhenOpen = primary.calls.get();
    assertThat(callsWhenOpen).as("calls before the circuit opened: the threshold, plus those already in flight")
        .isBetween((long) THRESHOLD, (long) THRESHOLD + CLIENTS - 1);

    // Open: the primary is skipped, so its call count stops growing; answers stay whole.
    List<Answer> skipped = load(s, 100);
    assertThat(routes(skipped)).containsExactly(Map.entry("200 fallback 1 scans/1", (long) CLIENTS * 100));
    assertThat(primary.calls.get()).isEqualTo(callsWhenOpen);

    // Healed, but still inside the open period: still skipped.
    primary.heal();
    assertThat(predict(s, 60).route()).isEqualTo("fallback");
    assertThat(primary.calls.get()).isEqualTo(callsWhenOpen);

    // After the open period: one half-open trial, which succeeds and closes the circuit.
    clock.now = clock.now.plus(OPEN_FOR).plusSeconds(1);
    List<Answer> recovered = load(s, 100);
    assertThat(recovered).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
    assertThat(router.stats().breakerStates()).containsEntry("scans/2", "closed");
    Answer last = predict(s, 60);
    assertThat(last).isEqualTo(new Answer(200, "primary", "2", "scans/2", last.millis()));
    assertThat(recovered.stream().filter(a -> a.route().equals("primary")).count())
        .as("only requests racing the single trial went to the backup").isGreaterThanOrEqualTo((long) CLIENTS * 100 - (CLIENTS - 1));
    for (Answer a : recovered) {
      assertThat(a.header()).isEqualTo(a.route().equals("primary") ? "scans/2" : "scans/1");
    }

    String text = ServingMetrics.render(List.of(metrics));
    assertThat(text).contains("vigil_requests_total{model=\"scans\",route=\"fallback\"} " + (CLIENTS * 250 + 1
        + recovered.stream().filter(a -> a.route().equals("fallback")).count()) + "\n");
  }

  @Test
  void aSlowPrimaryIsAnsweredByTheBackupWithinTheDeadlineAndHoldsBoundedThreads() throws Exception {
    // The breaker never opens here (a huge threshold), so only the router's overdue-call limit keeps
    // the slow model from taking one more thread per request.
    Faulty primary = new Faulty(Fault.SLOW, 20_000);
    ServingMetrics metrics = new ServingMetrics("scans");
    Router router = Router.builder(new Served(new ModelRef("scans", "2"), primary))
        .fallback(new Served(new ModelRef("scans", "1"), new InferenceServerIT.AgeModel()))
        .deadline(DEADLINE).circuitBreaker(1_000_000, OPEN_FOR).listener(metrics).build();
    VigilServer s = start(router, metrics);
    long threadsBefore = modelCallThreads();

    List<Answer> answers = load(s, 150);
    assertThat(routes(answers)).containsExactly(Map.entry("200 fallback 1 scans/1", (long) CLIENTS * 150));
    // Generous: the deadline is 1 s and the model takes 20 s; an answer that waited for it would
    // take 20 s.
    assertThat(answers).allSatisfy(a -> assertThat(a.millis()).isLessThan(10_000));
    assertThat(router.stats().breakerStates()).containsEntry("scans/2", "closed");
    assertThat(primary.calls.get()).as("calls let through: the overdue limit (16) plus at most one per client")
        .isBetween(16L, 16L + CLIENTS - 1);
    assertThat(modelCallThreads() - threadsBefore).as("model-call threads held by the slow model")
        .isLessThanOrEqualTo(16 + 2 * CLIENTS);
    assertThat(ServingMetrics.render(List.of(metrics)))
        .contains("vigil_model_failures_total{model=\"scans\",version=\"2\"} " + CLIENTS * 150 + "\n");
    primary.heal();
  }

  private static long modelCallThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("vigil-model-call-")).count();
  }
}
