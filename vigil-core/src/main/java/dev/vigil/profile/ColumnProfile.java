package dev.vigil.profile;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.TimestampColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The profile of one column: an immutable, mergeable state (see the package documentation for the
 * terms). Build it with {@link #of(Column, ProfileOptions)} or {@link Profiler}, combine parts with
 * {@link #merge}; the metrics ({@link #mean()}, {@link #quantile(double)}, {@link #distinct()}, ...)
 * are computed from the state on demand.
 *
 * <p>What is tracked per type:
 *
 * <ul>
 *   <li>all types: count, missing, HyperLogLog distinct count, frequent items;
 *   <li>{@code double}, {@code long}, {@code timestamp} (epoch microseconds): moments, min/max, KLL
 *       quantiles, zero and negative counts; for {@code double} also NaN, infinite and integral
 *       counts (NaN and infinities are excluded from moments and quantiles);
 *   <li>{@code boolean}: moments over 0/1 (the mean is the share of {@code true});
 *   <li>{@code string}, {@code categorical}: length moments and {@link PatternClass} counts.
 * </ul>
 */
public final class ColumnProfile {
  private static final ArrayOfStringsSerDe STRINGS = new ArrayOfStringsSerDe();
  private static final int PATTERNS = PatternClass.values().length;

  private final String name;
  private final ColumnType type;
  private final ProfileOptions options;
  long count;
  long missing;
  long nan;
  long infinite;
  long zeros;
  long negatives;
  long integral;
  Moments values = Moments.EMPTY;
  Moments lengths = Moments.EMPTY;
  long[] patterns;
  KllDoublesSketch quantiles;
  HllSketch distinctSketch;
  LongsSketch frequentLongs;
  ItemsSketch<String> frequentStrings;

  ColumnProfile(String name, ColumnType type, ProfileOptions options) {
    InvalidArgumentException.check(name != null && !name.isEmpty(), "a column profile needs a name");
    this.name = name;
    this.type = type;
    this.options = options;
    distinctSketch = new HllSketch(options.hllLgK(), TgtHllType.HLL_8);
    if (hasQuantiles(type)) {
      quantiles = KllDoublesSketch.newHeapInstance(options.kllK());
    }
    if (type == ColumnType.STRING || type == ColumnType.CATEGORICAL) {
      frequentStrings = new ItemsSketch<>(options.frequentMapSize());
      patterns = new long[PATTERNS];
    } else {
      frequentLongs = new LongsSketch(options.frequentMapSize());
    }
  }

  private static boolean hasQuantiles(ColumnType t) {
    return t == ColumnType.DOUBLE || t == ColumnType.LONG || t == ColumnType.TIMESTAMP;
  }

  /** The empty profile (identity of {@link #merge}) of a column {@code name} of {@code type}. */
  public static ColumnProfile empty(String name, ColumnType type, ProfileOptions options) {
    return new ColumnProfile(name, type, options);
  }

  /** The profile of all values of {@code column}. */
  public static ColumnProfile of(Column column, ProfileOptions options) {
    ColumnProfile p = new ColumnProfile(column.name(), column.type(), options);
    p.scan(column);
    return p;
  }

  /** The profile of {@code column} with {@link ProfileOptions#DEFAULTS}. */
  public static ColumnProfile of(Column column) {
    return of(column, ProfileOptions.DEFAULTS);
  }

  private void scan(Column c) {
    int n = c.size();
    count = n;
    missing = c.missingCount();
    if (c instanceof DoubleColumn d) {
      scanDoubles(d);
    } else if (c instanceof LongColumn l) {
      scanLongs(l, n);
    } else if (c instanceof TimestampColumn t) {
      long[] v = new long[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (!t.isMissing(i)) {
          v[k++] = t.getMicros(i);
        }
      }
      scanLongValues(v, k);
    } else if (c instanceof BooleanColumn b) {
      long trues = 0;
      long falses = 0;
      for (int i = 0; i < n; i++) {
        if (!b.isMissing(i)) {
          if (b.get(i)) {
            trues++;
          } else {
            falses++;
          }
        }
      }
      values = Moments.ofRepeated(1, trues).merge(Moments.ofRepeated(0, falses));
      zeros = falses;
      if (trues > 0) {
        frequentLongs.update(1, trues);
        distinctSketch.update(1L);
      }
      if (falses > 0) {
        frequentLongs.update(0, falses);
        distinctSketch.update(0L);
      }
    } else if (c instanceof CategoricalColumn cat) {
      long[] counts = cat.counts();
      for (int code = 0; code < counts.length; code++) {
        if (counts[code] > 0) {
          addText(cat.label(code), counts[code]);
        }
      }
    } else if (c instanceof StringColumn s) {
      for (int i = 0; i < n; i++) {
        if (!s.isMissing(i)) {
          addText(s.get(i), 1);
        }
      }
    }
  }

  private void addText(String s, long times) {
    distinctSketch.update(s);
    frequentStrings.update(s.length() > options.maxItemLength() ? s.substring(0, options.maxItemLength()) : s, times);
    lengths = lengths.merge(Moments.ofRepeated(s.length(), times));
    patterns[PatternClass.of(s).ordinal()] += times;
  }

  private void scanDoubles(DoubleColumn d) {
    int n = d.size();
    double[] v = new double[n];
    int k = 0;
    boolean anyMissing = d.hasMissing();
    for (int i = 0; i < n; i++) {
      if (anyMissing && d.isMissing(i)) {
        continue;
      }
      double x = d.get(i);
      if (Double.isNaN(x)) {
        nan++;
        continue;
      }
      if (Double.isInfinite(x)) {
        infinite++;
        continue;
      }
      v[k++] = x;
    }
    values = Moments.of(v, 0, k);
    for (int i = 0; i < k; i++) {
      double x = v[i];
      if (x == 0) {
        zeros++;
      } else if (x < 0) {
        negatives++;
      }
      if (x == Math.rint(x)) {
        integral++;
      }
      quantiles.update(x);
      distinctSketch.update(x);
      frequentLongs.update(Double.doubleToLongBits(x == 0 ? 0.0 : x));
    }
  }

  private void scanLongs(LongColumn l, int n) {
    long[] v = new long[n];
    int k = 0;
    boolean anyMissing = l.hasMissing();
    for (int i = 0; i < n; i++) {
      if (!anyMissing || !l.isMissing(i)) {
        v[k++] = l.get(i);
      }
    }
    scanLongValues(v, k);
  }

  private void scanLongValues(long[] v, int k) {
    double[] d = new double[k];
    for (int i = 0; i < k; i++) {
      long x = v[i];
      d[i] = x;
      if (x == 0) {
        zeros++;
      } else if (x < 0) {
        negatives++;
      }
      quantiles.update(x);
      distinctSketch.update(x);
      frequentLongs.update(x);
    }
    integral = k;
    values = Moments.of(d, 0, k);
  }

  /**
   * The profile of the union of both columns' values (associative and commutative up to sketch
   * randomness). Both must describe a column of the same name and type.
   *
   * @throws SchemaMismatchException when names or types differ
   */
  public ColumnProfile merge(ColumnProfile o) {
    if (!name.equals(o.name) || type != o.type) {
      throw new SchemaMismatchException("cannot merge the profile of column \"" + o.name + "\" ("
          + o.type.jsonName() + ") into column \"" + name + "\" (" + type.jsonName() + ")");
    }
    ColumnProfile m = new ColumnProfile(name, type, options);
    m.count = count + o.count;
    m.missing = missing + o.missing;
    m.nan = nan + o.nan;
    m.infinite = infinite + o.infinite;
    m.zeros = zeros + o.zeros;
    m.negatives = negatives + o.negatives;
    m.integral = integral + o.integral;
    m.values = values.merge(o.values);
    m.lengths = lengths.merge(o.lengths);
    if (patterns != null) {
      for (int i = 0; i < PATTERNS; i++) {
        m.patterns[i] = patterns[i] + o.patterns[i];
      }
    }
    if (quantiles != null) {
      m.quantiles.merge(quantiles);
      m.quantiles.merge(o.quantiles);
    }
    Union u = new Union(Math.max(distinctSketch.getLgConfigK(), o.distinctSketch.getLgConfigK()));
    u.update(distinctSketch);
    u.update(o.distinctSketch);
    m.distinctSketch = u.getResult(TgtHllType.HLL_8);
    if (frequentLongs != null) {
      m.frequentLongs.merge(frequentLongs);
      m.frequentLongs.merge(o.frequentLongs);
    }
    if (frequentStrings != null) {
      m.frequentStrings.merge(frequentStrings);
      m.frequentStrings.merge(o.frequentStrings);
    }
    return m;
  }

  public String name() {
    return name;
  }

  public ColumnType type() {
    return type;
  }

  public ProfileOptions options() {
    return options;
  }

  /** Number of rows, missing included. */
  public long count() {
    return count;
  }

  /** Number of missing values. */
  public long missing() {
    return missing;
  }

  /** Number of non-missing values (NaN counts as present). */
  public long present() {
    return count - missing;
  }

  /** Share of non-missing values in [0, 1]; 1 for an empty column. */
  public double completeness() {
    return count == 0 ? 1.0 : (double) (count - missing) / count;
  }

  /** Number of NaN values ({@code double} only; 0 otherwise). */
  public long nanCount() {
    return nan;
  }

  /** Number of infinite values ({@code double} only; 0 otherwise). */
  public long infiniteCount() {
    return infinite;
  }

  /** Number of zero values (numeric and timestamp columns; {@code false} for booleans). */
  public long zeroCount() {
    return zeros;
  }

  /** Number of negative values (numeric and timestamp columns). */
  public long negativeCount() {
    return negatives;
  }

  /**
   * Moments of the finite numeric values ({@code double}, {@code long}, timestamp micros, boolean
   * 0/1); {@link Moments#EMPTY} for text columns.
   */
  public Moments moments() {
    return values;
  }

  /** Moments of the text lengths in UTF-16 units (string and categorical); empty otherwise. */
  public Moments lengths() {
    return lengths;
  }

  /** Mean of the finite values; NaN when none or for text columns. */
  public double mean() {
    return values.mean();
  }

  /** Sample standard deviation; NaN when fewer than two finite values. */
  public double std() {
    return values.std();
  }

  /** Minimum finite value; NaN when none. */
  public double min() {
    return values.count() == 0 ? Double.NaN : values.min();
  }

  /** Maximum finite value; NaN when none. */
  public double max() {
    return values.count() == 0 ? Double.NaN : values.max();
  }

  /** True when the column has quantiles (double, long, timestamp). */
  public boolean hasQuantiles() {
    return quantiles != null;
  }

  /**
   * The estimated {@code q}-quantile of the finite values (inclusive search: the smallest value whose
   * rank is at least {@code q}); NaN when there is none or the type has no quantiles. The true rank
   * of the result is within {@link #quantileRankError()} of {@code q} with 99% confidence.
   *
   * @throws InvalidArgumentException when {@code q} is outside [0, 1]
   */
  public double quantile(double q) {
    InvalidArgumentException.check(q >= 0 && q <= 1, "quantile rank must be in [0, 1]: %s", q);
    if (quantiles == null || quantiles.isEmpty()) {
      return Double.NaN;
    }
    return quantiles.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
  }

  /**
   * Estimated share of finite values {@code <= x} (or {@code < x} when not {@code inclusive}); NaN
   * when there are none.
   */
  public double rank(double x, boolean inclusive) {
    if (quantiles == null || quantiles.isEmpty()) {
      return Double.NaN;
    }
    return quantiles.getRank(x, inclusive ? QuantileSearchCriteria.INCLUSIVE : QuantileSearchCriteria.EXCLUSIVE);
  }

  /** The normalized rank error of {@link #quantile} (99% confidence); 0 while the sketch is exact. */
  public double quantileRankError() {
    if (quantiles == null || !quantiles.isEstimationMode()) {
      return 0;
    }
    return quantiles.getNormalizedRankError(false);
  }

  /**
   * Equal-width histogram of the finite values between {@link #min()} and {@link #max()}; empty
   * (no edges) when there are no finite values or the type has no quantiles.
   *
   * @throws InvalidArgumentException when {@code bins < 1}
   */
  public Histogram histogram(int bins) {
    InvalidArgumentException.check(bins >= 1, "bins must be >= 1: %d", bins);
    if (quantiles == null || quantiles.isEmpty()) {
      return new Histogram(new double[0], new double[0]);
    }
    double lo = values.min();
    double hi = values.max();
    if (!(hi > lo)) {
      return new Histogram(new double[] {lo, hi}, new double[] {values.count()});
    }
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo + (hi - lo) * i / bins;
    }
    edges[bins] = hi;
    double[] splits = Arrays.copyOfRange(edges, 1, bins);
    double[] counts = new double[bins];
    if (splits.length == 0) {
      counts[0] = values.count();
    } else {
      double[] pmf = quantiles.getPMF(splits, QuantileSearchCriteria.EXCLUSIVE);
      for (int i = 0; i < bins; i++) {
        counts[i] = pmf[i] * values.count();
      }
    }
    return new Histogram(edges, counts);
  }

  /** Estimated number of distinct non-missing values (NaN counts as one value). */
  public long distinct() {
    return Math.round(distinctSketch.getEstimate());
  }

  /** Upper bound of the distinct count at {@code sigmas} (1, 2 or 3) standard deviations. */
  public long distinctUpperBound(int sigmas) {
    return (long) Math.ceil(distinctSketch.getUpperBound(sigmas));
  }

  /** Lower bound of the distinct count at {@code sigmas} (1, 2 or 3) standard deviations. */
  public long distinctLowerBound(int sigmas) {
    return (long) Math.floor(distinctSketch.getLowerBound(sigmas));
  }

  /**
   * True when every present value may be distinct: the exact distinct count equals the present
   * count, or (estimated) the present count lies within 2 standard errors above the estimate. At
   * least two present values; a hint for ids, to be confirmed by an exact uniqueness check.
   */
  public boolean looksUnique() {
    long present = present();
    if (present < 2) {
      return false;
    }
    if (distinctIsExact()) {
      return distinct() == present;
    }
    return distinctUpperBound(2) >= present && distinctLowerBound(2) <= present;
  }

  /** True while the distinct count is exact (few enough values that HyperLogLog keeps them all). */
  public boolean distinctIsExact() {
    return distinctSketch.getUpperBound(1) - distinctSketch.getLowerBound(1) < 1;
  }

  /**
   * Up to {@code n} most frequent values, most frequent first (ties by value): all values while the
   * counts are exact ({@link #topIsExact()}), else only values whose guaranteed count exceeds the
   * sketch's a-priori error {@code 3.5 N / frequentMapSize} (heavy hitters). Values of numeric
   * columns are rendered as text; booleans as {@code true}/{@code false}; timestamps as ISO instants.
   */
  public List<FrequentItem> top(int n) {
    List<FrequentItem> out = new ArrayList<>();
    // Exact: every tracked item. Otherwise only items whose guaranteed count exceeds the a-priori
    // error of the sketch (3.5 N / mapSize), so that a column of unique ids lists no arbitrary ids.
    boolean exact = topIsExact();
    if (frequentStrings != null) {
      double err = exact ? -1 : ItemsSketch.getAprioriError(options.frequentMapSize(), frequentStrings.getStreamLength());
      for (ItemsSketch.Row<String> r : frequentStrings.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
        if (r.getLowerBound() > err) {
          out.add(new FrequentItem(r.getItem(), r.getEstimate(), r.getLowerBound(), r.getUpperBound()));
        }
      }
    } else {
      double err = exact ? -1 : LongsSketch.getAprioriError(options.frequentMapSize(), frequentLongs.getStreamLength());
      for (LongsSketch.Row r : frequentLongs.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
        if (r.getLowerBound() > err) {
          out.add(new FrequentItem(render(r.getItem()), r.getEstimate(), r.getLowerBound(), r.getUpperBound()));
        }
      }
    }
    out.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.value().compareTo(b.value()));
    return Collections.unmodifiableList(out.subList(0, Math.min(n, out.size())));
  }

  /** True while the frequent-item counts are exact (fewer distinct values than the sketch holds). */
  public boolean topIsExact() {
    // The sketch purges only after it saw more distinct items than 3/4 of its map size.
    return distinctIsExact() && distinct() <= options.frequentMapSize() * 3L / 4;
  }

  private String render(long item) {
    return switch (type) {
      case DOUBLE -> Double.toString(Double.longBitsToDouble(item));
      case BOOLEAN -> item == 1 ? "true" : "false";
      case TIMESTAMP -> Instant.EPOCH.plusNanos(Math.multiplyExact(item, 1000L)).toString();
      default -> Long.toString(item);
    };
  }

  /** Counts per {@link PatternClass} (string and categorical columns; all zero otherwise), by ordinal. */
  public long[] patternCounts() {
    return patterns == null ? new long[PATTERNS] : patterns.clone();
  }

  /**
   * Share of non-missing values that can be read as {@code target}, in [0, 1] (1 when there are
   * none). For text columns it comes from the pattern classes (an integer text conforms to
   * {@code long} and {@code double}; a date to {@code timestamp}); a {@code double} column conforms
   * to {@code long} for its integral values; every column conforms to {@code string}.
   */
  public double conformity(ColumnType target) {
    long present = count - missing;
    if (present == 0 || target == type || target == ColumnType.STRING || target == ColumnType.CATEGORICAL) {
      return 1.0;
    }
    long ok;
    if (patterns != null) {
      ok = switch (target) {
        case LONG -> patterns[PatternClass.INTEGER.ordinal()];
        case DOUBLE -> patterns[PatternClass.INTEGER.ordinal()] + patterns[PatternClass.DECIMAL.ordinal()];
        case BOOLEAN -> patterns[PatternClass.BOOLEAN.ordinal()];
        case TIMESTAMP -> patterns[PatternClass.DATE.ordinal()];
        default -> present;
      };
    } else {
      ok = switch (type) {
        case LONG -> target == ColumnType.DOUBLE ? present : 0;
        case DOUBLE -> target == ColumnType.LONG ? integral : 0;
        case BOOLEAN -> target.isNumeric() ? present : 0;
        case TIMESTAMP -> target == ColumnType.LONG || target == ColumnType.DOUBLE ? present : 0;
        default -> 0;
      };
    }
    return (double) ok / present;
  }

  // ---- serialisation (layout documented in TableProfile) ----

  void write(java.io.DataOutputStream out) throws java.io.IOException {
    out.writeUTF(name);
    out.writeUTF(type.jsonName());
    out.writeInt(options.kllK());
    out.writeInt(options.hllLgK());
    out.writeInt(options.frequentMapSize());
    out.writeInt(options.maxItemLength());
    for (long v : new long[] {count, missing, nan, infinite, zeros, negatives, integral}) {
      out.writeLong(v);
    }
    writeMoments(out, values);
    writeMoments(out, lengths);
    out.writeInt(patterns == null ? 0 : PATTERNS);
    if (patterns != null) {
      for (long p : patterns) {
        out.writeLong(p);
      }
    }
    writeBytes(out, quantiles == null ? null : quantiles.toByteArray());
    writeBytes(out, distinctSketch.toCompactByteArray());
    writeBytes(out, frequentLongs == null ? null : frequentLongs.toByteArray());
    writeBytes(out, frequentStrings == null ? null : frequentStrings.toByteArray(STRINGS));
  }

  static ColumnProfile read(java.io.DataInputStream in) throws java.io.IOException {
    String name = in.readUTF();
    ColumnType type = ColumnType.parse(in.readUTF());
    ProfileOptions o = new ProfileOptions(in.readInt(), in.readInt(), in.readInt(), in.readInt());
    ColumnProfile p = new ColumnProfile(name, type, o);
    p.count = in.readLong();
    p.missing = in.readLong();
    p.nan = in.readLong();
    p.infinite = in.readLong();
    p.zeros = in.readLong();
    p.negatives = in.readLong();
    p.integral = in.readLong();
    p.values = readMoments(in);
    p.lengths = readMoments(in);
    int np = in.readInt();
    if (np != (p.patterns == null ? 0 : PATTERNS)) {
      throw new java.io.IOException("column \"" + name + "\": expected " + (p.patterns == null ? 0 : PATTERNS)
          + " pattern counts, found " + np);
    }
    for (int i = 0; i < np; i++) {
      p.patterns[i] = in.readLong();
    }
    byte[] b = readBytes(in);
    if (b != null) {
      p.quantiles = KllDoublesSketch.heapify(Memory.wrap(b));
    }
    p.distinctSketch = HllSketch.heapify(readBytes(in));
    b = readBytes(in);
    if (b != null) {
      p.frequentLongs = LongsSketch.getInstance(Memory.wrap(b));
    }
    b = readBytes(in);
    if (b != null) {
      p.frequentStrings = ItemsSketch.getInstance(Memory.wrap(b), STRINGS);
    }
    return p;
  }

  private static void writeMoments(java.io.DataOutputStream out, Moments m) throws java.io.IOException {
    out.writeLong(m.count());
    out.writeDouble(m.shift());
    out.writeDouble(m.shiftedMean());
    out.writeDouble(m.m2());
    out.writeDouble(m.min());
    out.writeDouble(m.max());
  }

  private static Moments readMoments(java.io.DataInputStream in) throws java.io.IOException {
    return new Moments(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
  }

  private static void writeBytes(java.io.DataOutputStream out, byte[] b) throws java.io.IOException {
    out.writeInt(b == null ? -1 : b.length);
    if (b != null) {
      out.write(b);
    }
  }

  private static byte[] readBytes(java.io.DataInputStream in) throws java.io.IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    if (n > 64 << 20) {
      throw new java.io.IOException("implausible sketch length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  /** Serialised sketches for the JSON form: name to bytes (absent sketches omitted). */
  java.util.Map<String, byte[]> sketchBytes() {
    java.util.Map<String, byte[]> m = new java.util.LinkedHashMap<>();
    if (quantiles != null) {
      m.put("kll", quantiles.toByteArray());
    }
    m.put("hll", distinctSketch.toCompactByteArray());
    if (frequentLongs != null) {
      m.put("frequent_longs", frequentLongs.toByteArray());
    }
    if (frequentStrings != null) {
      m.put("frequent_strings", frequentStrings.toByteArray(STRINGS));
    }
    return m;
  }

  @Override
  public String toString() {
    return "ColumnProfile[" + name + ": " + type.jsonName() + ", count=" + count + ", missing=" + missing + ", " + values + "]";
  }
}
