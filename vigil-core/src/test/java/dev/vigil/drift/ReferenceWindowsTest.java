package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.SchemaMismatchException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReferenceWindowsTest {
  /** Four weeks of hourly rows from Monday 2026-11-02 00:00 UTC; value = hour of week. */
  static Table hourly() {
    int n = 28 * 24;
    long[] t = new long[n];
    double[] v = new double[n];
    Instant start = Instant.parse("2026-11-02T00:00:00Z");
    for (int i = 0; i < n; i++) {
      t[i] = TimestampColumn.toMicros(start.plus(Duration.ofHours(i)));
      v[i] = i % 168;
    }
    return Table.of(TimestampColumn.of("ts", t, null, ZoneOffset.UTC), DoubleColumn.of("how", v));
  }

  @Test
  void seasonalPicksTheSameHoursOfEarlierWeeks() {
    Instant start = Instant.parse("2026-11-23T09:00:00Z");
    Table ref = ReferenceWindows.seasonal(hourly(), "ts", start, start.plus(Duration.ofHours(3)),
        ReferenceWindows.Season.HOUR_OF_WEEK, 2, ZoneOffset.UTC);
    assertThat(ref.rowCount()).isEqualTo(6);
    for (int i = 0; i < ref.rowCount(); i++) {
      assertThat(ref.doubleColumn("how").get(i)).isBetween(9.0, 11.0);
    }
  }

  @Test
  void slidingAndFixedAreHalfOpenPeriods() {
    Instant start = Instant.parse("2026-11-09T00:00:00Z");
    assertThat(ReferenceWindows.sliding(hourly(), "ts", start, Duration.ofDays(1)).rowCount()).isEqualTo(24);
    assertThat(ReferenceWindows.fixed(hourly(), "ts", Instant.parse("2026-11-02T00:00:00Z"), start).rowCount()).isEqualTo(168);
  }

  @Test
  void timeColumnMustExistAndBeATimestamp() {
    assertThatThrownBy(() -> ReferenceWindows.fixed(hourly(), "how", Instant.EPOCH, Instant.EPOCH.plusSeconds(60)))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("must be a timestamp");
    assertThatThrownBy(() -> ReferenceWindows.seasonal(hourly(), "nope", Instant.EPOCH, Instant.EPOCH.plusSeconds(60),
        ReferenceWindows.Season.DAY_OF_YEAR, 1, ZoneOffset.UTC)).hasMessageContaining("\"nope\"");
  }
}
