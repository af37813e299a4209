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
  private long rows;

  /** An empty file of these columns; {@code threads} DuckDB threads (at least 1). */
  public AppendingParquetFile(List<String> names, List<ColumnType> types, int threads) {
    if (names.size() != types.size() || names.isEmpty()) {
      throw new dev.vigil.InvalidArgumentException("columns: " + names.size() + " names, " + types.size() + " types");
    }
    this.columns = names.size();
    Connection c = DuckDbReader.connect();
    try {
      StringBuilder ddl = new StringBuilder("CREATE TABLE t (");
      for (int i = 0; i < names.size(); i++) {
        ddl.append(i == 0 ? "" : ", ").append(Sql.ident(names.get(i))).append(' ').append(Sql.duckType(types.get(i)));
      }
      ddl.append(')');
      try (Statement st = c.createStatement()) {
        st.execute("SET threads = " + Math.max(1, threads));
        st.execute(ddl.toString());
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
        st.execute("COPY t TO " + Sql.literal(tmp.toString()) + " (FORMAT parquet)");
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
