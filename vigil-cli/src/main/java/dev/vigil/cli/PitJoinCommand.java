package dev.vigil.cli;

import dev.vigil.io.Tables;
import dev.vigil.leakage.PitJoinOptions;
import dev.vigil.leakage.PointInTimeJoin;
import dev.vigil.report.Report;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil pit-join --events E --features F --key k --event-time t --feature-time ft --joined-out OUT}:
 * a point-in-time-correct join, strict ({@code feature time < event time}) unless {@code --inclusive}.
 * JSON: report kind {@code pit_join} with {@code events}, {@code matched}, {@code no_earlier_feature_row},
 * {@code expired_by_ttl}, {@code feature_rows_at_event_instant_excluded}, {@code feature_columns},
 * {@code output} and {@code provenance}.
 */
@Command(name = "pit-join", mixinStandardHelpOptions = true,
    description = "Join feature values onto labelled events as of each event's time (no future values).")
final class PitJoinCommand implements Callable<Integer> {
  @Option(names = "--events", required = true, paramLabel = "DATA", description = "Labelled events.")
  String events;

  @Option(names = "--features", required = true, paramLabel = "DATA", description = "Feature rows with the time each became known.")
  String features;

  @Option(names = "--key", required = true, split = ",", paramLabel = "COL", description = "Entity key column(s), same name in both.")
  List<String> keys;

  @Option(names = "--event-time", required = true, paramLabel = "COL", description = "Event (label) time column.")
  String eventTime;

  @Option(names = "--feature-time", required = true, paramLabel = "COL", description = "Feature time column.")
  String featureTime;

  @Option(names = "--ttl", paramLabel = "DURATION", description = "Ignore feature values older than this, e.g. 7d.")
  String ttl;

  @Option(names = "--inclusive", description = "Also use values stamped exactly at the event time (Feast's bound; leaks).")
  boolean inclusive;

  @Option(names = "--prefix", defaultValue = "", description = "Prefix for the joined feature columns.")
  String prefix;

  @Option(names = "--joined-out", required = true, paramLabel = "FILE", description = "Where to write the joined events.")
  Path joinedOut;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    PitJoinOptions o = new PitJoinOptions(keys, eventTime, featureTime,
        Optional.ofNullable(ttl).map(t -> FlatYaml.duration(t, "--ttl")), inclusive, prefix);
    PointInTimeJoin.Result r = PointInTimeJoin.join(input.read(events, output.err()).table(),
        input.read(features, output.err()).table(), o, Clock.systemUTC());
    Tables.write(r.table(), joinedOut);
    Report.Builder b = Report.builder("pit_join", "Point-in-time join of " + features + " onto " + events);
    r.summary().forEach(b::put);
    b.put("output", joinedOut.toString()).put("provenance", SplitCommand.json(r.provenance()));
    Map<String, Object> s = r.summary();
    b.keyValues("events", String.valueOf(s.get("events")), "matched", String.valueOf(s.get("matched")),
        "no earlier feature row", String.valueOf(s.get("no_earlier_feature_row")),
        "expired by ttl", String.valueOf(s.get("expired_by_ttl")),
        "values at the event instant excluded", String.valueOf(s.get("feature_rows_at_event_instant_excluded")),
        "bound", o.inclusive() ? "feature_time <= event_time (inclusive)" : "feature_time < event_time (strict)",
        "written", joinedOut.toString());
    return output.emit(b.build());
  }
}
