package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tracking.Metric;
import dev.vigil.tracking.Run;
import dev.vigil.tracking.RunPage;
import dev.vigil.tracking.RunQuery;
import dev.vigil.tracking.Tracking;
import dev.vigil.tracking.TrackingLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Paging through a run search with page tokens returns every matching run exactly once, in the
 * order an in-memory sort of the same runs gives: (value, run key) in the requested direction, runs
 * without the order metric after them by run key; or newest first by (start time, run key). Checked
 * on SQLite and, when {@code VIGIL_TEST_PG_URL} is set, on PostgreSQL.
 */
class RunPagingProperties {
  private static final String PG_URL = System.getenv("VIGIL_TEST_PG_URL");
  private static final List<Double> VALUES = List.of(-1.5, 0.0, 0.25, 0.5, 0.5, 1.0, Double.POSITIVE_INFINITY);
  private static final AtomicInteger EXPERIMENTS = new AtomicInteger();
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private static Store sqlite;
  private static Store postgres;
  private static Path sqliteHome;
  private static String pgSchema;

  /** One generated run: its metrics (NaN: not logged), whether it is deleted, the clock step before it. */
  record Spec(double a, double b, boolean deleted, boolean sameStart) {}

  /** One generated search. */
  record Search(boolean filtered, String op, double threshold, boolean ordered, boolean ascending, int pageSize) {}

  @Provide
  Arbitrary<List<Spec>> runs() {
    Arbitrary<Double> metric = Arbitraries.of(VALUES).injectNull(0.25).map(v -> v == null ? Double.NaN : v);
    Arbitrary<Boolean> deleted = Arbitraries.integers().between(0, 5).map(i -> i == 0);
    return Combinators.combine(metric, metric, deleted, Arbitraries.of(true, false)).as(Spec::new)
        .list().ofMinSize(0).ofMaxSize(30);
  }

  @Provide
  Arbitrary<Search> searches() {
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of("<", "<=", ">", ">=", "=", "!="),
        Arbitraries.of(VALUES), Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.integers().between(1, 7))
        .as(Search::new);
  }

  @Property(tries = 40)
  void tokensWalkEveryRunOnceInOrderOnSqlite(@ForAll("runs") List<Spec> runs, @ForAll("searches") Search search) throws Exception {
    check(sqlite(), runs, search);
  }

  @Property(tries = 40)
  @net.jqwik.api.lifecycle.AddLifecycleHook(SkipWithoutPostgres.class)
  void tokensWalkEveryRunOnceInOrderOnPostgres(@ForAll("runs") List<Spec> runs, @ForAll("searches") Search search) throws Exception {
    check(postgres(), runs, search);
  }

  /** Reports the PostgreSQL property as skipped (not failed by rejected tries) when no server is configured. */
  static final class SkipWithoutPostgres implements net.jqwik.api.lifecycle.SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(net.jqwik.api.lifecycle.LifecycleContext context) {
      return PG_URL == null || PG_URL.isEmpty() ? SkipResult.skip("VIGIL_TEST_PG_URL is not set") : SkipResult.doNotSkip();
    }
  }

  private static void check(Store store, List<Spec> specs, Search s) {
    Tracking t = store.tracking();
    long e = t.createExperiment("paging-" + EXPERIMENTS.incrementAndGet()).id();
    List<Run> created = new ArrayList<>();
    for (Spec spec : specs) {
      if (!spec.sameStart()) {
        CLOCK.advance(Duration.ofMillis(1));
      }
      Run r = t.startRun(e, "r", "prop", TrackingLevel.MINIMAL);
      List<Metric> ms = new ArrayList<>();
      if (!Double.isNaN(spec.a())) {
        ms.add(new Metric("a", spec.a(), 0, CLOCK.instant()));
      }
      if (!Double.isNaN(spec.b())) {
        ms.add(new Metric("b", spec.b(), 0, CLOCK.instant()));
      }
      if (!ms.isEmpty()) {
        t.logMetrics(r.runId(), ms);
      }
      if (spec.deleted()) {
        t.deleteRun(r.runId());
      }
      created.add(r);
    }

    // In-memory reference: the creation index is the run key's order (keys are increasing).
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec spec = specs.get(i);
      if (!spec.deleted() && (!s.filtered() || (!Double.isNaN(spec.b()) && holds(spec.b(), s.op(), s.threshold())))) {
        expected.add(i);
      }
    }
    Comparator<Integer> byKey = Comparator.naturalOrder();
    Comparator<Integer> order;
    if (s.ordered()) {
      Comparator<Integer> withValue = Comparator.<Integer>comparingDouble(i -> specs.get(i).a()).thenComparing(byKey);
      Comparator<Integer> dir = s.ascending() ? withValue : withValue.reversed();
      Comparator<Integer> keyDir = s.ascending() ? byKey : byKey.reversed();
      order = (x, y) -> {
        boolean hx = !Double.isNaN(specs.get(x).a());
        boolean hy = !Double.isNaN(specs.get(y).a());
        if (hx != hy) {
          return hx ? -1 : 1;
        }
        return hx ? dir.compare(x, y) : keyDir.compare(x, y);
      };
    } else {
      order = Comparator.<Integer>comparingLong(i -> created.get(i).startTime().toEpochMilli()).thenComparing(byKey).reversed();
    }
    expected.sort(order);

    RunQuery q = RunQuery.of(List.of(e));
    if (s.filtered()) {
      q = q.filter("b", s.op(), s.threshold());
    }
    if (s.ordered()) {
      q = q.orderBy("a", s.ascending());
    }
    List<String> seen = new ArrayList<>();
    Optional<String> token = Optional.empty();
    int pages = 0;
    do {
      RunPage page = t.searchRuns(q.page(s.pageSize(), token.orElse(null)));
      assertThat(page.runs().size()).isLessThanOrEqualTo(s.pageSize());
      if (page.nextPageToken().isPresent()) {
        assertThat(page.runs()).hasSize(s.pageSize());
      }
      page.runs().forEach(r -> seen.add(r.runId()));
      token = page.nextPageToken();
      assertThat(++pages).isLessThanOrEqualTo(specs.size() + 1);
    } while (token.isPresent());
    assertThat(seen).containsExactlyElementsOf(expected.stream().map(i -> created.get(i).runId()).toList());
  }

  private static boolean holds(double v, String op, double x) {
    return switch (op) {
      case "<" -> v < x;
      case "<=" -> v <= x;
      case ">" -> v > x;
      case ">=" -> v >= x;
      case "=" -> v == x;
      default -> v != x;
    };
  }

  private static synchronized Store sqlite() throws Exception {
    if (sqlite == null) {
      sqliteHome = Files.createTempDirectory("vigil-paging");
      sqlite = Store.open(StoreOptions.embedded(sqliteHome).withClock(CLOCK));
    }
    return sqlite;
  }

  private static synchronized Store postgres() {
    if (postgres == null) {
      pgSchema = String.format(Locale.ROOT, "vigil_p_%016x", ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
      postgres = Store.open(StoreOptions.embedded(Path.of(System.getProperty("java.io.tmpdir"), pgSchema))
          .withJdbcUrl(PG_URL).withSchema(pgSchema).withClock(CLOCK));
    }
    return postgres;
  }

  @AfterContainer
  static void closeStores() throws Exception {
    if (sqlite != null) {
      sqlite.close();
      try (var files = Files.walk(sqliteHome)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    if (postgres != null) {
      postgres.close();
      try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE");
      }
    }
  }
}
