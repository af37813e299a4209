package dev.vigil.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store contract on PostgreSQL, against the server named by {@code VIGIL_TEST_PG_URL} (.ci/run
 * starts one and sets it; in CI a missing URL fails instead of skipping). Each test gets its own
 * schema, dropped afterwards, so that concurrent builds on one server do not meet.
 */
class PostgresStoreIT extends StoreContract {
  private static final String URL = System.getenv("VIGIL_TEST_PG_URL");
  private String schema;

  @BeforeEach
  @Override
  void open() {
    if ("true".equals(System.getenv("CI"))) {
      Assertions.assertTrue(URL != null && !URL.isEmpty(), "CI must set VIGIL_TEST_PG_URL for the PostgreSQL suite");
    }
    Assumptions.assumeTrue(URL != null && !URL.isEmpty(), "VIGIL_TEST_PG_URL not set");
    schema = String.format(Locale.ROOT, "vigil_t_%016x", ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    super.open();
  }

  @AfterEach
  @Override
  void close() throws Exception {
    if (store == null) {
      return;
    }
    super.close();
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Override
  StoreOptions options(Path home) {
    return StoreOptions.embedded(home).withJdbcUrl(URL).withSchema(schema);
  }

  @org.junit.jupiter.api.Test
  void anotherProcessesAliasMoveReachesTheCachedResolution() throws Exception {
    register("m", "v1");
    register("m", "v2");
    store.registry().setAlias("m", "champion", 1, "ana", "", java.util.List.of());
    try (Store other = Store.open(options(dir.resolve("other")))) {
      dev.vigil.store.internal.JdbcRegistry mine = (dev.vigil.store.internal.JdbcRegistry) store.registry();
      Assertions.assertFalse(mine.aliasCacheListening(), "the listener starts with the first resolution");
      Assertions.assertEquals(1, store.registry().resolveAlias("m", "champion"));
      long until = System.nanoTime() + 10_000_000_000L;
      while (!mine.aliasCacheListening() && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      Assertions.assertTrue(mine.aliasCacheListening(), "the alias cache should be listening");
      Assertions.assertEquals(1, store.registry().resolveAlias("m", "champion"));
      Assertions.assertEquals(1, store.registry().resolveAlias("m", "champion")); // now from the cache
      other.registry().setAlias("m", "champion", 2, "bob", "moved elsewhere", java.util.List.of());
      long seen = 1;
      until = System.nanoTime() + 10_000_000_000L;
      while (seen != 2 && System.nanoTime() < until) {
        seen = store.registry().resolveAlias("m", "champion");
        Thread.sleep(1);
      }
      Assertions.assertEquals(2, seen, "the move made through another store must reach this one's cache");
      store.registry().setAlias("m", "champion", 1, "ana", "back", java.util.List.of());
      Assertions.assertEquals(1, store.registry().resolveAlias("m", "champion"), "a store reads its own move at once");
      other.registry().deleteAlias("m", "champion", "bob", "gone");
      until = System.nanoTime() + 10_000_000_000L;
      boolean gone = false;
      while (!gone && System.nanoTime() < until) {
        try {
          store.registry().resolveAlias("m", "champion");
          Thread.sleep(1);
        } catch (dev.vigil.NotFoundException e) {
          gone = true;
        }
      }
      Assertions.assertTrue(gone, "a deleted alias must stop resolving");
    }
  }

  @Override
  Connection rawConnection() throws Exception {
    Connection c = DriverManager.getConnection(URL);
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + schema);
    }
    return c;
  }
}
