package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Synthetic;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.models.GoldenExamples;
import dev.vigil.registry.AliasEvent;
import dev.vigil.registry.DeploymentGate;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.VersionRef;
import dev.vigil.store.Store;
import dev.vigil.store.StoreOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload of {@code vigil serve} over HTTP on loopback: a moved {@code champion} is swapped in under
 * concurrent load without a failed request; a version whose golden examples do not reproduce is
 * refused at start and on reload (the previous version keeps serving, the refusal is printed and
 * counted); requests are validated against the current primary's signature; moved shadow and canary
 * aliases are picked up without a restart, and a canary promoted by its gates moves {@code champion}
 * (and {@code backup}) in the registry.
 */
class ServeReloadIT {
  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();

  /** One answer a client got: the phase it was sent in, status, X-Vigil-Model and X-Vigil-Route. */
  private record Answer(int phase, int status, String model, String route) {}

  private String train(String home, int seed, String drop) throws Exception {
    Path data = dir.resolve("scans-" + seed + ".parquet");
    Tables.write(Synthetic.hospitalScans(400, seed), data);
    CliRunner.Result r = CliRunner.run("train", data.toString(), "--label", "malignant", "--model", "logistic",
        "--drop", drop, "--register", "nodules", "--home", home);
    assertThat(r.code()).as(r.err()).isZero();
    return home;
  }

