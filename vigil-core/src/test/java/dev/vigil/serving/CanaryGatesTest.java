package dev.vigil.serving;

import static dev.vigil.serving.RouterTest.served;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.serving.RouterTest.Fake;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The canary's gates, one test per gate (error rate and promotion are in {@link RouterTest}). Every
 * test drives the router request by request and waits for the comparison queue after each, so the
 * decisions are deterministic; latency comes from an injected ticker, never from the wall clock.
 */
class CanaryGatesTest {
  private static final double OFF = Double.POSITIVE_INFINITY;

  private final List<Router> routers = new ArrayList<>();
  private final List<CanaryDecision> decisions = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void close() {
    routers.forEach(Router::close);
  }

  private ServingListener recorder() {
    return new ServingListener() {
      @Override
      public void onCanaryDecision(CanaryDecision d) {
        decisions.add(d);
      }
    };
  }

  private Router build(Router.Builder b) {
    Router r = b.listener(recorder()).build();
    routers.add(r);
    return r;
  }

  /** One row whose x is {@code i}, so that fakes can look their answer up by row. */
  private static Request row(int i) {
    return Request.of("r" + i, Table.of(DoubleColumn.of("x", i)));
  }

  /** A binary model answering {@code scores[x]} for each row's x. */
  private static Fake lookup(double[] scores) {
    return new Fake(t -> {
      DoubleColumn x = (DoubleColumn) t.column("x");
      double[] p = new double[t.rowCount()];
      for (int i = 0; i < p.length; i++) {
        p[i] = scores[(int) x.get(i)];
      }
      return Predictions.binary(p);
    });
  }

  /** Sends requests 0..n-1 one at a time, waiting for the comparisons, until a decision is made. */
  private void drive(Router r, int n) throws InterruptedException {
    for (int i = 0; i < n && decisions.isEmpty(); i++) {
      r.predict(row(i));
      assertThat(r.awaitBackground(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void slowCanaryIsAbortedOnTheLatencyGate() throws Exception {
    AtomicLong nanos = new AtomicLong();
    double[] scores = new double[100];
    java.util.Arrays.fill(scores, 0.7);
    Fake champion = lookup(scores);
    // every canary call takes 80 ms on the injected ticker, the primary's none
    Fake slow = new Fake(t -> {
      nanos.addAndGet(Duration.ofMillis(80).toNanos());
      return champion.f.apply(t);
    });
    Router r = build(Router.builder(served("m", "1", champion))
        .canary(served("m", "2", slow), 1.0, new CanaryGates(10, 50, 0.5, Duration.ofMillis(50), 1, 0, 1000, OFF))
        .ticker(nanos::get));
    drive(r, 100);
    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(CanaryDecision.Outcome.ABORT);
      assertThat(d.calls()).isEqualTo(10);
      assertThat(d.p99Millis()).isEqualTo(80.0);
      assertThat(d.reasons()).containsExactly("p99 latency 80.000 ms > 50 ms");
    });
    assertThat(r.canaryActive()).isFalse();
    assertThat(r.primary().version()).isEqualTo("1");
    assertThat(r.predict(row(0)).route()).isEqualTo(Route.PRIMARY);
  }

  @Test
  void canaryUnderTheLatencyLimitIsNotAbortedForIt() throws Exception {
    AtomicLong nanos = new AtomicLong();
    double[] scores = new double[100];
    java.util.Arrays.fill(scores, 0.7);
    Fake champion = lookup(scores);
    Fake quick = new Fake(t -> {
      nanos.addAndGet(Duration.ofMillis(49).toNanos());
      return champion.f.apply(t);
    });
    Router r = build(Router.builder(served("m", "1", champion))
        .canary(served("m", "2", quick), 1.0, new CanaryGates(10, 50, 0.5, Duration.ofMillis(50), 1, 0, 1000, OFF))
        .ticker(nanos::get));
    drive(r, 100);
    assertThat(decisions).singleElement().extracting(CanaryDecision::outcome).isEqualTo(CanaryDecision.Outcome.PROMOTE);
  }

  @Test
  void canaryThatDisagreesWithTheChampionIsAborted() throws Exception {
    // scores on both sides of 0.5; the canary flips the decision on every fourth row
    double[] champion = new double[400];
    double[] canary = new double[400];
    for (int i = 0; i < champion.length; i++) {
      champion[i] = 0.2 + 0.6 * ((i * 37) % 100) / 100.0;
      canary[i] = i % 4 == 0 ? 1 - champion[i] : champion[i];
    }
    Router r = build(Router.builder(served("m", "1", lookup(champion)))
        .canary(served("m", "2", lookup(canary)), 1.0, new CanaryGates(40, 400, 0, Duration.ofSeconds(10), 0.1, 0, 1000, OFF)));
    drive(r, 400);
    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(CanaryDecision.Outcome.ABORT);
      assertThat(d.comparedRows()).isEqualTo(40);
      // rows 0, 4, ..., 36 flip unless the champion's score is exactly 0.5 (1 - 0.5 is on the same side)
      long flipped = java.util.stream.IntStream.range(0, 40)
          .filter(i -> i % 4 == 0 && (champion[i] >= 0.5) != (canary[i] >= 0.5)).count();
      assertThat(d.disagreement()).isEqualTo(flipped / 40.0);
      assertThat(d.reasons()).singleElement().asString().startsWith("disagreement 0.2");
    });
    assertThat(r.canaryActive()).isFalse();
  }

