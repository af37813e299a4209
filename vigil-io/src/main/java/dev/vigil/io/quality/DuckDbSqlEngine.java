package dev.vigil.io.quality;

import dev.vigil.InvalidArgumentException;
import dev.vigil.StoreException;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.io.DataFormat;
import dev.vigil.io.Tables;
import dev.vigil.validate.SqlEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Evaluates SQL predicates of {@code sql} checks with an in-process DuckDB: the table is written
 * once to a temporary Parquet file (with a hidden row-number column) and each predicate runs as
 * {@code SELECT row FROM t WHERE NOT coalesce((predicate), false)}. Close it to delete the file.
 */
public final class DuckDbSqlEngine implements SqlEngine, AutoCloseable {
  private static final String ROW = "__vigil_row";
  private Table staged;
  private Path file;

  public DuckDbSqlEngine() {}

  @Override
  public synchronized int[] failingRows(Table table, String predicate) {
    if (staged != table) {
      deleteFile();
      long[] rows = new long[table.rowCount()];
      Arrays.setAll(rows, i -> i);
      try {
        file = Files.createTempFile("vigil-sql-", ".parquet");
      } catch (IOException e) {
        throw new StoreException("cannot create a temporary file for SQL checks: " + e.getMessage(), e);
      }
      Tables.write(table.withColumn(LongColumn.of(ROW, rows)), file, DataFormat.PARQUET);
      staged = table;
    }
    String sql = "SELECT " + ROW + " FROM read_parquet('" + file.toString().replace("'", "''") + "') WHERE NOT coalesce(("
        + predicate + "), false) ORDER BY " + ROW;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int[] out = new int[16];
      int n = 0;
      while (rs.next()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = (int) rs.getLong(1);
      }
      return Arrays.copyOf(out, n);
    } catch (SQLException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new InvalidArgumentException("SQL predicate \"" + predicate + "\" failed: " + msg, e);
    }
  }

  private void deleteFile() {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file; the OS cleans up
      }
      file = null;
    }
  }

  @Override
  public synchronized void close() {
    deleteFile();
    staged = null;
  }
}
