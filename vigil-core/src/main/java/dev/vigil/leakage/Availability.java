package dev.vigil.leakage;

import dev.vigil.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;

/**
 * When the value of a feature becomes known, for the {@code temporal-leak} check.
 *
 * <ul>
 *   <li>{@link #column(String)}: a per-row timestamp column holding the instant the value was
 *       recorded (e.g. {@code lab_result_time}).
 *   <li>{@link #after(Duration)}: the value is known a fixed delay after the row's event time
 *       (e.g. a monthly aggregate published 3 days after the month closes).
 * </ul>
 *
 * A value is <em>future data</em> for a row when its availability instant is at or after the row's
 * prediction time: a value stamped at the prediction instant itself is counted as a leak.
 */
public record Availability(String column, Duration delay) {
  public Availability {
    InvalidArgumentException.check((column == null) != (delay == null),
        "availability: give exactly one of a column or a delay");
    InvalidArgumentException.check(delay == null || !delay.isNegative(), "availability delay must be >= 0: %s", delay);
  }

  /** Availability read per row from the timestamp column {@code name}. */
  public static Availability column(String name) {
    return new Availability(Objects.requireNonNull(name, "name"), null);
  }

  /** Availability a fixed {@code delay} (≥ 0) after the row's event time. */
  public static Availability after(Duration delay) {
    return new Availability(null, Objects.requireNonNull(delay, "delay"));
  }

  /**
   * Parses {@code "column:NAME"}, a bare column name, or a delay {@code "+PT72H"} / {@code "+3d"} /
   * {@code "+12h"} / {@code "+30m"} / {@code "+0"}.
   *
   * @throws InvalidArgumentException naming the text when it is none of these
   */
  public static Availability parse(String text) {
    String t = text == null ? "" : text.trim();
    InvalidArgumentException.check(!t.isEmpty(), "availability must be a column name or a +delay: empty");
    if (t.startsWith("column:")) {
      return column(t.substring(7).trim());
    }
    if (!t.startsWith("+")) {
      return column(t);
    }
    String d = t.substring(1).trim();
    try {
      if (d.startsWith("P") || d.startsWith("p")) {
        return after(Duration.parse(d));
      }
      if (d.equals("0")) {
        return after(Duration.ZERO);
      }
      long v = Long.parseLong(d.substring(0, d.length() - 1));
      return switch (Character.toLowerCase(d.charAt(d.length() - 1))) {
        case 'd' -> after(Duration.ofDays(v));
        case 'h' -> after(Duration.ofHours(v));
        case 'm' -> after(Duration.ofMinutes(v));
        case 's' -> after(Duration.ofSeconds(v));
        default -> throw new NumberFormatException(d);
      };
    } catch (RuntimeException e) {
      throw new InvalidArgumentException(
          "availability delay must look like +3d, +12h, +30m, +45s or +PT72H: " + text, e);
    }
  }
}
