package dev.vigil.leakage.internal;

import dev.vigil.DataFormatException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.TimestampColumn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Per-cell access shared by the checks: normalised keys, numbers, text, time. */
public final class Values {
  /** The key of a missing cell. */
  public static final long MISSING = 0x9E3779B97F4A7C15L;

  private Values() {}

  /** True for columns read as numbers (double, long, boolean, timestamp). */
  public static boolean isNumeric(Column c) {
    return c instanceof DoubleColumn || c instanceof LongColumn;
  }

  /** True for columns holding text values (categorical, string). */
  public static boolean isText(Column c) {
    return c instanceof CategoricalColumn || c instanceof StringColumn;
  }

  /** The value as a double, NaN when missing; timestamps in epoch micros, booleans 0/1, text NaN. */
  public static double number(Column c, int i) {
    if (c.isMissing(i)) {
      return Double.NaN;
    }
    if (c instanceof DoubleColumn d) {
      return d.get(i);
    }
    if (c instanceof LongColumn l) {
      return l.get(i);
    }
    if (c instanceof BooleanColumn b) {
      return b.get(i) ? 1 : 0;
    }
    if (c instanceof TimestampColumn t) {
      return t.getMicros(i);
    }
    return Double.NaN;
  }

  /** The value as text (null when missing). */
  public static String text(Column c, int i) {
    if (c.isMissing(i)) {
      return null;
    }
    if (c instanceof CategoricalColumn k) {
      return k.get(i);
    }
    if (c instanceof StringColumn s) {
      return s.get(i);
    }
    return c.format(i);
  }

  /** Lower case, trimmed, inner whitespace collapsed: the normalisation of exact-duplicate hashing. */
  public static String normalise(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isWhitespace(ch)) {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(Character.toLowerCase(ch));
      }
    }
    return b.toString();
  }

  /** {@code hash(normalise(s))} without building the normalised string. */
  public static long hashNormalised(String s) {
    long h = 0xcbf29ce484222325L;
    boolean space = false;
    boolean any = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isWhitespace(ch)) {
        space = any;
      } else {
        if (space) {
          h ^= ' ';
          h *= 0x100000001b3L;
          space = false;
        }
        h ^= Character.toLowerCase(ch);
        h *= 0x100000001b3L;
        any = true;
      }
    }
    return mix(h);
  }

  /** Lower case letters and digits only: the normalisation that detects string variants. */
  public static String fold(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isLetterOrDigit(ch)) {
        b.append(Character.toLowerCase(ch));
      }
    }
    return b.toString();
  }

  /**
   * A 64-bit key per cell, equal for equal values after normalisation: numbers by their exact value
   * (-0 equals 0; every NaN is one value), text by {@link #normalise}, missing as {@link #MISSING}.
   * Categorical columns are hashed once per dictionary entry.
   */
  public static long[] keys(Column c) {
    int n = c.size();
    long[] out = new long[n];
    if (c instanceof CategoricalColumn k) {
      long[] byCode = new long[k.dictionarySize()];
      for (int j = 0; j < byCode.length; j++) {
        byCode[j] = hashNormalised(k.label(j));
      }
      for (int i = 0; i < n; i++) {
        out[i] = k.isMissing(i) ? MISSING : byCode[k.code(i)];
      }
      return out;
    }
    if (c instanceof StringColumn s) {
      for (int i = 0; i < n; i++) {
        out[i] = s.isMissing(i) ? MISSING : hashNormalised(s.get(i));
      }
      return out;
    }
    for (int i = 0; i < n; i++) {
      double v = number(c, i);
      out[i] = Double.isNaN(v) ? (c.isMissing(i) ? MISSING : mix(0x7FF8L)) : mix(Double.doubleToLongBits(v == 0 ? 0.0 : v));
    }
    return out;
  }

  /** 64-bit FNV-1a over UTF-16 units, then mixed. */
  public static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** SplitMix64 finaliser. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Combines a running row hash with a cell key (order-sensitive). */
  public static long combine(long h, long key) {
    return mix(h * 31 + key);
  }

  /**
   * Epoch microseconds per row of a time column: timestamps as is, longs as epoch micros, text
   * parsed as ISO-8601 (instant, offset date-time, local date-time or date, taken as UTC);
   * {@code Long.MIN_VALUE} when missing.
   *
   * @throws DataFormatException naming the table, row and value that does not parse
   */
  public static long[] micros(Column c, String table) {
    int n = c.size();
    long[] out = new long[n];
    if (c instanceof TimestampColumn t) {
      for (int i = 0; i < n; i++) {
        out[i] = t.isMissing(i) ? Long.MIN_VALUE : t.getMicros(i);
      }
      return out;
    }
    if (c instanceof LongColumn l) {
      for (int i = 0; i < n; i++) {
        out[i] = l.isMissing(i) ? Long.MIN_VALUE : l.get(i);
      }
      return out;
    }
    if (isText(c)) {
      Map<String, Long> cache = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String s = text(c, i);
        if (s == null) {
          out[i] = Long.MIN_VALUE;
          continue;
        }
        final int row = i;
        out[i] = cache.computeIfAbsent(s, v -> parseTime(v, table, c.name(), row));
      }
      return out;
    }
    throw DataFormatException.in(table).column(c.name()).expected("a timestamp, epoch-micros long or ISO-8601 text column")
        .found(c.type().jsonName()).build();
  }

  private static long parseTime(String v, String table, String column, int row) {
    String s = v.trim();
    try {
      Instant t;
      if (s.length() == 10) {
        t = LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      } else if (s.endsWith("Z")) {
        t = Instant.parse(s);
      } else {
        try {
          t = OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
          t = LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
      }
      return TimestampColumn.toMicros(t);
    } catch (RuntimeException e) {
      throw DataFormatException.in(table).row(row + 1L).column(column).expected("an ISO-8601 time").found(v).build(e);
    }
  }

  /** Quantile cut points (at most {@code bins - 1}, strictly increasing) of the finite values. */
  public static double[] cuts(double[] finite, int bins) {
    double[] s = finite.clone();
    Arrays.sort(s);
    double[] c = new double[bins - 1];
    int m = 0;
    for (int b = 1; b < bins; b++) {
      if (s.length == 0) {
        break;
      }
      double q = s[Math.min(s.length - 1, (int) ((long) b * s.length / bins))];
      if (m == 0 || q > c[m - 1]) {
        c[m++] = q;
      }
    }
    return Arrays.copyOf(c, m);
  }

  /** Bin index of v among cut points: number of cuts ≤ v. */
  public static int bin(double[] cuts, double v) {
    int lo = 0;
    int hi = cuts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cuts[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
