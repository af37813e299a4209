package dev.vigil.bench;

import dev.vigil.data.Column;
import dev.vigil.data.Synthetic;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whole-file read of a 1,000,000 x 20 numeric CSV into a Table: MB/s over {@code runs} reads after
 * one warm-up, and the table's resident size against its raw primitive size (20 x 8 MB).
 *
 * <p>Run: {@code java -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.CsvReadBench [FILE] [runs]}
 * (the file is generated, seeded, when missing). Pin to one core with {@code taskset -c 0}.
 */
public final class CsvReadBench {
  private CsvReadBench() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "target/bench-1m-x20.csv");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int rows = 1_000_000;
    int cols = 20;
    if (!Files.exists(file)) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Tables.write(Synthetic.gaussian(rows, cols, 42), file);
    }
    double mb = Files.size(file) / 1e6;
    Tables.read(file);
    double best = Double.MAX_VALUE;
    double total = 0;
    Table t = null;
    for (int r = 0; r < runs; r++) {
      t = null;
      System.gc();
      long t0 = System.nanoTime();
      t = Tables.read(file);
      double s = (System.nanoTime() - t0) / 1e9;
      best = Math.min(best, s);
      total += s;
    }
    Runtime rt = Runtime.getRuntime();
    System.gc();
    Thread.sleep(200);
    System.gc();
    long withTable = rt.totalMemory() - rt.freeMemory();
    long raw = (long) t.rowCount() * t.columnCount() * 8L;
    long held = 0;
    for (Column c : t.columns()) {
      held += (long) c.size() * 8 + (c.hasMissing() ? c.size() / 8 : 0) + 16;
    }
    int readRows = t.rowCount();
    int readCols = t.columnCount();
    t = null;
    System.gc();
    Thread.sleep(200);
    System.gc();
    long without = rt.totalMemory() - rt.freeMemory();
    System.out.printf(Locale.ROOT, "file %s: %.1f MB, %d rows x %d columns%n", file, mb, readRows, readCols);
    System.out.printf(Locale.ROOT, "read: best %.3f s (%.1f MB/s), mean %.3f s (%.1f MB/s) over %d runs%n",
        best, mb / best, total / runs, mb / (total / runs), runs);
    System.out.printf(Locale.ROOT, "table: raw primitive size %.1f MB; arrays held %.1f MB (%.3fx); heap delta %.1f MB (%.3fx)%n",
        raw / 1e6, held / 1e6, (double) held / raw, (withTable - without) / 1e6, (double) (withTable - without) / raw);
    if (readRows != rows) {
      throw new IllegalStateException("expected " + rows + " rows, read " + readRows);
    }
  }
}
