package dev.vigil.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/** The store contract on embedded SQLite (WAL). */
class SqliteStoreTest extends StoreContract {
  private Path home;

  @Override
  StoreOptions options(Path h) {
    this.home = h;
    return StoreOptions.embedded(h);
  }

  @Override
  Connection rawConnection() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + home.resolve("vigil.db"));
  }
}
