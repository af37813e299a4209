package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Table;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Router;
import dev.vigil.serving.Served;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A shadow model that throws or hangs changes no response: the same requests, sent concurrently over
 * HTTP to a server without a shadow and to servers whose shadow throws or never returns, get the same
 * answers (status, predictions, model, route). Latency impact is measured by
 * {@code dev.vigil.bench.ShadowImpactBench}, not asserted here.
 */
class ShadowIsolationIT {
  /** Never answers (until interrupted at shutdown). */
  static final class Hanging extends InferenceServerIT.AgeModel {
    @Override
    public Predictions predict(Table t) {
      try {
        Thread.sleep(600_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("interrupted");
    }
  }

  private final List<AutoCloseable> open = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private VigilServer start(Predictor shadow, ServingMetrics metrics) {
    Router.Builder b = Router.builder(new Served(new ModelRef("scans", "2"), new InferenceServerIT.AgeModel()))
        .listener(metrics).shadowQueue(4, 1);
    if (shadow != null) {
      b.shadow(new Served(new ModelRef("scans", "3"), shadow));
    }
    Router router = b.build();
    open.add(router);
    VigilServer s = VigilServer.builder().port(0)
        .module(new InferenceModule(List.of(new ServedModel("scans", router)), Map.of("scans", metrics), 64))
        .start();
    open.add(0, s);
    return s;
  }

  /** 8 clients x 40 requests; the answers without their ids, in request order. */
  private List<String> answers(VigilServer s) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> fs = new ArrayList<>();
      for (int i = 0; i < 320; i++) {
        int age = 20 + i % 70;
        fs.add(pool.submit(() -> {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + s.port() + "/api/v1/models/scans/predict"))
              .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[{\"age\":" + age + ",\"site\":\"a\"}]}"))
              .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
          JsonNode n = json.readTree(r.body());
          if (r.statusCode() != 200) {
            return r.statusCode() + " " + r.body();
          }
          return r.statusCode() + " " + n.get("predictions") + " " + n.get("model") + " " + n.get("version") + " "
              + n.get("route") + " " + r.headers().firstValue("X-Vigil-Model").orElse("?");
        }));
      }
      List<String> out = new ArrayList<>();
      for (Future<String> f : fs) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aThrowingOrHangingShadowChangesNoResponse() throws Exception {
    List<String> baseline = answers(start(null, new ServingMetrics("scans")));
    assertThat(baseline).allSatisfy(a -> assertThat(a).startsWith("200 ").endsWith("\"primary\" scans/2"));

    ServingMetrics throwingMetrics = new ServingMetrics("scans");
    assertThat(answers(start(new InferenceServerIT.Broken(), throwingMetrics))).isEqualTo(baseline);
    assertThat(throwingMetrics.render()).containsPattern("vigil_shadow_total\\{model=\"scans\",version=\"3\",outcome=\"error\"\\} [1-9]");

    ServingMetrics hangingMetrics = new ServingMetrics("scans");
    assertThat(answers(start(new Hanging(), hangingMetrics))).isEqualTo(baseline);
    assertThat(hangingMetrics.render()).as("the hung shadow's queue filled and further copies were dropped")
        .containsPattern("vigil_shadow_dropped_total\\{model=\"scans\",version=\"3\"\\} [1-9]");
  }
}
