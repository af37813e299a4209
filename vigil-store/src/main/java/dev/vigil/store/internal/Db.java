package dev.vigil.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * Connections and transactions for both dialects. SQLite runs in WAL mode with a busy time-out and
 * IMMEDIATE transactions, so that writers queue on the database lock instead of failing with
 * "database is locked"; PostgreSQL serialises writers on row locks. Transactions that still lose a
 * race (SQLITE_BUSY after the time-out, PostgreSQL serialisation failure or deadlock) are retried.
 */
public final class Db implements AutoCloseable {
  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  private static final int MAX_ATTEMPTS = 20;

  private final HikariDataSource ds;
  private final boolean sqlite;
  private final String url;

  public Db(String url, String schema, int maxConnections) {
    this.url = url;
    this.sqlite = url.startsWith("jdbc:sqlite:");
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setMaximumPoolSize(maxConnections);
    hc.setMinimumIdle(0);
    hc.setConnectionTimeout(120_000);
    hc.setPoolName("vigil-store");
    if (sqlite) {
      SQLiteConfig cfg = new SQLiteConfig();
      cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
      cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      cfg.setBusyTimeout(60_000);
      cfg.enforceForeignKeys(true);
      cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      Properties p = cfg.toProperties();
      hc.setDataSourceProperties(p);
    } else {
      // Batches of inserts (metrics) become multi-row INSERTs: several times fewer server round trips.
      hc.addDataSourceProperty("reWriteBatchedInserts", "true");
      if (schema != null) {
        hc.setSchema(schema);
      }
    }
    try {
      this.ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the store database " + redact(url) + ": " + rootMessage(e), e);
    }
  }

  public javax.sql.DataSource dataSource() {
    return ds;
  }

  public boolean sqlite() {
    return sqlite;
  }

  /** The JDBC URL (with its credentials: not for messages). */
  String url() {
    return url;
  }

  /** The URL without credentials, for messages. */
  public String displayUrl() {
    return redact(url);
  }

  /** Runs {@code work} in autocommit mode (reads). */
  public <T> T read(Work<T> work) {
    try (Connection c = ds.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new StoreException("store " + redact(url) + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction, retried from the start when it loses a lock race. */
  public <T> T tx(Work<T> work) {
    SQLException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          T out = work.apply(c);
          c.commit();
          return out;
        } catch (SQLException | RuntimeException e) {
          try {
            c.rollback();
          } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
          }
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      } catch (SQLException e) {
        if (!retryable(e)) {
          throw new StoreException("store " + redact(url) + ": " + e.getMessage(), e);
        }
        last = e;
        try {
          Thread.sleep(Math.min(200, 5L * attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new StoreException("interrupted while retrying a store transaction", ie);
        }
      }
    }
    throw new StoreException("store " + redact(url) + ": gave up after " + MAX_ATTEMPTS + " attempts: " + last.getMessage(), last);
  }

  static boolean retryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
          return true;
        }
        String m = String.valueOf(s.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("sqlite_busy") || m.contains("database is locked") || m.contains("sqlite_locked")) {
          return true;
        }
      }
    }
    return false;
  }

  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null) {
      r = r.getCause();
    }
    return r.getMessage();
  }

  @Override
  public void close() {
    ds.close();
  }
}
