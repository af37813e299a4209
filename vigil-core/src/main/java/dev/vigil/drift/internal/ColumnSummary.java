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
  // compact numeric summaries only (null / NaN otherwise)
  private final Compact compact;

  /**
   * What a compact numeric summary keeps instead of every value: n, the population mean and standard
   * deviation (exact), the quantiles at u = i/K, i = 0..K (exact, linear interpolation between order
   * statistics as numpy; min and max included), and exact value counts when there are at most 1,000
   * distinct values (else null). {@link #sorted()} is then a seeded uniform sample of the values.
   */
  public record Compact(long n, double mean, double sd, double[] quantiles, TreeMap<String, Long> valueCounts) {}

  public ColumnSummary(String name, FeatureKind kind, long missing, double[] sorted, Map<String, Long> counts) {
    this(name, kind, missing, sorted, counts, null);
  }

  public ColumnSummary(String name, FeatureKind kind, long missing, double[] sorted, Map<String, Long> counts,
      Compact compact) {
    this.name = name;
    this.kind = kind;
    this.missing = missing;
    this.sorted = sorted;
    this.counts = counts == null ? null : new TreeMap<>(counts);
    this.compact = compact;
  }

  /** The compact part, or null for an exact summary. */
  public Compact compact() {
    return compact;
  }

  /**
   * A compact copy of this exact numeric summary: K + 1 quantiles, a seeded sample of {@code
   * sampleSize} values, exact moments and (≤ 1,000 distinct values) exact value counts. Returns this
   * summary when it is categorical, already compact or has at most {@code sampleSize} values.
   */
  public ColumnSummary compacted(int k, int sampleSize, long seed) {
    if (kind != FeatureKind.NUMERIC || compact != null || sorted.length <= sampleSize) {
      return this;
    }
    int n = sorted.length;
    double[] q = new double[k + 1];
    for (int i = 0; i <= k; i++) {
      double pos = i / (double) k * (n - 1);
      int j = (int) Math.floor(pos);
      q[i] = j >= n - 1 ? sorted[n - 1] : sorted[j] + (pos - j) * (sorted[j + 1] - sorted[j]);
    }
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    double mean = sum / n;
    double ss = 0;
    for (double v : sorted) {
      ss += (v - mean) * (v - mean);
    }
    // sample without replacement: the first sampleSize of a seeded partial shuffle of indices
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    java.util.HashMap<Integer, Integer> swaps = new java.util.HashMap<>();
    double[] sample = new double[sampleSize];
    for (int i = 0; i < sampleSize; i++) {
      int j = i + rng.nextInt(n - i);
      int vi = swaps.getOrDefault(i, i);
      int vj = swaps.getOrDefault(j, j);
      swaps.put(j, vi);
      sample[i] = sorted[vj];
    }
    Arrays.sort(sample);
    TreeMap<String, Long> vc = distinct(1000) <= 1000 ? counts() : null;
    return new ColumnSummary(name, kind, missing, sample, null, new Compact(n, mean, Math.sqrt(ss / n), q, vc));
  }

  /** True when drift detection compares columns of {@code c}'s type ({@link #of} is not null). */
  public static boolean comparable(Column c) {
    return c instanceof DoubleColumn || c instanceof LongColumn || c instanceof CategoricalColumn
        || c instanceof StringColumn || c instanceof BooleanColumn;
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
    if (compact != null || o.compact != null) {
      throw new dev.vigil.InvalidArgumentException("column \"" + name
          + "\": a compact (quantile) summary cannot be merged; build the reference from the data");
    }
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
    if (compact != null) {
      throw new dev.vigil.InvalidArgumentException("column \"" + name
          + "\": a compact (quantile) summary cannot be split; use the reference data");
    }
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
    if (compact != null) {
      return compact.n();
    }
    return kind == FeatureKind.NUMERIC ? sorted.length : counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public long rows() {
    return present() + missing;
  }

  /**
   * Sorted finite values (a compact summary: its seeded sample); shared, do not modify. Null for a
   * categorical summary.
   */
  public double[] sorted() {
    return sorted;
  }

  /** Count per category label, sorted by label; a numeric summary's distinct values as labels. */
  public TreeMap<String, Long> counts() {
    if (counts != null) {
      return counts;
    }
    if (compact != null && compact.valueCounts() != null) {
      return compact.valueCounts();
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
    if (compact != null && compact.valueCounts() != null) {
      return compact.valueCounts().size();
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
