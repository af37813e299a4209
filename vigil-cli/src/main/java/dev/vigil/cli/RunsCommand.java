package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.report.Report;
import dev.vigil.report.render.ReportFormat;
import dev.vigil.store.Store;
import dev.vigil.tracking.Experiment;
import dev.vigil.tracking.Metric;
import dev.vigil.tracking.Run;
import dev.vigil.tracking.RunDetails;
import dev.vigil.tracking.RunPage;
import dev.vigil.tracking.RunQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil runs list|show}. JSON of list: {@code runs[]} of {@code run_id, experiment_id, name,
 * status, start_time, end_time, user, tracking_level} and {@code next_page_token} (absent on the last page); show: the run plus
 * {@code params, metrics {key: {value, step, timestamp}}, tags, inputs[], artifacts}.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, search and show tracked runs.",
    subcommands = {RunsCommand.ListCmd.class, RunsCommand.Show.class})
final class RunsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list or show");
  }

  static List<List<String>> rows(List<Run> runs) {
    List<List<String>> rows = new ArrayList<>();
    for (Run r : runs) {
      rows.add(List.of(r.runId(), r.name(), r.status().name(), dev.vigil.store.StoreJson.time(r.startTime())));
    }
    return rows;
  }

  private static final Pattern FILTER = Pattern.compile("\\s*([A-Za-z0-9_.\\-/]+)\\s*(<=|>=|!=|<|>|=)\\s*(\\S+)\\s*");

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first, or filtered and ordered by a metric.")
  static final class ListCmd implements Callable<Integer> {
    @Option(names = {"-e", "--experiment"}, paramLabel = "E", description = "Only runs of this experiment (name or id); repeatable.")
    List<String> experiments = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "METRIC<OP>VALUE", description = "Keep runs whose latest metric satisfies it, e.g. 'auc>=0.8'.")
    String filter;

    @Option(names = "--order-by", paramLabel = "METRIC", description = "Order by a metric's latest value (descending unless --asc).")
    String orderBy;

    @Option(names = "--asc", description = "Ascending order for --order-by.")
    boolean asc;

    @Option(names = "--max", defaultValue = "100", description = "Page size, 1..10000 (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--page-token", paramLabel = "TOKEN",
        description = "Start after the previous page: its next_page_token (same --experiment, --filter, --order-by, --asc).")
    String pageToken;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      try (Store s = store.open()) {
        List<Long> ids = new ArrayList<>();
        for (String e : experiments) {
          Experiment x = s.tracking().findExperiment(e)
              .orElseThrow(() -> new InvalidArgumentException("--experiment: no experiment named or numbered '" + e + "'"));
          ids.add(x.id());
        }
        RunQuery q = RunQuery.of(ids).page(max, pageToken);
        if (filter != null) {
          Matcher m = FILTER.matcher(filter);
          InvalidArgumentException.check(m.matches(), "--filter must look like METRIC>=VALUE (operators < <= > >= = !=): %s", filter);
          try {
            q = q.filter(m.group(1), m.group(2), Double.parseDouble(m.group(3)));
          } catch (NumberFormatException e) {
            throw new InvalidArgumentException("--filter value must be a number: " + m.group(3), e);
          }
        }
        if (orderBy != null) {
          q = q.orderBy(orderBy, asc);
        }
        RunPage page = s.tracking().searchRuns(q);
        List<Run> runs = page.runs();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Run r : runs) {
          out.add(dev.vigil.store.StoreJson.run(r));
        }
        Report.Builder b = Report.builder("runs", "Runs").put("runs", out)
            .put("next_page_token", page.nextPageToken().orElse(null))
            .table("Runs", List.of("run_id", "name", "status", "started"), rows(runs));
        page.nextPageToken().ifPresent(t -> b.paragraph("More runs: add --page-token " + t));
        Report r = b.build();
        return output.emit(r, ReportFormat.TEXT);
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run: parameters, metrics, tags, inputs, artifacts.")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      try (Store s = store.open()) {
        RunDetails d = s.tracking().details(runId);
        Report.Builder b = Report.builder("run", "Run " + runId).put("run", dev.vigil.store.StoreJson.details(d))
            .keyValues("run_id", runId, "name", d.run().name(), "status", d.run().status().name(),
                "started", dev.vigil.store.StoreJson.time(d.run().startTime()), "tracking level", d.run().level().jsonName());
        List<List<String>> params = new ArrayList<>();
        d.params().forEach((k, v) -> params.add(List.of(k, v)));
        b.table("Parameters", List.of("key", "value"), params);
        List<List<String>> metrics = new ArrayList<>();
        for (Metric m : d.metrics().values()) {
          metrics.add(List.of(m.key(), Views.num(m.value()), String.valueOf(m.step())));
        }
        b.table("Metrics (latest)", List.of("key", "value", "step"), metrics);
        List<List<String>> tags = new ArrayList<>();
        d.tags().forEach((k, v) -> tags.add(List.of(k, v)));
        b.table("Tags", List.of("key", "value"), tags);
        List<List<String>> arts = new ArrayList<>();
        d.inputs().forEach(i -> arts.add(List.of("input " + i.name(), i.digest())));
        d.artifacts().forEach((k, v) -> arts.add(List.of(k, v)));
        b.table("Inputs and artifacts", List.of("name", "digest"), arts);
        return output.emit(b.build(), ReportFormat.TEXT);
      }
    }
  }
}
