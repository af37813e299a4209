package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.drift.OnlineDetector;
import dev.vigil.drift.OnlineDriftDetector;
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
 *
 * <p>{@code --detector mmd|lsdd|cvm --ert N [--window-size W] [--columns a,b]}: the ERT-calibrated
 * detectors of {@link OnlineDriftDetector} on rows of one or more columns, against {@code --reference
 * REF} or, without it, the first {@code --reference-rows} rows of DATA (the stream then starts after
 * them). Rows with a missing value in any column are skipped and counted. JSON adds {@code columns},
 * {@code ert}, {@code window_size}, {@code bootstraps}, {@code reference_rows}, {@code thresholds}
 * (per test; the last holds from then on), and each change point carries {@code statistic} and
 * {@code threshold} (its {@code value} is the statistic).
 */
@Command(name = "drift-stream", mixinStandardHelpOptions = true,
    description = "Run an online change detector over one column of DATA; exit 1 when it fires.")
final class DriftStreamCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA", description = "CSV, TSV, Parquet or JSON Lines file, or a JDBC URL.")
  String data;

  @Option(names = "--column", paramLabel = "C", description = "The numeric or boolean column to watch.")
  String column;

  @Option(names = "--detector", paramLabel = "D", defaultValue = "adwin",
      description = "adwin, ph, ddm, eddm, kswin, cusum, or the ERT-calibrated mmd, lsdd, cvm (default: ${DEFAULT-VALUE}).")
  String detector;

  @Option(names = "--ert", paramLabel = "N", description = "mmd, lsdd, cvm: expected run time under no change, in rows (required for them).")
  Double ert;

  @Option(names = "--window-size", paramLabel = "W", defaultValue = "10", description = "mmd, lsdd, cvm: rows in the test window (default: ${DEFAULT-VALUE}).")
  int windowSize;

  @Option(names = "--bootstraps", paramLabel = "B", defaultValue = "0",
      description = "mmd, lsdd, cvm: bootstrap streams of the calibration; 0 = max(2000, 25 x ERT) (default: ${DEFAULT-VALUE}).")
  int bootstraps;

  @Option(names = "--reference", paramLabel = "REF", description = "mmd, lsdd, cvm: reference data (file or JDBC URL).")
  String reference;

  @Option(names = "--reference-rows", paramLabel = "N", defaultValue = "1000",
      description = "mmd, lsdd, cvm without --reference: the first N rows of DATA are the reference (default: ${DEFAULT-VALUE}).")
  int referenceRows;

  @Option(names = "--max-reference-rows", paramLabel = "N", defaultValue = "2000",
      description = "mmd: at most N reference rows, a seeded sample (it caches their N x N kernel matrix) (default: ${DEFAULT-VALUE}).")
  int maxReferenceRows;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of kswin's sampling and of the mmd, lsdd, cvm calibration (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    if (OnlineDriftDetector.isCalibrated(detector)) {
      return calibrated();
    }
    InvalidArgumentException.check(ert == null, "--ert applies to mmd, lsdd and cvm only, not to %s", detector);
    InvalidArgumentException.check(column != null, "drift-stream needs --column C");
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

  private int calibrated() {
    InvalidArgumentException.check(ert != null, "--detector %s needs --ert N (expected run time under no change, in rows)", detector);
    List<String> cols = input.columns != null ? input.columns : column != null ? List.of(column) : List.of();
    InvalidArgumentException.check(!cols.isEmpty(), "drift-stream needs --column C or --columns a,b,...");
    InvalidArgumentException.check(column == null || input.columns == null || input.columns.contains(column),
        "--column %s is not among --columns %s", column, input.columns);
    Table t = input.read(data, output.err()).table();
    for (String c : cols) {
      if (!t.hasColumn(c)) {
        throw new dev.vigil.SchemaMismatchException("column \"" + c + "\" is not in " + data + "; it has " + t.columnNames());
      }
    }
    int start;
    double[][] ref;
    long refSkipped;
    if (reference != null) {
      Table r = input.read(reference, output.err()).table();
      for (String c : cols) {
        if (!r.hasColumn(c)) {
          throw new dev.vigil.SchemaMismatchException("column \"" + c + "\" is not in the reference " + reference
              + "; it has " + r.columnNames());
        }
      }
      List<double[]> rows = rows(r, cols, 0, r.rowCount(), null);
      refSkipped = r.rowCount() - rows.size();
      ref = rows.toArray(new double[0][]);
      start = 0;
    } else {
      InvalidArgumentException.check(referenceRows >= 1, "--reference-rows must be >= 1: %d", referenceRows);
      InvalidArgumentException.check(t.rowCount() > referenceRows,
          "%s has %d rows: the first %d (--reference-rows) are the reference, so nothing is left to stream", data,
          t.rowCount(), referenceRows);
      List<double[]> rows = rows(t, cols, 0, referenceRows, null);
      refSkipped = referenceRows - rows.size();
      ref = rows.toArray(new double[0][]);
      start = referenceRows;
    }
    OnlineDriftDetector.Options o = new OnlineDriftDetector.Options(ert, windowSize, bootstraps, seed, maxReferenceRows);
    OnlineDriftDetector d = OnlineDriftDetector.named(detector, ref, o);
    List<Integer> index = new ArrayList<>();
    List<double[]> stream = rows(t, cols, start, t.rowCount(), index);
    List<Map<String, Object>> cps = new ArrayList<>();
    for (int k = 0; k < stream.size(); k++) {
      if (d.update(stream.get(k))) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index.get(k));
        m.put("value", d.statistic());
        m.put("statistic", d.statistic());
        m.put("threshold", d.threshold());
        m.put("detector", d.name());
        cps.add(m);
      }
    }
    long skipped = (t.rowCount() - start) - stream.size();
    String label = String.join(",", cols);
    Report.Builder b = Report.builder("drift_stream", "Online drift detection (" + d.name() + ") on " + label)
        .put("column", label).put("columns", cols).put("detector", d.name()).put("values", stream.size())
        .put("skipped_missing", skipped).put("ert", ert).put("window_size", windowSize)
        .put("bootstraps", o.effectiveBootstraps()).put("reference_rows", d.referenceRows())
        .put("reference_skipped_missing", refSkipped).put("stream_start", start)
        .put("thresholds", java.util.Arrays.stream(d.thresholds()).boxed().toList()).put("change_points", cps)
        .keyValues("Columns", label, "Detector", d.name() + " (ERT " + ert + ", window " + windowSize + ", "
                + o.effectiveBootstraps() + " bootstraps)",
            "Reference", (reference != null ? reference : "first " + referenceRows + " rows of " + data) + ", "
                + d.referenceRows() + " rows used",
            "Streamed rows", stream.size() + " from row " + start, "Missing or NaN skipped", Long.toString(skipped),
            "Change points", Integer.toString(cps.size()));
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, Object> m : cps) {
      rows.add(List.of(String.valueOf(m.get("index")), String.format(Locale.ROOT, "%.6g", (Double) m.get("statistic")),
          String.format(Locale.ROOT, "%.6g", (Double) m.get("threshold"))));
    }
    b.table("Change points", List.of("index", "statistic", "threshold"), rows);
    if (!cps.isEmpty()) {
      b.notice(Report.Status.ERROR, d.name() + " detected " + cps.size() + " change(s), first at index " + cps.get(0).get("index"));
    }
    return output.emit(b.build());
  }

  /** Rows [from, to) of the columns, skipping any with a missing or non-finite value; their indices into {@code index}. */
  private List<double[]> rows(Table t, List<String> cols, int from, int to, List<Integer> index) {
    Column[] cs = cols.stream().map(t::column).toArray(Column[]::new);
    List<double[]> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      double[] r = new double[cs.length];
      boolean ok = true;
      for (int j = 0; j < cs.length && ok; j++) {
        if (cs[j].isMissing(i)) {
          ok = false;
        } else {
          r[j] = value(cs[j], i);
          ok = Double.isFinite(r[j]);
        }
      }
      if (ok) {
        out.add(r);
        if (index != null) {
          index.add(i);
        }
      }
    }
    return out;
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
