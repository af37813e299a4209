package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.drift.OnlineDetector;
import dev.vigil.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil drift-stream DATA --column C --detector D}: feeds one column, in row order, to an
 * online change detector. JSON: {@code column}, {@code detector}, {@code values}, {@code skipped_missing},
 * {@code change_points[] {index, value, detector}} (index: 0-based row of the value at which the
 * detector fired, missing rows included in the count). Exit 1 when a change was detected.
 */
@Command(name = "drift-stream", mixinStandardHelpOptions = true,
    description = "Run an online change detector over one column of DATA; exit 1 when it fires.")
final class DriftStreamCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA", description = "CSV, TSV, Parquet or JSON Lines file, or a JDBC URL.")
  String data;

  @Option(names = "--column", required = true, paramLabel = "C", description = "The numeric or boolean column to watch.")
  String column;

  @Option(names = "--detector", paramLabel = "D", defaultValue = "adwin",
      description = "adwin, ph, ddm, eddm, kswin or cusum (default: ${DEFAULT-VALUE}).")
  String detector;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of kswin's sampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    OnlineDetector d = OnlineDetector.named(detector, seed);
    Table t = input.read(data, output.err()).table();
    if (!t.hasColumn(column)) {
      throw new dev.vigil.SchemaMismatchException("column \"" + column + "\" is not in " + data + "; it has " + t.columnNames());
    }
    Column c = t.column(column);
    List<Map<String, Object>> cps = new ArrayList<>();
    long skipped = 0;
    for (int i = 0; i < c.size(); i++) {
      if (c.isMissing(i)) {
        skipped++;
        continue;
      }
      double x = value(c, i);
      if (Double.isNaN(x)) {
        skipped++;
        continue;
      }
      if (d.update(x)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", i);
        m.put("value", x);
        m.put("detector", d.name());
        cps.add(m);
      }
    }
    Report.Builder b = Report.builder("drift_stream", "Online change detection on " + column)
        .put("column", column).put("detector", d.name()).put("values", c.size() - skipped)
        .put("skipped_missing", skipped).put("change_points", cps)
        .keyValues("Column", column, "Detector", d.name(), "Values", Long.toString(c.size() - skipped),
            "Missing or NaN skipped", Long.toString(skipped), "Change points", Integer.toString(cps.size()));
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, Object> m : cps) {
      rows.add(List.of(String.valueOf(m.get("index")), String.format(Locale.ROOT, "%s", m.get("value"))));
    }
    b.table("Change points", List.of("index", "value"), rows);
    if (!cps.isEmpty()) {
      b.notice(Report.Status.ERROR, d.name() + " detected " + cps.size() + " change(s), first at index " + cps.get(0).get("index"));
    }
    return output.emit(b.build());
  }

  private double value(Column c, int i) {
    if (c instanceof DoubleColumn dc) {
      return dc.get(i);
    }
    if (c instanceof LongColumn lc) {
      return lc.get(i);
    }
    if (c instanceof BooleanColumn bc) {
      return bc.get(i) ? 1 : 0;
    }
    throw new InvalidArgumentException(String.format(Locale.ROOT,
        "column \"%s\" must be numeric or boolean for drift-stream, found %s", c.name(), c.type().jsonName()));
  }
}
