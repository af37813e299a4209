package dev.vigil.validate;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnBuilder;
import dev.vigil.data.ColumnType;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.profile.PatternClass;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cleaning helpers that never lose data silently: each returns the cleaned table together with
 * what it removed or could not convert.
 */
public final class Cleaning {
  private Cleaning() {}

  /**
   * The outcome of a cleaning step.
   *
   * @param table the cleaned table
   * @param affected rows removed (dedupe) or values that did not convert (cast) or changed (normalise)
   * @param examples a few affected rows: {@code row} and the values concerned
   */
  public record Result(Table table, long affected, List<Map<String, Object>> examples) {
    public Result {
      examples = List.copyOf(examples);
    }
  }

  /**
   * Removes rows equal to an earlier row on {@code keys} (all columns when none are given), keeping
   * the first. Missing equals missing.
   *
   * @throws dev.vigil.SchemaMismatchException naming an unknown key column
   */
  public static Result dedupe(Table t, String... keys) {
    List<Column> cols = new ArrayList<>();
    if (keys.length == 0) {
      cols.addAll(t.columns());
    } else {
      for (String k : keys) {
        cols.add(t.column(k));
      }
    }
    Set<List<Object>> seen = new HashSet<>();
    int[] keep = new int[t.rowCount()];
    int n = 0;
    long removed = 0;
    List<Map<String, Object>> ex = new ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
      List<Object> key = new ArrayList<>(cols.size());
      for (Column c : cols) {
        key.add(c.getObject(i));
      }
      if (seen.add(key)) {
        keep[n++] = i;
      } else {
        removed++;
        if (ex.size() < 5) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("row", i);
          for (Column c : cols) {
            e.put(c.name(), c.getObject(i) == null ? null : c.getObject(i).toString());
          }
          ex.add(e);
        }
      }
    }
    return new Result(t.select(java.util.Arrays.copyOf(keep, n)), removed, ex);
  }

  /**
   * Normalises every text (string and categorical) column: Unicode NFKC, trim, inner whitespace runs
   * to one space, and lower case ({@link Locale#ROOT}) when {@code lowerCase}. Empty results stay
   * empty strings (not missing).
   */
  public static Result normalizeStrings(Table t, boolean lowerCase) {
    List<Column> out = new ArrayList<>();
    long changed = 0;
    List<Map<String, Object>> ex = new ArrayList<>();
    for (Column c : t.columns()) {
      if (c.type() != ColumnType.STRING && c.type() != ColumnType.CATEGORICAL) {
        out.add(c);
        continue;
      }
      ColumnBuilder b = c.type() == ColumnType.STRING ? StringColumn.builder(c.name()) : CategoricalColumn.builder(c.name());
      for (int i = 0; i < c.size(); i++) {
        if (c.isMissing(i)) {
          b.addMissing();
          continue;
        }
        String s = (String) c.getObject(i);
        String v = Normalizer.normalize(s, Normalizer.Form.NFKC).trim().replaceAll("\\s+", " ");
        if (lowerCase) {
          v = v.toLowerCase(Locale.ROOT);
        }
        if (!v.equals(s)) {
          changed++;
          if (ex.size() < 5) {
            ex.add(Map.of("row", i, "column", c.name(), "from", s, "to", v));
          }
        }
        b.addObject(v);
      }
      out.add(b.build());
    }
    return new Result(Table.of(out), changed, ex);
  }

  /**
   * Casts text column {@code column} to {@code type} (long, double, boolean, timestamp); values that
   * do not convert become missing and are counted with examples. Timestamps accept ISO instants,
   * local date-times and dates (as UTC).
   *
   * @throws InvalidArgumentException when the column is not text or the target is text
   */
  public static Result cast(Table t, String column, ColumnType type) {
    Column c = t.column(column);
    InvalidArgumentException.check(c.type() == ColumnType.STRING || c.type() == ColumnType.CATEGORICAL,
        "cast of \"%s\": expected a text column, found %s", column, c.type().jsonName());
    InvalidArgumentException.check(type != ColumnType.STRING && type != ColumnType.CATEGORICAL,
        "cast of \"%s\": target must be long, double, boolean or timestamp: %s", column, type.jsonName());
    ColumnBuilder b = ColumnBuilder.of(column, type);
    long failed = 0;
    List<Map<String, Object>> ex = new ArrayList<>();
    for (int i = 0; i < c.size(); i++) {
      if (c.isMissing(i)) {
        b.addMissing();
        continue;
      }
      String s = ((String) c.getObject(i)).trim();
      Object v = parse(s, type);
      if (v == null) {
        failed++;
        b.addMissing();
        if (ex.size() < 5) {
          ex.add(Map.of("row", i, "column", column, "value", s));
        }
      } else {
        b.addObject(v);
      }
    }
    return new Result(t.withColumn(b.build()), failed, ex);
  }

  private static Object parse(String s, ColumnType type) {
    try {
      switch (type) {
        case LONG:
          return PatternClass.of(s) == PatternClass.INTEGER ? Long.parseLong(s.startsWith("+") ? s.substring(1) : s) : null;
        case DOUBLE:
          return Double.parseDouble(s);
        case BOOLEAN:
          String l = s.toLowerCase(Locale.ROOT);
          return l.equals("true") || l.equals("yes") || l.equals("1") ? Boolean.TRUE
              : l.equals("false") || l.equals("no") || l.equals("0") ? Boolean.FALSE : null;
        case TIMESTAMP:
          try {
            return Instant.parse(s);
          } catch (DateTimeParseException e) {
            try {
              return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
              return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
          }
        default:
          return null;
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }
}
