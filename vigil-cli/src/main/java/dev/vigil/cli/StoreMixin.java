package dev.vigil.cli;

import dev.vigil.store.Store;
import dev.vigil.store.StoreOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the tracking and registry store is: {@code --home DIR} (else {@code $VIGIL_HOME}, else
 * {@code .vigil} in the working directory) and {@code --store-url URL} (else {@code $VIGIL_STORE_URL},
 * else SQLite {@code vigil.db} in the home).
 */
public final class StoreMixin {
  @Option(names = "--home", paramLabel = "DIR",
      description = "Store folder: database (SQLite) and artifacts (default: $VIGIL_HOME, else .vigil in the working directory).")
  Path home;

  @Option(names = "--store-url", paramLabel = "JDBC_URL",
      description = "Store database, jdbc:sqlite:... or jdbc:postgresql://... (default: $VIGIL_STORE_URL, else SQLite in the home).")
  String url;

  /** Opens the store these options name. */
  public Store open() {
    StoreOptions o = StoreOptions.fromEnvironment(System.getenv(), Path.of("").toAbsolutePath());
    if (home != null) {
      StoreOptions h = StoreOptions.embedded(home);
      o = o.jdbcUrl().startsWith("jdbc:sqlite:") ? h : h.withJdbcUrl(o.jdbcUrl());
    }
    if (url != null) {
      o = o.withJdbcUrl(url);
    }
    return Store.open(o);
  }
}
