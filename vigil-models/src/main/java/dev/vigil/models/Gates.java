package dev.vigil.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.pipeline.FeaturePipeline;
import dev.vigil.registry.DeploymentGate;
import dev.vigil.registry.ModelVersion;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Signature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The deployment gates (see {@link DeploymentGate}): a version must
 * <ol>
 *   <li>{@code loads}: load in its flavour's runtime (and its pipeline, when it has one, parse);</li>
 *   <li>{@code signature}: have signature inputs equal to its pipeline's input columns, and a pipeline
 *       that produces every feature the model was trained on;</li>
 *   <li>{@code golden_examples}: reproduce its golden examples within their tolerance;</li>
 *   <li>{@code budget}: meet its latency and memory budgets on a smoke batch.</li>
 * </ol>
 * Budgets come from the version's tags {@code budget.latency_p99_ms} and {@code budget.memory_mb} when
 * set, else from {@link Budget}. Latency is the 99th percentile of single-row pipeline-plus-model calls
 * over {@code smokeCalls} calls cycling through the golden inputs, in milliseconds of wall time
 * (after {@code smokeCalls/10} warm-up calls). Memory is the bytes the gate's thread allocated on the
 * Java heap while loading the model and pipeline, in MiB (an upper bound on their heap footprint;
 * native memory of ONNX Runtime and XGBoost is not counted).
 *
 * <p>A version registered without a pipeline (a model trained elsewhere, such as an ONNX or XGBoost
 * file) is checked against its declared signature instead: the signature must declare every input
 * the model reads; golden examples are then replayed on the raw inputs. A version without golden
 * examples has nothing to replay or time: those gates then pass with a detail that starts
 * {@code not applicable:}, so that the result list shows what was and was not checked. {@code loads}
 * always applies.
 */
