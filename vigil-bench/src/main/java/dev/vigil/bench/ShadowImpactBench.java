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
 * throws on every call, and a shadow that hangs (never returns): three servers in one JVM, measured
 * in alternating rounds. The model is a 20-feature logistic regression. Prints each run and the
 * medians, with the median per-round ratio of p99 to the set-up without a shadow (goal: within 5 %).
 *
 * <pre>java -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.ShadowImpactBench [CONNECTIONS] [SECONDS] [ROUNDS]</pre>
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
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
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
    // All three servers run at once (an idle one costs nothing) and the rounds alternate between them,
    // so that each set-up sees the same machine: on a shared VM, runs minutes apart differ by more than
    // the 5 % the goal allows. Each is warmed up first, so that JIT warm-up favours none.
    List<String> names = new ArrayList<>(shadows.keySet());
    List<Router> routers = new ArrayList<>();
    List<VigilServer> servers = new ArrayList<>();
    List<ServingMetrics> all = new ArrayList<>();
    try {
      for (Map.Entry<String, Predictor> e : shadows.entrySet()) {
        ServingMetrics metrics = new ServingMetrics("m");
        Router.Builder b = Router.builder(new Served(new ModelRef("m", "1"), new Logistic())).listener(metrics);
        if (e.getValue() != null) {
          b.shadow(new Served(new ModelRef("m", "2"), e.getValue()));
        }
        Router router = b.build();
        routers.add(router);
        all.add(metrics);
        servers.add(VigilServer.builder().port(0)
            .module(new InferenceModule(List.of(new ServedModel("m", router)), Map.of("m", metrics), 256)).start());
      }
      for (VigilServer s : servers) {
        wrk(lua, url(s), connections, 8);
      }
      double[][] p99 = new double[names.size()][rounds];
      double[][] rps = new double[names.size()][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < names.size(); k++) {
          double[] m = wrk(lua, url(servers.get(k)), connections, seconds);
          rps[k][r] = m[0];
          p99[k][r] = m[1];
          System.out.printf(java.util.Locale.ROOT, "round %d %-14s req/s %8.0f  p99 %7.2f ms%n", r + 1, names.get(k), m[0], m[1]);
        }
      }
      System.out.printf("=== %d connections, %d rounds of %d s: medians, and the median of the per-round p99 ratios to no shadow%n",
          connections, rounds, seconds);
      for (int k = 0; k < names.size(); k++) {
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          ratio[r] = p99[k][r] / p99[0][r];
        }
        System.out.printf(java.util.Locale.ROOT, "%-14s req/s %8.0f  p99 %7.2f ms  p99 ratio %.3f%n", names.get(k), median(rps[k]),
            median(p99[k]), median(ratio));
        System.out.print(all.get(k).render().lines().filter(l -> l.startsWith("vigil_shadow")).reduce("", (x, y) -> x + "  " + y + "\n"));
      }
    } finally {
      for (VigilServer s : servers) {
        s.close();
      }
      for (Router r : routers) {
        r.close();
      }
    }
  }

  private static String url(VigilServer s) {
    return "http://127.0.0.1:" + s.port() + "/api/v1/models/m/predict";
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    java.util.Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }

  /** Runs wrk; returns {requests/s, p99 in ms}. */
  private static double[] wrk(Path lua, String url, int connections, int seconds) throws Exception {
    Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "-s", lua.toString(), "--latency", url)
        .redirectErrorStream(true).start();
    double rps = Double.NaN;
    double p99 = Double.NaN;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        String t = l.trim();
        if (t.startsWith("Requests/sec:")) {
          rps = Double.parseDouble(t.substring("Requests/sec:".length()).trim());
        } else if (t.startsWith("99%")) {
          p99 = millis(t.substring(3).trim());
        }
      }
    }
    p.waitFor();
    return new double[] {rps, p99};
  }

  /** wrk's duration ("812.00us", "4.86ms", "1.20s") in milliseconds. */
  static double millis(String d) {
    if (d.endsWith("us")) {
      return Double.parseDouble(d.substring(0, d.length() - 2)) / 1000;
    } else if (d.endsWith("ms")) {
      return Double.parseDouble(d.substring(0, d.length() - 2));
    } else if (d.endsWith("s")) {
      return Double.parseDouble(d.substring(0, d.length() - 1)) * 1000;
    }
    throw new IllegalArgumentException("not a wrk duration: " + d);
  }
}
