package dev.vigil.bench;

import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.profile.Profiler;
import dev.vigil.profile.TableProfile;
import dev.vigil.report.render.ReportFormat;
import dev.vigil.report.render.ReportRenderer;
import dev.vigil.validate.Check;
import dev.vigil.validate.QualityReports;
import dev.vigil.validate.ValidationResult;
import dev.vigil.validate.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Whole-operation timings of data quality, once the table is in memory.
 *
 * <pre>
 * java -Xmx6g -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.QualityBench profile 1000000 5 [CSV_OUT]
 * java -Xmx6g -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.QualityBench validate 10000000 2
 * java -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.QualityBench html 3000 3
 * </pre>
 */
public final class QualityBench {
  private QualityBench() {}

  /** 10 doubles, 4 longs, 6 categoricals (cardinalities 3 to 1000), seeded. */
  static Table mixed(int rows, long seed) {
    Random r = new Random(seed);
    List<Column> cols = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      double[] v = new double[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = r.nextGaussian() * (c + 1) + c;
      }
      cols.add(DoubleColumn.of("d" + c, v));
    }
    for (int c = 0; c < 4; c++) {
      long[] v = new long[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = c == 0 ? i : r.nextInt(1000 * (c + 1));
      }
      cols.add(LongColumn.of("l" + c, v));
    }
    int[] card = {3, 10, 50, 100, 500, 1000};
    for (int c = 0; c < 6; c++) {
      List<String> dict = new ArrayList<>();
      for (int k = 0; k < card[c]; k++) {
        dict.add("v" + k);
      }
      int[] codes = new int[rows];
      for (int i = 0; i < rows; i++) {
        codes[i] = r.nextInt(card[c]);
      }
      cols.add(CategoricalColumn.ofCodes("c" + c, codes, dict));
    }
    return Table.of(cols);
  }

  public static void main(String[] args) throws java.io.IOException {
    String mode = args[0];
    int rows = Integer.parseInt(args[1]);
    int reps = Integer.parseInt(args[2]);
    switch (mode) {
      case "profile" -> {
        Table t = mixed(rows, 42);
        if (args.length > 3) {
          Tables.write(t, Path.of(args[3]));
        }
        for (int threads : new int[] {1, 2}) {
          Profiler p = Profiler.create().threads(threads);
          double best = Double.MAX_VALUE;
          double bestCpu = Double.MAX_VALUE;
          TableProfile last = null;
          java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
          for (int i = 0; i < reps + 1; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            last = p.profile(t);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            if (i > 0) {
              best = Math.min(best, s);
              bestCpu = Math.min(bestCpu, cpu);
            }
          }
          // with one thread the work runs on this thread, so its CPU time is the work's CPU time
          String cpuNote = threads == 1 ? String.format(Locale.ROOT, ", CPU %.3f s = %.2f M rows/s per core", bestCpu, rows / bestCpu / 1e6) : "";
          System.out.printf(Locale.ROOT, "profile %d x %d, %d thread(s): best wall %.3f s%s, state %d bytes (%.1f KB/column)%n",
              rows, t.columnCount(), threads, best, cpuNote, last.toBytes().length, last.toBytes().length / 1024.0 / t.columnCount());
        }
      }
      case "validate" -> {
        Table t = mixed(rows, 42).project("d0", "d1", "d2", "l0", "l1", "c0", "c1");
        List<Check> checks = new ArrayList<>();
        for (String c : List.of("d0", "d1", "d2", "l0", "l1", "c0", "c1")) {
          checks.add(Check.isComplete(c));
        }
        for (String c : List.of("d0", "d1", "d2")) {
          checks.add(Check.isInRange(c, -100.0, 100.0));
          checks.add(Check.hasMean(c, -10.0, 10.0));
          checks.add(Check.hasQuantile(c, 0.5, -10.0, 10.0));
          checks.add(Check.hasQuantile(c, 0.99, -100.0, 100.0));
          checks.add(Check.isNonNegative(c).asWarning());
          checks.add(Check.hasCompleteness(c, 0.9));
        }
        for (String c : List.of("l0", "l1")) {
          checks.add(Check.isNonNegative(c));
          checks.add(Check.isInRange(c, 0.0, 1e9));
          checks.add(Check.hasMean(c, 0.0, 1e9));
          checks.add(Check.hasCompleteness(c, 0.99));
        }
        checks.add(Check.isUnique("l0"));
        checks.add(Check.isPrimaryKey("l0"));
        checks.add(Check.isMonotonic("l0", true, true));
        checks.add(Check.isContainedIn("c0", List.of("v0", "v1", "v2")));
        checks.add(Check.isContainedIn("c1", List.of("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9")));
        checks.add(Check.matches("c0", "v[0-9]+"));
        checks.add(Check.matches("c1", "v[0-9]+"));
        checks.add(Check.isLessThan("d0", "l0").asWarning());
        checks.add(Check.isLessThanOrEqualTo("l1", "l0").asWarning());
        checks.add(Check.hasRowCount(1L, null));
        checks.add(Check.hasUniqueness(0.0, "l1"));
        checks.add(Check.isInRange("d0", null, 1000.0));
        checks.add(Check.isInRange("d1", -1000.0, null));
        checks.add(Check.hasMean("d0", null, 5.0));
        checks.add(Check.hasRowCount(null, 1_000_000_000L));
        Validator v = Validator.of(checks).withThreads(Integer.parseInt(System.getProperty("threads", "2")));
        double best = Double.MAX_VALUE;
        ValidationResult res = null;
        for (int i = 0; i < reps; i++) {
          long t0 = System.nanoTime();
          res = v.validate(t);
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "validate %d rows x %d checks: best %.3f s (%d failed)%n", rows, checks.size(), best, res.failedCount());
      }
      case "html" -> {
        Table t = mixed(1000, 1).project("d0", "l1", "c1");
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
          checks.add(i % 3 == 0 ? Check.isInRange("d0", -1.0 - i % 7, 1.0 + i % 5) : i % 3 == 1 ? Check.isComplete("l1")
              : Check.isContainedIn("c1", List.of("v" + (i % 10))));
        }
        ValidationResult r = Validator.of(checks).validate(t);
        double best = Double.MAX_VALUE;
        int size = 0;
        for (int i = 0; i < reps; i++) {
          long t0 = System.nanoTime();
          size = ReportRenderer.render(QualityReports.validation(r, "bench", 0), ReportFormat.HTML).length();
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "html report of %d check results: best %.3f s, %d chars%n", checks.size(), best, size);
        if (args.length > 3) {
          // Written for a browser check: time headless Chromium loading it (docs/benchmarks.md).
          java.nio.file.Files.writeString(java.nio.file.Path.of(args[3]),
              ReportRenderer.render(QualityReports.validation(r, "bench", 0), ReportFormat.HTML));
        }
      }
      default -> throw new IllegalArgumentException("mode: profile, validate or html");
    }
  }
}
