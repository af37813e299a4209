package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Synthetic;
import dev.vigil.data.Table;
import dev.vigil.models.Gates;
import dev.vigil.models.TrainingJob;
import dev.vigil.models.TrainingResult;
import dev.vigil.models.TrainingSpec;
import dev.vigil.store.Store;
import dev.vigil.store.StoreOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.ModelRegistry;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/** Vigil's server driven by the official MLflow Java client, and its own /api/v1, on a real port. */
class MlflowClientIT {
  static final String TOKEN = "test-token-0123456789";
  @TempDir static Path dir;
  static Store store;
  static VigilServer server;
  static MlflowClient client;
  static Path modelFile;
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    store = Store.open(StoreOptions.embedded(dir.resolve("home")));
    server = VigilServer.builder().port(0).module(new RegistryModule(store, Gates.Budget.defaults(), Optional.of(TOKEN))).start();
    client = new MlflowClient(new BasicMlflowHostCreds("http://127.0.0.1:" + server.port(), TOKEN));
    Table data = Synthetic.hospitalScans(600, 5).drop("scan_id", "patient_id", "scan_time");
    TrainingResult r = TrainingJob.run(data, TrainingSpec.of("malignant").withRegisterAs("trained"), store, dir);
    modelFile = dir.resolve("model.tribuo");
    Files.copy(store.registry().files(r.version().orElseThrow()).artifact(), modelFile);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
    store.close();
  }

  @Test
  void createsExperimentLogsARunAndReadsItBack() {
    String exp = client.createExperiment("mlflow-compat");
    assertThat(client.getExperiment(exp).getName()).isEqualTo("mlflow-compat");
    assertThat(client.getExperimentByName("mlflow-compat")).isPresent();
    Service.RunInfo run = client.createRun(exp);
    client.logParam(run.getRunId(), "lr", "0.1");
    client.logMetric(run.getRunId(), "loss", 0.9, 1000L, 0);
    client.logMetric(run.getRunId(), "loss", 0.4, 2000L, 1);
    client.logBatch(run.getRunId(), List.of(Service.Metric.newBuilder().setKey("auc").setValue(0.83).setTimestamp(3000L).setStep(0).build()),
        List.of(Service.Param.newBuilder().setKey("epochs").setValue("5").build()),
        List.of(Service.RunTag.newBuilder().setKey("team").setValue("risk").build()));
    client.setTag(run.getRunId(), "git.commit", "abc");
    client.setTerminated(run.getRunId());
    Service.Run back = client.getRun(run.getRunId());
    assertThat(back.getInfo().getStatus()).isEqualTo(Service.RunStatus.FINISHED);
    assertThat(back.getData().getParamsList()).extracting(Service.Param::getKey).contains("lr", "epochs");
    assertThat(back.getData().getMetricsList()).filteredOn(m -> m.getKey().equals("loss")).extracting(Service.Metric::getValue).containsExactly(0.4);
    assertThat(back.getData().getTagsList()).extracting(Service.RunTag::getKey).contains("team", "git.commit");
    assertThat(client.getMetricHistory(run.getRunId(), "loss")).extracting(Service.Metric::getStep).containsExactly(0L, 1L);
    assertThat(client.searchRuns(List.of(exp), "metrics.auc > 0.5")).extracting(Service.RunInfo::getRunId).containsExactly(run.getRunId());
    assertThat(client.searchRuns(List.of(exp), "metrics.auc > 0.9")).isEmpty();
  }

  @Test
  void registersAModelSetsAnAliasAndReadsItBack() throws Exception {
    client.sendPost("registered-models/create", "{\"name\": \"churn\"}");
    String created = client.sendPost("model-versions/create",
        JSON.writeValueAsString(java.util.Map.of("name", "churn", "source", modelFile.toString())));
    assertThat(JSON.readTree(created).path("model_version").path("version").asText()).isEqualTo("1");
    ModelRegistry.ModelVersion v = client.getModelVersion("churn", "1");
    assertThat(v.getStatus()).isEqualTo(ModelRegistry.ModelVersionStatus.READY);
    client.sendPost("registered-models/alias", "{\"name\": \"churn\", \"alias\": \"champion\", \"version\": \"1\"}");
    ModelRegistry.RegisteredModel m = client.getRegisteredModel("churn");
    assertThat(m.getAliasesList()).extracting(ModelRegistry.RegisteredModelAlias::getAlias).containsExactly("champion");
    JsonNode byAlias = JSON.readTree(client.sendGet("registered-models/alias?name=churn&alias=champion"));
    assertThat(byAlias.path("model_version").path("version").asText()).isEqualTo("1");
    assertThat(client.getLatestVersions("churn")).extracting(ModelRegistry.ModelVersion::getVersion).containsExactly("1");
    assertThat(store.registry().history("churn")).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("mlflow-client"));
  }

  @Test
  void registersAModelFileUploadedThroughTheArtifactProxy() throws Exception {
    String exp = client.createExperiment("proxy-register");
    Service.RunInfo run = client.createRun(exp);
    String root = exp + "/" + run.getRunId() + "/artifacts";
    HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/2.0/mlflow-artifacts/artifacts/" + root + "/model/model.tribuo")).header("Authorization", "Bearer " + TOKEN)
        .PUT(HttpRequest.BodyPublishers.ofFile(modelFile)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(200);
    client.sendPost("registered-models/create", "{\"name\": \"proxied\"}");
    JsonNode v1 = JSON.readTree(client.sendPost("model-versions/create", JSON.writeValueAsString(java.util.Map.of("name", "proxied",
        "source", "runs:/" + run.getRunId() + "/model/model.tribuo", "run_id", run.getRunId()))));
    assertThat(v1.path("model_version").path("version").asText()).isEqualTo("1");
    JsonNode v2 = JSON.readTree(client.sendPost("model-versions/create", JSON.writeValueAsString(java.util.Map.of("name", "proxied",
        "source", "mlflow-artifacts:/" + root + "/model/model.tribuo"))));
    assertThat(v2.path("model_version").path("version").asText()).isEqualTo("2");
    String digest = dev.vigil.provenance.Digests.sha256(Files.readAllBytes(modelFile));
    assertThat(store.registry().version(dev.vigil.registry.VersionRef.parse("proxied/2")).artifactDigest()).isEqualTo(digest);
    assertStatus(() -> client.sendPost("model-versions/create", "{\"name\": \"proxied\", \"source\": \"runs:/" + run.getRunId()
        + "/model\"}"), 400, "is a folder");
    assertStatus(() -> client.sendPost("model-versions/create", "{\"name\": \"proxied\", \"source\": \"mlflow-artifacts:/" + root
        + "/../../x\"}"), 400, "'..'");
  }

  @Test
  void badInputGetsMlflowErrorsNever500() throws Exception {
    assertThatThrownBy(() -> client.getExperiment("9999")).isInstanceOf(MlflowHttpException.class)
        .satisfies(e -> assertThat(((MlflowHttpException) e).getStatusCode()).isEqualTo(404));
    client.sendPost("registered-models/create", "{\"name\": \"dup\"}");
    assertStatus(() -> client.sendPost("registered-models/create", "{\"name\": \"dup\"}"), 400, "RESOURCE_ALREADY_EXISTS");
    assertStatus(() -> client.sendPost("model-versions/create", "{\"name\": \"dup\", \"source\": \"/nope/model.onnx\"}"), 400, "does not exist");
    Path junk = Files.writeString(dir.resolve("junk.bin"), "junk");
    assertStatus(() -> client.sendPost("model-versions/create", "{\"name\": \"dup\", \"source\": \"" + junk + "\"}"), 400, "Tribuo");
    assertStatus(() -> client.sendPost("model-versions/create", "{\"name\": \"dup\", \"source\": \"runs:/abc/model\"}"), 400, "runs");
    assertStatus(() -> client.getModelVersion("dup", "7"), 404, "has no version 7");
    assertStatus(() -> client.getModelVersion("nope", "1"), 404, "no registered model");
    assertStatus(() -> client.sendPost("registered-models/alias", "{\"name\": \"dup\", \"alias\": \"champion\", \"version\": \"3\"}"), 404, "no version 3");
    assertStatus(() -> client.sendPost("runs/log-metric", "{\"run_id\": \"zzz\", \"key\": \"a\", \"value\": 1}"), 404, "no run");
    assertStatus(() -> client.sendPost("experiments/create", "{}"), 400, "'name'");
    assertStatus(() -> client.sendPost("experiments/create", "not json"), 400, "not valid JSON");
  }

  private static void assertStatus(Runnable call, int status, String text) {
    assertThatThrownBy(call::run).isInstanceOf(MlflowHttpException.class).satisfies(e -> {
      MlflowHttpException h = (MlflowHttpException) e;
      assertThat(h.getStatusCode()).isEqualTo(status);
      assertThat(h.getBodyMessage()).contains(text);
    });
  }

  @Test
  void mutatingCallsNeedTheToken() throws Exception {
    String base = "http://127.0.0.1:" + server.port();
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/experiments/create"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    assertThatThrownBy(() -> RegistryModule.requireTokenOffLoopback("0.0.0.0", Optional.empty()))
        .hasMessageContaining("token is required");
    RegistryModule.requireTokenOffLoopback("127.0.0.1", Optional.empty());
  }

  @Test
  void vigilApiMovesAliasesThroughTheGatesAndAnswersHistory() throws Exception {
    String base = "http://127.0.0.1:" + server.port() + "/api/v1/models/trained";
    HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/aliases/champion"))
        .header("Authorization", "Bearer " + TOKEN).PUT(HttpRequest.BodyPublishers.ofString("{\"version\": 1, \"reason\": \"first\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(JSON.readTree(put.body()).path("gates")).hasSize(4);
    JsonNode h = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/history")).build(), HttpResponse.BodyHandlers.ofString()).body());
    assertThat(h.path("events").get(0).path("reason").asText()).isEqualTo("first");
    HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/versions/9")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).path("detail").asText()).contains("has no version 9");
    HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/versions/x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpResponse<String> rb = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/rollback")).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(rb.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(rb.body()).path("detail").asText()).contains("no backup version");
    HttpResponse<String> api = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/openapi.json")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(api.body()).path("openapi").asText()).startsWith("3.");
  }

  @Test
  void aRefusedGateAnswers409WithTheResults() throws Exception {
    try (VigilServer strict = VigilServer.builder().port(0)
        .module(new RegistryModule(store, new Gates.Budget(1e-9, 512, 10), Optional.of(TOKEN))).start()) {
      HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + strict.port()
              + "/api/v1/models/trained/aliases/challenger"))
          .header("Authorization", "Bearer " + TOKEN).PUT(HttpRequest.BodyPublishers.ofString("{\"version\": 1}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(409);
      JsonNode n = JSON.readTree(put.body());
      assertThat(n.path("detail").asText()).contains("budget");
      assertThat(n.path("errors")).hasSize(4);
      assertThat(n.path("errors").findValuesAsText("field")).containsExactly("loads", "signature", "golden_examples", "budget");
    }
  }
}