  private static void alias(String home, String alias, long version, String... extra) {
    List<String> args = new ArrayList<>(List.of("models", "alias", "nodules", alias, String.valueOf(version), "--home", home));
    args.addAll(List.of(extra));
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.out() + r.err()).isZero();
  }

  /**
   * Registers version {@code from}'s artifact and pipeline again with its golden examples altered at
   * {@code row} (the last output moved by 0.3): a version whose golden examples do not reproduce.
   */
  private void registerTampered(String home, long from, int row) throws Exception {
    Path artifact;
    Path pipeline;
    Path golden;
    String flavour;
    try (Store s = Store.open(StoreOptions.embedded(Path.of(home)))) {
      ModelVersion v = s.registry().version(VersionRef.parse("nodules/" + from));
      DeploymentGate.VersionFiles f = s.registry().files(v);
      artifact = f.artifact();
      pipeline = f.pipelineJson().orElseThrow();
      golden = f.goldenJson().orElseThrow();
      flavour = v.flavour();
    }
    GoldenExamples g = GoldenExamples.fromJson(Files.readAllBytes(golden), golden.toString());
    List<Column> outs = new ArrayList<>();
    List<Column> cols = g.outputs().columns();
    for (int c = 0; c < cols.size(); c++) {
      double[] v = ((DoubleColumn) cols.get(c)).toArray();
      if (c == cols.size() - 1) {
        v[row] = v[row] > 0.5 ? v[row] - 0.3 : v[row] + 0.3;
      }
      outs.add(DoubleColumn.of(cols.get(c).name(), v));
    }
    Path tampered = dir.resolve("golden-" + from + "-row" + row + ".json");
    Files.write(tampered, new GoldenExamples(g.inputs(), Table.of(outs), g.tolerance()).toJson());
    CliRunner.Result r = CliRunner.run("models", "register", "nodules", artifact.toString(), "--flavour", flavour,
        "--pipeline", pipeline.toString(), "--golden", tampered.toString(), "--home", home);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
  }

  private HttpResponse<String> predict(int port, String record, String user) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/models/nodules/predict"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[" + record + "]}")).timeout(Duration.ofSeconds(30));
    if (user != null) {
      b.header("X-User", user);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Sends predictions until one answer satisfies {@code until}; fails after {@code max} tries. */
  private HttpResponse<String> predictUntil(int port, String record, int max, Predicate<HttpResponse<String>> until)
      throws Exception {
    for (int i = 0; i < max; i++) {
      HttpResponse<String> r = predict(port, record, "u" + i);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      if (until.test(r)) {
        return r;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no answer met the condition after " + max + " requests");
  }

  private static String model(HttpResponse<String> r) {
    return r.headers().firstValue("X-Vigil-Model").orElse("");
  }

  private void awaitMetric(int port, String line) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (get(port, "/metrics").contains(line)) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(get(port, "/metrics")).contains(line);
  }

  /** Runs {@code vigil serve} in this JVM on its own thread; returns its port once ready. */
  private int serveInProcess(AtomicReference<CliRunner.Result> result, Thread[] thread, String... args) throws Exception {
    Path ready = dir.resolve("port-" + System.nanoTime());
    List<String> all = new ArrayList<>(List.of("serve", "--ready-file", ready.toString()));
    all.addAll(List.of(args));
    Thread t = new Thread(() -> result.set(CliRunner.run(all.toArray(String[]::new))));
    t.start();
    thread[0] = t;
    for (int i = 0; i < 600 && !Files.exists(ready) && t.isAlive(); i++) {
      Thread.sleep(100);
    }
    assertThat(Files.exists(ready)).as("server became ready: %s", result.get()).isTrue();
    return Integer.parseInt(Files.readString(ready).trim());
  }

  @Test
  void championMovesUnderConcurrentLoadWithoutAFailedRequest() throws Exception {
    String home = dir.resolve("home").toString();
    train(home, 1, "scan_id,patient_id,scan_time");
    train(home, 2, "scan_id,patient_id,scan_time");
    alias(home, "champion", 1);
    Path config = dir.resolve("serve.yaml");
    // No load shedding (max_queue_wait_ms 0): on a starved shared machine admission may answer 503 to
    // requests that waited for a thread, which is not what this test is about.
    Files.writeString(config, "server: {port: 0, max_queue_wait_ms: 0}\nreload_seconds: 1\nlog: {dir: \"" + dir.resolve("log").toString().replace("\\", "/")
        + "\"}\nmodels: [{name: nodules}]\n");
    Path ready = dir.resolve("port");
    Path output = dir.resolve("serve.out");
    // A real server process, as in production.
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--config",
        config.toString(), "--home", home, "--ready-file", ready.toString())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger phase = new AtomicInteger();
    List<List<Answer>> answers = new ArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    try {
      for (int i = 0; i < 1200 && !Files.exists(ready) && p.isAlive(); i++) {
        Thread.sleep(100);
      }
      assertThat(Files.exists(ready)).as("child server became ready: %s", Files.exists(output) ? Files.readString(output) : "")
          .isTrue();
      int port = Integer.parseInt(Files.readString(ready).trim());
      for (int c = 0; c < 4; c++) {
        List<Answer> mine = new CopyOnWriteArrayList<>();
        answers.add(mine);
        clients.execute(() -> {
          while (!stop.get()) {
            int ph = phase.get();
            try {
              HttpResponse<String> r = predict(port, ServeConfigIT.RECORD, null);
              mine.add(new Answer(ph, r.statusCode(), model(r), r.headers().firstValue("X-Vigil-Route").orElse("")));
            } catch (Exception e) {
              errors.add(e);
            }
          }
        });
      }
      waitFor(() -> count(answers, a -> true) >= 40);
      alias(home, "champion", 2);
      phase.set(1);
      waitFor(() -> count(answers, a -> a.phase() == 1 && a.model().equals("nodules/2")) >= 40);
      alias(home, "champion", 1); // and back (the registry moves backup to 2)
      phase.set(2);
      waitFor(() -> count(answers, a -> a.phase() == 2 && a.model().equals("nodules/1")) >= 40);
    } finally {
      stop.set(true);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      p.destroy();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    String out = Files.readString(output);
    assertThat(errors).as("requests that failed on the client side").isEmpty();
    List<Answer> all = answers.stream().flatMap(List::stream).toList();
    assertThat(all).as("answers").hasSizeGreaterThan(120);
    assertThat(all).as("every request answered 200 by the primary").allSatisfy(a -> {
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.route()).isEqualTo("primary");
    });
    assertThat(all).filteredOn(a -> a.phase() == 0).extracting(Answer::model).containsOnly("nodules/1");
    // Each client switches once per move and never flips back: in-flight calls finish on the old
    // version, new ones go to the new one.
    for (List<Answer> mine : answers) {
      for (int ph = 1; ph <= 2; ph++) {
        String to = ph == 1 ? "nodules/2" : "nodules/1";
        String from = ph == 1 ? "nodules/1" : "nodules/2";
        int phase0 = ph;
        List<String> seq = mine.stream().filter(a -> a.phase() == phase0).map(Answer::model).toList();
        int first = seq.indexOf(to);
        assertThat(seq.subList(0, first < 0 ? seq.size() : first)).as("before the switch in phase %d", ph)
            .allMatch(from::equals);
        if (first >= 0) {
          assertThat(seq.subList(first, seq.size())).as("after the switch in phase %d", ph).allMatch(to::equals);
        }
      }
    }
    assertThat(out).contains("nodules @champion is now version 2").contains("nodules @champion is now version 1")
        .as("a graceful stop").contains("stopped");
  }

  private static long count(List<List<Answer>> answers, Predicate<Answer> p) {
    return answers.stream().flatMap(List::stream).filter(p).count();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 1200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("condition met within a minute").isTrue();
  }

  @Test
  void goldenMismatchIsRefusedAtStartAndOnReloadAndValidationFollowsThePrimary() throws Exception {
    String home = dir.resolve("home").toString();
    train(home, 1, "scan_id,patient_id,scan_time");
    train(home, 2, "scan_id,patient_id,scan_time,pack_years"); // version 2 does not read pack_years
    registerTampered(home, 1, 3); // version 3: version 1 with row 3 of its golden examples altered
    alias(home, "champion", 1);
    alias(home, "champion", 3, "--skip-gates"); // backup -> 1
    AtomicReference<CliRunner.Result> result = new AtomicReference<>();
    Thread[] t = new Thread[1];
    int port = serveInProcess(result, t, "--model", "nodules", "--port", "0", "--home", home, "--no-log",
        "--reload-seconds", "1", "--max-queue-wait-ms", "0");
    // pack_years as text: a field error for a version that reads pack_years, ignored by one that does not
    String textPackYears = ServeConfigIT.RECORD.replace("\"pack_years\":30", "\"pack_years\":\"thirty\"");
    try {
      // Start: version 3 is refused, its fallback (version 1) serves.
      HttpResponse<String> r = predict(port, ServeConfigIT.RECORD, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(model(r)).isEqualTo("nodules/1");
      assertThat(r.headers().firstValue("X-Vigil-Route")).contains("primary");
      assertThat(get(port, "/metrics"))
          .contains("vigil_version_loads_total{model=\"nodules\",role=\"primary\",version=\"3\",outcome=\"refused\"} 1")
          .contains("vigil_version_loads_total{model=\"nodules\",role=\"fallback\",version=\"1\",outcome=\"loaded\"} 1");
      // Version 1 reads pack_years: a request with text there is refused, naming the field.
      HttpResponse<String> bad = predict(port, textPackYears, null);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("pack_years");
      JsonNode meta = json.readTree(get(port, "/v2/models/nodules"));
      assertThat(meta.get("versions").toString()).isEqualTo("[\"1\"]");
      assertThat(meta.get("inputs").toString()).contains("\"pack_years\"");

      // Reload to a good version: it serves, and validation and metadata follow its signature.
      alias(home, "champion", 2);
      predictUntil(port, ServeConfigIT.RECORD, 600, x -> model(x).equals("nodules/2"));
      HttpResponse<String> ok = predict(port, textPackYears, null);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(model(ok)).isEqualTo("nodules/2");
      meta = json.readTree(get(port, "/v2/models/nodules"));
      assertThat(meta.get("versions").toString()).isEqualTo("[\"2\"]");
      assertThat(meta.get("inputs").toString()).doesNotContain("\"pack_years\"");

      // Reload to a version whose golden examples do not reproduce: refused, version 2 keeps serving.
      registerTampered(home, 2, 5); // version 4
      alias(home, "champion", 4, "--skip-gates");
      awaitMetric(port, "vigil_version_loads_total{model=\"nodules\",role=\"primary\",version=\"4\",outcome=\"refused\"} 1");
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> after = predict(port, textPackYears, null);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(model(after)).isEqualTo("nodules/2");
      }
    } finally {
      t[0].interrupt();
      t[0].join(60_000);
    }
    CliRunner.Result served = result.get();
    assertThat(served.code()).as(served.err()).isZero();
    assertThat(served.err())
        .containsPattern("nodules/3 refused as primary .*gate golden_examples failed: .*\\(row 3 p_\\S+ expected")
        .contains("serves its fallback nodules/1 as primary until @champion names a version that passes its gates")
        .containsPattern("nodules/4 refused as primary .*gate golden_examples failed: .*\\(row 5 p_\\S+ expected")
        .contains("nodules keeps serving version 2 as primary");
    assertThat(served.out()).contains("serving nodules {primary @backup=1}");
    // With no fallback to serve instead, a refused primary stops the server at start, saying why.
    Path config = dir.resolve("no-fallback.yaml");
    Files.writeString(config, "server: {port: 0}\nlog: {enabled: false}\nmodels: [{name: nodules, fallbacks: []}]\n");
    CliRunner.Result refused = CliRunner.run("serve", "--config", config.toString(), "--home", home);
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("refusing to serve nodules: its primary @champion names version 4, which was refused (")
        .contains("golden_examples").contains("no fallback can serve instead");
  }

  @Test
  void movedShadowAndCanaryAreTakenWithoutRestartAndAPromotionMovesTheChampion() throws Exception {
    String home = dir.resolve("home").toString();
    for (int seed = 1; seed <= 3; seed++) {
      train(home, seed, "scan_id,patient_id,scan_time");
    }
    alias(home, "champion", 1);
    alias(home, "challenger", 2);
    alias(home, "trial", 2);
    Path config = dir.resolve("serve.yaml");
    Files.writeString(config, """
        server: {port: 0, max_queue_wait_ms: 0}
        reload_seconds: 1
        log: {enabled: false}
        models:
          - name: nodules
            shadow: challenger
            canary:
              model: trial
              share: 0.5
              key_header: X-User
              # every request sends the same record: no score distribution to test for drift
              gates: {min_calls: 5, promote_calls: 25, max_error_rate: 0, max_p99_ms: 60000,
                      max_disagreement: 1, min_score_drift_p_value: 0, max_mean_score_difference: 1}
        """);
    AtomicReference<CliRunner.Result> result = new AtomicReference<>();
    Thread[] t = new Thread[1];
    int port = serveInProcess(result, t, "--config", config.toString(), "--home", home);
    try {
      List<String> firstCanary = new ArrayList<>();
      for (int i = 0; i < 16; i++) { // fewer canary calls than promote_calls
        HttpResponse<String> r = predict(port, ServeConfigIT.RECORD, "user-" + i);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        if ("canary".equals(r.headers().firstValue("X-Vigil-Route").orElse(""))) {
          firstCanary.add(model(r));
        }
      }
      assertThat(firstCanary).isNotEmpty().containsOnly("nodules/2");
      awaitMetric(port, "vigil_shadow_total{model=\"nodules\",version=\"2\"");

      alias(home, "challenger", 3);
      alias(home, "trial", 3);
      // The new canary gets traffic without a restart, judged from zero, and is promoted by its gates.
      HttpResponse<String> canary3 = predictUntil(port, ServeConfigIT.RECORD, 600,
          r -> model(r).equals("nodules/3") && r.headers().firstValue("X-Vigil-Route").orElse("").equals("canary"));
      assertThat(canary3.statusCode()).isEqualTo(200);
      awaitMetric(port, "vigil_shadow_total{model=\"nodules\",version=\"3\"");
      predictUntil(port, ServeConfigIT.RECORD, 600,
          r -> model(r).equals("nodules/3") && r.headers().firstValue("X-Vigil-Route").orElse("").equals("primary"));
      awaitMetric(port, "vigil_canary_promotion_writes_total{model=\"nodules\",version=\"3\",outcome=\"recorded\"} 1");
      assertThat(get(port, "/metrics"))
          .contains("vigil_canary_decisions_total{model=\"nodules\",version=\"3\",outcome=\"promote\"} 1")
          .doesNotContain("vigil_canary_decisions_total{model=\"nodules\",version=\"2\"");
      // The registry now says what the server does; reloads keep version 3 as primary.
      try (Store s = Store.open(StoreOptions.embedded(Path.of(home)))) {
        assertThat(s.registry().resolveAlias("nodules", "champion")).isEqualTo(3);
        assertThat(s.registry().resolveAlias("nodules", "backup")).isEqualTo(1);
        List<AliasEvent> h = s.registry().history("nodules");
        AliasEvent last = h.get(h.size() - 1);
        AliasEvent move = h.get(h.size() - 2);
        assertThat(move.alias()).isEqualTo("champion");
        assertThat(move.toVersion().getAsLong()).isEqualTo(3);
        assertThat(move.actor()).isEqualTo("vigil-serve");
        assertThat(move.reason()).startsWith("canary promoted by vigil serve after ");
        assertThat(last.alias()).isEqualTo("backup");
        assertThat(last.toVersion().getAsLong()).isEqualTo(1);
      }
      Thread.sleep(1500); // at least one reload after the write
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> r = predict(port, ServeConfigIT.RECORD, "late-" + i);
        assertThat(model(r)).isEqualTo("nodules/3");
        assertThat(r.headers().firstValue("X-Vigil-Route")).contains("primary");
      }
    } finally {
      t[0].interrupt();
      t[0].join(60_000);
    }
    CliRunner.Result served = result.get();
    assertThat(served.code()).as(served.err()).isZero();
    assertThat(served.out()).contains("shadow @challenger=2").contains("canary @trial=2");
    assertThat(served.err()).contains("nodules shadow @challenger is now version 3")
        .contains("nodules canary @trial is now version 3 (a new canary, judged from zero)")
        .contains("recorded the canary promotion in the registry: nodules@champion -> version 3 (was 1), backup -> version 1");
  }
}
