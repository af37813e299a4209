package dev.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;

/**
 * Generates the data of the drift scale benchmark with DuckDB, straight to Parquet:
 * {@code ref.parquet} (R rows) and {@code cur.parquet} (C rows), each with N columns {@code c0..c(N−1)}.
 * Deterministic: every value is a function of (seed, side, row, column) through DuckDB's 64-bit
 * {@code hash}, so the same arguments give the same files (with the same DuckDB version) whatever the
 * thread count. The column's kind is {@code j mod 10}, with per-column location and scale:
 *
 * <ul>
 *   <li>0, 1, 2: normal (Box–Muller from two hashed uniforms), mean {@code j mod 7}, sd {@code 1 + j mod 5};
 *   <li>3: log-normal, {@code exp(0.5 z)};
 *   <li>4: exponential, scale {@code 1 + j mod 3};
 *   <li>5: integer counts, {@code floor(20 · Exp(1))} (BIGINT, about 200 distinct values, many ties);
 *   <li>6: uniform on [0, 1);
 *   <li>7: categorical text, {@code 3 + j mod 40} levels with skewed frequencies ({@code floor(k u²)});
 *   <li>8: normal rounded to one decimal (about 80 distinct values, ties);
 *   <li>9: normal with 5% missing values (NULL).
 * </ul>
 *
 * <p>In the current data the first {@code N/100} columns (at least 10 when N ≥ 10, so every kind once)
 * drift: normal, log-normal and rounded columns by +0.1 sd, exponential and counts by a 10% larger
 * scale, uniform by +0.05, categorical levels drawn as {@code floor(k u^1.5)}, and kind 9 by a missing
 * rate of 8% instead of 5% (its values unchanged). All other columns have the reference's
 * distribution, drawn independently. The timed commands are run as separate processes (see
 * docs/benchmarks.md, "1,000 columns x 3,000,000 reference rows"):
 *
 * <pre>
 * java -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.DriftScaleBench 1000 3000000 300000 /tmp/dscale
 * </pre>
 *
 * Arguments: columns, reference rows, current rows, output directory, optional seed (default 1).
 */
public final class DriftScaleBench {
  private DriftScaleBench() {}

  /** Rows advance the hash key by this much, so (row, column) keys never collide for ≤ 4,096 columns. */
  private static final long ROW_STRIDE = 4096;

  public static void main(String[] args) throws Exception {
    int cols = Integer.parseInt(args[0]);
    long refRows = Long.parseLong(args[1]);
    long curRows = Long.parseLong(args[2]);
    Path dir = Path.of(args[3]);
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
    if (cols < 1 || cols > ROW_STRIDE) {
      throw new IllegalArgumentException("columns must be in [1, " + ROW_STRIDE + "]: " + cols);
    }
    Files.createDirectories(dir);
    int drifting = Math.min(cols, Math.max(Math.min(10, cols), cols / 100));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET threads TO 2");
      s.execute("SET preserve_insertion_order = false");
      s.execute("SET temp_directory = '" + dir.resolve("duckdb.tmp") + "'");
      for (int side = 0; side < 2; side++) {
        long rows = side == 0 ? refRows : curRows;
        Path out = dir.resolve(side == 0 ? "ref.parquet" : "cur.parquet");
        String sql = sql(cols, rows, side == 1 ? drifting : 0, seed, side, out);
        long t0 = System.nanoTime();
        s.execute(sql);
        System.out.printf(Locale.ROOT, "%s: %d rows x %d columns (%d drifting), %.1f s, %d bytes%n", out, rows, cols,
            side == 1 ? drifting : 0, (System.nanoTime() - t0) / 1e9, Files.size(out));
      }
    }
  }

  /** The COPY statement of one side; columns {@code j < drifting} get the current data's shift. */
  static String sql(int cols, long rows, int drifting, long seed, int side, Path out) {
    // Key space: side and seed in the high bits, row * 4096 + column below 2^46 for up to 1.7e10 rows.
    long base = (seed * 4 + side) << 48;
    StringBuilder sql = new StringBuilder("COPY (SELECT ");
    for (int j = 0; j < cols; j++) {
      sql.append(j == 0 ? "" : ", ").append(column(j, j < drifting)).append(" AS c").append(j);
    }
    sql.append(" FROM (SELECT i * ").append(ROW_STRIDE).append(" + ").append(base).append(" AS r FROM range(")
        .append(rows).append(") t(i))) TO '").append(out).append("' (FORMAT parquet)");
    return sql.toString();
  }

  /** A uniform on [0, 1) from 53 bits of the hash of key r + j + offset. */
  private static String u(int j, long offset) {
    return "((hash(r + " + (j + offset) + ") >> 11)::DOUBLE / 9007199254740992.0)";
  }

  private static String z(int j) {
    return "(sqrt(-2 * ln(1 - " + u(j, 0) + ")) * cos(2 * pi() * " + u(j, 1L << 46) + "))";
  }

  private static String column(int j, boolean drift) {
    double shift = drift ? 0.1 : 0;
    double mean = j % 7;
    double sd = 1 + j % 5;
    String z = z(j);
    return switch (j % 10) {
      case 0, 1, 2 -> String.format(Locale.ROOT, "(%s + %s) * %s + %s", z, shift, sd, mean);
      case 3 -> String.format(Locale.ROOT, "exp(0.5 * (%s + %s))", z, shift);
      case 4 -> String.format(Locale.ROOT, "-ln(1 - %s) * %s", u(j, 0), (1 + j % 3) * (drift ? 1.1 : 1.0));
      case 5 -> String.format(Locale.ROOT, "floor(-ln(1 - %s) * %s)::BIGINT", u(j, 0), drift ? 22.0 : 20.0);
      case 6 -> String.format(Locale.ROOT, "%s + %s", u(j, 0), drift ? 0.05 : 0);
      case 7 -> String.format(Locale.ROOT, "'level' || floor(%d * pow(%s, %s))::INTEGER", 3 + j % 40, u(j, 0),
          drift ? 1.5 : 2.0);
      case 8 -> String.format(Locale.ROOT, "round(%s + %s, 1)", z, shift);
      default -> String.format(Locale.ROOT, "CASE WHEN %s < %s THEN NULL ELSE %s * %s + %s END", u(j, 2L << 46),
          drift ? 0.08 : 0.05, z, sd, mean);
    };
  }
}
