package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Router;
import dev.vigil.serving.Served;
import dev.vigil.serving.Signature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real server on a free loopback port, driven over HTTP. */
class InferenceServerIT {
  static final Signature SIG = new Signature(
      List.of(new Field("age", ColumnType.DOUBLE, false), Field.of("site", ColumnType.CATEGORICAL)),
      Signature.OutputKind.PROBABILITIES, List.of("benign", "malignant"));

  /** p = sigmoid(0.05 * (age - 60)). */
  static class AgeModel implements Predictor {
    @Override
    public Signature signature() {
      return SIG;
    }

    @Override
    public Predictions predict(Table t) {
      DoubleColumn age = t.doubleColumn("age");
      double[] p = new double[t.rowCount()];
      for (int i = 0; i < p.length; i++) {
        p[i] = 1 / (1 + Math.exp(-0.05 * (age.get(i) - 60)));
      }
      return Predictions.binary(p);
    }
  }

  static final class Broken extends AgeModel {
    @Override
    public Predictions predict(Table t) {
      throw new IllegalStateException("corrupted weights");
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private VigilServer start(Predictor primary, int maxInFlight) {
    ServingMetrics metrics = new ServingMetrics("scans");
    Router router = Router.builder(new Served(new ModelRef("scans", "2"), primary))
        .fallback(new Served(new ModelRef("scans", "1"), new AgeModel())).listener(metrics).build();
    open.add(router);
    VigilServer s = VigilServer.builder().port(0).maxBodyBytes(64 * 1024)
        .module(new InferenceModule(List.of(new ServedModel("scans", router)), Map.of("scans", metrics), maxInFlight))
        .start();
    open.add(0, s);
    return s;
  }

  private HttpResponse<String> post(VigilServer s, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(VigilServer s, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).GET()
        .timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthAndMetadataFollowTheOpenInferenceProtocol() throws Exception {
    VigilServer s = start(new AgeModel(), 64);
    assertThat(get(s, "/v2/health/live").statusCode()).isEqualTo(200);
    assertThat(get(s, "/v2/health/ready").statusCode()).isEqualTo(200);
    JsonNode meta = json.readTree(get(s, "/v2/models/scans").body());
    assertThat(meta.get("name").asText()).isEqualTo("scans");
    assertThat(meta.get("inputs").get(0).get("datatype").asText()).isEqualTo("FP64");
    assertThat(meta.get("inputs").get(1).get("datatype").asText()).isEqualTo("BYTES");
    assertThat(meta.get("outputs").get(0).get("shape").get(1).asInt()).isEqualTo(2);
  }

  @Test
  void recordsArePredictedAndTheRouteIsNamed() throws Exception {
    VigilServer s = start(new AgeModel(), 64);
    HttpResponse<String> r = post(s, "/api/v1/models/scans/predict",
        "{\"records\":[{\"age\":60,\"site\":\"riverside\"},{\"age\":80}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode n = json.readTree(r.body());
    assertThat(n.get("predictions").get(0).get(1).asDouble()).isEqualTo(0.5);
    assertThat(n.get("predictions").get(1).get(1).asDouble()).isCloseTo(1 / (1 + Math.exp(-1)), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(n.get("route").asText()).isEqualTo("primary");
    assertThat(n.get("version").asText()).isEqualTo("2");
    assertThat(r.headers().firstValue("X-Vigil-Model")).contains("scans/2");
    assertThat(r.headers().firstValue("X-Vigil-Route")).contains("primary");
  }

  @Test
  void v2InferAcceptsTensorsPerFeatureAndOneMatrix() throws Exception {
    VigilServer s = start(new AgeModel(), 64);
    HttpResponse<String> r = post(s, "/v2/models/scans/infer", "{\"id\":\"q1\",\"inputs\":["
        + "{\"name\":\"age\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[60,40]},"
        + "{\"name\":\"site\",\"shape\":[2],\"datatype\":\"BYTES\",\"data\":[\"a\",null]}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode out = json.readTree(r.body());
    assertThat(out.get("id").asText()).isEqualTo("q1");
    assertThat(out.get("outputs").get(0).get("shape").toString()).isEqualTo("[2,2]");
    assertThat(out.get("outputs").get(0).get("data").get(1).asDouble()).isEqualTo(0.5);

    HttpResponse<String> m = post(s, "/v2/models/scans/infer",
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"BYTES\",\"data\":[[60,\"a\"]]}]}");
    assertThat(m.statusCode()).as(m.body()).isEqualTo(200);
  }

  @Test
  void badRequestsAre4xxWithTheFieldNamed() throws Exception {
    VigilServer s = start(new AgeModel(), 64);
    HttpResponse<String> wrongType = post(s, "/api/v1/models/scans/predict", "{\"records\":[{\"age\":\"old\"}]}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    JsonNode p = json.readTree(wrongType.body());
    assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("records[0].age");
    assertThat(p.get("errors").get(0).get("message").asText()).isEqualTo("expected a number, found \"old\"");

    HttpResponse<String> missing = post(s, "/api/v1/models/scans/predict", "{\"records\":[{\"site\":\"a\"}]}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("records[0].age").contains("required field is missing");

    HttpResponse<String> malformed = post(s, "/api/v1/models/scans/predict", "{\"records\":[{\"age\":1,}");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("malformed JSON");

    HttpResponse<String> unknown = post(s, "/api/v1/models/nope/predict", "{\"records\":[{\"age\":1}]}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("unknown model \\\"nope\\\"");

    assertThat(get(s, "/no/such/route").statusCode()).isEqualTo(404);
    String big = "{\"records\":[" + "{\"age\":1},".repeat(20_000) + "{\"age\":1}]}";
    assertThat(post(s, "/api/v1/models/scans/predict", big).statusCode()).isEqualTo(413);
  }

  @Test
  void aFailingPrimaryIsAnsweredByTheFallback() throws Exception {
    VigilServer s = start(new Broken(), 64);
    HttpResponse<String> r = post(s, "/api/v1/models/scans/predict", "{\"records\":[{\"age\":60}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Vigil-Route")).contains("fallback");
    assertThat(r.headers().firstValue("X-Vigil-Model")).contains("scans/1");
    String metrics = get(s, "/metrics").body();
    assertThat(metrics).contains("vigil_requests_total{model=\"scans\",route=\"fallback\"} 1");
    assertThat(metrics).contains("vigil_model_failures_total{model=\"scans\",version=\"2\"} 1");
    assertThat(metrics).contains("vigil_request_duration_seconds_count{model=\"scans\"} 1");
  }

  @Test
  void excessLoadGetsFast503sWhileAcceptedRequestsSucceed() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    Predictor slow = new AgeModel() {
      @Override
      public Predictions predict(Table t) {
        entered.countDown();
        try {
          release.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.predict(t);
      }
    };
    VigilServer s = start(slow, 1);
    CompletableFuture<HttpResponse<String>> first = http.sendAsync(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + s.port() + "/api/v1/models/scans/predict"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[{\"age\":60}]}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("first request reached the model").isTrue();
    HttpResponse<String> rejected = post(s, "/api/v1/models/scans/predict", "{\"records\":[{\"age\":60}]}");
    assertThat(rejected.statusCode()).isEqualTo(503);
    assertThat(rejected.headers().firstValue("Retry-After")).contains("1");
    release.countDown();
    assertThat(first.get().statusCode()).isEqualTo(200);
    // Server-side latency is recorded once the answer is written, so the client may see it first.
    String accepted = "vigil_http_request_duration_seconds_count{outcome=\"accepted\"} 1\n";
    String shed = "vigil_http_request_duration_seconds_count{outcome=\"rejected\"} 1\n";
    String metrics = get(s, "/metrics").body();
    for (int i = 0; i < 100 && !(metrics.contains(accepted) && metrics.contains(shed)); i++) {
      Thread.sleep(50);
      metrics = get(s, "/metrics").body();
    }
    assertThat(metrics).contains(accepted, shed, "vigil_http_request_duration_seconds_count{outcome=\"failed\"} 0\n");
    assertThat(metrics).containsPattern("vigil_http_request_duration_seconds_bucket\\{outcome=\"rejected\",le=\"\\+Inf\"\\} 1\n");
  }

  @Test
  void everyModelFailingWithoutADefaultAnswerIs503WithRetryAfter() throws Exception {
    Router router = Router.builder(new Served(new ModelRef("scans", "2"), new Broken()))
        .fallback(new Served(new ModelRef("scans", "1"), new Broken())).build();
    open.add(router);
    VigilServer s = VigilServer.builder().port(0)
        .module(new InferenceModule(List.of(new ServedModel("scans", router)), Map.of(), 64)).start();
    open.add(0, s);
    HttpResponse<String> r = post(s, "/api/v1/models/scans/predict", "{\"records\":[{\"age\":60}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).contains("1");
    assertThat(json.readTree(r.body()).get("detail").asText()).contains("no model could answer", "corrupted weights");
    HttpResponse<String> v2 = post(s, "/v2/models/scans/infer",
        "{\"inputs\":[{\"name\":\"age\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[60]},"
        + "{\"name\":\"site\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"a\"]}]}");
    assertThat(v2.statusCode()).as(v2.body()).isEqualTo(503);
  }

  @Test
  void metricsOfSeveralModelsHaveOneHelpAndTypePerFamilyAndLogDropsPerModel() throws Exception {
    List<ServedModel> served = new ArrayList<>();
    Map<String, ServingMetrics> metrics = new java.util.LinkedHashMap<>();
    for (String name : List.of("scans", "nodules")) {
      ServingMetrics m = new ServingMetrics(name);
      m.attachLogDrops(() -> name.length());
      Router router = Router.builder(new Served(new ModelRef(name, "2"), new Broken()))
          .fallback(new Served(new ModelRef(name, "1"), new AgeModel())).listener(m).build();
      open.add(router);
      served.add(new ServedModel(name, router));
      metrics.put(name, m);
    }
    VigilServer s = VigilServer.builder().port(0).module(new InferenceModule(served, metrics, 64)).start();
    open.add(0, s);
    for (String name : List.of("scans", "nodules")) {
      assertThat(post(s, "/api/v1/models/" + name + "/predict", "{\"records\":[{\"age\":60}]}").statusCode()).isEqualTo(200);
    }
    String text = get(s, "/metrics").body();
    PrometheusText.check(text);
    assertThat(text).contains("vigil_prediction_log_dropped_total{model=\"scans\"} 5\n",
        "vigil_prediction_log_dropped_total{model=\"nodules\"} 7\n",
        "vigil_requests_total{model=\"nodules\",route=\"fallback\"} 1\n",
        "vigil_requests_total{model=\"scans\",route=\"fallback\"} 1\n",
        "vigil_request_duration_seconds_count{model=\"nodules\"} 1\n",
        "vigil_request_duration_seconds_count{model=\"scans\"} 1\n");
  }

  @Test
  void thePrometheusCheckFailsOnARepeatedHelpOrTypeOrASplitFamily() {
    String one = "# HELP a_total A.\n# TYPE a_total counter\na_total{m=\"x\"} 1\n";
    PrometheusText.check(one + "# HELP b B.\n# TYPE b gauge\nb 2\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrometheusText.check(one + one))
        .isInstanceOf(AssertionError.class).hasMessageContaining("a_total");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrometheusText.check(one + "# TYPE b gauge\nb 2\na_total 3\n"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("a_total");
  }

  @Test
  void fuzzedBodiesNeverGet500AndTheServerStaysUp() throws Exception {
    VigilServer s = start(new AgeModel(), 64);
    String seed = "{\"records\":[{\"age\":61.5,\"site\":\"riverside\"},{\"age\":null}],\"id\":\"x\"}";
    String v2 = "{\"inputs\":[{\"name\":\"age\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[60]}]}";
    SplittableRandom rnd = new SplittableRandom(2026);
    String alphabet = "{}[]\":,0123456789.-eE nultrfasxy\\";
    for (int i = 0; i < 400; i++) {
      StringBuilder b = new StringBuilder(i % 2 == 0 ? seed : v2);
      int edits = 1 + rnd.nextInt(4);
      for (int e = 0; e < edits && b.length() > 0; e++) {
        int at = rnd.nextInt(b.length());
        switch (rnd.nextInt(3)) {
          case 0 -> b.deleteCharAt(at);
          case 1 -> b.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
          default -> b.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
      }
      String path = i % 2 == 0 ? "/api/v1/models/scans/predict" : "/v2/models/scans/infer";
      HttpResponse<String> r = post(s, path, b.toString());
      assertThat(r.statusCode()).as("body %s -> %s", b, r.body()).isLessThan(500);
    }
    assertThat(get(s, "/v2/health/live").statusCode()).isEqualTo(200);
  }
}
