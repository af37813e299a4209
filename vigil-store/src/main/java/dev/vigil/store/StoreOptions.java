package dev.vigil.store;

import dev.vigil.InvalidArgumentException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a store lives.
 *
 * @param home the folder holding the artifact store ({@code artifacts/}) and, for SQLite, the database
 *     file {@code vigil.db}
 * @param jdbcUrl the database: {@code jdbc:sqlite:...} or {@code jdbc:postgresql://...}
 * @param schema the PostgreSQL schema to use (created when missing); empty: the user's default
 * @param clock the time source for every recorded time
 * @param maxConnections connection pool size, in [1, 200]
 */
public record StoreOptions(Path home, String jdbcUrl, Optional<String> schema, Clock clock, int maxConnections) {
  public StoreOptions {
    Objects.requireNonNull(home, "home");
    InvalidArgumentException.check(jdbcUrl != null && (jdbcUrl.startsWith("jdbc:sqlite:") || jdbcUrl.startsWith("jdbc:postgresql:")),
        "store URL must start with jdbc:sqlite: or jdbc:postgresql: : %s", jdbcUrl);
    InvalidArgumentException.check(schema.isEmpty() || schema.get().matches("[a-z_][a-z0-9_]{0,62}"),
        "store schema must be a lower-case SQL identifier: %s", schema.orElse(""));
    InvalidArgumentException.check(maxConnections >= 1 && maxConnections <= 200, "maxConnections must be in [1, 200]: %s", maxConnections);
    Objects.requireNonNull(clock, "clock");
  }

  /** An embedded store: SQLite file {@code home/vigil.db}, artifacts under {@code home/artifacts}. */
  public static StoreOptions embedded(Path home) {
    return new StoreOptions(home, "jdbc:sqlite:" + home.resolve("vigil.db").toAbsolutePath(), Optional.empty(),
        Clock.systemUTC(), 8);
  }

  /**
   * The store the environment names: home from {@code VIGIL_HOME} (default {@code .vigil} under
   * {@code workingDir}); database from {@code VIGIL_STORE_URL} (default SQLite in home).
   */
  public static StoreOptions fromEnvironment(Map<String, String> env, Path workingDir) {
    String h = env.get("VIGIL_HOME");
    Path home = h == null || h.isBlank() ? workingDir.resolve(".vigil") : Path.of(h);
    StoreOptions o = embedded(home);
    String url = env.get("VIGIL_STORE_URL");
    return url == null || url.isBlank() ? o : o.withJdbcUrl(url);
  }

  public StoreOptions withJdbcUrl(String url) {
    return new StoreOptions(home, url, schema, clock, maxConnections);
  }

  public StoreOptions withSchema(String s) {
    return new StoreOptions(home, jdbcUrl, Optional.of(s), clock, maxConnections);
  }

  public StoreOptions withClock(Clock c) {
    return new StoreOptions(home, jdbcUrl, schema, c, maxConnections);
  }

  public StoreOptions withMaxConnections(int n) {
    return new StoreOptions(home, jdbcUrl, schema, clock, n);
  }
}
