package dev.vigil.store.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alias answers ({@code model@alias -> version}) kept in process on PostgreSQL, so that resolving an
 * alias on the serving path needs no round trip to the database. Measured under load, the round trip
 * itself is the tail: {@code SELECT 1} and the alias query have the same p99 (see docs/benchmarks.md).
 *
 * <p>Correctness across processes: a statement trigger on {@code aliases} (migration V5) sends
 * {@code NOTIFY vigil_aliases} in the writing transaction, delivered at commit to every listening
 * store; this listener then drops every cached answer. A move made in this process drops them right
 * after its commit too, so a writer reads its own move. Answers are cached only while the listener is
 * connected, and only when no invalidation happened between reading the database and caching; when
 * the listening connection fails (or a liveness probe every few seconds fails) caching stops and the
 * cache is emptied until it listens again. Another process's move is therefore seen at most one
 * notification delivery (milliseconds) after its commit.
 */
final class AliasCache implements AutoCloseable {
  static final String CHANNEL = "vigil_aliases";
  private static final Logger LOG = LoggerFactory.getLogger(AliasCache.class);
  private static final int POLL_MS = 500;
  private static final long PROBE_EVERY_MS = 5_000;

  private final ConcurrentHashMap<String, Long> answers = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final String url;
  private final String schema;
  private final Thread listener;
  private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean listening;
  private volatile boolean closed;
  private volatile Connection connection;

  /** The listener starts with the first lookup, so that a store that never resolves aliases holds no extra connection. */
  AliasCache(String url, String schema) {
    this.url = url;
    this.schema = schema;
    this.listener = new Thread(this::listen, "vigil-alias-listener");
    listener.setDaemon(true);
  }

  /** The generation to pass to {@link #put}; read it before reading the database. */
  long generation() {
    return generation.get();
  }

  Optional<Long> get(String model, String alias) {
    if (!started.get() && !closed && started.compareAndSet(false, true)) {
      listener.start();
    }
    return listening ? Optional.ofNullable(answers.get(key(model, alias))) : Optional.empty();
  }

  /** Caches an answer read after {@code gen} was taken, unless an invalidation came in between. */
  void put(String model, String alias, long version, long gen) {
    if (!listening || generation.get() != gen) {
      return;
    }
    String k = key(model, alias);
    answers.put(k, version);
    if (generation.get() != gen) {
      answers.remove(k);
    }
  }

  void invalidate() {
    generation.incrementAndGet();
    answers.clear();
  }

  /** Whether answers are being cached (the listener is connected). */
  boolean listening() {
    return listening;
  }

  private static String key(String model, String alias) {
    return model + "\u0000" + alias;
  }

  private void listen() {
    long backoff = 100;
    while (!closed) {
      try (Connection c = DriverManager.getConnection(url)) {
        connection = c;
        if (closed) {
          return;
        }
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        invalidate();
        listening = true;
        backoff = 100;
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastProbe = System.nanoTime();
        while (!closed) {
          PGNotification[] ns = pg.getNotifications(POLL_MS);
          if (ns != null && ns.length > 0) {
            invalidate();
          }
          if ((System.nanoTime() - lastProbe) / 1_000_000 >= PROBE_EVERY_MS) {
            try (Statement s = c.createStatement()) {
              s.execute("SELECT 1");
            }
            lastProbe = System.nanoTime();
          }
        }
      } catch (SQLException | RuntimeException e) {
        listening = false;
        invalidate();
        if (!closed && !Thread.currentThread().isInterrupted()) {
          LOG.warn("alias cache: listening for alias changes failed ({}); resolving through the database until it reconnects",
              e.getMessage());
          try {
            Thread.sleep(backoff);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
          }
          backoff = Math.min(10_000, backoff * 2);
        }
      } finally {
        listening = false;
        invalidate();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    listening = false;
    invalidate();
    if (!started.get()) {
      return;
    }
    Connection c = connection;
    if (c != null) {
      try {
        c.close(); // ends a getNotifications wait at once
      } catch (SQLException ignored) {
        // the listener thread exits on its next check of 'closed' anyway
      }
    }
    listener.interrupt();
    try {
      listener.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "AliasCache[" + (schema == null ? "" : schema) + ", listening=" + listening + "]";
  }
}
