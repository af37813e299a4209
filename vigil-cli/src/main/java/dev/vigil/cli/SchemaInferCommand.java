package dev.vigil.cli;

import dev.vigil.io.quality.QualityFiles;
import dev.vigil.validate.DataSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil schema infer DATA --out schema.yaml}: the data schema (TFDV-style) a profile of DATA
 * suggests, as an editable YAML or JSON file that {@code vigil validate --schema} reads.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = "Infer an editable data schema (types, nullability, ranges, domains, uniqueness) from DATA.")
final class SchemaInferCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA", description = "Data file, JDBC URL with --query, or a saved profile.")
  String data;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the schema to FILE (.yaml or .json); default: YAML on stdout.")
  Path out;

  @Option(names = "--max-domain", paramLabel = "N", defaultValue = "20", description = "Record the domain of text columns with at most N values (default: ${DEFAULT-VALUE}).")
  int maxDomain;

  @Option(names = "--no-ranges", description = "Do not record the observed numeric ranges.")
  boolean noRanges;

  @Option(names = "--training-only", paramLabel = "COL", split = ",",
      description = "Columns expected only in the training environment (e.g. the label).")
  List<String> trainingOnly;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Profiling threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Mixin InputOptions input;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    DataSchema s = DataSchema.infer(QualityInputs.profile(input, data, threads, err),
        new DataSchema.InferenceOptions(maxDomain, !noRanges));
    if (trainingOnly != null) {
      for (String c : trainingOnly) {
        s = s.withEnvironments(c, List.of("training"));
      }
    }
    if (out != null) {
      QualityFiles.writeSchema(s, out);
      err.println("wrote " + out + " (" + s.features().size() + " features)");
      err.flush();
    } else {
      spec.commandLine().getOut().print(QualityFiles.toYaml(s.toMap()));
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }
}
