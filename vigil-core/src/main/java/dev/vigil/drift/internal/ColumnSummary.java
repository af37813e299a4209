package dev.vigil.drift.internal;

import dev.vigil.SchemaMismatchException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.drift.FeatureKind;
import dev.vigil.stats.internal.DoubleSort;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What drift detection keeps of one column: its kind, the count of missing values (missing, NaN and
 * infinite count as missing) and either the sorted finite values (numeric) or the count per
 * category (categorical, sorted by label). Immutable; {@link #merge} is associative and commutative.
 */
public final class ColumnSummary {
  private final String name;
  private final FeatureKind kind;
  private final long missing;
  private final double[] sorted;
  private final TreeMap<String, Long> counts;

  public ColumnSummary(String name, FeatureKind kind, long missing, double[] sorted, Map<String, Long> counts) {
    this.name = name;
    this.kind = kind;
    this.missing = missing;
    this.sorted = sorted;
    this.counts = counts == null ? null : new TreeMap<>(counts);
  }

  /** The summary of {@code c}, or null for a column type drift detection does not compare. */
  public static ColumnSummary of(Column c) {
    if (c instanceof DoubleColumn d) {
      double[] v = new double[d.size()];
      int k = 0;
      for (int i = 0; i < d.size(); i++) {
        if (!d.isMissing(i) && Double.isFinite(d.get(i))) {
          v[k++] = d.get(i);
        }
      }
      double[] s = Arrays.copyOf(v, k);
      DoubleSort.sort(s);
      return new ColumnSummary(c.name(), FeatureKind.NUMERIC, d.size() - k, s, null);
    }
    if (c instanceof LongColumn l) {
      double[] v = new double[l.size()];
      int k = 0;
      for (int i = 0; i < l.size(); i++) {
        if (!l.isMissing(i)) {
          v[k++] = l.get(i);
        }
      }
      double[] s = Arrays.copyOf(v, k);
      DoubleSort.sort(s);
      return new ColumnSummary(c.name(), FeatureKind.NUMERIC, l.size() - k, s, null);
    }
    if (c instanceof CategoricalColumn cc) {
      long[] byCode = new long[cc.dictionarySize()];
      for (int i = 0; i < cc.size(); i++) {
        if (!cc.isMissing(i)) {
          byCode[cc.code(i)]++;
        }
      }
      TreeMap<String, Long> m = new TreeMap<>();
      for (int code = 0; code < byCode.length; code++) {
        if (byCode[code] > 0) {
          m.merge(cc.label(code), byCode[code], Long::sum);
        }
      }
      return new ColumnSummary(c.name(), FeatureKind.CATEGORICAL, cc.missingCount(), null, m);
    }
    if (c instanceof StringColumn sc) {
      TreeMap<String, Long> m = new TreeMap<>();
      for (int i = 0; i < sc.size(); i++) {
        if (!sc.isMissing(i)) {
          m.merge(sc.get(i), 1L, Long::sum);
        }
      }
      return new ColumnSummary(c.name(), FeatureKind.CATEGORICAL, sc.missingCount(), null, m);
    }
    if (c instanceof BooleanColumn b) {
      TreeMap<String, Long> m = new TreeMap<>();
      for (int i = 0; i < b.size(); i++) {
        if (!b.isMissing(i)) {
          m.merge(b.get(i) ? "true" : "false", 1L, Long::sum);
        }
      }
      return new ColumnSummary(c.name(), FeatureKind.CATEGORICAL, b.missingCount(), null, m);
    }
    return null;
  }

  public ColumnSummary merge(ColumnSummary o) {
    if (o.kind != kind) {
      throw new SchemaMismatchException(String.format(java.util.Locale.ROOT,
          "column \"%s\": cannot merge a %s summary with a %s one", name, kind.jsonName(), o.kind.jsonName()));
    }
    if (kind == FeatureKind.NUMERIC) {
      double[] m = new double[sorted.length + o.sorted.length];
      int i = 0;
      int j = 0;
      int k = 0;
      while (i < sorted.length && j < o.sorted.length) {
        m[k++] = sorted[i] <= o.sorted[j] ? sorted[i++] : o.sorted[j++];
      }
      while (i < sorted.length) {
        m[k++] = sorted[i++];
      }
      while (j < o.sorted.length) {
        m[k++] = o.sorted[j++];
      }
      return new ColumnSummary(name, kind, missing + o.missing, m, null);
    }
    TreeMap<String, Long> m = new TreeMap<>(counts);
    o.counts.forEach((key, v) -> m.merge(key, v, Long::sum));
    return new ColumnSummary(name, kind, missing + o.missing, null, m);
  }

  /** This summary without the rows of {@code part}, which must have been merged into it. */
  public ColumnSummary minus(ColumnSummary part) {
    if (kind == FeatureKind.NUMERIC) {
      double[] out = new double[sorted.length - part.sorted.length];
      int i = 0;
      int j = 0;
      int k = 0;
      while (i < sorted.length) {
        if (j < part.sorted.length && Double.compare(sorted[i], part.sorted[j]) == 0) {
          i++;
          j++;
        } else {
          if (k == out.length) {
            throw new IllegalStateException("column \"" + name + "\": the part is not contained in the whole");
          }
          out[k++] = sorted[i++];
        }
      }
      return new ColumnSummary(name, kind, missing - part.missing, out, null);
    }
    TreeMap<String, Long> m = new TreeMap<>(counts);
    part.counts.forEach((key, v) -> {
      long left = m.getOrDefault(key, 0L) - v;
      if (left == 0) {
        m.remove(key);
      } else {
        m.put(key, left);
      }
    });
    return new ColumnSummary(name, kind, missing - part.missing, null, m);
  }

  public String name() {
    return name;
  }

  public FeatureKind kind() {
    return kind;
  }

  public long missing() {
    return missing;
  }

  /** Non-missing values (numeric) or categorised rows (categorical). */
  public long present() {
    return kind == FeatureKind.NUMERIC ? sorted.length : counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public long rows() {
    return present() + missing;
  }

  /** Sorted finite values; shared, do not modify. Null for a categorical summary. */
  public double[] sorted() {
    return sorted;
  }

  /** Count per category label, sorted by label; a numeric summary's distinct values as labels. */
  public TreeMap<String, Long> counts() {
    if (counts != null) {
      return counts;
    }
    TreeMap<String, Long> m = new TreeMap<>();
    int i = 0;
    while (i < sorted.length) {
      int j = i;
      while (j < sorted.length && sorted[j] == sorted[i]) {
        j++;
      }
      m.put(label(sorted[i]), (long) (j - i));
      i = j;
    }
    return m;
  }

  /** Distinct values, counting at most {@code cap + 1}. */
  public int distinct(int cap) {
    if (counts != null) {
      return counts.size();
    }
    int d = 0;
    for (int i = 0; i < sorted.length && d <= cap; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        d++;
      }
    }
    return d;
  }

  static String label(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
