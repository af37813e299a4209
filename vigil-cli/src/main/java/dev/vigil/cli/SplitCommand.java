package dev.vigil.cli;

import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.leakage.LeakageAudit;
import dev.vigil.leakage.LeakageResult;
import dev.vigil.leakage.Split;
import dev.vigil.leakage.SplitOptions;
import dev.vigil.leakage.Splits;
import dev.vigil.provenance.Provenance;
import dev.vigil.report.Report;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil split DATA --strategy S --train-out A --test-out B}: a leak-free split, then the leakage
 * audit of its own output (when {@code --label} is given). JSON: report kind {@code leakage} (the
 * audit's fields) plus {@code split} (rows, groups, label shares, cut and gap) and {@code provenance}
 * (input digest, options, seed, versions). Exits 1 when the audit finds an error.
 */
@Command(name = "split", mixinStandardHelpOptions = true,
    description = "Split DATA into train and test by group, stratified group, time (with a gap) or stratified random, "
        + "write both, and audit the result for leakage.")
final class SplitCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA", description = "The table to split (file or JDBC URL).")
  String data;

  @Option(names = "--strategy", required = true, paramLabel = "S", description = "random, group, stratified-group or time.")
  String strategy;

  @Option(names = "--test-fraction", defaultValue = "0.2", description = "Share of rows in test (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--gap", paramLabel = "DURATION", description = "Time split only: embargo between train and test, e.g. 2d.")
  String gap;

  @Option(names = "--train-out", required = true, paramLabel = "FILE", description = "Where to write train (.csv, .parquet, .jsonl).")
  Path trainOut;

  @Option(names = "--test-out", required = true, paramLabel = "FILE", description = "Where to write test.")
  Path testOut;

  @Mixin LeakageCommand.LeakageFlags flags;
  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    SplitOptions o = new SplitOptions(SplitOptions.Strategy.parse(strategy), testFraction, flags.seed,
        Optional.ofNullable(flags.label), Optional.ofNullable(flags.group), Optional.ofNullable(flags.time),
        gap == null ? Duration.ZERO : FlatYaml.duration(gap, "--gap"));
    Table t = input.read(data, output.err()).table();
    Split s = Splits.split(t, o, Clock.systemUTC());
    Tables.write(s.train(), trainOut);
    Tables.write(s.test(), testOut);
    Report.Builder b;
    String title = "Split of " + data + " (" + o.strategy().jsonName() + ")";
    if (flags.label != null) {
      LeakageResult r = LeakageAudit.run(s.train(), s.test(), flags.options(input, output));
      Report audit = r.toReport(title);
      b = Report.builder("leakage", title);
      audit.data().forEach(b::put);
      b.status(audit.status());
      b.keyValues("train", trainOut + " (" + s.train().rowCount() + " rows)", "test",
          testOut + " (" + s.test().rowCount() + " rows)", "dropped by the gap", String.valueOf(s.droppedRows()));
      audit.blocks().forEach(b::add);
    } else {
      b = Report.builder("leakage", title);
      b.keyValues("train", trainOut + " (" + s.train().rowCount() + " rows)", "test",
          testOut + " (" + s.test().rowCount() + " rows)", "dropped by the gap", String.valueOf(s.droppedRows()));
      b.paragraph("No --label given: the leakage checks of the split were skipped.");
    }
    b.put("split", s.summary()).put("provenance", json(s.provenance()));
    return output.emit(b.build());
  }

  static Map<String, Object> json(Provenance p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", Provenance.FORMAT_VERSION);
    m.put("kind", p.kind());
    m.put("created_at", p.createdAt().toString());
    m.put("inputs", p.inputs());
    m.put("config", p.config());
    m.put("seed", p.seed().isPresent() ? p.seed().getAsLong() : null);
    m.put("vigil_version", p.vigilVersion());
    m.put("java_version", p.javaVersion());
    m.put("os", p.os());
    return m;
  }

}
