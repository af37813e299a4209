package dev.vigil.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.io.log.PredictionLogOptions;
import dev.vigil.io.log.PredictionLogger;
import dev.vigil.models.ModelRuntimes;
import dev.vigil.pipeline.FeaturePipeline;
import dev.vigil.pipeline.PipelineSpec;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Request;
import dev.vigil.serving.Router;
import dev.vigil.serving.Served;
import dev.vigil.serving.Signature;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Vigil's own cost around a real ONNX Runtime model, one row per call (issue 7: under 10% of the raw
 * call at p50, or under 50 µs): {@code raw} is what a minimal Java caller does (a float tensor, {@code
 * OrtSession.run}, read the output) on a session opened like Vigil's (one intra-op thread);
 * {@code runtime} is Vigil's {@code OnnxPredictor} on the pipeline's output table; {@code served} is a
 * request through the fitted feature pipeline (median imputation and standard scaling of the 20
 * inputs), the router (output validation, circuit breaker, a fallback in the chain) and the prediction
 * log listener; {@code servedWithDeadline} is the same with the per-call deadline {@code vigil serve}
 * sets by default (1,000 ms), so each model call is handed to a model-call thread that can be abandoned
 * when it misses the deadline, and the caller waits for it (parked); {@code servedWithDeadlineSpin}
 * the same with {@code Router.Builder.spinWait(50 µs)}: the caller spins for the answer instead of
 * parking, saving the wake-up. Models: {@code trees}, the 100-tree depth-3 XGBoost converted to an ONNX
 * TreeEnsembleClassifier with ZipMap ({@code xgb_trees.onnx}); {@code logistic}, a 20-feature logistic
 * regression ({@code logistic.onnx}); both from {@code vigil-models/src/test/python/make_runtime_fixtures.py}.
 *
 * <p>Run from the repository root: {@code java -jar vigil-bench/target/vigil-bench.jar OnnxOverheadBench
 * -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnnxOverheadBench {
  @Param({"trees", "logistic"})
  public String model;

  @Param("vigil-models/src/test/resources/runtimes")
  public String fixtures;

  OrtSession rawSession;
  String rawInput;
  String rawOutput;
  float[] rawRow;
  Predictor runtime;
  Table features;
  Router router;
  Router routerWithDeadline;
  Router routerWithDeadlineSpin;
  PredictionLogger log;
  Table request;
  long n;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path file = Path.of(fixtures, model.equals("trees") ? "xgb_trees.onnx" : "logistic.onnx");
    String prefix = model.equals("trees") ? "input_" : "f";
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(1);
      o.setInterOpNumThreads(1);
      rawSession = env.createSession(Files.readAllBytes(file), o);
    }
    rawInput = rawSession.getInputNames().iterator().next();
    rawOutput = model.equals("trees") ? "probabilities" : "p1";
    SplittableRandom r = new SplittableRandom(7);
    List<Column> train = new ArrayList<>();
    for (int j = 0; j < 20; j++) {
      double[] v = new double[500];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.nextGaussian();
      }
      train.add(DoubleColumn.wrap(prefix + j, v));
    }
    Table trainTable = Table.of(train);
    FeaturePipeline pipeline = FeaturePipeline.fit(PipelineSpec.auto(trainTable.schema(), List.of()), trainTable);
    request = trainTable.slice(3, 4);
    features = pipeline.transform(request);
    rawRow = new float[20];
    for (int j = 0; j < 20; j++) {
      rawRow[j] = (float) features.doubleColumn(prefix + j).get(0);
    }
    runtime = ModelRuntimes.load(file, "onnx");
    Predictor withPipeline = new Predictor() {
      final Signature sig = new Signature(trainTable.schema().fields(), runtime.signature().kind(), runtime.signature().outputNames());

      @Override
      public Signature signature() {
        return sig;
      }

      @Override
      public Predictions predict(Table t) {
        return runtime.predict(pipeline.transform(t));
      }
    };
    log = new PredictionLogger(PredictionLogOptions.defaults(Files.createTempDirectory("vigil-bench-log")), model);
    router = Router.builder(new Served(new ModelRef(model, "2"), withPipeline))
        .fallback(new Served(new ModelRef(model, "1"), withPipeline)).listener(log).build();
    routerWithDeadline = Router.builder(new Served(new ModelRef(model, "2"), withPipeline))
        .fallback(new Served(new ModelRef(model, "1"), withPipeline)).listener(log)
        .deadline(java.time.Duration.ofMillis(1000)).build();
    routerWithDeadlineSpin = Router.builder(new Served(new ModelRef(model, "2"), withPipeline))
        .fallback(new Served(new ModelRef(model, "1"), withPipeline)).listener(log)
        .deadline(java.time.Duration.ofMillis(1000)).spinWait(java.time.Duration.ofNanos(50_000)).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    router.close();
    routerWithDeadline.close();
    routerWithDeadlineSpin.close();
    log.close();
    runtime.close();
    rawSession.close();
  }

  @Benchmark
  public Object raw() throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(rawRow), new long[] {1, 20});
        OrtSession.Result res = rawSession.run(Map.of(rawInput, t), java.util.Set.of(rawOutput))) {
      return res.get(0).getValue();
    }
  }

  @Benchmark
  public Predictions runtime() {
    return runtime.predict(features);
  }

  @Benchmark
  public Object served() {
    return router.predict(Request.of("r" + (n++), request));
  }

  @Benchmark
  public Object servedWithDeadline() {
    return routerWithDeadline.predict(Request.of("r" + (n++), request));
  }

  @Benchmark
  public Object servedWithDeadlineSpin() {
    return routerWithDeadlineSpin.predict(Request.of("r" + (n++), request));
  }
}
