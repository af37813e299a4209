package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Table;
import dev.vigil.drift.Correction;
import dev.vigil.drift.Drift;
import dev.vigil.drift.DriftMethod;
import dev.vigil.drift.DriftOptions;
import dev.vigil.drift.DriftReference;
import dev.vigil.drift.DriftResult;
import dev.vigil.io.TableReader;
import dev.vigil.report.Report;
import dev.vigil.report.render.ReportFormat;
import dev.vigil.report.render.ReportRenderer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil drift --reference REF --current CUR}: per-feature drift and a dataset verdict; exit 1
 * when the dataset drifted. REF is a data file (or JDBC URL) or a reference stored by {@code vigil
 * drift reference build}. JSON: see {@link DriftResult#toReport()}.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
    description = "Compare current data with a reference, feature by feature; exit 1 on dataset drift.",
    subcommands = {DriftCommand.ReferenceCommand.class, DriftCommand.CalibrateCommand.class})
final class DriftCommand implements Callable<Integer> {
  @Option(names = "--reference", paramLabel = "REF", description = "Reference data (file or JDBC URL) or a stored reference (.vigil).")
  String reference;

  @Option(names = "--current", paramLabel = "CUR", description = "Current data (file or JDBC URL).")
  String current;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "auto",
      description = "auto, ks, cvm, ad, mannwhitney, t, es, energy, wasserstein, chi2, gof, g, fisher, ztest, psi, kl, js, jsd, linf, "
          + "hellinger or tvd per feature, or mmd, lsdd, pca or classifier for all numeric features at once (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--reference-chunk-rows", paramLabel = "N",
      description = "pca: rows per reference chunk for the alert band (default: a tenth of the reference, NannyML's 10 chunks).")
  Integer referenceChunkRows;

  @Option(names = "--permutations", paramLabel = "B", defaultValue = "100", description = "Permutations of mmd (default: ${DEFAULT-VALUE}).")
  int permutations;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "10000",
      description = "mmd uses at most N rows per side, a seeded sample (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of mmd's sampling and permutations (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--column-method", paramLabel = "COL=METHOD", split = ",",
      description = "Per-column method overrides, e.g. --column-method age=cvm,site=chi2.")
  Map<String, String> columnMethods;

  @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "Significance level (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--threshold", paramLabel = "T", description = "Threshold for distance methods (default: 0.1 for each).")
  Double threshold;

  @Option(names = "--column-threshold", paramLabel = "COL=T", split = ",",
      description = "Per-column thresholds (alpha for tests, threshold for distances), e.g. from vigil drift calibrate.")
  Map<String, Double> columnThresholds;

  @Option(names = "--compat", paramLabel = "PEER", defaultValue = "none",
      description = "Reproduce a peer's numbers: none, evidently, alibi, nannyml or tfdv (tfdv needs --threshold) (default: ${DEFAULT-VALUE}).")
  String compat;

  @Option(names = "--correction", paramLabel = "C", defaultValue = "none", description = "none, bonferroni or fdr (default: ${DEFAULT-VALUE}).")
  String correction;

  @Option(names = "--drift-share", paramLabel = "S", defaultValue = "0.5",
      description = "The dataset drifts when at least this share of features drifts (default: ${DEFAULT-VALUE}).")
  double driftShare;

  @Option(names = "--time-column", paramLabel = "COL",
      description = "Timestamp column for --seasonal or --sliding: the reference rows are chosen by time relative to the current data.")
  String timeColumn;

  @Option(names = "--seasonal", paramLabel = "SEASON",
      description = "Compare with the same phase of earlier cycles: hour-of-day, hour-of-week, day-of-week or day-of-year.")
  String seasonal;

  @Option(names = "--cycles", paramLabel = "N", defaultValue = "4", description = "Earlier cycles a seasonal reference uses (default: ${DEFAULT-VALUE}).")
  int cycles;

  @Option(names = "--sliding", paramLabel = "DURATION",
      description = "Compare with the period of this length just before the current data, ISO-8601 (e.g. P7D, PT24H).")
  String sliding;

  @Option(names = "--chunk-size", paramLabel = "N",
      description = "Distance thresholds from reference chunks of N rows (NannyML's chunk_size; rows in time order): mean + 3 sd "
          + "of the chunks' distances.")
  Integer chunkSize;

  @Option(names = "--chunk-number", paramLabel = "K",
      description = "As --chunk-size with K chunks of n/K rows (NannyML's chunk_number; NannyML's default is 10).")
  Integer chunkNumber;

  @Option(names = "--chunk-scoring", paramLabel = "S",
      description = "How reference chunks are scored: nannyml (against the whole reference, NannyML's way) or leave-chunk-out "
          + "(against the reference without the chunk) (default: nannyml with --compat nannyml, else leave-chunk-out).")
  String chunkScoring;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (reference == null || current == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "vigil drift needs --reference REF and --current CUR");
    }
    if (method.trim().equalsIgnoreCase("mmd") || method.trim().equalsIgnoreCase("lsdd")) {
      return mmd(method.trim().equalsIgnoreCase("lsdd"));
    }
    if (method.trim().equalsIgnoreCase("pca")) {
      return pca();
    }
    if (method.trim().equalsIgnoreCase("classifier")) {
      return classifier();
    }
    DriftOptions o = DriftOptions.defaults().withMethod(DriftMethod.parse(method)).withAlpha(alpha)
        .withCorrection(Correction.parse(correction)).withDriftShare(driftShare)
        .withCompat(dev.vigil.drift.Compat.parse(compat));
    if (threshold != null) {
      o = o.withThreshold(threshold);
    }
    if (columnMethods != null) {
      Map<String, DriftMethod> m = new LinkedHashMap<>();
      columnMethods.forEach((c, v) -> m.put(c, DriftMethod.parse(v)));
      o = o.withColumnMethods(m);
    }
    if (input.columns != null) {
      o = o.withColumns(input.columns);
    }
    if (columnThresholds != null) {
      o = o.withColumnThresholds(columnThresholds);
    }
    InvalidArgumentException.check(chunkScoring == null || chunkSize != null || chunkNumber != null,
        "--chunk-scoring needs --chunk-size or --chunk-number");
    DriftReference ref;
    Table cur;
    if (seasonal != null || sliding != null) {
      InvalidArgumentException.check(timeColumn != null, "--seasonal and --sliding need --time-column");
      InvalidArgumentException.check(seasonal == null || sliding == null, "choose one of --seasonal and --sliding");
      Table history = input.read(reference, output.err()).table();
      cur = input.read(current, output.err()).table();
      Table refRows = windowed(history, cur);
      InvalidArgumentException.check(refRows.rowCount() > 0,
          "no reference rows in %s match the current window (time column \"%s\")", reference, timeColumn);
      o = chunkThresholds(refRows.drop(timeColumn), o);
      ref = DriftReference.of(refRows.drop(timeColumn));
      cur = cur.drop(timeColumn);
    } else if (chunkSize != null || chunkNumber != null) {
      InvalidArgumentException.check(reference.startsWith("jdbc:") || !DriftReference.isReferenceFile(Path.of(reference)),
          "--chunk-size and --chunk-number need the reference data (rows in time order), not a stored reference: %s",
          reference);
      Table refRows = input.read(reference, output.err()).table();
      o = chunkThresholds(refRows, o);
      ref = DriftReference.of(refRows);
      cur = input.read(current, output.err()).table();
    } else {
      ref = loadReference(reference, input, output.err());
      cur = input.read(current, output.err()).table();
    }
    DriftResult result = Drift.compare(ref, cur, o);
    return output.emit(result.toReport());
  }

  /** {@code o} with reference-chunk thresholds when --chunk-size or --chunk-number is given. */
  private DriftOptions chunkThresholds(Table referenceRows, DriftOptions o) {
    if (chunkSize == null && chunkNumber == null) {
      return o;
    }
    InvalidArgumentException.check(chunkSize == null || chunkNumber == null, "choose one of --chunk-size and --chunk-number");
    dev.vigil.drift.ReferenceChunkThresholds.Chunking chunking = chunkSize != null
        ? dev.vigil.drift.ReferenceChunkThresholds.Chunking.size(chunkSize)
        : dev.vigil.drift.ReferenceChunkThresholds.Chunking.number(chunkNumber);
    dev.vigil.drift.ReferenceChunkThresholds.Scoring scoring = chunkScoring != null
        ? dev.vigil.drift.ReferenceChunkThresholds.Scoring.parse(chunkScoring)
        : o.compat() == dev.vigil.drift.Compat.NANNYML ? dev.vigil.drift.ReferenceChunkThresholds.Scoring.NANNYML
        : dev.vigil.drift.ReferenceChunkThresholds.Scoring.LEAVE_CHUNK_OUT;
    return dev.vigil.drift.ReferenceChunkThresholds.fit(referenceRows, o, chunking, scoring).apply(o);
  }

  private Table windowed(Table history, Table cur) {
    InvalidArgumentException.check(cur.hasColumn(timeColumn), "time column \"%s\" is not in the current data", timeColumn);
    dev.vigil.data.Column c = cur.column(timeColumn);
    if (!(c instanceof dev.vigil.data.TimestampColumn tc)) {
      throw new dev.vigil.SchemaMismatchException("time column \"" + timeColumn + "\" must be a timestamp, found "
          + c.type().jsonName());
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int i = 0; i < tc.size(); i++) {
      if (!tc.isMissing(i)) {
        lo = Math.min(lo, tc.getMicros(i));
        hi = Math.max(hi, tc.getMicros(i));
      }
    }
    InvalidArgumentException.check(lo <= hi, "time column \"%s\" of the current data has no values", timeColumn);
    java.time.Instant start = java.time.Instant.EPOCH.plus(lo, java.time.temporal.ChronoUnit.MICROS);
    java.time.Instant end = java.time.Instant.EPOCH.plus(hi + 1, java.time.temporal.ChronoUnit.MICROS);
    if (sliding != null) {
      java.time.Duration len;
      try {
        len = java.time.Duration.parse(sliding);
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidArgumentException("--sliding must be an ISO-8601 duration such as P7D or PT24H: " + sliding, e);
      }
      return dev.vigil.drift.ReferenceWindows.sliding(history, timeColumn, start, len);
    }
    return dev.vigil.drift.ReferenceWindows.seasonal(history, timeColumn, start, end,
        dev.vigil.drift.ReferenceWindows.Season.parse(seasonal), cycles, tc.zone());
  }

  @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "classifier: cross-validation folds (default: ${DEFAULT-VALUE}).")
  int folds;

  private int classifier() {
    InvalidArgumentException.check(reference.startsWith("jdbc:") || !DriftReference.isReferenceFile(Path.of(reference)),
        "classifier needs rows, and the stored reference %s keeps per-column states only: pass the reference data", reference);
    Table ref = input.read(reference, output.err()).table();
    Table cur = input.read(current, output.err()).table();
    dev.vigil.stats.TestResult t = dev.vigil.drift.MultivariateDrift.domainClassifier(ref, cur,
        input.columns == null ? List.of() : input.columns, folds, seed);
    boolean drift = t.pValue() < alpha;
    Report.Builder b = Report.builder("drift", "Multivariate drift (domain classifier)")
        .put("drift", drift).put("method", "classifier").put("statistic", t.statistic()).put("p_value", t.pValue())
        .put("threshold", alpha).put("effect_size", t.effectSize()).put("folds", folds).put("seed", seed)
        .keyValues("Method", "logistic regression, out-of-fold ROC AUC, one-sided Mann-Whitney p-value",
            "AUC", String.format(Locale.ROOT, "%.4f", t.statistic()), "p-value", String.format(Locale.ROOT, "%.4g", t.pValue()));
    if (drift) {
      b.notice(Report.Status.ERROR, "Multivariate drift: a classifier tells current from reference rows (AUC "
          + String.format(Locale.ROOT, "%.3f", t.statistic()) + ")");
    }
    return output.emit(b.build());
  }

  private int pca() {
    InvalidArgumentException.check(reference.startsWith("jdbc:") || !DriftReference.isReferenceFile(Path.of(reference)),
        "pca reconstructs rows, and the stored reference %s keeps per-column states only: pass the reference data", reference);
    Table ref = input.read(reference, output.err()).table();
    Table cur = input.read(current, output.err()).table();
    int chunk = referenceChunkRows != null ? referenceChunkRows : Math.max(1, ref.rowCount() / 10);
    dev.vigil.drift.MultivariateDrift.PcaResult r = dev.vigil.drift.MultivariateDrift.pcaReconstruction(ref, cur,
        input.columns == null ? List.of() : input.columns, chunk);
    Report.Builder b = Report.builder("drift", "Multivariate drift (PCA reconstruction error)")
        .put("drift", r.drift()).put("method", "pca").put("statistic", r.error()).put("lower_threshold", r.lower())
        .put("upper_threshold", r.upper()).put("components", r.components()).put("columns", r.columns())
        .put("reference_chunk_rows", chunk)
        .put("reference_chunk_errors", java.util.Arrays.stream(r.referenceChunkErrors()).boxed().toList())
        .keyValues("Method", "PCA reconstruction error (NannyML: 65% variance, band mean ± 3 sd of reference chunks)",
            "Current error", String.format(Locale.ROOT, "%.6g", r.error()),
            "Band", String.format(Locale.ROOT, "[%.6g, %.6g]", r.lower(), r.upper()),
            "Components", Integer.toString(r.components()), "Columns", String.join(", ", r.columns()));
    if (r.drift()) {
      b.notice(Report.Status.ERROR, "Multivariate drift: reconstruction error outside the reference band");
    }
    return output.emit(b.build());
  }

  private int mmd(boolean lsdd) {
    InvalidArgumentException.check(alpha > 0 && alpha < 1, "--alpha must be in (0, 1): %s", alpha);
    InvalidArgumentException.check(maxRows >= 2, "--max-rows must be >= 2: %d", maxRows);
    InvalidArgumentException.check(reference.startsWith("jdbc:") || !DriftReference.isReferenceFile(Path.of(reference)),
        "mmd compares rows, and the stored reference %s keeps per-column states only: pass the reference data", reference);
    Table ref = input.read(reference, output.err()).table();
    Table cur = input.read(current, output.err()).table();
    List<String> cols = input.columns == null ? List.of() : input.columns;
    dev.vigil.drift.MultivariateDrift.Result r = lsdd
        ? dev.vigil.drift.MultivariateDrift.lsdd(ref, cur, cols, permutations, maxRows, seed)
        : dev.vigil.drift.MultivariateDrift.mmd(ref, cur, cols, permutations, maxRows, seed);
    String name = lsdd ? "lsdd" : "mmd";
    boolean drift = r.test().pValue() < alpha;
    Report.Builder b = Report.builder("drift", "Multivariate drift (" + name.toUpperCase(Locale.ROOT) + ")")
        .put("drift", drift).put("method", name).put("statistic", r.test().statistic())
        .put("p_value", r.test().pValue()).put("threshold", alpha).put("permutations", r.permutations())
        .put("columns", r.columns()).put("reference_rows", r.referenceRows()).put("current_rows", r.currentRows())
        .put("seed", seed)
        .keyValues("Method", lsdd ? "LSDD (Gaussian basis, median heuristic, standardised features)"
                : "MMD² (RBF kernel, median heuristic, standardised features)",
            "Statistic", String.format(Locale.ROOT, "%.6g", r.test().statistic()),
            "p-value", String.format(Locale.ROOT, "%.4g", r.test().pValue()) + " (" + r.permutations() + " permutations)",
            "Columns", String.join(", ", r.columns()),
            "Rows used", r.referenceRows() + " reference, " + r.currentRows() + " current");
    if (drift) {
      b.notice(Report.Status.ERROR, "Multivariate drift: p = " + String.format(Locale.ROOT, "%.4g", r.test().pValue())
          + " < alpha " + alpha);
    }
    return output.emit(b.build());
  }

  /** A stored reference file as is, else the reference state of the data, read chunk by chunk. */
  static DriftReference loadReference(String ref, InputOptions input, PrintWriter err) {
    if (!ref.startsWith("jdbc:") && Files.isRegularFile(Path.of(ref)) && DriftReference.isReferenceFile(Path.of(ref))) {
      DriftReference r = DriftReference.read(Path.of(ref));
      if (input.columns != null) {
        for (String c : input.columns) {
          InvalidArgumentException.check(r.columnNames().contains(c),
              "column \"%s\" is not in the stored reference %s; it has %s", c, ref, r.columnNames());
        }
      }
      return r;
    }
    // Chunks are merged as a binary counter (like sizes merge), so each value is copied O(log chunks) times.
    java.util.ArrayDeque<DriftReference> stack = new java.util.ArrayDeque<>();
    java.util.ArrayDeque<Long> sizes = new java.util.ArrayDeque<>();
    try (TableReader reader = input.open(ref); Progress p = Progress.start(err, "reading " + ref)) {
      boolean any = false;
      while (reader.hasNext()) {
        Table t = reader.next();
        DriftReference part = DriftReference.of(t);
        long size = t.rowCount();
        while (!sizes.isEmpty() && sizes.peek() <= size) {
          part = stack.pop().merge(part);
          size += sizes.pop();
        }
        stack.push(part);
        sizes.push(size);
        p.advance(t.rowCount());
        any = true;
      }
      if (!any) {
        stack.push(DriftReference.of(reader.readAll()));
      }
      InputOptions.reportSummary(reader.summary(), err);
    }
    DriftReference r = stack.pop();
    while (!stack.isEmpty()) {
      r = stack.pop().merge(r);
    }
    return r;
  }

  /** {@code vigil drift reference}: stored references. */
  @Command(name = "reference", mixinStandardHelpOptions = true, description = "Build stored drift references.",
      subcommands = {BuildCommand.class})
  static final class ReferenceCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: build");
    }
  }

  /**
   * {@code vigil drift reference build DATA --out ref.vigil}: reads DATA once (or in column groups,
   * {@code --columns-per-pass}), chunk by chunk, and stores its drift reference (sorted values, or
   * for numeric columns of more than {@code --exact-values} values a compact summary, see {@link
   * DriftReference}; category counts, missing counts; format version 1, or 2 with compact columns). Prints a summary report (JSON: {@code out}, {@code
   * rows}, {@code columns[] {name, kind, missing}}, {@code skipped_columns}, {@code bytes}).
   */
  @Command(name = "build", mixinStandardHelpOptions = true, description = "Store the drift reference of DATA.")
  static final class BuildCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA", description = "Reference data: CSV, TSV, Parquet or JSON Lines file, or a JDBC URL.")
    String data;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to store the reference (e.g. ref.vigil).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "Summary format: text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--exact-values", paramLabel = "N", defaultValue = "100000",
        description = "Numeric columns with more non-missing values are stored compactly (quantiles, moments, a sample) "
            + "(default: ${DEFAULT-VALUE}).")
    long exactValues;

    @Option(names = "--quantiles", paramLabel = "K", defaultValue = "10000",
        description = "Quantile intervals of a compact column (default: ${DEFAULT-VALUE}).")
    int quantiles;

    @Option(names = "--sample", paramLabel = "S", defaultValue = "20000",
        description = "Sampled values of a compact column, for the tests that need values (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--columns-per-pass", paramLabel = "C", defaultValue = "0",
        description = "Read DATA C columns at a time (several passes) so that only C columns are in memory; 0 = all at once "
            + "(default: ${DEFAULT-VALUE}).")
    int columnsPerPass;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin InputOptions input;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      InvalidArgumentException.check(columnsPerPass >= 0, "--columns-per-pass must be >= 0: %d", columnsPerPass);
      DriftReference r;
      if (columnsPerPass == 0) {
        r = loadReference(data, input, err).compacted(exactValues, quantiles, sample, seed);
      } else {
        List<String> all;
        try (dev.vigil.io.TableReader reader = input.open(data)) {
          all = reader.schema().fields().stream().map(f -> f.name()).toList();
        }
        if (input.columns != null) {
          all = input.columns;
        }
        r = DriftReference.empty();
        for (int from = 0; from < all.size(); from += columnsPerPass) {
          input.columns = all.subList(from, Math.min(all.size(), from + columnsPerPass));
          r = r.join(loadReference(data, input, err).compacted(exactValues, quantiles, sample, seed + from));
        }
      }
      Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
      r.write(tmp);
      Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      List<Map<String, Object>> cols = new java.util.ArrayList<>();
      List<List<String>> rows = new java.util.ArrayList<>();
      for (String c : r.columnNames()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c);
        m.put("kind", r.kind(c).jsonName());
        m.put("missing", r.missing(c));
        cols.add(m);
        rows.add(List.of(c, r.kind(c).jsonName(), Long.toString(r.missing(c))));
      }
      List<Map<String, Object>> skipped = new java.util.ArrayList<>();
      r.skipped().forEach((n, why) -> skipped.add(Map.of("name", n, "reason", why)));
      long bytes = Files.size(out);
      Report.Builder b = Report.builder("drift_reference", "Drift reference " + out)
          .put("out", out.toString()).put("rows", r.rows()).put("columns", cols).put("skipped_columns", skipped)
          .put("bytes", bytes)
          .keyValues("Source", data, "Rows", Long.toString(r.rows()), "Stored", out + " (" + bytes + " bytes)")
          .table("Columns", List.of("column", "kind", "missing"), rows);
      r.skipped().forEach((n, why) -> b.notice(Report.Status.WARNING, "Column \"" + n + "\" not stored: " + why));
      PrintWriter w = spec.commandLine().getOut();
      w.print(ReportRenderer.render(b.build(), ReportFormat.parse(format.toLowerCase(Locale.ROOT))));
      w.flush();
      return ExitCodes.OK;
    }
  }

  /**
   * {@code vigil drift calibrate DATA --window-rows N --windows-per-month W --max-false-alarms F}:
   * replays DATA (the reference period, rows in time order) as pseudo-windows, leave-chunk-out, and
   * sets per-feature thresholds so that false alarms on unchanged data stay under F per month. JSON:
   * see {@code DriftCalibrator.Calibration#toReport()}; {@code column_thresholds} is the value to pass
   * to {@code vigil drift --column-threshold}.
   */
  @Command(name = "calibrate", mixinStandardHelpOptions = true,
      description = "Calibrate per-feature thresholds on the reference period against a false-alarm budget.")
  static final class CalibrateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA", description = "The reference period, rows in time order.")
    String data;

    @Option(names = "--window-rows", required = true, paramLabel = "N", description = "Rows per production window.")
    int windowRows;

    @Option(names = "--windows-per-month", paramLabel = "W", defaultValue = "30",
        description = "Production windows per month (default: ${DEFAULT-VALUE}, daily).")
    double windowsPerMonth;

    @Option(names = "--max-false-alarms", paramLabel = "F", defaultValue = "1",
        description = "Target false alarms per month on unchanged data (default: ${DEFAULT-VALUE}).")
    double maxFalseAlarms;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "auto", description = "Method for every feature (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "Default alpha compared against (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Mixin InputOptions input;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      Table t = input.read(data, output.err()).table();
      DriftOptions o = DriftOptions.defaults().withMethod(DriftMethod.parse(method)).withAlpha(alpha);
      if (input.columns != null) {
        o = o.withColumns(input.columns);
      }
      dev.vigil.drift.DriftCalibrator.Calibration c = dev.vigil.drift.DriftCalibrator.calibrate(t,
          new dev.vigil.drift.DriftCalibrator.Options(windowRows, windowsPerMonth, maxFalseAlarms, o));
      return output.emit(c.toReport());
    }
  }
}
