package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prediction-log catalogue on SQLite and (when VIGIL_TEST_PG_URL is set) PostgreSQL. */
class LogSegmentsTest {
  @TempDir Path dir;

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  static LogSegment seg(String path, String model, int startMinute, int endMinute) {
    return new LogSegment(path, model, List.of("1", "2"), T0.plusSeconds(60L * startMinute), T0.plusSeconds(60L * endMinute),
        100, 4096, "sha256:" + "ab".repeat(32));
  }

  static void contract(Store s) {
    LogSegments c = s.logSegments();
    assertThat(c.record(seg("/log/model=a/s1.parquet", "a", 0, 5))).isTrue();
    assertThat(c.record(seg("/log/model=a/s2.parquet", "a", 5, 10))).isTrue();
    assertThat(c.record(seg("/log/model=b/s1.parquet", "b", 2, 3))).isTrue();
    assertThat(c.record(seg("/log/model=a/s1.parquet", "a", 0, 5))).as("idempotent by path").isFalse();
    assertThat(c.contains("/log/model=a/s2.parquet")).isTrue();
    assertThat(c.contains("/log/model=a/s9.parquet")).isFalse();
    assertThat(c.list(Optional.empty(), Optional.empty(), Optional.empty())).hasSize(3);
    List<LogSegment> a = c.list(Optional.of("a"), Optional.empty(), Optional.empty());
    assertThat(a).extracting(LogSegment::path).containsExactly("/log/model=a/s1.parquet", "/log/model=a/s2.parquet");
    assertThat(a.get(0)).isEqualTo(seg("/log/model=a/s1.parquet", "a", 0, 5));
    // overlap with [minute 6, minute 20]: only s2; with [minute 5, 5]: both touch it
    assertThat(c.list(Optional.of("a"), Optional.of(T0.plusSeconds(360)), Optional.of(T0.plusSeconds(1200))))
        .extracting(LogSegment::path).containsExactly("/log/model=a/s2.parquet");
    assertThat(c.list(Optional.of("a"), Optional.of(T0.plusSeconds(300)), Optional.of(T0.plusSeconds(300)))).hasSize(2);
    assertThat(c.list(Optional.empty(), Optional.empty(), Optional.of(T0.plusSeconds(60)))).extracting(LogSegment::model)
        .containsExactly("a");
  }

  @Test
  void sqliteCataloguesAndListsSegments() {
    try (Store s = Store.open(StoreOptions.embedded(dir.resolve("home")))) {
      contract(s);
    }
  }

  @Test
  void postgresCataloguesAndListsSegments() throws Exception {
    String url = System.getenv("VIGIL_TEST_PG_URL");
    Assumptions.assumeTrue(url != null && !url.isEmpty(), "VIGIL_TEST_PG_URL not set");
    String schema = String.format(Locale.ROOT, "vigil_seg_%016x", ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    try (Store s = Store.open(StoreOptions.embedded(dir.resolve("pg")).withJdbcUrl(url).withSchema(schema))) {
      contract(s);
    } finally {
      try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  void refusesAnInvertedTimeRange() {
    assertThatThrownBy(() -> seg("/x", "a", 5, 1)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("before");
  }
}
