package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Synthetic;
import dev.vigil.io.Tables;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil serve --config serve.yaml} wires what the file says: a shadow named by alias and a
 * canary named by version, sticky by a configured header, promoted by its gates, all seen over HTTP.
 */
class ServeConfigIT {
  @TempDir Path dir;

  static final String RECORD = "{\"site\":\"riverside\",\"scanner\":\"ge-revolution\",\"sex\":\"F\",\"age\":71,"
      + "\"slice_thickness_mm\":2.5,\"nodule_diameter_mm\":14.2,\"mean_hu\":-330,\"texture_entropy\":4.9,"
      + "\"pack_years\":30,\"contrast\":false,\"smoker\":true,\"prior_scans\":1}";

  @Test
  void configWiresShadowAndCanaryThroughHttp() throws Exception {
    String home = dir.resolve("home").toString();
    for (int seed = 1; seed <= 3; seed++) {
      Path data = dir.resolve("scans-" + seed + ".parquet");
      Tables.write(Synthetic.hospitalScans(600, seed), data);
      CliRunner.Result train = CliRunner.run("train", data.toString(), "--label", "malignant", "--model", "logistic",
          "--drop", "scan_id,patient_id,scan_time", "--register", "nodules", "--home", home);
      assertThat(train.code()).as(train.err()).isZero();
    }
    assertThat(CliRunner.run("models", "alias", "nodules", "champion", "1", "--home", home).code()).isZero();
    assertThat(CliRunner.run("models", "alias", "nodules", "challenger", "2", "--home", home).code()).isZero();
    Path log = dir.resolve("log");
    Path config = dir.resolve("serve.yaml");
    Files.writeString(config, """
        server: {port: 0, max_in_flight: 32}
        reload_seconds: 1
        log: {dir: "%s", segment_rows: 1000}
        models:
          - name: nodules
            primary: champion
            fallbacks: []
            deadline_ms: 2000
            shadow: challenger
            canary:
              model: 3
              share: 0.5
              key_header: X-User
              gates: {min_calls: 5, promote_calls: 8, max_error_rate: 0, max_p99_ms: 60000,
                      max_disagreement: 1, max_mean_score_difference: 1, min_score_drift_p_value: 0}
        """.formatted(log.toString().replace("\\", "/")));
    Path ready = dir.resolve("port");
    AtomicReference<CliRunner.Result> served = new AtomicReference<>();
    Thread t = new Thread(() -> served.set(CliRunner.run("serve", "--config", config.toString(), "--home", home,
        "--ready-file", ready.toString())));
    t.start();
    try {
      for (int i = 0; i < 600 && !Files.exists(ready); i++) {
        Thread.sleep(100);
      }
      assertThat(Files.exists(ready)).as("server became ready").isTrue();
      int port = Integer.parseInt(Files.readString(ready).trim());
      HttpClient http = HttpClient.newHttpClient();
      ObjectMapper json = new ObjectMapper();
      Set<String> canaryUsers = new HashSet<>();
      Set<String> primaryUsers = new HashSet<>();
      boolean promoted = false;
      for (int i = 0; i < 400 && !promoted; i++) {
        String user = "user-" + (i % 40);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/models/nodules/predict"))
            .header("X-User", user).POST(HttpRequest.BodyPublishers.ofString("{\"records\":[" + RECORD + "]}"))
            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode n = json.readTree(r.body());
        String route = n.get("route").asText();
        assertThat(r.headers().firstValue("X-Vigil-Route")).contains(route);
        if (route.equals("canary")) {
          assertThat(n.get("version").asText()).isEqualTo("3");
          canaryUsers.add(user);
        } else if (n.get("version").asText().equals("1")) {
          assertThat(route).isEqualTo("primary");
          primaryUsers.add(user);
        } else {
          // version 3 answering as primary: the canary was promoted
          assertThat(n.get("version").asText()).isEqualTo("3");
          promoted = true;
        }
      }
      assertThat(promoted).as("the canary met its gates and was promoted").isTrue();
      assertThat(canaryUsers).as("some callers were sent to the canary").isNotEmpty();
      assertThat(primaryUsers).as("some callers stayed on the champion").isNotEmpty();
      assertThat(canaryUsers).as("a caller stays on one side of the split").doesNotContainAnyElementsOf(primaryUsers);
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("vigil_canary_decisions_total{model=\"nodules\",version=\"3\",outcome=\"promote\"} 1");
      assertThat(metrics).containsPattern("vigil_shadow_total\\{model=\"nodules\",version=\"2\",outcome=\"(agree|disagree)\"\\} [1-9]");
      assertThat(metrics).contains("vigil_requests_total{model=\"nodules\",route=\"canary\"}");
    } finally {
      t.interrupt();
      t.join(60_000);
    }
    assertThat(served.get().code()).as(served.get().err()).isZero();
    assertThat(served.get().out()).contains("shadow @challenger=2").contains("canary v3=3").contains("primary @champion=1");
    assertThat(served.get().err()).contains("canary nodules/3 promote");

    // The graceful stop closed the log: the shadow's outputs are there as rows of route shadow with
    // the challenger's version, beside the served rows, and the pipeline output is logged.
    dev.vigil.data.Table logged = dev.vigil.io.log.PredictionLogs.read(log, "nodules");
    Set<String> servedIds = new HashSet<>();
    Set<String> shadowIds = new HashSet<>();
    for (int i = 0; i < logged.rowCount(); i++) {
      String route = (String) logged.column("route").getObject(i);
      String id = (String) logged.column("request_id").getObject(i);
      if (route.equals("shadow")) {
        assertThat(logged.column("version").getObject(i)).isEqualTo("2");
        assertThat(logged.column("error").isMissing(i)).isTrue();
        assertThat(logged.column("out_1").isMissing(i)).isFalse();
        shadowIds.add(id);
      } else {
        servedIds.add(id);
      }
    }
    assertThat(shadowIds).as("shadow rows logged").isNotEmpty();
    assertThat(servedIds).as("every shadowed request was served and logged").containsAll(shadowIds);
    List<String> pipe = logged.columnNames().stream().filter(n -> n.startsWith("pipe_")).toList();
    assertThat(pipe).as("the pipeline output is logged").isNotEmpty();
    for (String c : pipe) {
      assertThat(logged.column(c).missingCount()).as(c).isLessThan(logged.rowCount());
    }
  }
}
