package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Synthetic;
import dev.vigil.io.Tables;
import dev.vigil.io.log.PredictionLogs;
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

/** Train, register, alias, then serve the champion over HTTP through its pipeline, and log what it answered. */
class ServeCommandIT {
  @TempDir Path dir;

  @Test
  void servesTheChampionThroughItsPipelineAndLogsEveryAnswer() throws Exception {
    Path data = dir.resolve("scans.parquet");
    Tables.write(Synthetic.hospitalScans(800, 3), data);
    String home = dir.resolve("home").toString();
    CliRunner.Result train = CliRunner.run("train", data.toString(), "--label", "malignant", "--model", "logistic",
        "--drop", "scan_id,patient_id,scan_time", "--register", "nodules", "--home", home);
    assertThat(train.code()).as(train.err()).isZero();
    CliRunner.Result alias = CliRunner.run("models", "alias", "nodules", "champion", "1", "--home", home);
    assertThat(alias.code()).as(alias.err() + alias.out()).isZero();

    Path ready = dir.resolve("port");
    Path log = dir.resolve("log");
    AtomicReference<CliRunner.Result> served = new AtomicReference<>();
    Thread t = new Thread(() -> served.set(CliRunner.run("serve", "--model", "nodules", "--port", "0", "--home", home,
        "--log", log.toString(), "--ready-file", ready.toString(), "--reload-seconds", "1")));
    t.start();
    for (int i = 0; i < 600 && !Files.exists(ready); i++) {
      Thread.sleep(100);
    }
    assertThat(Files.exists(ready)).as("server became ready").isTrue();
    int port = Integer.parseInt(Files.readString(ready).trim());
    String body = "{\"id\":\"req-1\",\"records\":[{\"site\":\"riverside\",\"scanner\":\"ge-revolution\",\"sex\":\"F\","
        + "\"age\":71,\"slice_thickness_mm\":2.5,\"nodule_diameter_mm\":14.2,\"mean_hu\":-330,\"texture_entropy\":4.9,"
        + "\"pack_years\":30,\"contrast\":false,\"smoker\":true,\"prior_scans\":1}]}";
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/models/nodules/predict"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    t.interrupt();
    t.join(60_000);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode n = new ObjectMapper().readTree(r.body());
    assertThat(n.get("route").asText()).isEqualTo("primary");
    assertThat(n.get("version").asText()).isEqualTo("1");
    double p = n.get("predictions").get(0).get(1).asDouble();
    assertThat(p).isBetween(0.0, 1.0);
    assertThat(n.get("predictions").get(0).get(0).asDouble() + p).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(served.get().code()).as(served.get().err()).isZero();
    assertThat(PredictionLogs.read(log, "nodules").column("request_id").getObject(0)).isEqualTo("req-1");
  }

  @Test
  void aModelWithoutAChampionIsAUsageError() throws Exception {
    Path data = dir.resolve("scans.parquet");
    Tables.write(Synthetic.hospitalScans(400, 4), data);
    String home = dir.resolve("home").toString();
    assertThat(CliRunner.run("train", data.toString(), "--label", "malignant", "--drop", "scan_id,patient_id,scan_time",
        "--register", "nodules", "--home", home).code()).isZero();
    CliRunner.Result r = CliRunner.run("serve", "--model", "nodules", "--port", "0", "--home", home);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("has no champion alias").contains("vigil models alias nodules champion");
  }
}
