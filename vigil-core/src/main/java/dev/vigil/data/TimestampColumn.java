package dev.vigil.data;

import dev.vigil.InvalidArgumentException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A column of instants stored as microseconds since 1970-01-01T00:00Z, with a zone used for display
 * and for interpreting local date-times on input (UTC unless told otherwise).
 */
public final class TimestampColumn extends Column {
  private final long[] micros;
  private final ZoneId zone;

  TimestampColumn(String name, long[] micros, int offset, int size, long[] missing, ZoneId zone) {
    super(name, offset, size, missing);
    this.micros = micros;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** A UTC column over a copy of {@code epochMicros}, none missing. */
  public static TimestampColumn of(String name, long... epochMicros) {
    return new TimestampColumn(name, epochMicros.clone(), 0, epochMicros.length, null, ZoneOffset.UTC);
  }

  /** A column over a copy of {@code epochMicros}; {@code missing[i]} marks position i missing. */
  public static TimestampColumn of(String name, long[] epochMicros, boolean[] missing, ZoneId zone) {
    return new TimestampColumn(name, epochMicros.clone(), 0, epochMicros.length,
        DoubleColumn.maskOf(epochMicros.length, missing), zone);
  }

  @Override
  public ColumnType type() {
    return ColumnType.TIMESTAMP;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Microseconds since the epoch at {@code i}; unspecified when missing. */
  public long getMicros(int i) {
    Objects.checkIndex(i, size);
    return micros[offset + i];
  }

  /** The instant at {@code i}, or null when missing. */
  public Instant get(int i) {
    return isMissing(i) ? null : toInstant(getMicros(i));
  }

  static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** Microseconds since the epoch of {@code t}. */
  public static long toMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000L);
  }

  @Override
  public Object getObject(int i) {
    return get(i);
  }

  /** ISO-8601 in the column's zone: {@code 2024-03-01T12:00:00Z} for UTC. */
  @Override
  public String format(int i) {
    Instant t = get(i);
    if (t == null) {
      return "";
    }
    return zone.equals(ZoneOffset.UTC) ? t.toString() : ZonedDateTime.ofInstant(t, zone).toOffsetDateTime().toString();
  }

  @Override
  public TimestampColumn slice(int from, int to) {
    checkRange(from, to);
    return new TimestampColumn(name, micros, offset + from, to - from, missing, zone);
  }

  @Override
  public TimestampColumn select(int[] rows) {
    long[] out = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = micros[offset + Objects.checkIndex(rows[i], size)];
    }
    return new TimestampColumn(name, out, 0, rows.length, selectMissing(rows), zone);
  }

  @Override
  public TimestampColumn rename(String newName) {
    return new TimestampColumn(newName, micros, offset, size, missing, zone);
  }

  @Override
  void appendValueTo(int i, ColumnBuilder b) {
    ((Builder) b).addMicros(micros[offset + i]);
  }

  public static Builder builder(String name, ZoneId zone) {
    return new Builder(name, zone);
  }

  /**
   * Appends instants. {@link #addObject} accepts {@link Instant}, {@link OffsetDateTime},
   * {@link ZonedDateTime}, {@link LocalDateTime} and {@link LocalDate} (in the builder's zone),
   * {@code java.sql.Timestamp}/{@code java.util.Date}, and ISO-8601 text.
   */
  public static final class Builder extends ColumnBuilder {
    private long[] values = new long[16];
    private final ZoneId zone;

    Builder(String name, ZoneId zone) {
      super(name);
      this.zone = zone;
    }

    public Builder addMicros(long epochMicros) {
      if (size == values.length) {
        ensure(size + 1);
      }
      values[size++] = epochMicros;
      return this;
    }

    public Builder add(Instant t) {
      return t == null ? (Builder) addMissing() : addMicros(toMicros(t));
    }

    @Override
    public Builder addObject(Object v) {
      if (v == null) {
        addMissing();
      } else if (v instanceof Instant t) {
        add(t);
      } else if (v instanceof OffsetDateTime t) {
        add(t.toInstant());
      } else if (v instanceof ZonedDateTime t) {
        add(t.toInstant());
      } else if (v instanceof LocalDateTime t) {
        add(t.atZone(zone).toInstant());
      } else if (v instanceof LocalDate d) {
        add(d.atStartOfDay(zone).toInstant());
      } else if (v instanceof java.sql.Timestamp t) {
        add(t.toLocalDateTime().atZone(zone).toInstant());
      } else if (v instanceof java.sql.Date d) {
        add(d.toLocalDate().atStartOfDay(zone).toInstant());
      } else if (v instanceof java.util.Date d) {
        add(d.toInstant());
      } else {
        add(parse(v.toString().trim()));
      }
      return this;
    }

    private Instant parse(String s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e1) {
        try {
          return LocalDateTime.parse(s.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException e2) {
          try {
            return LocalDate.parse(s).atStartOfDay(zone).toInstant();
          } catch (DateTimeParseException e3) {
            throw new InvalidArgumentException("expected an ISO-8601 timestamp for column \"" + name
                + "\", found \"" + s + "\"", e3);
          }
        }
      }
    }

    @Override
    void ensure(int capacity) {
      if (capacity > values.length) {
        values = Arrays.copyOf(values, grownCapacity(values.length, capacity));
      }
    }

    @Override
    public ColumnType type() {
      return ColumnType.TIMESTAMP;
    }

    @Override
    public TimestampColumn build() {
      long[] v = values.length == size ? values : Arrays.copyOf(values, size);
      values = null;
      return new TimestampColumn(name, v, 0, size, finishMask(), zone);
    }
  }
}
