package dev.vigil.cli;

import dev.vigil.data.Table;
import dev.vigil.io.log.PredictionLogs;
import dev.vigil.report.Report;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil labels add FILE --log DIR}: attach late labels to logged predictions by request id. */
@Command(name = "labels", mixinStandardHelpOptions = true, description = "Attach labels that arrive later to logged predictions.",
    subcommands = LabelsCommand.Add.class)
final class LabelsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: add");
  }

  /**
   * {@code vigil labels add FILE}: FILE has columns {@code request_id}, {@code label} and optionally
   * {@code row}. JSON: {@code added}, {@code file}.
   */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add labels from FILE (request_id, label[, row]).")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Labels as CSV, Parquet or JSON Lines (or a JDBC URL with --query).")
    String file;

    @Option(names = "--log", defaultValue = "${VIGIL_HOME:-.vigil}/predictions", paramLabel = "DIR",
        description = "The prediction log folder (default: ${DEFAULT-VALUE}).")
    Path log;

    @Mixin InputOptions input;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      Table labels = input.read(file, output.err()).table();
      Path written = PredictionLogs.addLabels(log, labels, Clock.systemUTC());
      Report r = Report.builder("labels_add", "Added " + labels.rowCount() + " labels")
          .put("added", labels.rowCount()).put("file", written.toString())
          .keyValues("labels added", String.valueOf(labels.rowCount()), "written to", written.toString()).build();
      return output.emit(r);
    }
  }
}
