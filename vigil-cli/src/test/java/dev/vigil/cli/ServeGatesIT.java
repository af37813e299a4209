package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.Synthetic;
import dev.vigil.io.Tables;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil serve} with a canary's drift gate in serve.yaml: the default answer is checked against
 * the model's outputs at start, and /metrics carries the breaker, canary and log families.
 */
class ServeGatesIT {
  @TempDir Path dir;

  @Test
  void defaultAnswerOfTheWrongLengthIsRefusedAtStartAndTheMetricsPageHasEveryServingFamily() throws Exception {
    Path data = dir.resolve("scans.parquet");
    Tables.write(Synthetic.hospitalScans(400, 5), data);
    String home = dir.resolve("home").toString();
    CliRunner.Result train = CliRunner.run("train", data.toString(), "--label", "malignant", "--drop",
        "scan_id,patient_id,scan_time", "--register", "nodules", "--home", home);
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(CliRunner.run("models", "alias", "nodules", "champion", "1", "--home", home).code()).isZero();

    String config = """
        models:
          - name: nodules
            default_answer: %s
            canary:
              model: 1
              share: 0.5
              gates: {min_calls: 10, promote_calls: 100, min_score_drift_p_value: 0.001, score_drift_window: 500}
        """;
    Path wrong = dir.resolve("wrong.yaml");
    Files.writeString(wrong, config.formatted("[0.9, 0.05, 0.05]"));
    CliRunner.Result r = CliRunner.run("serve", "--config", wrong.toString(), "--port", "0", "--home", home, "--no-log");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains(wrong.toString(), "models[0].default_answer",
        "expected 2 values, one per output of model nodules version 1", "3 values");

    Files.writeString(wrong, config.formatted("[0.9, 0.2]"));
    r = CliRunner.run("serve", "--config", wrong.toString(), "--port", "0", "--home", home, "--no-log");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("models[0].default_answer", "probabilities sum to 1.1");

    r = CliRunner.run("serve", "--model", "nodules", "--default-answer", "1", "--port", "0", "--home", home, "--no-log");
    assertThat(r.code()).as(r.err()).isNotZero();
    assertThat(r.err()).contains("--default-answer", "expected 2 values", "1 value");

    Path good = dir.resolve("serve.yaml");
    Files.writeString(good, config.formatted("[0.9, 0.1]"));
    Path ready = dir.resolve("port");
    AtomicReference<CliRunner.Result> served = new AtomicReference<>();
    Thread t = new Thread(() -> served.set(CliRunner.run("serve", "--config", good.toString(), "--port", "0", "--home", home,
        "--log", dir.resolve("log").toString(), "--ready-file", ready.toString())));
    t.start();
    for (int i = 0; i < 600 && !Files.exists(ready) && t.isAlive(); i++) {
      Thread.sleep(100);
    }
    assertThat(Files.exists(ready)).as("server became ready").isTrue();
    int port = Integer.parseInt(Files.readString(ready).trim());
    HttpClient http = HttpClient.newHttpClient();
    String body = "{\"records\":[{\"site\":\"riverside\",\"scanner\":\"ge-revolution\",\"sex\":\"F\","
        + "\"age\":71,\"slice_thickness_mm\":2.5,\"nodule_diameter_mm\":14.2,\"mean_hu\":-330,\"texture_entropy\":4.9,"
        + "\"pack_years\":30,\"contrast\":false,\"smoker\":true,\"prior_scans\":1}]}";
    HttpResponse<String> p = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/models/nodules/predict"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .GET().timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    t.interrupt();
    t.join(60_000);
    assertThat(p.statusCode()).as(p.body()).isEqualTo(200);
    assertThat(m.body()).contains("# TYPE vigil_circuit_breaker_state gauge\n",
        "vigil_circuit_breaker_state{model=\"nodules\",version=\"1\"} 0\n",
        "vigil_canary_comparisons_dropped_total{model=\"nodules\"} 0\n",
        "vigil_prediction_log_segments_failed_total{model=\"nodules\"} 0\n",
        "# TYPE vigil_shadow_score_difference summary\n");
    assertThat(served.get().code()).as(served.get().err()).isZero();
  }
}
