package dev.vigil.profile;

import dev.vigil.DataFormatException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profile of a table: its row count and one {@link ColumnProfile} per column, in column order.
 * A mergeable state: {@code of(A).merge(of(B))} describes the rows of A followed by B.
 *
 * <p><b>Binary layout, format version 1</b> (big-endian, {@link DataOutputStream}): magic bytes
 * {@code "VGPF"}, {@code short} format version, {@code long} rows, {@code int} column count, then
 * per column: {@code UTF} name, {@code UTF} type, four {@code int} options (kllK, hllLgK,
 * frequentMapSize, maxItemLength), seven {@code long} counts (count, missing, nan, infinite, zeros,
 * negatives, integral), two moments (count {@code long}, shift, shifted mean, m2, min, max {@code double}) for values
 * and text lengths, {@code int} number of pattern counts followed by that many {@code long}s, then four
 * length-prefixed ({@code int}, -1 for absent) DataSketches byte arrays: KLL doubles, compact HLL,
 * frequent longs, frequent strings.
 *
 * <p><b>JSON form</b> ({@link #toMap()}): {@code format_version}, {@code rows}, {@code columns[]} with
 * the readable metrics ({@code name, type, count, missing, distinct, mean, std, min, max, quantiles,
 * top, ...}; timestamps are summarised in epoch microseconds, with {@code min_time}/{@code max_time} as
 * ISO instants) and {@code state}, the base64 of that column's binary record; {@link #fromMap} reads the
 * states back, so that the JSON file is as complete as the binary one.
 */
public final class TableProfile {
  /** Version of the binary and JSON layouts. */
  public static final int FORMAT_VERSION = 1;
  private static final byte[] MAGIC = {'V', 'G', 'P', 'F'};
  /** Quantile ranks reported in the JSON form. */
  public static final double[] REPORTED_QUANTILES = {0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0};

  private final long rows;
  private final List<ColumnProfile> columns;

  private TableProfile(long rows, List<ColumnProfile> columns) {
    this.rows = rows;
    this.columns = List.copyOf(columns);
  }

  /** A profile of {@code rows} rows with the given column profiles. */
  public static TableProfile of(long rows, List<ColumnProfile> columns) {
    return new TableProfile(rows, columns);
  }

  public long rows() {
    return rows;
  }

  public List<ColumnProfile> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnProfile::name).toList();
  }

  /** The profile of column {@code name}, if profiled. */
  public Optional<ColumnProfile> find(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The profile of column {@code name}. @throws SchemaMismatchException naming the profiled columns */
  public ColumnProfile column(String name) {
    return find(name).orElseThrow(() -> new SchemaMismatchException("unknown column \"" + name
        + "\" in profile: the columns are " + columnNames()));
  }

  /**
   * The profile of both tables' rows. The columns must have the same names and types in the same
   * order.
   *
   * @throws SchemaMismatchException naming the first difference
   */
  public TableProfile merge(TableProfile o) {
    if (o.columns.size() != columns.size()) {
      throw new SchemaMismatchException("cannot merge profiles: " + o.columns.size() + " columns "
          + o.columnNames() + " into " + columns.size() + " columns " + columnNames());
    }
    List<ColumnProfile> out = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      out.add(columns.get(i).merge(o.columns.get(i)));
    }
    return new TableProfile(rows + o.rows, out);
  }

  /** The binary form (see the class documentation). */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeShort(FORMAT_VERSION);
      out.writeLong(rows);
      out.writeInt(columns.size());
      for (ColumnProfile c : columns) {
        c.write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads the binary form; {@code source} names the input in errors.
   *
   * @throws DataFormatException when the bytes are not a profile of a supported version
   */
  public static TableProfile fromBytes(byte[] bytes, String source) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte[] magic = new byte[4];
      in.readFully(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw DataFormatException.in(source).expected("a Vigil profile (magic VGPF)")
            .found(new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1)).build();
      }
      int version = in.readShort();
      if (version != FORMAT_VERSION) {
        throw DataFormatException.in(source).column("format_version").expected(String.valueOf(FORMAT_VERSION))
            .found(String.valueOf(version)).build();
      }
      long rows = in.readLong();
      int n = in.readInt();
      List<ColumnProfile> cols = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        cols.add(ColumnProfile.read(in));
      }
      return new TableProfile(rows, cols);
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataFormatException d) {
        throw d;
      }
      throw DataFormatException.in(source).expected("a complete Vigil profile").detail("%s", e.toString()).build(e);
    }
  }

  /**
   * The JSON form as nested maps and lists (see the class documentation); {@code NaN} metrics are
   * {@code null}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", FORMAT_VERSION);
    m.put("rows", rows);
    List<Object> cols = new ArrayList<>();
    for (ColumnProfile c : columns) {
      Map<String, Object> cm = summary(c);
      cm.put("state", Base64.getEncoder().encodeToString(columnBytes(c)));
      cols.add(cm);
    }
    m.put("columns", cols);
    return m;
  }

  /** The readable metrics of one column, as in the JSON form (without its state). */
  public static Map<String, Object> summary(ColumnProfile c) {
    Map<String, Object> cm = new LinkedHashMap<>();
    cm.put("name", c.name());
    cm.put("type", c.type().jsonName());
    cm.put("count", c.count());
    cm.put("missing", c.missing());
    cm.put("completeness", c.completeness());
    cm.put("distinct", c.distinct());
    cm.put("distinct_exact", c.distinctIsExact());
    cm.put("mean", num(c.mean()));
    cm.put("std", num(c.std()));
    cm.put("min", num(c.min()));
    cm.put("max", num(c.max()));
    if (c.type() == ColumnType.TIMESTAMP && c.moments().count() > 0) {
      cm.put("min_time", micros(c.min()));
      cm.put("max_time", micros(c.max()));
    }
    if (c.type() == ColumnType.DOUBLE) {
      cm.put("nan", c.nanCount());
      cm.put("infinite", c.infiniteCount());
    }
    if (c.type().isNumeric() || c.type() == ColumnType.TIMESTAMP) {
      cm.put("zeros", c.zeroCount());
      cm.put("negatives", c.negativeCount());
    }
    Map<String, Object> q = new LinkedHashMap<>();
    if (c.hasQuantiles()) {
      for (double r : REPORTED_QUANTILES) {
        q.put(String.format(java.util.Locale.ROOT, "p%s", trim(r * 100)), num(c.quantile(r)));
      }
      cm.put("quantile_rank_error", c.quantileRankError());
    }
    cm.put("quantiles", q);
    List<Object> top = new ArrayList<>();
    for (FrequentItem f : c.top(10)) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("value", f.value());
      t.put("count", f.count());
      top.add(t);
    }
    cm.put("top", top);
    cm.put("top_exact", c.topIsExact());
    if (c.type() == ColumnType.STRING || c.type() == ColumnType.CATEGORICAL) {
      Moments l = c.lengths();
      Map<String, Object> lm = new LinkedHashMap<>();
      lm.put("min", num(l.count() == 0 ? Double.NaN : l.min()));
      lm.put("max", num(l.count() == 0 ? Double.NaN : l.max()));
      lm.put("mean", num(l.mean()));
      cm.put("length", lm);
      Map<String, Object> pm = new LinkedHashMap<>();
      long[] pc = c.patternCounts();
      for (PatternClass p : PatternClass.values()) {
        if (pc[p.ordinal()] > 0) {
          pm.put(p.jsonName(), pc[p.ordinal()]);
        }
      }
      cm.put("patterns", pm);
    }
    if (c.hasQuantiles() && c.moments().count() > 0) {
      Histogram h = c.histogram(20);
      Map<String, Object> hm = new LinkedHashMap<>();
      hm.put("edges", java.util.Arrays.stream(h.edges()).boxed().toList());
      hm.put("counts", java.util.Arrays.stream(h.counts()).map(Math::rint).boxed().toList());
      cm.put("histogram", hm);
    }
    return cm;
  }

  /** ISO-8601 instant of epoch microseconds. */
  public static String micros(double epochMicros) {
    long m = (long) epochMicros;
    return java.time.Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000L).toString();
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static Object num(double v) {
    return Double.isFinite(v) ? (Object) v : null;
  }

  private static byte[] columnBytes(ColumnProfile c) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      c.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads the JSON form (as produced by {@link #toMap()} and parsed into maps and lists); the
   * readable metrics are ignored, the {@code state} of each column is read.
   *
   * @throws DataFormatException naming the field that is missing or wrong
   */
  public static TableProfile fromMap(Map<String, ?> m, String source) {
    Object v = m.get("format_version");
    if (!(v instanceof Number n) || n.intValue() != FORMAT_VERSION) {
      throw DataFormatException.in(source).column("format_version").expected(String.valueOf(FORMAT_VERSION))
          .found(String.valueOf(v)).build();
    }
    if (!(m.get("rows") instanceof Number rows)) {
      throw DataFormatException.in(source).column("rows").expected("a number").found(String.valueOf(m.get("rows"))).build();
    }
    if (!(m.get("columns") instanceof List<?> cols)) {
      throw DataFormatException.in(source).column("columns").expected("an array").build();
    }
    List<ColumnProfile> out = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      String where = "columns[" + i + "].state";
      if (!(cols.get(i) instanceof Map<?, ?> cm) || !(cm.get("state") instanceof String s)) {
        throw DataFormatException.in(source).column(where).expected("a base64 column state").build();
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(s)))) {
        out.add(ColumnProfile.read(in));
      } catch (IOException | RuntimeException e) {
        throw DataFormatException.in(source).column(where).expected("a valid column state").detail("%s", e.toString()).build(e);
      }
    }
    return new TableProfile(rows.longValue(), out);
  }

  @Override
  public String toString() {
    return "TableProfile[" + rows + " rows, columns " + columnNames() + "]";
  }
}
