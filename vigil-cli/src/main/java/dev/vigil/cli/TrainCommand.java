package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.DataFormatException;
import dev.vigil.data.Table;
import dev.vigil.models.LossSpec;
import dev.vigil.models.TrainingJob;
import dev.vigil.models.TrainingResult;
import dev.vigil.models.TrainingSpec;
import dev.vigil.pipeline.PipelineSpec;
import dev.vigil.report.Report;
import dev.vigil.report.render.ReportFormat;
import dev.vigil.store.Store;
import dev.vigil.tracking.TrackingLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil train DATA --label y}: fits a feature pipeline and a model, evaluates on a stratified
 * hold-out split, logs a run and (with {@code --register}) registers a version with its pipeline,
 * signature and golden examples. JSON: {@code run_id, experiment, model, loss, metrics, data_digest,
 * train_rows, test_rows, features[], registered {model, version} | null}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a model on DATA with a feature pipeline, track the run and optionally register it.")
final class TrainCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATA", description = "CSV, TSV, Parquet or JSON Lines file, or a JDBC URL.")
  String data;

  @Option(names = "--label", required = true, description = "The label column.")
  String label;

  @Option(names = "--model", defaultValue = "logistic", description = "logistic, tree, xgboost, or a balanced ensemble: balanced-rf, balanced-bagging, easy-ensemble, rusboost (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--loss", defaultValue = "logloss", description = "logloss or focal (focal needs --model xgboost; default: ${DEFAULT-VALUE}).")
  String loss;

  @Option(names = "--focal-gamma", defaultValue = "2", paramLabel = "G", description = "Focal loss gamma >= 0 (default: ${DEFAULT-VALUE}).")
  double focalGamma;

  @Option(names = "--focal-alpha", paramLabel = "A",
      description = "Focal loss alpha in [0, 1], the weight of the positive (second in sorted order) class; binary labels only (default: 1 for every class).")
  Double focalAlpha;

  @Option(names = "--pipeline", defaultValue = "auto", paramLabel = "auto|FILE",
      description = "auto (impute+scale numeric, impute+one-hot categorical) or a JSON/YAML spec file {steps: [{op, column, ...}]}.")
  String pipeline;

  @Option(names = "--drop", paramLabel = "COL", split = ",", description = "Columns to leave out (ids, timestamps).")
  List<String> drop = new ArrayList<>();

  @Option(names = "--class-weights", defaultValue = "none", description = "none, balanced or label=weight,... (default: ${DEFAULT-VALUE}).")
  String classWeights;

  @Option(names = "--test-fraction", defaultValue = "0.2", description = "Held-out share (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and trainer (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--experiment", defaultValue = "default", description = "Experiment name (default: ${DEFAULT-VALUE}).")
  String experiment;

  @Option(names = "--register", paramLabel = "NAME", description = "Register the model under NAME.")
  String register;

  @Option(names = "--tracking", defaultValue = "standard", description = "minimal, standard or full (default: ${DEFAULT-VALUE}).")
  String tracking;

  @Mixin InputOptions input;
  @Mixin StoreMixin store;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Table t = input.read(data, output.err()).table();
    if (!drop.isEmpty()) {
      t = t.drop(drop.toArray(String[]::new));
    }
    dev.vigil.InvalidArgumentException.check(loss.equals("focal") || (focalAlpha == null && !spec.commandLine().getParseResult().hasMatchedOption("--focal-gamma")),
        "--focal-gamma and --focal-alpha need --loss focal");
    LossSpec lossSpec = loss.equals("focal") ? LossSpec.focal(focalGamma, focalAlpha == null ? OptionalDouble.empty() : OptionalDouble.of(focalAlpha))
        : new LossSpec(loss, 0, OptionalDouble.empty());
    TrainingSpec job = TrainingSpec.of(label).withModel(model).withLoss(lossSpec).withClassWeights(classWeights).withSplit(testFraction, seed)
        .withExperiment(experiment).withLevel(TrackingLevel.parse(tracking)).withDataName(data);
    if (!pipeline.equals("auto")) {
      job = job.withPipeline(readSpec(Path.of(pipeline)));
    }
    if (register != null) {
      job = job.withRegisterAs(register);
    }
    try (Store s = store.open()) {
      TrainingResult r = TrainingJob.run(t, job, s, Path.of("").toAbsolutePath());
      Report.Builder b = Report.builder("train", "Trained " + model + " on " + data).put("run_id", r.runId())
          .put("experiment", experiment).put("model", model).put("loss", lossSpec.toString()).put("metrics", r.metrics()).put("data_digest", r.dataDigest())
          .put("train_rows", r.trainRows()).put("test_rows", r.testRows()).put("features", r.pipeline().outputNames())
          .put("registered", r.version().map(v -> Map.of("model", v.model(), "version", v.version())).orElse(null));
      b.keyValues("run", r.runId(), "rows", r.trainRows() + " train / " + r.testRows() + " test",
          "features", String.valueOf(r.pipeline().outputNames().size()), "data digest", r.dataDigest(),
          "registered", r.version().map(v -> v.model() + " version " + v.version()).orElse("-"));
      List<List<String>> rows = new ArrayList<>();
      r.metrics().forEach((k, v) -> rows.add(List.of(k, Views.num(v))));
      b.table("Held-out metrics", List.of("metric", "value"), rows);
      return output.emit(b.build(), ReportFormat.TEXT);
    }
  }

  @SuppressWarnings("unchecked")
  static PipelineSpec readSpec(Path file) {
    String n = file.getFileName().toString();
    ObjectMapper m = n.endsWith(".yaml") || n.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
    try {
      return PipelineSpec.fromMap(m.readValue(file.toFile(), Map.class));
    } catch (IOException e) {
      throw DataFormatException.in(file.toString()).expected("a pipeline spec {steps: [{op, column, ...}]}").detail("%s", e.getMessage()).build(e);
    }
  }
}