  @Test
  void disagreementIsJudgedOnlyAfterMinCallsComparisons() throws Exception {
    // the canary disagrees on the first row only: 1 of 1 compared would breach, 1 of 20 does not
    double[] champion = new double[40];
    java.util.Arrays.fill(champion, 0.8);
    double[] canary = champion.clone();
    canary[0] = 0.2;
    Router r = build(Router.builder(served("m", "1", lookup(champion)))
        .canary(served("m", "2", lookup(canary)), 1.0, new CanaryGates(20, 30, 0, Duration.ofSeconds(10), 0.1, 0, 1000, OFF)));
    drive(r, 40);
    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(CanaryDecision.Outcome.PROMOTE);
      assertThat(d.calls()).isEqualTo(30);
      assertThat(d.comparedRows()).isBetween(29L, 30L);
      assertThat(d.disagreement()).isEqualTo(1.0 / d.comparedRows());
    });
  }

  /** The fixture of canary_drift_reference.py: scores per case, and SciPy's answer. */
  private static Map<String, double[][]> scores() throws IOException {
    Map<String, List<double[]>> rows = new LinkedHashMap<>();
    for (String[] f : csv("canary_drift_scores.csv")) {
      rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
    }
    Map<String, double[][]> out = new LinkedHashMap<>();
    rows.forEach((k, v) -> {
      double[][] a = new double[2][v.size()];
      for (int i = 0; i < v.size(); i++) {
        a[0][i] = v.get(i)[0];
        a[1][i] = v.get(i)[1];
      }
      out.put(k, a);
    });
    return out;
  }

  private static Map<String, double[]> expected() throws IOException {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String[] f : csv("canary_drift_expected.csv")) {
      out.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
    }
    return out;
  }

  private static List<String[]> csv(String name) throws IOException {
    try (InputStream in = CanaryGatesTest.class.getResourceAsStream("/serving/" + name)) {
      assertThat(in).as(name).isNotNull();
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
      return lines.stream().map(l -> l.split(",")).toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"shift", "ties"})
  void canaryWhoseScoresDriftIsAbortedWithSciPysPValue(String name) throws Exception {
    double[][] s = scores().get(name);
    double[] want = expected().get(name);
    int n = s[0].length;
    // the disagreement and mean-difference gates are off, so the drift gate alone decides, once all
    // n rows are compared (min_calls = n)
    Router r = build(Router.builder(served("m", "1", lookup(s[0])))
        .canary(served("m", "2", lookup(s[1])), 1.0, new CanaryGates(n, n, 0, Duration.ofSeconds(10), 1, 0.01, 1000, OFF)));
    drive(r, n);
    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(CanaryDecision.Outcome.ABORT);
      assertThat(d.comparedRows()).isEqualTo(n);
      assertThat(d.scoreDriftStatistic()).isCloseTo(want[0], within(1e-12));
      assertThat(d.scoreDriftPValue()).isCloseTo(want[1], within(want[1] * 1e-9));
      assertThat(d.meanScoreDifference()).isCloseTo(want[2], within(1e-12));
      assertThat(d.reasons()).singleElement().asString().startsWith("score drift: Kolmogorov-Smirnov D 0.2")
          .endsWith("< 0.01 over " + n + " rows");
    });
    assertThat(r.canaryActive()).isFalse();
    assertThat(r.primary().version()).isEqualTo("1");
  }

  @Test
  void canaryWithTheChampionsScoreDistributionIsPromotedDespiteRowDifferences() throws Exception {
    double[][] s = scores().get("same");
    double[] want = expected().get("same");
    int n = s[0].length;
    // a mean-difference gate would abort this canary (rows differ by 0.18 on average); the
    // distribution test does not, as SciPy's p-value is 0.58
    Router r = build(Router.builder(served("m", "1", lookup(s[0])))
        .canary(served("m", "2", lookup(s[1])), 1.0, new CanaryGates(n, n, 0, Duration.ofSeconds(10), 1, 0.01, 1000, OFF)));
    drive(r, n);
    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(CanaryDecision.Outcome.PROMOTE);
      assertThat(d.scoreDriftPValue()).isCloseTo(want[1], within(want[1] * 1e-9));
      assertThat(d.meanScoreDifference()).isCloseTo(want[2], within(1e-12));
    });
    assertThat(r.primary().version()).isEqualTo("2");
  }

  @Test
  void meanScoreDifferenceGateStillAbortsWhenSet() throws Exception {
    double[][] s = scores().get("same");
    int n = s[0].length;
    Router r = build(Router.builder(served("m", "1", lookup(s[0])))
        .canary(served("m", "2", lookup(s[1])), 1.0, new CanaryGates(n, n, 0, Duration.ofSeconds(10), 1, 0, 1000, 0.1)));
    drive(r, n);
    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(CanaryDecision.Outcome.ABORT);
      assertThat(d.reasons()).singleElement().asString().startsWith("mean score difference 0.18");
    });
  }

  @Test
  void driftWindowKeepsOnlyTheMostRecentRows() throws Exception {
    // the canary drifts for the first 200 rows, then matches the champion; with a 100-row window the
    // drift has left it by the time the comparisons are judged
    double[] champion = new double[400];
    double[] canary = new double[400];
    for (int i = 0; i < champion.length; i++) {
      champion[i] = 0.1 + 0.8 * ((i * 61) % 400) / 400.0;
      canary[i] = i < 200 ? Math.min(1, champion[i] + 0.3) : champion[i];
    }
    Router r = build(Router.builder(served("m", "1", lookup(champion)))
        .canary(served("m", "2", lookup(canary)), 1.0, new CanaryGates(300, 300, 0, Duration.ofSeconds(10), 1, 0.01, 100, OFF)));
    drive(r, 400);
    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(CanaryDecision.Outcome.PROMOTE);
      assertThat(d.scoreDriftStatistic()).isZero();
    });
  }

  @Test
  void hangingShadowDoesNotStarveCanaryComparisons() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Fake hanging = new Fake(t -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Predictions.binary(0.5);
    });
    double[] scores = new double[50];
    java.util.Arrays.fill(scores, 0.7);
    Router r = build(Router.builder(served("m", "1", lookup(scores)))
        .shadow(served("m", "3", hanging)).shadowQueue(2, 1)
        .canary(served("m", "2", lookup(scores)), 1.0, new CanaryGates(10, 20, 0, Duration.ofSeconds(10), 0, 0.01, 1000, OFF)));
    for (int i = 0; i < 20; i++) {
      assertThat(r.predict(row(i)).route()).isEqualTo(Route.CANARY);
    }
    // the shadow queue never drains while the shadow hangs, so wait for the decision itself
    for (int k = 0; k < 10_000 && decisions.isEmpty(); k++) {
      Thread.sleep(1);
    }
    release.countDown();
    assertThat(decisions).singleElement().extracting(CanaryDecision::outcome).isEqualTo(CanaryDecision.Outcome.PROMOTE);
    assertThat(r.stats().shadowDropped()).isPositive();
    assertThat(r.stats().canaryComparisonsDropped()).isZero();
  }

  @Test
  void fullCanaryQueueDropsComparisonsAndCountsThemApartFromShadowDrops() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Fake blockedPrimary = new Fake(t -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Predictions.binary(0.7);
    });
    Router r = build(Router.builder(served("m", "1", blockedPrimary))
        .canary(served("m", "2", RouterTest.constant(0.7)), 1.0, new CanaryGates(100, 100, 0, Duration.ofSeconds(10), 0, 0, 1000, OFF))
        .canaryQueue(2, 1));
    for (int i = 0; i < 10; i++) {
      assertThat(r.predict(row(0)).route()).isEqualTo(Route.CANARY);
    }
    release.countDown();
    assertThat(r.awaitBackground(Duration.ofSeconds(10))).isTrue();
    // the first comparison runs on the new thread, two wait in the queue, the other seven are dropped
    assertThat(r.stats().canaryComparisonsDropped()).isEqualTo(7);
    assertThat(r.stats().shadowDropped()).isZero();
  }

  @Test
  void gatesRejectOutOfRangeDriftSettings() {
    assertThatThrownBy(() -> new CanaryGates(1, 1, 0, Duration.ZERO, 0, 1.5, 10, OFF))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("minScoreDriftPValue must be in [0, 1]: 1.5");
    assertThatThrownBy(() -> new CanaryGates(1, 1, 0, Duration.ZERO, 0, 0.01, 0, OFF))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("scoreDriftWindow must be in [1, 100000]: 0");
  }
}
