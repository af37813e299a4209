package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.Gates;
import dev.vigil.store.Store;
import dev.vigil.store.StoreOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.Page;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * MLflow's artifact proxy ({@code mlflow-artifacts}) and run-search page tokens, over real HTTP and
 * through the official MLflow Java client where its API reaches them.
 */
class MlflowArtifactsIT {
  static final String TOKEN = "test-token-0123456789";
  @TempDir static Path dir;
  static Store store;
  static VigilServer server;
  static MlflowClient client;
  static String base;
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    store = Store.open(StoreOptions.embedded(dir.resolve("home")));
    server = VigilServer.builder().port(0).module(new RegistryModule(store, Gates.Budget.defaults(), Optional.of(TOKEN))).start();
    base = "http://127.0.0.1:" + server.port();
    client = new MlflowClient(new BasicMlflowHostCreds(base, TOKEN));
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
    store.close();
  }

  static HttpResponse<byte[]> send(String method, String path, byte[] body, boolean token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (token) {
      b.header("Authorization", "Bearer " + TOKEN);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonNode json(HttpResponse<byte[]> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void runsGetAProxiedArtifactUriAndFilesGoUpListAndComeBack() throws Exception {
    String exp = client.createExperiment("artifacts");
    Service.RunInfo run = client.createRun(exp);
    String root = exp + "/" + run.getRunId() + "/artifacts";
    assertThat(client.getRun(run.getRunId()).getInfo().getArtifactUri()).isEqualTo("mlflow-artifacts:/" + root);
    assertThat(client.getExperiment(exp).getArtifactLocation()).isEqualTo("mlflow-artifacts:/" + exp);

    byte[] model = new byte[300_000];
    new SplittableRandom(1).nextBytes(model);
    String proxy = "/api/2.0/mlflow-artifacts/artifacts/";
    assertThat(send("PUT", proxy + root + "/model/model.bin", model, false).statusCode()).isEqualTo(401);
    assertThat(send("PUT", proxy + root + "/model/model.bin", model, true).statusCode()).isEqualTo(200);
    assertThat(send("PUT", proxy + root + "/model/MLmodel", "flavors: {}".getBytes(StandardCharsets.UTF_8), true).statusCode()).isEqualTo(200);
    assertThat(send("PUT", proxy + root + "/notes.txt", "hello".getBytes(StandardCharsets.UTF_8), true).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> got = send("GET", proxy + root + "/model/model.bin", null, false);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(model);

    JsonNode listed = json(send("GET", "/api/2.0/mlflow-artifacts/artifacts?path=" + root, null, false));
    assertThat(listed.path("files").toString()).isEqualTo(
        "[{\"path\":\"model\",\"is_dir\":true},{\"path\":\"notes.txt\",\"is_dir\":false,\"file_size\":5}]");
    JsonNode inModel = json(send("GET", "/api/2.0/mlflow-artifacts/artifacts?path=" + root + "/model", null, false));
    assertThat(inModel.path("files").findValuesAsText("path")).containsExactly("MLmodel", "model.bin");

    // The run-scoped listing, through the MLflow Java client's HTTP layer.
    JsonNode runList = JSON.readTree(client.sendGet("artifacts/list?run_id=" + run.getRunId()));
    assertThat(runList.path("root_uri").asText()).isEqualTo("mlflow-artifacts:/" + root);
    assertThat(runList.path("files").toString()).isEqualTo(
        "[{\"path\":\"model\",\"is_dir\":true},{\"path\":\"notes.txt\",\"is_dir\":false,\"file_size\":5}]");
    JsonNode runModel = JSON.readTree(client.sendGet("artifacts/list?run_id=" + run.getRunId() + "&path=model"));
    assertThat(runModel.path("files").findValuesAsText("path")).containsExactly("model/MLmodel", "model/model.bin");
    assertThat(runModel.path("files").get(1).path("file_size").asLong()).isEqualTo(model.length);
    HttpResponse<byte[]> viaRun = send("GET", "/get-artifact?run_id=" + run.getRunId() + "&path=model/model.bin", null, false);
    assertThat(viaRun.statusCode()).isEqualTo(200);
    assertThat(viaRun.body()).isEqualTo(model);
    assertThat(store.tracking().details(run.getRunId()).artifacts()).containsOnlyKeys("model/MLmodel", "model/model.bin", "notes.txt");

    assertThat(send("DELETE", proxy + root + "/model", null, false).statusCode()).isEqualTo(401);
    assertThat(send("DELETE", proxy + root + "/model", null, true).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> gone = send("GET", proxy + root + "/model/model.bin", null, false);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(json(gone).path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    assertThat(JSON.readTree(client.sendGet("artifacts/list?run_id=" + run.getRunId())).path("files").findValuesAsText("path"))
        .containsExactly("notes.txt");
    assertThat(send("DELETE", proxy + root + "/model", null, true).statusCode()).isEqualTo(404);
  }

  @Test
  void pathTraversalAndAbsolutePathsAreRefusedWith400() throws Exception {
    String proxy = "/api/2.0/mlflow-artifacts/artifacts/";
    for (String bad : List.of("a/%2E%2E/%2E%2E/etc/passwd", "%2E%2E/x", "a/..%2F..%2Fx", "%2Fetc%2Fpasswd", "a%5C..%5Cb")) {
      HttpResponse<byte[]> r = send("PUT", proxy + bad, "x".getBytes(StandardCharsets.UTF_8), true);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(send("GET", proxy + bad, null, false).statusCode()).as(bad).isEqualTo(400);
    }
    HttpResponse<byte[]> list = send("GET", "/api/2.0/mlflow-artifacts/artifacts?path=../../etc", null, false);
    assertThat(list.statusCode()).isEqualTo(400);
    assertThat(json(list).path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(json(list).path("message").asText()).contains("'..'");
    Service.RunInfo run = client.createRun(client.createExperiment("traversal"));
    assertThat(send("GET", "/api/2.0/mlflow/artifacts/list?run_id=" + run.getRunId() + "&path=../x", null, false).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/get-artifact?run_id=" + run.getRunId() + "&path=/etc/passwd", null, false).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/get-artifact?run_id=" + run.getRunId() + "&path=nope.txt", null, false).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/2.0/mlflow/artifacts/list?run_id=nope", null, false).statusCode()).isEqualTo(404);
    assertThat(store.files().list("")).extracting(e -> e.name()).doesNotContain("etc", "x", "b");
  }

  @Test
  void theJavaClientPagesThroughRunsWithPageTokens() throws Exception {
    String exp = client.createExperiment("paging");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      Service.RunInfo r = client.createRun(exp);
      client.logMetric(r.getRunId(), "auc", (i * 7) % 5 / 5.0);
      ids.add(r.getRunId());
    }
    List<String> seen = new ArrayList<>();
    Page<Service.Run> page = client.searchRuns(List.of(exp), "metrics.auc >= 0.2", Service.ViewType.ACTIVE_ONLY, 4,
        List.of("metrics.auc DESC"), null);
    int pages = 1;
    page.getItems().forEach(r -> seen.add(r.getInfo().getRunId()));
    while (page.hasNextPage()) {
      page = page.getNextPage();
      page.getItems().forEach(r -> seen.add(r.getInfo().getRunId()));
      pages++;
    }
    long expected = ids.stream().filter(id -> (ids.indexOf(id) * 7) % 5 >= 1).count();
    assertThat(seen).hasSize((int) expected).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).hasSize((int) expected);
    assertThat(pages).isEqualTo((int) Math.ceil(expected / 4.0));

    HttpResponse<byte[]> bad = send("POST", "/api/2.0/mlflow/runs/search",
        ("{\"experiment_ids\": [\"" + exp + "\"], \"page_token\": \"garbage\"}").getBytes(StandardCharsets.UTF_8), true);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("message").asText()).contains("page token 'garbage'");
    HttpResponse<byte[]> v1 = send("GET", "/api/v1/runs?experiment=" + exp + "&max=20", null, false);
    String token = json(v1).path("next_page_token").asText();
    JsonNode rest = json(send("GET", "/api/v1/runs?experiment=" + exp + "&max=20&page_token=" + token, null, false));
    assertThat(rest.path("runs")).hasSize(3);
    assertThat(rest.has("next_page_token")).isFalse();
    assertThat(send("GET", "/api/v1/runs?experiment=" + exp + "&page_token=x", null, false).statusCode()).isEqualTo(400);
  }
}
