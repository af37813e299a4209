package dev.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;

/**
 * Generates the data of the drift scale benchmark with DuckDB: {@code ref.parquet} (R rows) and
 * {@code cur.parquet} (C rows), each with N double columns {@code c0..c(N−1)}: uniform on [0, 1) in
 * the reference; in the current data the first N/100 columns are shifted by 0.05 (drift), the rest
 * unchanged. The timed commands are then run as separate processes (see docs/benchmarks.md):
 *
 * <pre>
 * java -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.DriftScaleBench 1000 3000000 300000 /tmp/drift-scale
 * /usr/bin/time -v java -Xmx8g -jar vigil-cli/target/vigil.jar drift reference build /tmp/drift-scale/ref.parquet \
 *     --out /tmp/drift-scale/ref.vigil --columns-per-pass 50
 * /usr/bin/time -v java -Xmx8g -jar vigil-cli/target/vigil.jar drift --reference /tmp/drift-scale/ref.vigil \
 *     --current /tmp/drift-scale/cur.parquet --format json --out /tmp/drift-scale/drift.json
 * </pre>
 */
public final class DriftScaleBench {
  private DriftScaleBench() {}

  public static void main(String[] args) throws Exception {
    int cols = Integer.parseInt(args[0]);
    long refRows = Long.parseLong(args[1]);
    long curRows = Long.parseLong(args[2]);
    Path dir = Path.of(args[3]);
    Files.createDirectories(dir);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET threads TO 2");
      for (int side = 0; side < 2; side++) {
        long rows = side == 0 ? refRows : curRows;
        Path out = dir.resolve(side == 0 ? "ref.parquet" : "cur.parquet");
        StringBuilder sql = new StringBuilder("COPY (SELECT ");
        for (int j = 0; j < cols; j++) {
          double shift = side == 1 && j < Math.max(1, cols / 100) ? 0.05 : 0;
          sql.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "random() + %s AS c%d", shift, j));
        }
        sql.append(" FROM range(").append(rows).append(")) TO '").append(out).append("' (FORMAT parquet)");
        long t0 = System.nanoTime();
        s.execute(sql.toString());
        System.out.printf(Locale.ROOT, "%s: %d rows x %d columns, %.1f s, %d bytes%n", out, rows, cols,
            (System.nanoTime() - t0) / 1e9, Files.size(out));
      }
    }
  }
}
