package dev.vigil.io;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.ColumnType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to read a data source. Defaults: format from the file name, types inferred, all columns, chunks
 * of 65,536 rows, bad rows fail the read, local date-times in UTC.
 *
 * <p><b>Type inference.</b> Numeric, boolean and date/time columns take the type DuckDB's sniffer (or
 * the JDBC driver) reports: floating and decimal types become {@code double}, integer types
 * {@code long}, dates and timestamps {@code timestamp}. A text column becomes {@code categorical}
 * when, in the first chunk, it has at most {@link #categoricalMaxDistinct()} distinct values and
 * they are at most half of its non-missing values; otherwise {@code string}. {@link #types()}
 * overrides any column's type.
 */
public final class ReadOptions {
  private final DataFormat format;
  private final Map<String, ColumnType> types;
  private final List<String> columns;
  private final int chunkRows;
  private final BadRowPolicy badRows;
  private final ZoneId zone;
  private final int categoricalMaxDistinct;
  private final Character delimiter;
  private final boolean header;

  private ReadOptions(Builder b) {
    this.format = b.format;
    this.types = Map.copyOf(b.types);
    this.columns = b.columns == null ? null : List.copyOf(b.columns);
    this.chunkRows = b.chunkRows;
    this.badRows = b.badRows;
    this.zone = b.zone;
    this.categoricalMaxDistinct = b.categoricalMaxDistinct;
    this.delimiter = b.delimiter;
    this.header = b.header;
    this.typeOrder = List.copyOf(b.types.keySet());
  }

  private final List<String> typeOrder;

  public static ReadOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.format = format;
    b.types.putAll(types);
    b.columns = columns;
    b.chunkRows = chunkRows;
    b.badRows = badRows;
    b.zone = zone;
    b.categoricalMaxDistinct = categoricalMaxDistinct;
    b.delimiter = delimiter;
    b.header = header;
    return b;
  }

  /** The format, when given; otherwise guessed from the file name. */
  public Optional<DataFormat> format() {
    return Optional.ofNullable(format);
  }

  /** Type overrides by column name. */
  public Map<String, ColumnType> types() {
    return types;
  }

  /** Names of the overridden columns in the order given. */
  public List<String> typeOrder() {
    return typeOrder;
  }

  /** Columns to keep, in order; empty means all. */
  public Optional<List<String>> columns() {
    return Optional.ofNullable(columns);
  }

  public int chunkRows() {
    return chunkRows;
  }

  public BadRowPolicy badRows() {
    return badRows;
  }

  public ZoneId zone() {
    return zone;
  }

  public int categoricalMaxDistinct() {
    return categoricalMaxDistinct;
  }

  /** The CSV delimiter, when given; otherwise {@code ,} for CSV and tab for TSV. */
  public Optional<Character> delimiter() {
    return Optional.ofNullable(delimiter);
  }

  /** Whether a CSV/TSV file starts with a header line (default true). */
  public boolean header() {
    return header;
  }

  /** Builds {@link ReadOptions}. */
  public static final class Builder {
    private DataFormat format;
    private final Map<String, ColumnType> types = new LinkedHashMap<>();
    private List<String> columns;
    private int chunkRows = 65_536;
    private BadRowPolicy badRows = BadRowPolicy.FAIL;
    private ZoneId zone = ZoneOffset.UTC;
    private int categoricalMaxDistinct = 1000;
    private Character delimiter;
    private boolean header = true;

    public Builder format(DataFormat f) {
      this.format = f;
      return this;
    }

    /** Overrides the type of {@code column}. */
    public Builder type(String column, ColumnType type) {
      types.put(column, type);
      return this;
    }

    /** Overrides the types of every field of {@code schema}. */
    public Builder schema(dev.vigil.data.Schema schema) {
      schema.fields().forEach(f -> types.put(f.name(), f.type()));
      return this;
    }

    public Builder columns(List<String> keep) {
      InvalidArgumentException.check(keep != null && !keep.isEmpty(), "columns to keep must be non-empty");
      this.columns = List.copyOf(keep);
      return this;
    }

    /** Rows per chunk, in [1, 16777216]. */
    public Builder chunkRows(int n) {
      InvalidArgumentException.check(n >= 1 && n <= (1 << 24), "chunkRows must be in [1, 16777216]: %d", n);
      this.chunkRows = n;
      return this;
    }

    public Builder badRows(BadRowPolicy p) {
      this.badRows = java.util.Objects.requireNonNull(p);
      return this;
    }

    public Builder zone(ZoneId z) {
      this.zone = java.util.Objects.requireNonNull(z);
      return this;
    }

    /** At most this many distinct values make a text column categorical, in [0, 1000000]. */
    public Builder categoricalMaxDistinct(int n) {
      InvalidArgumentException.check(n >= 0 && n <= 1_000_000, "categoricalMaxDistinct must be in [0, 1000000]: %d", n);
      this.categoricalMaxDistinct = n;
      return this;
    }

    public Builder delimiter(char c) {
      this.delimiter = c;
      return this;
    }

    public Builder header(boolean h) {
      this.header = h;
      return this;
    }

    public ReadOptions build() {
      return new ReadOptions(this);
    }
  }
}
