package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.Column;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;

/**
 * Chooses the reference rows for a current window [start, end) from a history table with a timestamp
 * column. Rows whose time is missing are never chosen. Every window is half-open.
 *
 * <ul>
 *   <li><b>fixed</b>: the rows in [from, to) (e.g. the training period), the same for every window;
 *   <li><b>sliding</b>: the rows in [start − length, start), the period just before the window;
 *   <li><b>seasonal</b>: the rows of the {@code cycles} previous cycles whose phase (hour of day, hour
 *       of week, day of week or day of year, in {@code zone}) equals the phase of some instant of the
 *       window: the same hours of the same weekday last week(s), the same day last year. Rows at or
 *       after the window's start are never used.
 * </ul>
 */
public final class ReferenceWindows {
  private ReferenceWindows() {}

  /** The phase a seasonal reference matches. */
  public enum Season {
    /** 0..23, cycle one day. */
    HOUR_OF_DAY(Duration.ofDays(1)),
    /** 0..167 (Monday 00h = 0), cycle one week. */
    HOUR_OF_WEEK(Duration.ofDays(7)),
    /** 1..7 (Monday = 1), cycle one week. */
    DAY_OF_WEEK(Duration.ofDays(7)),
    /** 1..366, cycle one year (366 days of look-back per cycle). */
    DAY_OF_YEAR(Duration.ofDays(366));

    private final Duration cycle;

    Season(Duration cycle) {
      this.cycle = cycle;
    }

    /** Parses {@code hour-of-day}, {@code hour-of-week}, {@code day-of-week}, {@code day-of-year}. */
    public static Season parse(String s) {
      String n = s == null ? "" : s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      try {
        return valueOf(n);
      } catch (IllegalArgumentException e) {
        throw new InvalidArgumentException(
            "unknown season \"" + s + "\": expected hour-of-day, hour-of-week, day-of-week or day-of-year", e);
      }
    }

    int phase(ZonedDateTime t) {
      return switch (this) {
        case HOUR_OF_DAY -> t.getHour();
        case HOUR_OF_WEEK -> (t.getDayOfWeek().getValue() - 1) * 24 + t.getHour();
        case DAY_OF_WEEK -> t.getDayOfWeek().getValue();
        case DAY_OF_YEAR -> t.getDayOfYear();
      };
    }

    int phases() {
      return switch (this) {
        case HOUR_OF_DAY -> 24;
        case HOUR_OF_WEEK -> 168;
        case DAY_OF_WEEK -> 8;
        case DAY_OF_YEAR -> 367;
      };
    }
  }

  /** Rows of {@code history} with time in [from, to). */
  public static Table fixed(Table history, String timeColumn, Instant from, Instant to) {
    InvalidArgumentException.check(from.isBefore(to), "fixed reference needs from < to: %s, %s", from, to);
    TimestampColumn t = time(history, timeColumn);
    long a = TimestampColumn.toMicros(from);
    long b = TimestampColumn.toMicros(to);
    return pick(history, t, (i, us) -> us >= a && us < b);
  }

  /** Rows of {@code history} with time in [start − length, start). */
  public static Table sliding(Table history, String timeColumn, Instant start, Duration length) {
    InvalidArgumentException.check(!length.isNegative() && !length.isZero(), "sliding length must be positive: %s", length);
    return fixed(history, timeColumn, start.minus(length), start);
  }

  /**
   * Rows of {@code history} in the {@code cycles} (≥ 1) cycles before {@code start} whose phase
   * matches a phase of the window [start, end) (window phases are enumerated hour by hour, or day by
   * day for day seasons).
   */
  public static Table seasonal(Table history, String timeColumn, Instant start, Instant end, Season season, int cycles,
      ZoneId zone) {
    InvalidArgumentException.check(start.isBefore(end), "seasonal window needs start < end: %s, %s", start, end);
    InvalidArgumentException.check(cycles >= 1, "seasonal reference needs at least 1 cycle: %d", cycles);
    boolean[] wanted = new boolean[season.phases()];
    Duration step = season == Season.HOUR_OF_DAY || season == Season.HOUR_OF_WEEK ? Duration.ofHours(1) : Duration.ofDays(1);
    for (Instant t = start; t.isBefore(end); t = t.plus(step)) {
      wanted[season.phase(t.atZone(zone))] = true;
    }
    ZonedDateTime last = end.minusNanos(1000).atZone(zone);
    wanted[season.phase(last)] = true;
    TimestampColumn t = time(history, timeColumn);
    long lo = TimestampColumn.toMicros(start.minus(season.cycle.multipliedBy(cycles)));
    long hi = TimestampColumn.toMicros(start);
    return pick(history, t, (i, us) -> us >= lo && us < hi
        && wanted[season.phase(Instant.EPOCH.plus(us, java.time.temporal.ChronoUnit.MICROS).atZone(zone))]);
  }

  private interface RowTest {
    boolean keep(int i, long micros);
  }

  private static Table pick(Table history, TimestampColumn t, RowTest test) {
    int[] rows = new int[history.rowCount()];
    int k = 0;
    for (int i = 0; i < history.rowCount(); i++) {
      if (!t.isMissing(i) && test.keep(i, t.getMicros(i))) {
        rows[k++] = i;
      }
    }
    return history.select(Arrays.copyOf(rows, k));
  }

  private static TimestampColumn time(Table history, String timeColumn) {
    if (!history.hasColumn(timeColumn)) {
      throw new SchemaMismatchException("time column \"" + timeColumn + "\" is not in the history; it has "
          + history.columnNames());
    }
    Column c = history.column(timeColumn);
    if (!(c instanceof TimestampColumn tc)) {
      throw new SchemaMismatchException("time column \"" + timeColumn + "\" must be a timestamp, found " + c.type().jsonName());
    }
    return tc;
  }
}