public final class Gates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Gates() {}

  /**
   * Budgets used when the version's tags declare none.
   *
   * @param latencyP99Ms single-row p99 latency budget in ms, &gt; 0
   * @param memoryMb memory budget in MiB, &gt; 0
   * @param smokeCalls single-row calls to time, in [10, 100000]
   */
  public record Budget(double latencyP99Ms, double memoryMb, int smokeCalls) {
    public Budget {
      InvalidArgumentException.check(latencyP99Ms > 0, "latency budget must be > 0 ms: %s", latencyP99Ms);
      InvalidArgumentException.check(memoryMb > 0, "memory budget must be > 0 MiB: %s", memoryMb);
      InvalidArgumentException.check(smokeCalls >= 10 && smokeCalls <= 100_000, "smoke calls must be in [10, 100000]: %s", smokeCalls);
    }

    /** 50 ms p99, 512 MiB, 200 calls. */
    public static Budget defaults() {
      return new Budget(50, 512, 200);
    }
  }

  /** All four gates, in order. */
  public static List<DeploymentGate> standard(Budget budget) {
    return List.of(loads(), signature(), goldenExamples(), budget(budget));
  }

  public static DeploymentGate loads() {
    return gate("loads", (v, f) -> {
      try (Predictor p = ModelRuntimes.load(f.artifact(), v.flavour())) {
        String pipe = f.pipelineJson().isPresent() ? ", pipeline with " + pipeline(f.pipelineJson().get()).outputNames().size() + " features" : "";
        Signature s = p.signature();
        return DeploymentGate.GateResult.pass("loads", v.flavour() + " model with " + s.inputs().size() + " features and "
            + (s.kind() == Signature.OutputKind.PROBABILITIES ? s.outputNames().size() + " classes" : s.outputNames().size() + " outputs") + pipe);
      }
    });
  }

  public static DeploymentGate signature() {
    return gate("signature", (v, f) -> {
      List<String> sigIn = v.signature().inputs().stream().map(Field::name).toList();
      try (Predictor m = ModelRuntimes.load(f.artifact(), v.flavour())) {
        List<String> needs = m.signature().inputs().stream().map(Field::name).toList();
        String path;
        if (f.pipelineJson().isPresent()) {
          FeaturePipeline p = pipeline(f.pipelineJson().get());
          if (!sigIn.equals(p.inputNames())) {
            return DeploymentGate.GateResult.fail("signature", "signature inputs " + sigIn + " differ from the pipeline's inputs " + p.inputNames());
          }
          Set<String> produced = new HashSet<>(p.outputNames());
          List<String> lacking = needs.stream().filter(n -> !produced.contains(n)).toList();
          if (!lacking.isEmpty()) {
            return DeploymentGate.GateResult.fail("signature", "the model needs features the pipeline does not produce: " + lacking);
          }
          path = sigIn.size() + " inputs -> " + p.outputNames().size() + " features";
        } else {
          Set<String> declared = new HashSet<>(sigIn);
          List<String> lacking = needs.stream().filter(n -> !declared.contains(n)).toList();
          if (!sigIn.isEmpty() && !lacking.isEmpty()) {
            return DeploymentGate.GateResult.fail("signature", "the model needs inputs the signature does not declare: " + lacking);
          }
          path = needs.size() + " inputs (no pipeline)";
        }
        List<String> outs = v.signature().outputs().stream().map(Field::name).toList();
        List<String> expected = ModelRuntimes.outputFields(m.signature()).stream().map(Field::name).toList();
        if (!outs.isEmpty() && !outs.equals(expected)) {
          return DeploymentGate.GateResult.fail("signature", "signature outputs " + outs + " differ from the model's outputs " + expected);
        }
        return DeploymentGate.GateResult.pass("signature", path + " -> " + expected);
      }
    });
  }

  public static DeploymentGate goldenExamples() {
    return gate("golden_examples", (v, f) -> {
      if (f.goldenJson().isEmpty()) {
        return DeploymentGate.GateResult.pass("golden_examples", "not applicable: no golden examples were stored at registration");
      }
      GoldenExamples g = golden(f.goldenJson().get());
      Table got;
      try (Predictor m = ModelRuntimes.load(f.artifact(), v.flavour())) {
        FeaturePipeline p = f.pipelineJson().map(Gates::pipeline).orElse(null);
        got = ModelRuntimes.score(m, p == null ? g.inputs() : p.transform(g.inputs()));
      }
      double worst = 0;
      String where = "";
      for (var c : g.outputs().columns()) {
        if (!got.hasColumn(c.name())) {
          return DeploymentGate.GateResult.fail("golden_examples", "the model no longer outputs " + c.name());
        }
        double[] e = ((DoubleColumn) c).toArray();
        double[] a = got.doubleColumn(c.name()).toArray();
        for (int i = 0; i < e.length; i++) {
          double d = Math.abs(e[i] - a[i]);
          if (!(d <= worst)) {
            worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            where = String.format(Locale.ROOT, "row %d %s expected %.6g got %.6g", i, c.name(), e[i], a[i]);
          }
        }
      }
      String detail = String.format(Locale.ROOT, "%d rows, max |diff| %.3g, tolerance %.3g", g.inputs().rowCount(), worst, g.tolerance());
      return worst <= g.tolerance() ? DeploymentGate.GateResult.pass("golden_examples", detail)
          : DeploymentGate.GateResult.fail("golden_examples", detail + " (" + where + ")");
    });
  }

  public static DeploymentGate budget(Budget defaults) {
    return gate("budget", (v, f) -> {
      double latencyBudget = tag(v, "budget.latency_p99_ms", defaults.latencyP99Ms());
      double memoryBudget = tag(v, "budget.memory_mb", defaults.memoryMb());
      if (f.goldenJson().isEmpty()) {
        return DeploymentGate.GateResult.pass("budget", "not applicable: no golden inputs to build a smoke batch from");
      }
      com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long tid = Thread.currentThread().getId();
      long before = mx.getThreadAllocatedBytes(tid);
      try (Predictor m = ModelRuntimes.load(f.artifact(), v.flavour())) {
        FeaturePipeline p = f.pipelineJson().map(Gates::pipeline).orElse(null);
        double memoryMb = (mx.getThreadAllocatedBytes(tid) - before) / (1024.0 * 1024.0);
        Table in = golden(f.goldenJson().get()).inputs();
        int rows = in.rowCount();
        if (rows == 0) {
          return DeploymentGate.GateResult.fail("budget", "golden examples hold no rows to build a smoke batch from");
        }
        int calls = defaults.smokeCalls();
        for (int i = 0; i < calls / 10; i++) {
          Table row = in.slice(i % rows, i % rows + 1);
          m.predict(p == null ? row : p.transform(row));
        }
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
          Table row = in.slice(i % rows, i % rows + 1);
          long t0 = System.nanoTime();
          m.predict(p == null ? row : p.transform(row));
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double p99 = ms[Math.min(calls - 1, (int) Math.ceil(0.99 * calls) - 1)];
        String detail = String.format(Locale.ROOT, "p99 %.3f ms (budget %.3f ms) over %d calls; load allocated %.1f MiB on the heap (budget %.1f MiB)",
            p99, latencyBudget, calls, memoryMb, memoryBudget);
        return p99 <= latencyBudget && memoryMb <= memoryBudget ? DeploymentGate.GateResult.pass("budget", detail)
            : DeploymentGate.GateResult.fail("budget", detail);
      }
    });
  }

  private static double tag(ModelVersion v, String key, double fallback) {
    String s = v.tags().get(key);
    if (s == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("tag " + key + " of " + v.model() + "/" + v.version() + " must be a number: " + s, e);
    }
  }

  /** Reads a stored pipeline JSON file. */
  @SuppressWarnings("unchecked")
  public static FeaturePipeline pipeline(Path json) {
    try {
      return FeaturePipeline.fromMap(JSON.readValue(Files.readAllBytes(json), Map.class));
    } catch (IOException e) {
      throw DataFormatException.in(json.toString()).expected("feature pipeline JSON").detail("%s", e.getMessage()).build(e);
    }
  }

  private static GoldenExamples golden(Path json) {
    try {
      return GoldenExamples.fromJson(Files.readAllBytes(json), json.toString());
    } catch (IOException e) {
      throw DataFormatException.in(json.toString()).expected("golden examples JSON").detail("%s", e.getMessage()).build(e);
    }
  }

  private interface Check {
    DeploymentGate.GateResult run(ModelVersion v, DeploymentGate.VersionFiles f);
  }

  private static DeploymentGate gate(String name, Check check) {
    return new DeploymentGate() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public GateResult check(ModelVersion candidate, VersionFiles files) {
        try {
          return check.run(candidate, files);
        } catch (RuntimeException e) {
          return GateResult.fail(name, e.getMessage());
        }
      }
    };
  }
}
