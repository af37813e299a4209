package dev.vigil.io.internal;

import dev.vigil.StoreException;
import dev.vigil.data.ColumnType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A Parquet file built row by row: rows go straight into an in-memory DuckDB table through DuckDB's
 * appender (native memory, not the Java heap), and {@link #finish} copies that table to a temporary
 * sibling of the target and renames it into place, so the file is whole or not made.
 *
 * <p>Made for a writer that appends a row at a time for a long while (the prediction log): holding the
 * rows off the Java heap keeps them out of every young collection's copying, and appending as rows
 * arrive spreads the encoding cost instead of doing it all when the file is closed. The DuckDB instance
 * runs {@code threads} worker threads, so the final Parquet encoding takes at most that many cores.
 * Not thread-safe: one writer thread.
 */
public final class AppendingParquetFile implements AutoCloseable {
  private final Connection conn;
  private final DuckDBAppender appender;
  private final int columns;
  /** The COPY's projection of the table into the file's columns (unpacks the packed run). */
  private final String projection;
  private long rows;

  /** An empty file of these columns; {@code threads} DuckDB threads (at least 1). */
  public AppendingParquetFile(List<String> names, List<ColumnType> types, int threads) {
    this(names, types, threads, 0, 0, java.util.Map.of());
  }

  /**
   * An empty file of these columns, whose {@code packLength} DOUBLE columns from index
   * {@code packFrom} on are held in memory as one {@code DOUBLE[packLength]} array column and appended
   * with one {@code append(double[], boolean[])} call per row; the file has them as separate columns.
   * For a wide run of doubles (the prediction log's pipeline output): one appender call and one native
   * vector instead of one per column, which the row-by-row writer pays on every row. The STRING columns
   * of {@code constants} (column index to value) are the same on every row: they are not held or
   * appended at all (the appender skips them), only written into the file.
   */
  public AppendingParquetFile(List<String> names, List<ColumnType> types, int threads, int packFrom, int packLength,
      java.util.Map<Integer, String> constants) {
    if (names.size() != types.size() || names.isEmpty()) {
      throw new dev.vigil.InvalidArgumentException("columns: " + names.size() + " names, " + types.size() + " types");
    }
    if (packLength < 0 || packLength == 1 || packFrom < 0 || packFrom + packLength > names.size()) {
      throw new dev.vigil.InvalidArgumentException("packed run [" + packFrom + ", +" + packLength + ") of " + names.size());
    }
    for (int i : constants.keySet()) {
      if (i < 0 || i >= names.size() || types.get(i) != ColumnType.STRING || i >= packFrom && i < packFrom + packLength) {
        throw new dev.vigil.InvalidArgumentException("constant column " + i + " must be a STRING column outside the packed run");
      }
    }
    for (int i = packFrom; i < packFrom + packLength; i++) {
      if (types.get(i) != ColumnType.DOUBLE) {
        throw new dev.vigil.InvalidArgumentException("packed column " + names.get(i) + " is " + types.get(i) + ", not DOUBLE");
      }
    }
    this.columns = names.size();
    Connection c = DuckDbReader.connect();
    try {
      java.util.List<String> held = new java.util.ArrayList<>();
      java.util.List<String> select = new java.util.ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String col = Sql.ident(names.get(i));
        if (constants.containsKey(i)) {
          select.add(Sql.literal(constants.get(i)) + " AS " + col);
          continue;
        }
        if (packLength > 0 && i == packFrom) {
          held.add("\"__packed\" DOUBLE[" + packLength + "]");
        }
        if (packLength > 0 && i >= packFrom && i < packFrom + packLength) {
          select.add("\"__packed\"[" + (i - packFrom + 1) + "] AS " + col);
          continue;
        }
        held.add(col + " " + Sql.duckType(types.get(i)));
        select.add(col);
      }
      String ddl = "CREATE TABLE t (" + String.join(", ", held) + ")";
      this.projection = packLength == 0 && constants.isEmpty() ? "t" : "(SELECT " + String.join(", ", select) + " FROM t)";
      try (Statement st = c.createStatement()) {
        st.execute("SET threads = " + Math.max(1, threads));
        st.execute(ddl);
      }
      this.appender = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t");
    } catch (SQLException e) {
      closeQuietly(c);
      throw new StoreException("cannot start a Parquet segment in DuckDB: " + DuckDbReader.firstLine(e.getMessage()), e);
    }
    this.conn = c;
  }

  /** The appender of the current row, for {@code beginRow}, one {@code append} per column, {@code endRow}. */
  public DuckDBAppender appender() {
    return appender;
  }

  /** Counts a row appended through {@link #appender()} ({@code endRow} done). */
  public void rowAppended() {
    rows++;
  }

  public long rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  /** Writes every appended row to {@code target} as Parquet, atomically, and closes this. */
  public void finish(Path target) {
    Path tmp = AtomicFiles.temporarySibling(target);
    try {
      appender.flush();
      appender.close();
      try (Statement st = conn.createStatement()) {
        st.execute("COPY " + projection + " TO " + Sql.literal(tmp.toString()) + " (FORMAT parquet)");
      }
    } catch (SQLException e) {
      try {
        java.nio.file.Files.deleteIfExists(tmp);
      } catch (java.io.IOException ignored) {
        // the write failed anyway
      }
      throw new StoreException("cannot write " + target + ": " + DuckDbReader.firstLine(e.getMessage()), e);
    } finally {
      close();
    }
    AtomicFiles.move(tmp, target);
  }

  /** Drops the rows (if not finished) and frees DuckDB's memory. */
  @Override
  public void close() {
    try {
      appender.close();
    } catch (SQLException | RuntimeException ignored) {
      // closing anyway
    }
    closeQuietly(conn);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing left to do
    }
  }
}
