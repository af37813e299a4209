package dev.vigil.drift;

import dev.vigil.DataFormatException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.StoreException;
import dev.vigil.data.Column;
import dev.vigil.data.Table;
import dev.vigil.drift.internal.ColumnSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A drift reference: the state of a reference data set that every comparison needs, computed once
 * and stored, so that comparing many current windows never re-reads or re-sorts the reference data.
 *
 * <p>Per column it keeps the kind, the missing count and either the <b>sorted</b> finite values
 * (numeric columns: what the exact tests and the binning need) or the count per category. Columns
 * of a type drift detection does not compare (timestamps) are listed in {@link #skipped()}.
 *
 * <p>It is a mergeable state: {@link #empty()} is the identity and {@link #merge} is associative and
 * commutative, so a reference can be built chunk by chunk or in parallel; both sides must have the
 * same columns with the same kinds.
 *
 * <p><b>Compact columns.</b> {@link #compacted} replaces every numeric column with more than a given
 * number of values by its compact summary, so that a reference of millions of rows per column fits
 * in memory and on disk: n, exact mean and population standard deviation, K + 1 exact quantiles (u =
 * i/K, numpy's linear interpolation; min and max included), exact value counts when the column has
 * at most 1,000 distinct values, and a seeded uniform sample (without replacement) of S values.
 * Comparisons against a compact column: {@code ks} and {@code wasserstein} (and {@code auto}'s
 * Wasserstein with its calibrated threshold) use the quantiles and the exact current sample, with
 * |D − D_exact| ≤ 1/K + 1/n and |W1 − W1_exact| ≤ (max − min)/K before normalising (bounds; measured
 * errors are in {@code docs/benchmarks.md}); the missing-rate signal and, with at most 1,000 distinct
 * values, every count-based method ({@code chi2}, {@code js}, {@code psi}, ...) are exact; the other
 * numeric tests ({@code cvm}, {@code ad}, {@code mannwhitney}, {@code t}, {@code es}, {@code energy}),
 * binned distances of continuous columns and the {@code --compat} modes run on the sample: exact
 * tests of the sample against the current data, valid but with the power of S reference values. A
 * compact column cannot be merged or split (leave-chunk-out calibration needs the data).
 *
 * <p>Binary layout, format version 1 (written when no column is compact, so older files stay
 * byte-identical) and {@value #FORMAT_VERSION} (big-endian, {@link DataOutputStream}): magic {@code
 * "VGDR"}, int version, long rows, int column count, then per column: UTF name, byte kind (0 numeric,
 * 1 categorical, 2 compact numeric, version 2 only), long missing, then int n and n doubles (numeric,
 * ascending) or int k and k pairs (UTF label, long count) in label order, or (compact) long n, double
 * mean, double sd, int K + 1 and that many quantile doubles, int S and S sample doubles (ascending),
 * int c (−1: no value counts) and c pairs (UTF label, long count); then int skipped count and that
 * many (UTF name, UTF reason).
 */
public final class DriftReference {
  /** Version of the binary layout written by {@link #toBytes()}. */
  public static final int FORMAT_VERSION = 2;

  private static final byte[] MAGIC = {'V', 'G', 'D', 'R'};

  private final long rows;
  private final Map<String, ColumnSummary> columns;
  private final Map<String, String> skipped;

  private DriftReference(long rows, Map<String, ColumnSummary> columns, Map<String, String> skipped) {
    this.rows = rows;
    this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    this.skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }

  /** The identity of {@link #merge}: no rows, no columns. */
  public static DriftReference empty() {
    return new DriftReference(0, Map.of(), Map.of());
  }

  /** The reference state of every column of {@code table} (any row count, including 0). */
  public static DriftReference of(Table table) {
    Map<String, ColumnSummary> cols = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (Column c : table.columns()) {
      ColumnSummary s = ColumnSummary.of(c);
      if (s == null) {
        skipped.put(c.name(), c.type().jsonName() + " columns are not compared for drift");
      } else {
        cols.put(c.name(), s);
      }
    }
    return new DriftReference(table.rowCount(), cols, skipped);
  }

  /**
   * The columns of {@code table} that drift compares and those it skips, without their states (the
   * states are left null): used to match columns before summarising them one at a time.
   */
  static DriftReference shape(Table table) {
    Map<String, ColumnSummary> cols = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (Column c : table.columns()) {
      if (ColumnSummary.comparable(c)) {
        cols.put(c.name(), null);
      } else {
        skipped.put(c.name(), c.type().jsonName() + " columns are not compared for drift");
      }
    }
    return new DriftReference(table.rowCount(), cols, skipped);
  }

  /** The reference of both row sets together; throws {@link SchemaMismatchException} on other columns. */
  public DriftReference merge(DriftReference other) {
    if (columns.isEmpty() && skipped.isEmpty() && rows == 0) {
      return other;
    }
    if (other.columns.isEmpty() && other.skipped.isEmpty() && other.rows == 0) {
      return this;
    }
    if (!columns.keySet().equals(other.columns.keySet())) {
      throw new SchemaMismatchException("cannot merge drift references with different columns: "
          + columns.keySet() + " and " + other.columns.keySet());
    }
    Map<String, ColumnSummary> m = new LinkedHashMap<>();
    for (Map.Entry<String, ColumnSummary> e : columns.entrySet()) {
      m.put(e.getKey(), e.getValue().merge(other.columns.get(e.getKey())));
    }
    Map<String, String> sk = new LinkedHashMap<>(skipped);
    sk.putAll(other.skipped);
    return new DriftReference(rows + other.rows, m, sk);
  }

  /**
   * This reference with every numeric column of more than {@code exactValues} values replaced by its
   * compact summary ({@code quantiles} = K ≥ 10 intervals, a seeded sample of {@code sample} ≥ 100
   * values; see the class doc). Other columns are kept as they are.
   */
  public DriftReference compacted(long exactValues, int quantiles, int sample, long seed) {
    dev.vigil.InvalidArgumentException.check(quantiles >= 10, "quantiles must be >= 10: %d", quantiles);
    dev.vigil.InvalidArgumentException.check(sample >= 100, "sample must be >= 100: %d", sample);
    dev.vigil.InvalidArgumentException.check(exactValues >= sample, "exact values (%d) must be >= the sample (%d)",
        exactValues, sample);
    Map<String, ColumnSummary> m = new LinkedHashMap<>();
    long s = seed;
    for (Map.Entry<String, ColumnSummary> e : columns.entrySet()) {
      ColumnSummary c = e.getValue();
      m.put(e.getKey(), c.kind() == FeatureKind.NUMERIC && c.compact() == null && c.present() > exactValues
          ? c.compacted(quantiles, sample, s++) : c);
    }
    return new DriftReference(rows, m, skipped);
  }

  /** The columns of both references side by side (same rows, disjoint column names), e.g. built in column groups. */
  public DriftReference join(DriftReference other) {
    if (columns.isEmpty() && skipped.isEmpty() && rows == 0) {
      return other;
    }
    if (rows != other.rows) {
      throw new SchemaMismatchException("cannot join drift references of " + rows + " and " + other.rows + " rows");
    }
    Map<String, ColumnSummary> m = new LinkedHashMap<>(columns);
    for (Map.Entry<String, ColumnSummary> e : other.columns.entrySet()) {
      if (m.put(e.getKey(), e.getValue()) != null) {
        throw new SchemaMismatchException("cannot join drift references that both have column \"" + e.getKey() + "\"");
      }
    }
    Map<String, String> sk = new LinkedHashMap<>(skipped);
    sk.putAll(other.skipped);
    return new DriftReference(rows, m, sk);
  }

  /** This reference without {@code part}, a reference previously merged into it (leave-chunk-out). */
  DriftReference minus(DriftReference part) {
    Map<String, ColumnSummary> m = new LinkedHashMap<>();
    for (Map.Entry<String, ColumnSummary> e : columns.entrySet()) {
      m.put(e.getKey(), e.getValue().minus(part.columns.get(e.getKey())));
    }
    return new DriftReference(rows - part.rows, m, skipped);
  }

  /** Number of reference rows. */
  public long rows() {
    return rows;
  }

  /** Names of the compared columns, in table order. */
  public List<String> columnNames() {
    return List.copyOf(columns.keySet());
  }

  /** Columns left out, with the reason. */
  public Map<String, String> skipped() {
    return skipped;
  }

  /** Kind of {@code column}; throws {@link SchemaMismatchException} naming the columns held. */
  public FeatureKind kind(String column) {
    return summary(column).kind();
  }

  /** Missing (also NaN and infinite) values of {@code column}. */
  public long missing(String column) {
    return summary(column).missing();
  }

  ColumnSummary summary(String column) {
    ColumnSummary s = columns.get(column);
    if (s == null) {
      throw new SchemaMismatchException("the drift reference has no column \"" + column + "\"; it has "
          + columns.keySet());
    }
    return s;
  }

  boolean has(String column) {
    return columns.containsKey(column);
  }

  /** The serialised state, layout in the class Javadoc. */
  public byte[] toBytes() {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try {
      writeTo(bos);
    } catch (IOException e) {
      throw new StoreException("cannot serialise drift reference", e);
    }
    return bos.toByteArray();
  }

  /** Writes {@link #toBytes()} to {@code out} (buffered by the caller as needed). */
  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream o = new DataOutputStream(out);
    o.write(MAGIC);
    boolean anyCompact = columns.values().stream().anyMatch(c -> c.compact() != null);
    o.writeInt(anyCompact ? FORMAT_VERSION : 1);
    o.writeLong(rows);
    o.writeInt(columns.size());
    for (ColumnSummary s : columns.values()) {
      o.writeUTF(s.name());
      o.writeByte(s.compact() != null ? 2 : s.kind() == FeatureKind.NUMERIC ? 0 : 1);
      o.writeLong(s.missing());
      if (s.compact() != null) {
        ColumnSummary.Compact c = s.compact();
        o.writeLong(c.n());
        o.writeDouble(c.mean());
        o.writeDouble(c.sd());
        o.writeInt(c.quantiles().length);
        for (double x : c.quantiles()) {
          o.writeDouble(x);
        }
        o.writeInt(s.sorted().length);
        for (double x : s.sorted()) {
          o.writeDouble(x);
        }
        if (c.valueCounts() == null) {
          o.writeInt(-1);
        } else {
          o.writeInt(c.valueCounts().size());
          for (Map.Entry<String, Long> e : c.valueCounts().entrySet()) {
            o.writeUTF(e.getKey());
            o.writeLong(e.getValue());
          }
        }
      } else if (s.kind() == FeatureKind.NUMERIC) {
        double[] v = s.sorted();
        o.writeInt(v.length);
        for (double x : v) {
          o.writeDouble(x);
        }
      } else {
        o.writeInt(s.counts().size());
        for (Map.Entry<String, Long> e : s.counts().entrySet()) {
          o.writeUTF(e.getKey());
          o.writeLong(e.getValue());
        }
      }
    }
    o.writeInt(skipped.size());
    for (Map.Entry<String, String> e : skipped.entrySet()) {
      o.writeUTF(e.getKey());
      o.writeUTF(e.getValue());
    }
    o.flush();
  }

  /** Reads a state written by {@link #toBytes()}; {@link DataFormatException} when it is not one. */
  public static DriftReference fromBytes(byte[] bytes) {
    try {
      return readFrom(new ByteArrayInputStream(bytes), "bytes");
    } catch (IOException e) {
      throw DataFormatException.in("bytes").expected("a complete drift reference").found("end of data").build(e);
    }
  }

  private static DriftReference readFrom(InputStream in, String where) throws IOException {
    DataInputStream d = new DataInputStream(in);
    byte[] magic = new byte[4];
    d.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw DataFormatException.in(where).expected("a Vigil drift reference starting with magic VGDR")
          .found(new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1)).build();
    }
    int version = d.readInt();
    if (version != 1 && version != FORMAT_VERSION) {
      throw DataFormatException.in(where).expected("drift reference format version 1 or " + FORMAT_VERSION)
          .found(Integer.toString(version)).build();
    }
    long rows = d.readLong();
    int n = d.readInt();
    Map<String, ColumnSummary> cols = new LinkedHashMap<>();
    for (int c = 0; c < n; c++) {
      String name = d.readUTF();
      int kind = d.readByte();
      long missing = d.readLong();
      if (kind == 0) {
        double[] v = new double[d.readInt()];
        for (int i = 0; i < v.length; i++) {
          v[i] = d.readDouble();
        }
        cols.put(name, new ColumnSummary(name, FeatureKind.NUMERIC, missing, v, null));
      } else if (kind == 2 && version >= 2) {
        long n0 = d.readLong();
        double mean = d.readDouble();
        double sd = d.readDouble();
        double[] q = new double[d.readInt()];
        for (int i = 0; i < q.length; i++) {
          q[i] = d.readDouble();
        }
        double[] sample = new double[d.readInt()];
        for (int i = 0; i < sample.length; i++) {
          sample[i] = d.readDouble();
        }
        int vc = d.readInt();
        TreeMap<String, Long> counts = null;
        if (vc >= 0) {
          counts = new TreeMap<>();
          for (int i = 0; i < vc; i++) {
            counts.put(d.readUTF(), d.readLong());
          }
        }
        cols.put(name, new ColumnSummary(name, FeatureKind.NUMERIC, missing, sample, null,
            new ColumnSummary.Compact(n0, mean, sd, q, counts)));
      } else if (kind == 1) {
        int k = d.readInt();
        TreeMap<String, Long> m = new TreeMap<>();
        for (int i = 0; i < k; i++) {
          m.put(d.readUTF(), d.readLong());
        }
        cols.put(name, new ColumnSummary(name, FeatureKind.CATEGORICAL, missing, null, m));
      } else {
        throw DataFormatException.in(where).column(name).expected("kind 0 (numeric), 1 (categorical) or 2 (compact numeric)")
            .found(Integer.toString(kind)).build();
      }
    }
    int sk = d.readInt();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (int i = 0; i < sk; i++) {
      skipped.put(d.readUTF(), d.readUTF());
    }
    return new DriftReference(rows, cols, skipped);
  }

  /** Writes the state to {@code file}. */
  public void write(Path file) {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
      writeTo(out);
    } catch (IOException e) {
      throw new StoreException("cannot write drift reference " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a state from {@code file}. */
  public static DriftReference read(Path file) {
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      return readFrom(in, file.toString());
    } catch (java.io.EOFException e) {
      throw DataFormatException.in(file.toString()).expected("a complete drift reference").found("end of file").build(e);
    } catch (IOException e) {
      throw new StoreException("cannot read drift reference " + file + ": " + e.getMessage(), e);
    }
  }

  /** True when {@code file} starts with the drift-reference magic bytes. */
  public static boolean isReferenceFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] m = in.readNBytes(4);
      return Arrays.equals(m, MAGIC);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriftReference r && Arrays.equals(toBytes(), r.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    columns.values().forEach(s -> parts.add(s.name() + ":" + s.kind().jsonName()));
    return "DriftReference[rows=" + rows + ", columns=" + parts + "]";
  }
}
