package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.Table;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
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
import org.junit.jupiter.api.Test;

/**
 * More concurrent requests than threads, on a model that takes 100 ms: requests that waited too long
 * for a thread while others queued get an immediate 503 with Retry-After, counted in /metrics; the
 * rest are answered; nothing else happens (no 500, no dropped connection).
 */
class OverloadIT {
  static final class Slow extends InferenceServerIT.AgeModel {
    @Override
    public Predictions predict(Table t) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.predict(t);
    }
  }

  @Test
  void excessLoadGetsFast503sFromABoundedWait() throws Exception {
    ServingMetrics metrics = new ServingMetrics("scans");
    try (Router router = Router.builder(new Served(new ModelRef("scans", "1"), new Slow())).listener(metrics).build();
        VigilServer s = VigilServer.builder().port(0).threads(6).maxQueueWait(Duration.ofMillis(20))
            .module(new InferenceModule(List.of(new ServedModel("scans", router)),
                Map.of("scans", metrics), 64)).start()) {
      HttpClient http = HttpClient.newHttpClient();
      ExecutorService pool = Executors.newFixedThreadPool(48);
      List<Future<HttpResponse<String>>> fs = new ArrayList<>();
      for (int i = 0; i < 96; i++) {
        fs.add(pool.submit(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + s.port() + "/api/v1/models/scans/predict"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[{\"age\":50,\"site\":\"a\"}]}"))
            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString())));
      }
      int ok = 0;
      int shed = 0;
      for (Future<HttpResponse<String>> f : fs) {
        HttpResponse<String> r = f.get();
        if (r.statusCode() == 200) {
          ok++;
        } else {
          assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
          assertThat(r.headers().firstValue("Retry-After")).contains("1");
          assertThat(r.body()).containsPattern("waited over (20|5) ms for a server thread");
          shed++;
        }
      }
      pool.shutdownNow();
      assertThat(ok).as("some requests were answered").isPositive();
      assertThat(shed).as("some requests were shed").isPositive();
      String m = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(m).contains("vigil_http_rejected_total{reason=\"queue_wait\"} " + shed);
    }
  }
}
