package dev.vigil.io;

import dev.vigil.data.Table;
import dev.vigil.io.internal.DuckDbReader;
import dev.vigil.io.internal.DuckDbWriter;
import dev.vigil.io.internal.JdbcReader;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The entry point for reading and writing tables.
 *
 * <pre>{@code
 * Table t = Tables.read(Path.of("scans.csv"));
 * try (TableReader r = Tables.open(Path.of("big.parquet"), ReadOptions.builder().chunkRows(100_000).build())) {
 *   while (r.hasNext()) { Table chunk = r.next(); ... }
 * }
 * Tables.write(t, Path.of("scans.parquet"));
 * Table q = Tables.readJdbc("jdbc:sqlite:app.db", "SELECT * FROM scans", null, ReadOptions.defaults());
 * }</pre>
 *
 * Files are CSV/TSV, Parquet or JSON Lines (format from the extension unless given), read and written
 * through DuckDB's embedded engine. Errors: {@link dev.vigil.StoreException} when a file is missing or
 * cannot be written; {@link dev.vigil.DataFormatException} naming file, line/row, column and the
 * expectation for bad content; {@link dev.vigil.SchemaMismatchException} for unknown columns.
 */
public final class Tables {
  private Tables() {}

  /** Opens a file for chunked reading. */
  public static TableReader open(Path file, ReadOptions options) {
    return DuckDbReader.open(file, options);
  }

  /** Reads a whole file with default options. */
  public static Table read(Path file) {
    return read(file, ReadOptions.defaults());
  }

  /** Reads a whole file. */
  public static Table read(Path file, ReadOptions options) {
    try (TableReader r = open(file, options)) {
      return r.readAll();
    }
  }

  /** Opens the result of {@code query} on the JDBC database at {@code url} for chunked reading. */
  public static TableReader openJdbc(String url, String query, Properties props, ReadOptions options) {
    return JdbcReader.open(url, query, props, options);
  }

  /** Reads the whole result of {@code query} on the JDBC database at {@code url}. */
  public static Table readJdbc(String url, String query, Properties props, ReadOptions options) {
    try (TableReader r = openJdbc(url, query, props, options)) {
      return r.readAll();
    }
  }

  /** Writes {@code table} to {@code file} in the format of its extension, atomically. */
  public static void write(Table table, Path file) {
    write(table, file, DataFormat.of(file));
  }

  /**
   * Writes every chunk of {@code chunks} (for example a {@link TableReader}) to {@code file} as one
   * file, atomically; returns the number of rows written.
   */
  public static long write(java.util.Iterator<Table> chunks, Path file, DataFormat format) {
    return DuckDbWriter.write(chunks, file, format);
  }

  /** Writes {@code table} to {@code file} in {@code format}, atomically. */
  public static void write(Table table, Path file, DataFormat format) {
    DuckDbWriter.write(table, file, format);
  }
}
