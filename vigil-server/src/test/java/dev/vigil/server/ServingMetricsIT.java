package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serving families of {@code /metrics}, read back from a real server and parsed. */
class ServingMetricsIT {
  /** Answers p = 0.9 for every row. */
  static final class Confident extends InferenceServerIT.AgeModel {
    @Override
    public Predictions predict(Table t) {
      double[] p = new double[t.rowCount()];
      java.util.Arrays.fill(p, 0.9);
      return Predictions.binary(p);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private Router router;
  private VigilServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    if (router != null) {
      router.close();
    }
  }

  /** name{labels} to value, for every sample line; fails on a line that is not a sample or comment. */
  static Map<String, Double> samples(String page) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : page.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      assertThat(space).as(line).isPositive();
      String value = line.substring(space + 1);
      out.put(line.substring(0, space), value.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value));
    }
    return out;
  }

  private String metrics() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
        .GET().timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    PrometheusText.check(r.body());
    return r.body();
  }

  @Test
  void shadowScoreDifferenceBreakerStatesAndLogFailuresAreExported() throws Exception {
    FaultInjectionIT.ManualClock clock = new FaultInjectionIT.ManualClock();
    ServingMetrics m = new ServingMetrics("scans");
    router = Router.builder(new Served(new ModelRef("scans", "2"), new InferenceServerIT.Broken()))
        .fallback(new Served(new ModelRef("scans", "1"), new InferenceServerIT.AgeModel()))
        .shadow(new Served(new ModelRef("scans", "3"), new Confident()))
        .circuitBreaker(1, Duration.ofSeconds(30)).clock(clock).listener(m).build();
    m.attachRouter(router::stats);
    m.attachLogDrops(() -> 4);
    m.attachLogSegmentsFailed(() -> 2);
    server = VigilServer.builder().port(0)
        .module(new InferenceModule(List.of(new ServedModel("scans", router)), Map.of("scans", m), 16))
        .start();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/api/v1/models/scans/predict"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[{\"age\":60},{\"age\":100}]}"))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(router.awaitBackground(Duration.ofSeconds(10))).isTrue();

    Map<String, Double> s = samples(metrics());
    // served by the fallback: p = sigmoid(0.05 (age - 60)) = 0.5 (top class benign on the tie) and
    // sigmoid(2); the shadow answers 0.9 (malignant) for both: one row agrees, one does not
    double p100 = 1 / (1 + Math.exp(-2.0));
    assertThat(s).containsEntry("vigil_shadow_total{model=\"scans\",version=\"3\",outcome=\"disagree\"}", 1.0)
        .containsEntry("vigil_shadow_rows_total{model=\"scans\",version=\"3\",outcome=\"agree\"}", 1.0)
        .containsEntry("vigil_shadow_rows_total{model=\"scans\",version=\"3\",outcome=\"disagree\"}", 1.0)
        .containsEntry("vigil_shadow_score_difference_count{model=\"scans\",version=\"3\"}", 2.0);
    assertThat(s.get("vigil_shadow_score_difference_sum{model=\"scans\",version=\"3\"}"))
        .isCloseTo((0.9 - 0.5) + (0.9 - p100), within(1e-12));
    assertThat(s).containsEntry("vigil_circuit_breaker_state{model=\"scans\",version=\"2\"}", 1.0)
        .containsEntry("vigil_circuit_breaker_state{model=\"scans\",version=\"1\"}", 0.0)
        .containsEntry("vigil_canary_comparisons_dropped_total{model=\"scans\"}", 0.0)
        .containsEntry("vigil_prediction_log_dropped_total{model=\"scans\"}", 4.0)
        .containsEntry("vigil_prediction_log_segments_failed_total{model=\"scans\"}", 2.0);

    clock.now = clock.now.plusSeconds(31);
    assertThat(samples(metrics())).containsEntry("vigil_circuit_breaker_state{model=\"scans\",version=\"2\"}", 0.5);
  }

  @Test
  void regressionShadowAgreementUsesTheRoutersToleranceNotOneHalf() {
    // served 0.7 and shadow 0.9 are on the same side of 0.5 but are different regression answers
    ServingMetrics m = new ServingMetrics("price");
    dev.vigil.serving.Signature sig = new dev.vigil.serving.Signature(
        List.of(dev.vigil.data.Field.of("x", dev.vigil.data.ColumnType.DOUBLE)),
        dev.vigil.serving.Signature.OutputKind.REGRESSION, List.of("y"));
    dev.vigil.serving.Predictor served = constantRegressor(sig, 0.7);
    dev.vigil.serving.Predictor shadow = constantRegressor(sig, 0.9);
    router = Router.builder(new Served(new ModelRef("price", "1"), served))
        .shadow(new Served(new ModelRef("price", "2"), shadow)).listener(m).build();
    router.predict(dev.vigil.serving.Request.of("a", Table.of(dev.vigil.data.DoubleColumn.of("x", 1.0))));
    try {
      assertThat(router.awaitBackground(Duration.ofSeconds(10))).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(samples(m.render())).containsEntry("vigil_shadow_total{model=\"price\",version=\"2\",outcome=\"disagree\"}", 1.0);
    assertThat(router.stats().shadowAgreement()).isZero();
  }

  private static dev.vigil.serving.Predictor constantRegressor(dev.vigil.serving.Signature sig, double y) {
    return new dev.vigil.serving.Predictor() {
      @Override
      public dev.vigil.serving.Signature signature() {
        return sig;
      }

      @Override
      public Predictions predict(Table features) {
        double[] v = new double[features.rowCount()];
        java.util.Arrays.fill(v, y);
        return Predictions.single(v);
      }
    };
  }
}
