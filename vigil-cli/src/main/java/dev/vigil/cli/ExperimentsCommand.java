package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.report.Report;
import dev.vigil.report.render.ReportFormat;
import dev.vigil.store.Store;
import dev.vigil.tracking.Experiment;
import dev.vigil.tracking.Run;
import dev.vigil.tracking.RunQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil experiments list|show}. JSON: {@code experiments[]} of {@code experiment_id, name,
 * lifecycle_stage, created_at, tags}; show adds {@code runs[]} (the 100 newest).
 */
@Command(name = "experiments", mixinStandardHelpOptions = true, description = "List and show tracked experiments.",
    subcommands = {ExperimentsCommand.ListCmd.class, ExperimentsCommand.Show.class})
final class ExperimentsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list or show");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List experiments.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      try (Store s = store.open()) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Experiment e : s.tracking().experiments()) {
          out.add(dev.vigil.store.StoreJson.experiment(e));
          rows.add(List.of(String.valueOf(e.id()), e.name(), e.lifecycleStage(), dev.vigil.store.StoreJson.time(e.createdAt())));
        }
        Report r = Report.builder("experiments", "Experiments").put("experiments", out)
            .table("Experiments", List.of("id", "name", "stage", "created"), rows).build();
        return output.emit(r, ReportFormat.TEXT);
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one experiment and its newest runs.")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "Experiment name or id.")
    String experiment;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      try (Store s = store.open()) {
        Experiment e = s.tracking().findExperiment(experiment)
            .orElseThrow(() -> new InvalidArgumentException("no experiment named or numbered '" + experiment + "'"));
        List<Run> runs = s.tracking().searchRuns(RunQuery.of(List.of(e.id()))).runs();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Run r : runs) {
          out.add(dev.vigil.store.StoreJson.run(r));
        }
        Report r = Report.builder("experiment", "Experiment " + e.name()).put("experiment", dev.vigil.store.StoreJson.experiment(e))
            .put("runs", out)
            .keyValues("id", String.valueOf(e.id()), "name", e.name(), "created", dev.vigil.store.StoreJson.time(e.createdAt()),
                "runs shown", String.valueOf(runs.size()))
            .table("Runs", List.of("run_id", "name", "status", "started"), RunsCommand.rows(runs)).build();
        return output.emit(r, ReportFormat.TEXT);
      }
    }
  }
}
