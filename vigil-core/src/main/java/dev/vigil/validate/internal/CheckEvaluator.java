package dev.vigil.validate.internal;

import dev.vigil.VigilException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import dev.vigil.profile.Moments;
import dev.vigil.profile.PatternClass;
import dev.vigil.validate.Check;
import dev.vigil.validate.CheckKind;
import dev.vigil.validate.CheckResult;
import dev.vigil.validate.CheckResult.Outcome;
import dev.vigil.validate.SqlEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Judges one check on one table. Never throws for a problem of the check or the data: it returns an ERROR result. */
public final class CheckEvaluator {
  private final Map<String, Table> references;
  private final SqlEngine sql;
  private final int maxExamples;

  public CheckEvaluator(Map<String, Table> references, SqlEngine sql, int maxExamples) {
    this.references = references;
    this.sql = sql;
    this.maxExamples = maxExamples;
  }

  /** Signals a check that cannot be evaluated; turned into an ERROR result. */
  private static final class Unevaluable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unevaluable(String message) {
      super(message, null, false, false);
    }
  }

  /** The result of {@code check} on {@code t}; {@code failing} receives the failing rows of a failed row-level check. */
  public CheckResult evaluate(Check check, Table t, BitSet failing) {
    try {
      return run(check, t, failing);
    } catch (Unevaluable e) {
      return new CheckResult(check, Outcome.ERROR, Double.NaN, 0, t.rowCount(), List.of(), e.getMessage());
    } catch (VigilException | IllegalArgumentException e) {
      return new CheckResult(check, Outcome.ERROR, Double.NaN, 0, t.rowCount(), List.of(),
          "check \"" + check.name() + "\": " + e.getMessage());
    }
  }

  private Column column(Table t, Check c, int i) {
    String name = c.columns().get(i);
    if (!t.hasColumn(name)) {
      throw new Unevaluable("check \"" + c.name() + "\": column \"" + name + "\" not found; the columns are " + t.columnNames());
    }
    return t.column(name);
  }

  private interface Num {
    double at(int i);
  }

  private static Num numeric(Column col, Check c) {
    if (col instanceof DoubleColumn d) {
      return d::get;
    }
    if (col instanceof LongColumn l) {
      return l::get;
    }
    if (col instanceof TimestampColumn ts && (c.kind() == CheckKind.MONOTONIC || c.kind() == CheckKind.LESS_THAN)) {
      return ts::getMicros;
    }
    throw new Unevaluable("check \"" + c.name() + "\": column \"" + col.name() + "\" has type "
        + col.type().jsonName() + ", expected a numeric column (double or long)");
  }

  /** Collects failing rows: count, first examples, the bit set. */
  private final class Failures {
    final Check check;
    final List<Column> cols;
    final BitSet bits = new BitSet();
    long count;
    final List<Map<String, Object>> examples = new ArrayList<>();

    Failures(Check check, List<Column> cols) {
      this.check = check;
      this.cols = cols;
    }

    void add(int row) {
      count++;
      bits.set(row);
      if (examples.size() < maxExamples) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("row", row);
        for (Column c : cols) {
          Object v = c.getObject(row);
          e.put(c.name(), v instanceof Double d && !Double.isFinite(d) ? d.toString() : v instanceof java.time.Instant in ? in.toString() : v);
        }
        examples.add(e);
      }
    }

    CheckResult result(boolean pass, double observed, long evaluated, String message, BitSet failing) {
      if (!pass) {
        failing.or(bits);
      }
      return new CheckResult(check, pass ? Outcome.PASSED : Outcome.FAILED, observed, count, evaluated, examples, message);
    }
  }

  private CheckResult run(Check c, Table t, BitSet failing) {
    int n = t.rowCount();
    switch (c.kind()) {
      case COMPLETENESS: {
        Column col = column(t, c, 0);
        Failures f = new Failures(c, List.of());
        for (int i = 0; i < n; i++) {
          if (col.isMissing(i)) {
            f.add(i);
          }
        }
        double share = n == 0 ? 1.0 : (double) (n - f.count) / n;
        double min = orElse(c.number("min"), 1.0);
        return f.result(share >= min, share, n, String.format(Locale.ROOT, "column \"%s\": %d of %d values missing (completeness %.4f, expected >= %s)",
            col.name(), f.count, n, share, fmt(min)), failing);
      }
      case UNIQUENESS:
      case PRIMARY_KEY: {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < c.columns().size(); i++) {
          cols.add(column(t, c, i));
        }
        Failures f = new Failures(c, cols);
        long present = 0;
        long missingRows = 0;
        boolean[] dup = duplicates(cols, n);
        for (int i = 0; i < n; i++) {
          boolean anyMissing = false;
          for (Column col : cols) {
            anyMissing |= col.isMissing(i);
          }
          if (anyMissing) {
            missingRows++;
            if (c.kind() == CheckKind.PRIMARY_KEY) {
              f.add(i);
            }
            continue;
          }
          present++;
          if (dup[i]) {
            f.add(i);
          }
        }
        String names = cols.size() == 1 ? "column \"" + cols.get(0).name() + "\"" : "columns " + c.columns();
        if (c.kind() == CheckKind.PRIMARY_KEY) {
          return f.result(f.count == 0, f.count, n, String.format(Locale.ROOT,
              "%s: %d row(s) with a missing key, %d row(s) with a repeated key", names, missingRows, f.count - missingRows), failing);
        }
        double share = present == 0 ? 1.0 : (double) (present - f.count) / present;
        double min = orElse(c.number("min"), 1.0);
        return f.result(share >= min, share, present, String.format(Locale.ROOT, "%s: %d of %d present rows hold a repeated value (uniqueness %.4f, expected >= %s)",
            names, f.count, present, share, fmt(min)), failing);
      }
      case IN_SET: {
        Column col = column(t, c, 0);
        Set<String> allowed = new HashSet<>(c.list("values"));
        Failures f = new Failures(c, List.of(col));
        if (col instanceof CategoricalColumn cat) {
          boolean[] ok = new boolean[cat.dictionarySize()];
          for (int k = 0; k < ok.length; k++) {
            ok[k] = allowed.contains(cat.label(k));
          }
          for (int i = 0; i < n; i++) {
            if (!cat.isMissing(i) && !ok[cat.code(i)]) {
              f.add(i);
            }
          }
        } else {
          for (int i = 0; i < n; i++) {
            if (!col.isMissing(i) && !allowed.contains(Check.canonical(col.getObject(i)))) {
              f.add(i);
            }
          }
        }
        return f.result(f.count == 0, f.count, n, String.format(Locale.ROOT, "column \"%s\": %d value(s) outside the %d allowed",
            col.name(), f.count, allowed.size()), failing);
      }
      case RANGE: {
        Column col = column(t, c, 0);
        Num v = numeric(col, c);
        double lo = orElse(c.number("min"), Double.NEGATIVE_INFINITY);
        double hi = orElse(c.number("max"), Double.POSITIVE_INFINITY);
        Failures f = new Failures(c, List.of(col));
        for (int i = 0; i < n; i++) {
          if (!col.isMissing(i)) {
            double x = v.at(i);
            if (!Double.isNaN(x) && (x < lo || x > hi)) {
              f.add(i);
            }
          }
        }
        return f.result(f.count == 0, f.count, n, String.format(Locale.ROOT, "column \"%s\": %d value(s) outside [%s, %s]",
            col.name(), f.count, fmt(lo), fmt(hi)), failing);
      }
      case NON_NEGATIVE: {
        Column col = column(t, c, 0);
        Num v = numeric(col, c);
        Failures f = new Failures(c, List.of(col));
        for (int i = 0; i < n; i++) {
          if (!col.isMissing(i) && v.at(i) < 0) {
            f.add(i);
          }
        }
        return f.result(f.count == 0, f.count, n, String.format(Locale.ROOT, "column \"%s\": %d negative value(s)", col.name(), f.count), failing);
      }
      case PATTERN: {
        Column col = column(t, c, 0);
        Pattern p;
        try {
          p = Pattern.compile(c.text("regex"));
        } catch (PatternSyntaxException e) {
          throw new Unevaluable("check \"" + c.name() + "\" on column \"" + col.name() + "\": invalid regular expression \""
              + c.text("regex") + "\": " + e.getDescription() + " near index " + e.getIndex());
        }
        Failures f = new Failures(c, List.of(col));
        if (col instanceof CategoricalColumn cat) {
          boolean[] ok = new boolean[cat.dictionarySize()];
          for (int k = 0; k < ok.length; k++) {
            ok[k] = p.matcher(cat.label(k)).matches();
          }
          for (int i = 0; i < n; i++) {
            if (!cat.isMissing(i) && !ok[cat.code(i)]) {
              f.add(i);
            }
          }
        } else {
          for (int i = 0; i < n; i++) {
            if (!col.isMissing(i) && !p.matcher(col.format(i)).matches()) {
              f.add(i);
            }
          }
        }
        return f.result(f.count == 0, f.count, n, String.format(Locale.ROOT, "column \"%s\": %d value(s) do not match /%s/",
            col.name(), f.count, c.text("regex")), failing);
      }
      case TYPE: {
        Column col = column(t, c, 0);
        ColumnType want = ColumnType.parse(c.text("type"));
        Failures f = new Failures(c, List.of(col));
        // every value has a text form, so any column conforms to string and categorical
        if (col.type() == want || (want == ColumnType.DOUBLE && col.type() == ColumnType.LONG)
            || want == ColumnType.STRING || want == ColumnType.CATEGORICAL) {
          return f.result(true, 1.0, n, "column \"" + col.name() + "\" has type " + col.type().jsonName(), failing);
        }
        if (col.type() == ColumnType.STRING || col.type() == ColumnType.CATEGORICAL) {
          long present = 0;
          for (int i = 0; i < n; i++) {
            if (!col.isMissing(i)) {
              present++;
              if (!conforms(col.format(i), want)) {
                f.add(i);
              }
            }
          }
          double share = present == 0 ? 1.0 : (double) (present - f.count) / present;
          return f.result(f.count == 0, share, present, String.format(Locale.ROOT, "column \"%s\" (%s): %d value(s) cannot be read as %s",
              col.name(), col.type().jsonName(), f.count, want.jsonName()), failing);
        }
        if (col instanceof DoubleColumn d && want == ColumnType.LONG) {
          for (int i = 0; i < n; i++) {
            if (!d.isMissing(i) && d.get(i) != Math.rint(d.get(i))) {
              f.add(i);
            }
          }
          return f.result(f.count == 0, f.count, n, String.format(Locale.ROOT, "column \"%s\" (double): %d non-integral value(s)", col.name(), f.count), failing);
        }
        return new CheckResult(c, Outcome.FAILED, 0, 0, n, List.of(), "column \"" + col.name() + "\" has type "
            + col.type().jsonName() + ", expected " + want.jsonName());
      }
      case MONOTONIC: {
        Column col = column(t, c, 0);
        Num v = numeric(col, c);
        boolean inc = !"decreasing".equalsIgnoreCase(String.valueOf(c.params().getOrDefault("direction", "increasing")));
        boolean strict = c.flag("strict");
        Failures f = new Failures(c, List.of(col));
        double prev = Double.NaN;
        for (int i = 0; i < n; i++) {
          if (col.isMissing(i)) {
            continue;
          }
          double x = v.at(i);
          if (!Double.isNaN(prev)) {
            boolean ok = inc ? (strict ? x > prev : x >= prev) : (strict ? x < prev : x <= prev);
            if (!ok) {
              f.add(i);
            }
          }
          prev = x;
        }
        return f.result(f.count == 0, f.count, n, String.format(Locale.ROOT, "column \"%s\": %d row(s) break the %s%s order",
            col.name(), f.count, strict ? "strictly " : "", inc ? "increasing" : "decreasing"), failing);
      }
      case ROW_COUNT: {
        double lo = orElse(c.number("min"), Double.NEGATIVE_INFINITY);
        double hi = orElse(c.number("max"), Double.POSITIVE_INFINITY);
        boolean ok = n >= lo && n <= hi;
        return new CheckResult(c, ok ? Outcome.PASSED : Outcome.FAILED, n, 0, n, List.of(),
            String.format(Locale.ROOT, "%d rows, expected in [%s, %s]", n, fmt(lo), fmt(hi)));
      }
      case MEAN:
      case QUANTILE: {
        Column col = column(t, c, 0);
        Num num = numeric(col, c);
        double q = c.kind() == CheckKind.QUANTILE ? c.number("q") : Double.NaN;
        if (c.kind() == CheckKind.QUANTILE && !(q >= 0 && q <= 1)) {
          throw new Unevaluable("check \"" + c.name() + "\": q must be in [0, 1]: " + q);
        }
        double[] finite = finiteValues(t, col, num);
        double v;
        String what;
        if (c.kind() == CheckKind.MEAN) {
          v = moments.computeIfAbsent(key(t, col), k -> Moments.of(finite)).mean();
          what = "mean";
        } else {
          KllDoublesSketch k = sketches.computeIfAbsent(key(t, col), x -> {
            KllDoublesSketch s = KllDoublesSketch.newHeapInstance(200);
            s.update(finite, 0, finite.length);
            return s;
          });
          v = k.isEmpty() ? Double.NaN : k.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
          what = "quantile " + fmt(q) + (k.isEstimationMode()
              ? String.format(Locale.ROOT, " (approximate: rank error %.4f)", k.getNormalizedRankError(false)) : "");
        }
        double lo = orElse(c.number("min"), Double.NEGATIVE_INFINITY);
        double hi = orElse(c.number("max"), Double.POSITIVE_INFINITY);
        boolean ok = v >= lo && v <= hi;
        return new CheckResult(c, ok ? Outcome.PASSED : Outcome.FAILED, v, 0, finite.length, List.of(),
            String.format(Locale.ROOT, "column \"%s\": %s %s, expected in [%s, %s]", col.name(), what, fmt(v), fmt(lo), fmt(hi)));
      }
      case LESS_THAN: {
        Column a = column(t, c, 0);
        Column b = column(t, c, 1);
        Num va = numeric(a, c);
        Num vb = numeric(b, c);
        if ((a.type() == ColumnType.TIMESTAMP) != (b.type() == ColumnType.TIMESTAMP)) {
          throw new Unevaluable("check \"" + c.name() + "\": cannot compare " + a.type().jsonName() + " column \""
              + a.name() + "\" with " + b.type().jsonName() + " column \"" + b.name() + "\"");
        }
        boolean orEqual = c.flag("or_equal");
        Failures f = new Failures(c, List.of(a, b));
        long both = 0;
        for (int i = 0; i < n; i++) {
          if (!a.isMissing(i) && !b.isMissing(i)) {
            both++;
            double x = va.at(i);
            double y = vb.at(i);
            if (!(orEqual ? x <= y : x < y)) {
              f.add(i);
            }
          }
        }
        return f.result(f.count == 0, f.count, both, String.format(Locale.ROOT, "%d of %d row(s) have \"%s\" %s \"%s\"",
            f.count, both, a.name(), orEqual ? ">" : ">=", b.name()), failing);
      }
      case FOREIGN_KEY: {
        Column col = column(t, c, 0);
        String refName = c.text("reference");
        Table ref = references.get(refName);
        if (ref == null) {
          throw new Unevaluable("check \"" + c.name() + "\": no reference table \"" + refName + "\" was given; the references are " + references.keySet());
        }
        String refCol = c.text("reference_column");
        if (!ref.hasColumn(refCol)) {
          throw new Unevaluable("check \"" + c.name() + "\": reference table \"" + refName + "\" has no column \"" + refCol
              + "\"; its columns are " + ref.columnNames());
        }
        Column rc = ref.column(refCol);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < rc.size(); i++) {
          if (!rc.isMissing(i)) {
            keys.add(Check.canonical(rc.getObject(i)));
          }
        }
        Failures f = new Failures(c, List.of(col));
        for (int i = 0; i < n; i++) {
          if (!col.isMissing(i) && !keys.contains(Check.canonical(col.getObject(i)))) {
            f.add(i);
          }
        }
        return f.result(f.count == 0, f.count, n, String.format(Locale.ROOT, "column \"%s\": %d value(s) not found in %s.%s",
            col.name(), f.count, refName, refCol), failing);
      }
      case SQL: {
        if (sql == null) {
          throw new Unevaluable("check \"" + c.name() + "\": no SQL engine was configured (use vigil-io's DuckDbSqlEngine)");
        }
        int[] rows = sql.failingRows(t, c.text("predicate"));
        Failures f = new Failures(c, t.columns());
        for (int r : rows) {
          f.add(r);
        }
        return f.result(f.count == 0, f.count, n, String.format(Locale.ROOT, "%d row(s) where (%s) is false or null", f.count, c.text("predicate")), failing);
      }
      case KNOWN_COLUMNS: {
        Set<String> allowed = new HashSet<>(c.list("columns"));
        List<String> extra = t.columnNames().stream().filter(x -> !allowed.contains(x)).toList();
        return new CheckResult(c, extra.isEmpty() ? Outcome.PASSED : Outcome.FAILED, extra.size(), 0, n, List.of(),
            extra.isEmpty() ? "no unexpected columns" : "unexpected column(s) not in the schema: " + extra);
      }
      default:
        throw new Unevaluable("check kind " + c.kind().jsonName() + " is not evaluable");
    }
  }

  private final Map<Object, double[]> finite = new ConcurrentHashMap<>();
  private final Map<Object, Moments> moments = new ConcurrentHashMap<>();
  private final Map<Object, KllDoublesSketch> sketches = new ConcurrentHashMap<>();

  /** Identity of a column of a table: aggregate checks on the same column share one pass. */
  private static Object key(Table t, Column c) {
    return List.of(System.identityHashCode(t), System.identityHashCode(c), c.name());
  }

  private double[] finiteValues(Table t, Column col, Num num) {
    return finite.computeIfAbsent(key(t, col), k -> {
      double[] v = new double[col.size()];
      int n = 0;
      for (int i = 0; i < col.size(); i++) {
        if (!col.isMissing(i)) {
          double x = num.at(i);
          if (Double.isFinite(x)) {
            v[n++] = x;
          }
        }
      }
      return Arrays.copyOf(v, n);
    });
  }

  static boolean conforms(String s, ColumnType want) {
    PatternClass p = PatternClass.of(s.trim());
    return switch (want) {
      case LONG -> p == PatternClass.INTEGER;
      case DOUBLE -> p == PatternClass.INTEGER || p == PatternClass.DECIMAL || s.equalsIgnoreCase("nan");
      case BOOLEAN -> p == PatternClass.BOOLEAN || s.equals("0") || s.equals("1");
      case TIMESTAMP -> p == PatternClass.DATE;
      default -> true;
    };
  }

  /** Per row: true when its (non-missing) value combination occurs more than once. */
  private static boolean[] duplicates(List<Column> cols, int n) {
    boolean[] dup = new boolean[n];
    if (cols.size() == 1 && (cols.get(0) instanceof LongColumn || cols.get(0) instanceof DoubleColumn
        || cols.get(0) instanceof TimestampColumn)) {
      Column col = cols.get(0);
      long[] keys = new long[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (!col.isMissing(i)) {
          keys[k++] = key(col, i);
        }
      }
      long[] sorted = Arrays.copyOf(keys, k);
      Arrays.sort(sorted);
      int nd = 0;
      long[] dups = new long[k];
      for (int i = 1; i < k; i++) {
        if (sorted[i] == sorted[i - 1] && (nd == 0 || dups[nd - 1] != sorted[i])) {
          dups[nd++] = sorted[i];
        }
      }
      if (nd > 0) {
        long[] d = Arrays.copyOf(dups, nd);
        for (int i = 0; i < n; i++) {
          dup[i] = !col.isMissing(i) && Arrays.binarySearch(d, key(col, i)) >= 0;
        }
      }
      return dup;
    }
    if (cols.size() == 1 && cols.get(0) instanceof CategoricalColumn cat) {
      long[] counts = cat.counts();
      for (int i = 0; i < n; i++) {
        dup[i] = !cat.isMissing(i) && counts[cat.code(i)] > 1;
      }
      return dup;
    }
    Map<Object, Integer> counts = new HashMap<>();
    Object[] keys = new Object[n];
    for (int i = 0; i < n; i++) {
      Object key;
      if (cols.size() == 1) {
        key = cols.get(0).getObject(i);
      } else {
        List<Object> l = new ArrayList<>(cols.size());
        for (Column c : cols) {
          l.add(c.getObject(i));
        }
        key = l.contains(null) ? null : l;
      }
      keys[i] = key;
      if (key != null) {
        counts.merge(key, 1, Integer::sum);
      }
    }
    for (int i = 0; i < n; i++) {
      dup[i] = keys[i] != null && counts.get(keys[i]) > 1;
    }
    return dup;
  }

  private static long key(Column col, int i) {
    if (col instanceof LongColumn l) {
      return l.get(i);
    }
    if (col instanceof TimestampColumn ts) {
      return ts.getMicros(i);
    }
    double d = ((DoubleColumn) col).get(i);
    return Double.doubleToLongBits(d == 0 ? 0.0 : d);
  }

  private static double orElse(Double v, double dflt) {
    return v == null ? dflt : v;
  }

  static String fmt(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
