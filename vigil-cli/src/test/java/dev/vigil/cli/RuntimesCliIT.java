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
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX and XGBoost through the CLI: {@code train --model xgboost --loss focal}, {@code models register}
 * with the flavour detected, the gates on {@code models alias}, and {@code serve} over HTTP. The model
 * files are vigil-models' fixtures made by xgboost 1.7.4 and onnx 1.12.
 */
class RuntimesCliIT {
  static final Path FIXTURES = Path.of("..", "vigil-models", "src", "test", "resources", "runtimes");
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void trainsAFocalXgboostModelAndServesOnnxAndXgboostFiles() throws Exception {
    String home = dir.resolve("home").toString();
    Path data = dir.resolve("scans.parquet");
    Tables.write(Synthetic.hospitalScans(800, 3), data);
    CliRunner.Result train = CliRunner.run("train", data.toString(), "--label", "malignant", "--model", "xgboost", "--loss", "focal",
        "--focal-gamma", "2", "--focal-alpha", "0.25", "--drop", "scan_id,patient_id,scan_time", "--register", "boosted",
        "--home", home, "--format", "json");
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(JSON.readTree(train.out()).get("loss").asText()).isEqualTo("focal(gamma=2.0, alpha=0.25)");
    CliRunner.Result wrong = CliRunner.run("train", data.toString(), "--label", "malignant", "--loss", "focal", "--home", home);
    assertThat(wrong.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("--loss focal needs --model xgboost");

    CliRunner.Result reg = CliRunner.run("models", "register", "trees", FIXTURES.resolve("xgb_trees.onnx").toString(), "--home", home,
        "--format", "json");
    assertThat(reg.code()).as(reg.err()).isZero();
    JsonNode v = JSON.readTree(reg.out()).get("version");
    assertThat(v.get("flavour").asText()).isEqualTo("onnx");
    assertThat(v.get("signature").get("inputs")).hasSize(20);
    CliRunner.Result reg2 = CliRunner.run("models", "register", "booster", FIXTURES.resolve("xgb_binary.ubj").toString(), "--home", home);
    assertThat(reg2.code()).as(reg2.err()).isZero();
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "junk");
    CliRunner.Result bad = CliRunner.run("models", "register", "junk", junk.toString(), "--home", home);
    assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("junk.onnx").contains("ONNX");

    for (String m : List.of("boosted", "trees", "booster")) {
      CliRunner.Result a = CliRunner.run("models", "alias", m, "champion", "1", "--max-latency-ms", "10000", "--home", home,
          "--format", "json");
      assertThat(a.code()).as(a.err() + a.out()).isZero();
      for (JsonNode g : JSON.readTree(a.out()).get("gates")) {
        assertThat(g.get("passed").asBoolean()).as(g.toString()).isTrue();
      }
    }

    Path ready = dir.resolve("port");
    AtomicReference<CliRunner.Result> served = new AtomicReference<>();
    Thread t = new Thread(() -> served.set(CliRunner.run("serve", "--model", "trees", "--model", "booster", "--model", "boosted",
        "--port", "0", "--home", home, "--log", dir.resolve("log").toString(), "--ready-file", ready.toString())));
    t.start();
    try {
      for (int i = 0; i < 600 && !Files.exists(ready); i++) {
        Thread.sleep(100);
      }
      assertThat(Files.exists(ready)).as("server became ready").isTrue();
      int port = Integer.parseInt(Files.readString(ready).trim());
      List<String> lines = Files.readAllLines(FIXTURES.resolve("xgb_expected.csv"));
      String[] row = lines.get(1).split(",", -1);
      double expected = Double.parseDouble(row[20]);
      for (String model : List.of("trees", "booster")) {
        StringBuilder rec = new StringBuilder("{\"records\":[{");
        for (int j = 0; j < 20; j++) {
          rec.append(j == 0 ? "" : ",").append('"').append(model.equals("trees") ? "input_" : "f").append(j).append("\":")
              .append(row[j].isEmpty() ? "null" : row[j]);
        }
        rec.append("}]}");
        HttpResponse<String> r = post(port, "/api/v1/models/" + model + "/predict", rec.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("predictions").get(0).get(1).asDouble()).as(model).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
        HttpResponse<String> meta = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/v2/models/" + model)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(meta.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(meta.body()).get("inputs")).hasSize(20);
      }
      HttpResponse<String> wrongType = post(port, "/api/v1/models/booster/predict", "{\"records\":[{\"f3\":\"high\"}]}");
      assertThat(wrongType.statusCode()).as(wrongType.body()).isEqualTo(400);
      assertThat(wrongType.body()).contains("f3");
      String scan = "{\"records\":[{\"site\":\"riverside\",\"scanner\":\"ge-revolution\",\"sex\":\"F\","
          + "\"age\":71,\"slice_thickness_mm\":2.5,\"nodule_diameter_mm\":14.2,\"mean_hu\":-330,\"texture_entropy\":4.9,"
          + "\"pack_years\":30,\"contrast\":false,\"smoker\":true,\"prior_scans\":1}]}";
      HttpResponse<String> focal = post(port, "/api/v1/models/boosted/predict", scan);
      assertThat(focal.statusCode()).as(focal.body()).isEqualTo(200);
      assertThat(JSON.readTree(focal.body()).get("route").asText()).isEqualTo("primary");
    } finally {
      t.interrupt();
      t.join(60_000);
    }
    assertThat(served.get().code()).as(served.get().err()).isZero();
  }

  private static HttpResponse<String> post(int port, String path, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
