package dev.vigil.io.internal;

import dev.vigil.DataFormatException;
import dev.vigil.StoreException;
import dev.vigil.io.ReadOptions;
import dev.vigil.io.TableReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Reads the result of a query against any JDBC database whose driver is on the classpath (SQLite's
 * and PostgreSQL's ship with Vigil). Rows are fetched in chunks ({@code fetchSize} = chunk rows, and
 * auto-commit off so that PostgreSQL streams with a cursor).
 */
public final class JdbcReader {
  private JdbcReader() {}

  public static TableReader open(String url, String query, Properties props, ReadOptions options) {
    String source = redact(url);
    Connection conn;
    try {
      conn = DriverManager.getConnection(url, props == null ? new Properties() : props);
    } catch (SQLException e) {
      throw new StoreException(source + ": cannot connect: " + e.getMessage()
          + (e.getMessage() != null && e.getMessage().contains("No suitable driver")
              ? " (put the database's JDBC driver on the classpath)" : ""), e);
    }
    try {
      try {
        conn.setAutoCommit(false);
      } catch (SQLException ignored) {
        // some drivers do not support transactions; streaming is then the driver's choice
      }
      Statement st = conn.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      st.setFetchSize(Math.min(options.chunkRows(), 10_000));
      ResultSet rs = st.executeQuery(query);
      return new ResultSetTableReader(source + " [" + query + "]", rs, conn, options, null);
    } catch (SQLException e) {
      try {
        conn.close();
      } catch (SQLException ignored) {
        // the query error matters
      }
      throw DataFormatException.in(source).expected("a query that returns rows").found(query)
          .detail("%s", e.getMessage()).build(e);
    }
  }

  /** The URL without a password parameter. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
