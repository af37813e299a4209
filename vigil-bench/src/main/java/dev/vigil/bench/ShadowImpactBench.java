package dev.vigil.bench;

import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.server.InferenceModule;
import dev.vigil.server.ServedModel;
import dev.vigil.server.ServingMetrics;
import dev.vigil.server.VigilServer;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Router;
import dev.vigil.serving.Served;
import dev.vigil.serving.Signature;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Latency of {@code POST /api/v1/models/m/predict} under {@code wrk} with no shadow, a shadow that
 * throws on every call, and a shadow that hangs (never returns), in one JVM one after the other. The
 * model is a 20-feature logistic regression. Each set-up is warmed up, then measured in a second round,
 * so that JIT warm-up favours none. Prints wrk's latency distribution for each.
 *
 * <pre>java -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.ShadowImpactBench [CONNECTIONS] [SECONDS]</pre>
 */
public final class ShadowImpactBench {
  private ShadowImpactBench() {}

  static final int FEATURES = 20;
  static final Signature SIG;

  static {
    List<Field> in = new ArrayList<>();
    for (int j = 0; j < FEATURES; j++) {
      in.add(new Field("x" + j, ColumnType.DOUBLE, false));
    }
    SIG = new Signature(in, Signature.OutputKind.PROBABILITIES, List.of("no", "yes"));
  }

  /** p = sigmoid(sum of 0.1 * x_j - 1). */
  static class Logistic implements Predictor {
    @Override
    public Signature signature() {
      return SIG;
    }

    @Override
    public Predictions predict(Table t) {
      double[] p = new double[t.rowCount()];
      for (int i = 0; i < p.length; i++) {
        double z = -1;
        for (int j = 0; j < FEATURES; j++) {
          z += 0.1 * ((DoubleColumn) t.column(j)).get(i);
        }
        p[i] = 1 / (1 + Math.exp(-z));
      }
      return Predictions.binary(p);
    }
  }

  static final class Throwing extends Logistic {
    @Override
    public Predictions predict(Table t) {
      throw new IllegalStateException("shadow broken");
    }
  }

  static final class Hanging extends Logistic {
    @Override
    public Predictions predict(Table t) {
      try {
        Thread.sleep(3_600_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("interrupted");
    }
  }

  public static void main(String[] args) throws Exception {
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    StringBuilder body = new StringBuilder("{\"records\":[{");
    for (int j = 0; j < FEATURES; j++) {
      body.append(j == 0 ? "" : ",").append("\"x").append(j).append("\":").append(0.5 + j * 0.01);
    }
    body.append("}]}");
    Path lua = Files.createTempFile("shadow-bench", ".lua");
    Files.writeString(lua, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = '" + body + "'\n");
    Map<String, Predictor> shadows = new java.util.LinkedHashMap<>();
    shadows.put("no shadow", null);
    shadows.put("shadow throws", new Throwing());
    shadows.put("shadow hangs", new Hanging());
    // Two rounds over the three set-ups; only the second is printed, so that JIT warm-up favours none.
    for (int round = 0; round < 2; round++) {
    for (Map.Entry<String, Predictor> e : shadows.entrySet()) {
      ServingMetrics metrics = new ServingMetrics("m");
      Router.Builder b = Router.builder(new Served(new ModelRef("m", "1"), new Logistic())).listener(metrics);
      if (e.getValue() != null) {
        b.shadow(new Served(new ModelRef("m", "2"), e.getValue()));
      }
      try (Router router = b.build();
          VigilServer s = VigilServer.builder().port(0)
              .module(new InferenceModule(List.of(new ServedModel("m", router, SIG)), Map.of("m", metrics), 256)).start()) {
        String url = "http://127.0.0.1:" + s.port() + "/api/v1/models/m/predict";
        wrk(lua, url, connections, round == 0 ? 8 : 3, false);
        if (round == 1) {
          System.out.println("=== " + e.getKey() + ", " + connections + " connections, " + seconds + " s");
          wrk(lua, url, connections, seconds, true);
          System.out.println(metrics.render().lines().filter(l -> l.startsWith("vigil_shadow")).reduce("", (x, y) -> x + y + "\n"));
        }
      }
    }
    }
  }

  private static void wrk(Path lua, String url, int connections, int seconds, boolean print) throws Exception {
    Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "-s", lua.toString(), "--latency", url)
        .redirectErrorStream(true).start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        if (print) {
          System.out.println(l);
        }
      }
    }
    p.waitFor();
  }
}
