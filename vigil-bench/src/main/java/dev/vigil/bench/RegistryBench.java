package dev.vigil.bench;

import dev.vigil.registry.Registration;
import dev.vigil.registry.VersionRef;
import dev.vigil.store.Store;
import dev.vigil.store.StoreOptions;
import dev.vigil.tracking.Metric;
import dev.vigil.tracking.Run;
import dev.vigil.tracking.RunPage;
import dev.vigil.tracking.RunQuery;
import dev.vigil.tracking.TrackingLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Registry and tracking at scale (issue 6 targets): alias resolution with 10,000 versions across 100
 * models; one batch of 10,000 metrics; a page of 100 runs filtered and ordered by a metric among
 * RUNS runs with 10 metrics each.
 *
 * <pre>java -cp vigil-bench.jar dev.vigil.bench.RegistryBench DIR [JDBC_URL] [RUNS] [PARTS]</pre>
 * DIR is a folder (SQLite file and artifacts); JDBC_URL a PostgreSQL database (schema
 * {@code vigil_bench} in it), or {@code sqlite}; RUNS 0 skips the search part. PARTS is a comma list
 * of {@code fresh} (drop the PostgreSQL schema first), {@code alias}, {@code metrics}, {@code search};
 * default all four; {@code resolve} re-times alias resolution on the models an earlier {@code alias}
 * left, with a breakdown (a bare round trip, the alias query on one connection with its statement
 * prepared once, the same through the pool) that shows where the time goes. Without {@code fresh}, a store left by an earlier run is reused: the search part
 * then skips its setup when the experiment already holds RUNS runs.
 * Versions are registered through the API (8 threads); the runs for the search benchmark are
 * bulk-inserted with plain JDBC in one transaction, the value indexes built after the load (setup
 * only, not timed).
 */
