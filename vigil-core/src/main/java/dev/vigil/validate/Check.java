package dev.vigil.validate;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.ColumnType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A declared data-quality check: a {@link CheckKind}, the columns it looks at, its parameters, a
 * {@link Severity} and a name. A check is a value: it is judged by a {@link Validator}, written to
 * and read from a checks file ({@link #toMap()}, {@link #fromMap}), and proposed by
 * {@link Suggestions}.
 *
 * <p>Fluent use:
 *
 * <pre>{@code
 * List<Check> checks = List.of(
 *     Check.isComplete("id"),
 *     Check.isPrimaryKey("id"),
 *     Check.isInRange("age", 0, 120).asWarning(),
 *     Check.matches("email", "[^@ ]+@[^@ ]+").named("email looks like one"),
 *     Check.isLessThan("start", "end"));
 * ValidationResult r = Validator.of(checks).validate(table);
 * }</pre>
 *
 * @param kind what is checked
 * @param columns the columns involved (empty for table-level kinds)
 * @param params kind-specific parameters with snake_case keys (see {@link CheckKind}); values are
 *     {@code Double}, {@code String}, {@code Boolean} or {@code List<String>}
 * @param severity how bad a failure is
 * @param name a readable, unique-enough name (defaults to a description of the check)
 */
public record Check(CheckKind kind, List<String> columns, Map<String, Object> params, Severity severity, String name) {
  public Check {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    columns = List.copyOf(columns);
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    if (name == null || name.isBlank()) {
      name = describe(kind, columns, params);
    }
  }

  private static Check of(CheckKind kind, List<String> columns, Map<String, Object> params) {
    for (String c : columns) {
      InvalidArgumentException.check(c != null && !c.isEmpty(), "%s check: a column name must be non-empty", kind.jsonName());
    }
    return new Check(kind, columns, params, Severity.ERROR, null);
  }

  private static Map<String, Object> bounds(Double min, Double max) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (min != null) {
      p.put("min", min);
    }
    if (max != null) {
      p.put("max", max);
    }
    return p;
  }

  /** No value of {@code column} is missing. */
  public static Check isComplete(String column) {
    return hasCompleteness(column, 1.0);
  }

  /** At least {@code minShare} (in [0, 1]) of {@code column}'s values are present. */
  public static Check hasCompleteness(String column, double minShare) {
    InvalidArgumentException.check(minShare >= 0 && minShare <= 1, "completeness of \"%s\": min must be in [0, 1]: %s", column, minShare);
    return of(CheckKind.COMPLETENESS, List.of(column), bounds(minShare, null));
  }

  /** Every non-missing value (combination) of {@code columns} occurs once. */
  public static Check isUnique(String... columns) {
    return hasUniqueness(1.0, columns);
  }

  /** At least {@code minShare} of the non-missing rows hold a value (combination) that occurs once. */
  public static Check hasUniqueness(double minShare, String... columns) {
    InvalidArgumentException.check(columns.length > 0, "uniqueness needs at least one column");
    InvalidArgumentException.check(minShare >= 0 && minShare <= 1, "uniqueness: min must be in [0, 1]: %s", minShare);
    return of(CheckKind.UNIQUENESS, List.of(columns), bounds(minShare, null));
  }

  /** {@code columns} are complete and unique together. */
  public static Check isPrimaryKey(String... columns) {
    InvalidArgumentException.check(columns.length > 0, "primary_key needs at least one column");
    return of(CheckKind.PRIMARY_KEY, List.of(columns), Map.of());
  }

  /** Every non-missing value of {@code column} (as text) is one of {@code values}. */
  public static Check isContainedIn(String column, Collection<String> values) {
    return of(CheckKind.IN_SET, List.of(column), Map.of("values", List.copyOf(values)));
  }

  /** Every finite value of numeric {@code column} is in [{@code min}, {@code max}]; a null bound is open. */
  public static Check isInRange(String column, Double min, Double max) {
    InvalidArgumentException.check(min != null || max != null, "range of \"%s\" needs min or max", column);
    return of(CheckKind.RANGE, List.of(column), bounds(min, max));
  }

  /** Every non-missing value of {@code column}, as text, fully matches {@code regex}. */
  public static Check matches(String column, String regex) {
    return of(CheckKind.PATTERN, List.of(column), Map.of("regex", regex));
  }

  /** {@code column} has {@code type}, or (a text column) every value can be read as {@code type}. */
  public static Check hasType(String column, ColumnType type) {
    return of(CheckKind.TYPE, List.of(column), Map.of("type", type.jsonName()));
  }

  /** No value of numeric {@code column} is negative. */
  public static Check isNonNegative(String column) {
    return of(CheckKind.NON_NEGATIVE, List.of(column), Map.of());
  }

  /** Values of {@code column} never decrease ({@code increasing}) or never increase; {@code strict} forbids ties. */
  public static Check isMonotonic(String column, boolean increasing, boolean strict) {
    return of(CheckKind.MONOTONIC, List.of(column), Map.of("direction", increasing ? "increasing" : "decreasing", "strict", strict));
  }

  /** The table has between {@code min} and {@code max} rows (a null bound is open). */
  public static Check hasRowCount(Long min, Long max) {
    InvalidArgumentException.check(min != null || max != null, "row_count needs min or max");
    return of(CheckKind.ROW_COUNT, List.of(), bounds(min == null ? null : min.doubleValue(), max == null ? null : max.doubleValue()));
  }

  /** The mean of numeric {@code column} lies in [{@code min}, {@code max}]. */
  public static Check hasMean(String column, Double min, Double max) {
    InvalidArgumentException.check(min != null || max != null, "mean of \"%s\" needs min or max", column);
    return of(CheckKind.MEAN, List.of(column), bounds(min, max));
  }

  /** The {@code q}-quantile (q in [0, 1]) of numeric {@code column} lies in [{@code min}, {@code max}]. */
  public static Check hasQuantile(String column, double q, Double min, Double max) {
    InvalidArgumentException.check(q >= 0 && q <= 1, "quantile of \"%s\": q must be in [0, 1]: %s", column, q);
    InvalidArgumentException.check(min != null || max != null, "quantile of \"%s\" needs min or max", column);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("q", q);
    p.putAll(bounds(min, max));
    return of(CheckKind.QUANTILE, List.of(column), p);
  }

  /** Where both are present, {@code a < b}. */
  public static Check isLessThan(String a, String b) {
    return of(CheckKind.LESS_THAN, List.of(a, b), Map.of("or_equal", false));
  }

  /** Where both are present, {@code a <= b}. */
  public static Check isLessThanOrEqualTo(String a, String b) {
    return of(CheckKind.LESS_THAN, List.of(a, b), Map.of("or_equal", true));
  }

  /**
   * Every non-missing value of {@code column} occurs in {@code referenceColumn} of the reference
   * table registered with the validator as {@code reference}.
   */
  public static Check isForeignKey(String column, String reference, String referenceColumn) {
    return of(CheckKind.FOREIGN_KEY, List.of(column), Map.of("reference", reference, "reference_column", referenceColumn));
  }

  /** The SQL boolean expression {@code predicate} (DuckDB dialect, columns by name) holds for every row. */
  public static Check satisfies(String predicate) {
    InvalidArgumentException.check(predicate != null && !predicate.isBlank(), "sql check needs a predicate");
    return of(CheckKind.SQL, List.of(), Map.of("predicate", predicate));
  }

  /** The table has no columns besides {@code allowed}. */
  public static Check hasOnlyColumns(Collection<String> allowed) {
    return of(CheckKind.KNOWN_COLUMNS, List.of(), Map.of("columns", List.copyOf(allowed)));
  }

  /** This check at {@link Severity#WARNING}. */
  public Check asWarning() {
    return withSeverity(Severity.WARNING);
  }

  /** This check at {@link Severity#ERROR}. */
  public Check asError() {
    return withSeverity(Severity.ERROR);
  }

  public Check withSeverity(Severity s) {
    return new Check(kind, columns, params, s, name.equals(describe(kind, columns, params)) ? null : name);
  }

  /** This check with a name of the user's choice. */
  public Check named(String newName) {
    return new Check(kind, columns, params, severity, newName);
  }

  /** The one column, for single-column kinds. */
  public String column() {
    return columns.isEmpty() ? null : columns.get(0);
  }

  /** Parameter {@code key} as a double, or {@code null} when absent. */
  public Double number(String key) {
    Object v = params.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("check \"" + name + "\": parameter " + key + " must be a number: " + v, e);
    }
  }

  /** Parameter {@code key} as text, or {@code null}. */
  public String text(String key) {
    Object v = params.get(key);
    return v == null ? null : v.toString();
  }

  /** Parameter {@code key} as a boolean ({@code false} when absent). */
  public boolean flag(String key) {
    Object v = params.get(key);
    return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
  }

  /** Parameter {@code key} as a list of text values (empty when absent). */
  public List<String> list(String key) {
    Object v = params.get(key);
    List<String> out = new ArrayList<>();
    if (v instanceof Collection<?> c) {
      for (Object o : c) {
        out.add(canonical(o));
      }
    } else if (v != null) {
      out.add(canonical(v));
    }
    return out;
  }

  /** Text form of a value as checks compare it: integral numbers without a decimal point. */
  public static String canonical(Object o) {
    if (o instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    if (o instanceof Float f && f == Math.rint(f) && Math.abs(f) < 1e7) {
      return Long.toString(f.longValue());
    }
    return String.valueOf(o);
  }

  /** The checks-file form: {@code kind}, {@code column} or {@code columns}, parameters, {@code severity}, {@code name}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind.jsonName());
    if (columns.size() == 1 && kind != CheckKind.UNIQUENESS && kind != CheckKind.PRIMARY_KEY) {
      m.put("column", columns.get(0));
    } else if (!columns.isEmpty()) {
      m.put("columns", columns);
    }
    m.putAll(params);
    m.put("severity", severity.jsonName());
    if (!name.equals(describe(kind, columns, params))) {
      m.put("name", name);
    }
    return m;
  }

  /**
   * Reads the checks-file form; {@code where} names the entry in errors (e.g. {@code checks.yaml:
   * checks[3]}). Keys {@code evidence} and {@code description} are informative and ignored.
   *
   * @throws InvalidArgumentException naming the entry, the key and the expectation
   */
  public static Check fromMap(Map<String, ?> m, String where) {
    Object k = m.get("kind");
    InvalidArgumentException.check(k != null, "%s: missing key \"kind\"", where);
    CheckKind kind;
    try {
      kind = CheckKind.parse(k.toString());
    } catch (InvalidArgumentException e) {
      throw new InvalidArgumentException(where + ": " + e.getMessage(), e);
    }
    List<String> columns = new ArrayList<>();
    if (m.get("column") != null) {
      columns.add(m.get("column").toString());
    }
    if (m.get("columns") instanceof Collection<?> c) {
      c.forEach(o -> columns.add(String.valueOf(o)));
    } else if (m.get("columns") != null && kind != CheckKind.KNOWN_COLUMNS) {
      columns.add(m.get("columns").toString());
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : m.entrySet()) {
      String key = e.getKey();
      if (!List.of("kind", "column", "severity", "name", "evidence", "description").contains(key)
          && !(key.equals("columns") && kind != CheckKind.KNOWN_COLUMNS)) {
        Object v = e.getValue();
        params.put(key, v instanceof Collection<?> c ? c.stream().map(Check::canonical).toList() : v);
      }
    }
    Severity sev = m.get("severity") == null ? Severity.ERROR : parseSeverity(m.get("severity"), where);
    String name = m.get("name") == null ? null : m.get("name").toString();
    Check c = new Check(kind, columns, params, sev, name);
    c.requireParams(where);
    return c;
  }

  private static Severity parseSeverity(Object s, String where) {
    try {
      return Severity.parse(s.toString());
    } catch (InvalidArgumentException e) {
      throw new InvalidArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** Checks that the parameters the kind needs are present (the evaluator reports anything subtler). */
  void requireParams(String where) {
    String w = where + " (" + kind.jsonName() + ")";
    int need = switch (kind) {
      case ROW_COUNT, SQL, KNOWN_COLUMNS -> 0;
      case LESS_THAN -> 2;
      default -> 1;
    };
    InvalidArgumentException.check(columns.size() >= need, "%s: needs %s", w, need == 2 ? "columns: [a, b]" : "a column");
    switch (kind) {
      case IN_SET -> InvalidArgumentException.check(params.get("values") != null, "%s: needs values", w);
      case PATTERN -> InvalidArgumentException.check(params.get("regex") != null, "%s: needs regex", w);
      case TYPE -> InvalidArgumentException.check(params.get("type") != null, "%s: needs type", w);
      case RANGE, ROW_COUNT, MEAN -> InvalidArgumentException.check(params.get("min") != null || params.get("max") != null, "%s: needs min or max", w);
      case QUANTILE -> InvalidArgumentException.check(params.get("q") != null && (params.get("min") != null || params.get("max") != null), "%s: needs q and min or max", w);
      case FOREIGN_KEY -> InvalidArgumentException.check(params.get("reference") != null && params.get("reference_column") != null, "%s: needs reference and reference_column", w);
      case SQL -> InvalidArgumentException.check(params.get("predicate") != null, "%s: needs predicate", w);
      case KNOWN_COLUMNS -> InvalidArgumentException.check(params.get("columns") != null, "%s: needs columns", w);
      default -> { }
    }
    for (String key : List.of("min", "max", "q")) {
      number(key);
    }
  }

  static String describe(CheckKind kind, List<String> cols, Map<String, Object> p) {
    String c = cols.isEmpty() ? "" : cols.size() == 1 ? cols.get(0) : cols.toString();
    String b = (p.get("min") == null ? "" : " >= " + fmt(p.get("min"))) + (p.get("max") == null ? "" : " <= " + fmt(p.get("max")));
    return switch (kind) {
      case COMPLETENESS -> c + " completeness" + b;
      case UNIQUENESS -> c + " uniqueness" + b;
      case PRIMARY_KEY -> c + " is a primary key";
      case IN_SET -> c + " in " + p.get("values");
      case RANGE -> c + " in range" + b;
      case PATTERN -> c + " matches /" + p.get("regex") + "/";
      case TYPE -> c + " has type " + p.get("type");
      case NON_NEGATIVE -> c + " non-negative";
      case MONOTONIC -> c + " " + (Boolean.TRUE.equals(p.get("strict")) ? "strictly " : "") + p.getOrDefault("direction", "increasing");
      case ROW_COUNT -> "row count" + b;
      case MEAN -> c + " mean" + b;
      case QUANTILE -> c + " q" + fmt(p.get("q")) + b;
      case LESS_THAN -> (cols.isEmpty() ? "?" : cols.get(0)) + (Boolean.TRUE.equals(p.get("or_equal")) ? " <= " : " < ") + (cols.size() < 2 ? "?" : cols.get(1));
      case FOREIGN_KEY -> c + " in " + p.get("reference") + "." + p.get("reference_column");
      case SQL -> "sql: " + p.get("predicate");
      case KNOWN_COLUMNS -> "no unexpected columns";
    };
  }

  private static String fmt(Object o) {
    return o instanceof Double d ? (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%s", d)) : String.valueOf(o);
  }
}
