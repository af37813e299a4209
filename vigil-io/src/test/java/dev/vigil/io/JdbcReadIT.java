package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.DataFormatException;
import dev.vigil.StoreException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDBC sources: SQLite always; PostgreSQL when {@code VIGIL_TEST_PG_URL} names a server (.ci/run
 * installs and starts one, so CI always runs it).
 */
class JdbcReadIT {
  @TempDir Path dir;

  private static void fill(Connection c, String createTable) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS scans");
      st.execute(createTable);
      st.execute("INSERT INTO scans VALUES (1, 'st-marys', 4.5, NULL), (2, 'riverside', NULL, 'x'), (3, 'st-marys', 7.25, 'y')");
    }
  }

  @Test
  void readsASqliteQueryInChunks() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("app.db");
    try (Connection c = DriverManager.getConnection(url)) {
      fill(c, "CREATE TABLE scans (id INTEGER, site TEXT, size REAL, note TEXT)");
    }
    List<Table> chunks = new ArrayList<>();
    try (TableReader r = Tables.openJdbc(url, "SELECT * FROM scans ORDER BY id", null,
        ReadOptions.builder().chunkRows(2).build())) {
      r.forEachRemaining(chunks::add);
    }
    assertThat(chunks).hasSize(2);
    Table t = Table.concat(chunks);
    assertThat(t.schema().field("id").type()).isEqualTo(ColumnType.LONG);
    assertThat(t.schema().field("size").type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(t.doubleColumn("size").isMissing(1)).isTrue();
    assertThat(t.column("site").getObject(2)).isEqualTo("st-marys");
    assertThat(t.column("note").isMissing(0)).isTrue();
  }

  @Test
  void valuesThatDoNotConvertFollowTheBadRowPolicy() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("bad.db");
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (a TEXT, b TEXT)");
      st.execute("INSERT INTO t VALUES ('1', 'x'), ('two', 'y'), ('3', 'z')");
    }
    ReadOptions asLong = ReadOptions.builder().type("a", ColumnType.LONG).build();
    assertThatThrownBy(() -> Tables.readJdbc(url, "SELECT a, b FROM t", null, asLong))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("row 2, column \"a\": expected long, found \"two\"");
    ReadOptions skip = asLong.toBuilder().badRows(BadRowPolicy.SKIP).build();
    try (TableReader r = Tables.openJdbc(url, "SELECT b, a FROM t", null, skip)) {
      Table t = r.readAll();
      assertThat(t.longColumn("a").toArray()).containsExactly(1, 3);
      assertThat(t.column("b").getObject(1)).as("the partly read row is removed").isEqualTo("z");
      assertThat(r.summary().rowsSkipped()).isEqualTo(1);
    }
  }

  @Test
  void badQueryAndMissingDriverAreClearErrors() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("app.db");
    assertThatThrownBy(() -> Tables.readJdbc(url, "SELECT * FROM nope", null, ReadOptions.defaults()))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("SELECT * FROM nope")
        .hasMessageContaining("no such table");
    assertThatThrownBy(() -> Tables.readJdbc("jdbc:nosuchdb://x", "SELECT 1", null, ReadOptions.defaults()))
        .isInstanceOf(StoreException.class).hasMessageContaining("put the database's JDBC driver on the classpath");
  }

  @Test
  void readsAPostgresQuery() throws Exception {
    String url = System.getenv("VIGIL_TEST_PG_URL");
    Assumptions.assumeTrue(url != null && !url.isEmpty(), "VIGIL_TEST_PG_URL not set");
    try (Connection c = DriverManager.getConnection(url)) {
      fill(c, "CREATE TABLE scans (id BIGINT, site TEXT, size DOUBLE PRECISION, note TEXT)");
    }
    Table t = Tables.readJdbc(url, "SELECT * FROM scans ORDER BY id", null, ReadOptions.builder().chunkRows(2).build());
    assertThat(t.rowCount()).isEqualTo(3);
    assertThat(t.longColumn("id").toArray()).containsExactly(1, 2, 3);
    assertThat(t.doubleColumn("size").get(2)).isEqualTo(7.25);
    assertThat(t.doubleColumn("size").isMissing(1)).isTrue();
  }
}