public final class RegistryBench {
  private RegistryBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String url = args.length > 1 && !args[1].equals("sqlite") ? args[1] : null;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    List<String> parts = List.of((args.length > 3 ? args[3] : "fresh,alias,metrics,search").split(","));
    StoreOptions o = StoreOptions.embedded(dir).withMaxConnections(16);
    if (url != null && parts.contains("fresh")) {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS vigil_bench CASCADE");
      }
    }
    if (url != null) {
      o = o.withJdbcUrl(url).withSchema("vigil_bench");
    }
    try (Store store = Store.open(o)) {
      System.out.println("store: " + store.dialect());
      if (parts.contains("alias")) {
        aliasResolution(store, dir);
      }
      if (parts.contains("resolve")) {
        resolveOnly(store, o);
      }
      if (parts.contains("metrics")) {
        metricBatch(store);
      }
      if (runs > 0 && parts.contains("search")) {
        runSearch(store, o, runs);
      }
    }
  }

  static void aliasResolution(Store store, Path dir) throws Exception {
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> fs = new ArrayList<>();
    for (int m = 0; m < 100; m++) {
      int model = m;
      fs.add(pool.submit(() -> {
        for (int v = 0; v < 100; v++) {
          Path a = dir.resolve("a-" + model + "-" + v + ".bin");
          Files.writeString(a, "model " + model + " version " + v, StandardCharsets.UTF_8);
          store.registry().register(Registration.builder("model-" + model, a).metric("auc", 0.5 + v / 1000.0).build());
          Files.delete(a);
        }
        store.registry().setAlias("model-" + model, "champion", 50, "bench", "setup", List.of());
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    System.out.printf(Locale.ROOT, "registered 10000 versions of 100 models through the API in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < 2000; i++) {
      store.registry().version(VersionRef.parse("model-" + rnd.nextInt(100) + "@champion"));
    }
    int n = 20_000;
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      VersionRef ref = VersionRef.parse("model-" + rnd.nextInt(100) + "@champion");
      long s = System.nanoTime();
      store.registry().version(ref);
      ms[i] = (System.nanoTime() - s) / 1e6;
    }
    report("alias resolution (full ModelVersion by NAME@champion)", ms);
    for (int i = 0; i < n; i++) {
      String model = "model-" + rnd.nextInt(100);
      long s = System.nanoTime();
      store.registry().resolveAlias(model, "champion");
      ms[i] = (System.nanoTime() - s) / 1e6;
    }
    report("alias resolution (version number, Registry.resolveAlias)", ms);
  }

  static void resolveOnly(Store store, StoreOptions o) throws Exception {
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 20_000;
    double[] api = new double[n];
    double[] floor = new double[n];
    double[] raw = new double[n];
    try (Connection c = DriverManager.getConnection(o.jdbcUrl())) {
      if (o.schema().isPresent()) {
        try (Statement s = c.createStatement()) {
          s.execute("SET search_path TO " + o.schema().get());
        }
      }
      try (PreparedStatement one = c.prepareStatement("SELECT 1");
           PreparedStatement q = c.prepareStatement(
               "SELECT a.version FROM aliases a JOIN registered_models m ON m.id = a.model_id WHERE m.name = ? AND a.alias = ?")) {
        // Interleaved, so that the three see the same machine load; the first round warms the JIT
        // and the statement caches.
        for (int round = 0; round < 2; round++) {
          for (int i = 0; i < n; i++) {
            String model = "model-" + rnd.nextInt(100);
            long s = System.nanoTime();
            store.registry().resolveAlias(model, "champion");
            api[i] = (System.nanoTime() - s) / 1e6;
            s = System.nanoTime();
            try (var rs = one.executeQuery()) {
              rs.next();
            }
            floor[i] = (System.nanoTime() - s) / 1e6;
            q.setString(1, model);
            q.setString(2, "champion");
            s = System.nanoTime();
            try (var rs = q.executeQuery()) {
              rs.next();
            }
            raw[i] = (System.nanoTime() - s) / 1e6;
          }
        }
      }
    }
    report("alias resolution (version number, Registry.resolveAlias)", api);
    report("breakdown: SELECT 1 on one plain connection (round-trip floor)", floor);
    report("breakdown: the alias query on one plain connection, statement prepared once", raw);
  }

  static void metricBatch(Store store) {
    Run r = store.tracking().startRun(store.tracking().experiment("bench-metrics").id(), "batch", "bench", TrackingLevel.MINIMAL);
    double[] ms = new double[5];
    for (int k = 0; k < ms.length; k++) {
      List<Metric> batch = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        batch.add(new Metric("m" + (i % 100), i, k * 1000L + i / 100, Instant.ofEpochMilli(i)));
      }
      long s = System.nanoTime();
      store.tracking().logMetrics(r.runId(), batch);
      ms[k] = (System.nanoTime() - s) / 1e6;
    }
    report("log 10,000 metrics in one batch", ms);
  }

  static void runSearch(Store store, StoreOptions o, int runs) throws Exception {
    long exp = store.tracking().experiment("bench-search").id();
    long t0 = System.nanoTime();
    java.util.Properties props = new java.util.Properties();
    props.setProperty("reWriteBatchedInserts", "true"); // PostgreSQL: multi-row INSERTs; SQLite ignores it
    try (Connection c = DriverManager.getConnection(o.jdbcUrl(), props)) {
      if (o.schema().isPresent()) {
        try (Statement s = c.createStatement()) {
          s.execute("SET search_path TO " + o.schema().get());
        }
      }
      long have;
      try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM runs WHERE experiment_id = " + exp)) {
        rs.next();
        have = rs.getLong(1);
      }
      if (have < runs) {
        bulkInsert(c, o, exp, runs);
        System.out.printf(Locale.ROOT, "bulk-inserted %d runs x 10 metrics in %.1f s (setup)%n", runs, (System.nanoTime() - t0) / 1e9);
      } else {
        System.out.printf(Locale.ROOT, "reusing %d runs of experiment %d%n", have, exp);
      }
    }
    RunQuery q = RunQuery.of(List.of(exp)).filter("metric_3", ">=", 0.5).orderBy("metric_1", false);
    for (int i = 0; i < 5; i++) {
      store.tracking().searchRuns(q.page(100, null));
    }
    double[] first = new double[50];
    for (int i = 0; i < first.length; i++) {
      long s = System.nanoTime();
      RunPage page = store.tracking().searchRuns(q.page(100, null));
      first[i] = (System.nanoTime() - s) / 1e6;
      if (page.runs().size() != 100) {
        throw new IllegalStateException("expected a full page, got " + page.runs().size());
      }
    }
    report("run search: first page of 100, metric_3 >= 0.5 ordered by metric_1 desc", first);
    // Every page of the whole result, in order, following the tokens; the tokens are kept for the
    // random-access measure below.
    List<String> tokens = new ArrayList<>();
    List<Double> walk = new ArrayList<>();
    String token = null;
    long seen = 0;
    long w0 = System.nanoTime();
    do {
      long s = System.nanoTime();
      RunPage page = store.tracking().searchRuns(q.page(100, token));
      walk.add((System.nanoTime() - s) / 1e6);
      seen += page.runs().size();
      token = page.nextPageToken().orElse(null);
      if (token != null) {
        tokens.add(token);
      }
    } while (token != null);
    System.out.printf(Locale.ROOT, "walked %d pages (%d runs) in %.1f s%n", walk.size(), seen, (System.nanoTime() - w0) / 1e9);
    report("run search: every page in order through the tokens", walk.stream().mapToDouble(Double::doubleValue).toArray());
    SplittableRandom rnd = new SplittableRandom(3);
    double[] deep = new double[200];
    for (int i = 0; i < deep.length; i++) {
      String t = tokens.get(rnd.nextInt(tokens.size()));
      long s = System.nanoTime();
      store.tracking().searchRuns(q.page(100, t));
      deep[i] = (System.nanoTime() - s) / 1e6;
    }
    report("run search: page of 100 after a random token (any depth), same query", deep);
  }

  private static void bulkInsert(Connection c, StoreOptions o, long exp, int runs) throws Exception {
    c.setAutoCommit(false);
    SplittableRandom rnd = new SplittableRandom(7);
    long base;
    try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM runs")) {
      rs.next();
      base = rs.getLong(1);
    }
    String[] valueIndexes = {
        "latest_metrics_by_key_value ON latest_metrics (metric_key, metric_value, run_id)",
        "latest_metrics_by_experiment_key_value ON latest_metrics (experiment_id, metric_key, metric_value, run_id)"};
    try (Statement s = c.createStatement()) {
      for (String ix : valueIndexes) {
        s.execute("DROP INDEX IF EXISTS " + ix.substring(0, ix.indexOf(' ')));
      }
    }
    try (PreparedStatement pr = c.prepareStatement("INSERT INTO runs (id, run_uuid, experiment_id, name, status, start_time, "
        + "lifecycle_stage, user_id, tracking_level) VALUES (?, ?, ?, ?, 'FINISHED', ?, 'active', 'bench', 'minimal')");
         PreparedStatement pm = c.prepareStatement("INSERT INTO latest_metrics (run_id, metric_key, metric_value, step, logged_at, "
             + "experiment_id) VALUES (?, ?, ?, 0, 0, ?)")) {
      for (int i = 1; i <= runs; i++) {
        long id = base + i;
        pr.setLong(1, id);
        pr.setString(2, String.format(Locale.ROOT, "%032x", id));
        pr.setLong(3, exp);
        pr.setString(4, "r" + i);
        pr.setLong(5, i);
        pr.addBatch();
        for (int m = 0; m < 10; m++) {
          pm.setLong(1, id);
          pm.setString(2, "metric_" + m);
          pm.setDouble(3, rnd.nextDouble());
          pm.setLong(4, exp);
          pm.addBatch();
        }
        if (i % 10_000 == 0) {
          pr.executeBatch();
          pm.executeBatch();
        }
      }
      pr.executeBatch();
      pm.executeBatch();
    }
    try (Statement s = c.createStatement()) {
      for (String ix : valueIndexes) {
        s.execute("CREATE INDEX " + ix);
      }
    }
    if (o.schema().isPresent()) {
      try (Statement s = c.createStatement()) { // explicit ids do not advance PostgreSQL's identity
        s.execute("SELECT setval(pg_get_serial_sequence('runs', 'id'), (SELECT MAX(id) FROM runs))");
      }
    }
    c.commit();
    if (o.schema().isPresent()) {
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE"); // what autovacuum would do soon after such a load; SQLite stores have no statistics
      }
      c.commit();
    }
  }

  static void report(String what, double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    System.out.printf(Locale.ROOT, "%s: n=%d p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms%n", what, s.length,
        q(s, 0.5), q(s, 0.95), q(s, 0.99), s[s.length - 1]);
  }

  static double q(double[] s, double p) {
    return s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)];
  }
}
