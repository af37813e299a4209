package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.report.Report;
import dev.vigil.report.render.ReportFormat;
import dev.vigil.server.LogSegmentsModule;
import dev.vigil.store.LogSegment;
import dev.vigil.store.Store;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil log segments}: the prediction-log segments catalogued in the store. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "The prediction log's catalogue.",
    subcommands = LogCommand.Segments.class)
final class LogCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new InvalidArgumentException("a subcommand is required: segments");
  }

  @Command(name = "segments", mixinStandardHelpOptions = true,
      description = "List closed prediction-log segments (path, time range, rows, versions, digest), oldest first.")
  static final class Segments implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "NAME", description = "Only this served model's segments.")
    String model;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Only segments with rows at or after, e.g. 2026-03-01T00:00:00Z.")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Only segments with rows at or before.")
    String to;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      try (Store s = store.open()) {
        List<LogSegment> segs = s.logSegments().list(Optional.ofNullable(model), instant("--from", from), instant("--to", to));
        List<Map<String, Object>> json = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        for (LogSegment g : segs) {
          json.add(LogSegmentsModule.toMap(g));
          rows.add(List.of(g.model(), g.firstTime().toString(), g.lastTime().toString(), Long.toString(g.rows()),
              String.join(",", g.versions()), g.path()));
          total += g.rows();
        }
        Report.Builder r = Report.builder("log_segments", "Prediction log segments").put("segments", json).put("rows", total)
            .keyValues("segments", Integer.toString(segs.size()), "rows", Long.toString(total))
            .table("Segments", List.of("model", "first", "last", "rows", "versions", "path"), rows);
        return output.emit(r.build(), ReportFormat.TEXT);
      }
    }

    private static Optional<Instant> instant(String option, String v) {
      if (v == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(Instant.parse(v));
      } catch (DateTimeParseException e) {
        throw new InvalidArgumentException(option + " must be an ISO-8601 instant such as 2026-03-01T00:00:00Z: " + v, e);
      }
    }
  }
}
