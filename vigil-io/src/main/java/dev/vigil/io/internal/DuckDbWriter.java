package dev.vigil.io.internal;

import dev.vigil.StoreException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import dev.vigil.io.DataFormat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a Table as CSV, TSV, Parquet or JSON Lines through DuckDB: the rows are appended to an
 * in-memory table, copied to a temporary sibling file, and renamed over the target, so a write is
 * whole or not made. Missing values are written as empty CSV fields, Parquet nulls and JSON
 * {@code null}; an empty string is written quoted ({@code ""}) so that it stays distinct from missing.
 * Timestamps are written as UTC date-times with microseconds.
 */
public final class DuckDbWriter {
  private DuckDbWriter() {}

  public static void write(Table table, Path target, DataFormat format) {
    write(java.util.List.of(table).iterator(), target, format);
  }

  /**
   * Writes every chunk of {@code chunks} (same column names and types) as one file. Returns the
   * number of rows written. An empty iterator writes nothing and fails.
   */
  public static long write(java.util.Iterator<Table> chunks, Path target, DataFormat format) {
    if (!chunks.hasNext()) {
      throw new dev.vigil.InvalidArgumentException("nothing to write to " + target + ": no table");
    }
    Path tmp = AtomicFiles.temporarySibling(target);
    long rows = 0;
    try (Connection conn = DuckDbReader.connect()) {
      Table first = chunks.next();
      StringBuilder ddl = new StringBuilder("CREATE TABLE t (");
      for (int i = 0; i < first.columnCount(); i++) {
        Column c = first.column(i);
        ddl.append(i == 0 ? "" : ", ").append(Sql.ident(c.name())).append(' ').append(Sql.duckType(c.type()));
      }
      ddl.append(')');
      try (Statement st = conn.createStatement()) {
        st.execute(ddl.toString());
      }
      DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
      append(dc, first);
      rows += first.rowCount();
      while (chunks.hasNext()) {
        Table t = chunks.next();
        append(dc, t);
        rows += t.rowCount();
      }
      String options = switch (format) {
        case CSV -> "FORMAT csv, HEADER true, DELIMITER ','";
        case TSV -> "FORMAT csv, HEADER true, DELIMITER '\t'";
        case PARQUET -> "FORMAT parquet";
        case JSONL -> "FORMAT json";
      };
      String compression = target.toString().endsWith(".gz") ? ", COMPRESSION gzip" : "";
      try (Statement st = conn.createStatement()) {
        st.execute("COPY t TO " + Sql.literal(tmp.toString()) + " (" + options + compression + ")");
      }
    } catch (SQLException e) {
      try {
        java.nio.file.Files.deleteIfExists(tmp);
      } catch (java.io.IOException ignored) {
        // the write failed anyway
      }
      throw new StoreException("cannot write " + target + ": " + DuckDbReader.firstLine(e.getMessage()), e);
    }
    AtomicFiles.move(tmp, target);
    return rows;
  }

  private static void append(DuckDBConnection conn, Table table) throws SQLException {
    int cols = table.columnCount();
    Column[] c = table.columns().toArray(new Column[0]);
    try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
      for (int r = 0; r < table.rowCount(); r++) {
        a.beginRow();
        for (int j = 0; j < cols; j++) {
          Column col = c[j];
          if (col.isMissing(r)) {
            a.appendNull();
            continue;
          }
          switch (col.type()) {
            case DOUBLE -> a.append(((DoubleColumn) col).get(r));
            case LONG -> a.append(((LongColumn) col).get(r));
            case BOOLEAN -> a.append(((BooleanColumn) col).get(r));
            case TIMESTAMP -> a.appendEpochMicros(((TimestampColumn) col).getMicros(r));
            case CATEGORICAL, STRING -> a.append((String) col.getObject(r));
          }
        }
        a.endRow();
      }
      a.flush();
    }
  }
}
