package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.StoreException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Table;
import dev.vigil.io.BadRowPolicy;
import dev.vigil.io.DataFormat;
import dev.vigil.io.ReadOptions;
import dev.vigil.io.ReadSummary;
import dev.vigil.io.SchemaJson;
import dev.vigil.io.TableReader;
import dev.vigil.io.Tables;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How a command reads its DATA arguments. DATA is a file (CSV, TSV, Parquet, JSON Lines; format
 * from the extension or {@code --input-format}) or a JDBC URL ({@code jdbc:sqlite:app.db},
 * {@code jdbc:postgresql://host/db?user=u}) together with {@code --query}.
 */
public final class InputOptions {
  @Option(names = "--input-format", paramLabel = "FORMAT", description = "csv, tsv, parquet or jsonl (default: from the file extension).")
  String inputFormat;

  @Option(names = "--query", paramLabel = "SQL", description = "The query to run when DATA is a JDBC URL.")
  String query;

  @Option(names = "--types", paramLabel = "COL=TYPE", split = ",",
      description = "Override inferred column types, e.g. --types id=string,age=double.")
  Map<String, String> types;

  @Option(names = "--schema", paramLabel = "FILE", description = "Schema JSON whose field types override the inferred ones.")
  Path schema;

  @Option(names = "--columns", paramLabel = "COL", split = ",", description = "Keep only these columns, in this order.")
  List<String> columns;

  @Option(names = "--on-bad-row", paramLabel = "POLICY", defaultValue = "fail",
      description = "fail, skip or quarantine=FILE (default: ${DEFAULT-VALUE}). Skipped rows are counted and reported.")
  String onBadRow;

  @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV field delimiter (default , for CSV, tab for TSV).")
  String delimiter;

  @Option(names = "--no-header", description = "The CSV/TSV file has no header line (columns are named column0, column1, ...).")
  boolean noHeader;

  @Option(names = "--chunk-rows", paramLabel = "N", defaultValue = "65536", description = "Rows per chunk while reading (default: ${DEFAULT-VALUE}).")
  int chunkRows;

  /** The read options these flags describe. */
  public ReadOptions readOptions() {
    ReadOptions.Builder b = ReadOptions.builder().chunkRows(chunkRows).badRows(BadRowPolicy.parse(onBadRow))
        .header(!noHeader);
    if (inputFormat != null) {
      b.format(DataFormat.parse(inputFormat));
    }
    if (schema != null) {
      try {
        b.schema(SchemaJson.fromJson(Files.readString(schema, StandardCharsets.UTF_8), schema.toString()));
      } catch (IOException e) {
        throw new StoreException(schema + ": cannot read the schema file: " + e.getMessage(), e);
      }
    }
    if (types != null) {
      types.forEach((c, t) -> b.type(c, ColumnType.parse(t)));
    }
    if (columns != null) {
      b.columns(columns);
    }
    if (delimiter != null) {
      String d = delimiter.equals("\\t") ? "\t" : delimiter;
      InvalidArgumentException.check(d.length() == 1, "--delimiter must be one character: %s", delimiter);
      b.delimiter(d.charAt(0));
    }
    return b.build();
  }

  /** Opens {@code data} (a file or a JDBC URL). */
  public TableReader open(String data) {
    ReadOptions o = readOptions();
    if (data.startsWith("jdbc:")) {
      InvalidArgumentException.check(query != null, "a JDBC source needs --query: %s", data);
      return Tables.openJdbc(data, query, null, o);
    }
    InvalidArgumentException.check(query == null, "--query applies only to a JDBC URL, not to the file %s", data);
    return Tables.open(Path.of(data), o);
  }

  /** Reads all of {@code data}, with a progress bar on a terminal, and reports skipped rows on stderr. */
  public Loaded read(String data, PrintWriter err) {
    try (TableReader r = open(data); Progress p = Progress.start(err, "reading " + data)) {
      List<Table> parts = new ArrayList<>();
      while (r.hasNext()) {
        Table t = r.next();
        parts.add(t);
        p.advance(t.rowCount());
      }
      Table all = parts.isEmpty() ? r.readAll() : Table.concat(parts);
      ReadSummary s = r.summary();
      reportSummary(s, err);
      return new Loaded(all, s);
    }
  }

  /** Prints the bad-row and NaN counts of a read, if any. */
  public static void reportSummary(ReadSummary s, PrintWriter err) {
    if (s.rowsSkipped() > 0) {
      err.println("vigil: " + s.rowsSkipped() + " bad row(s) skipped in " + s.source() + "; first: "
          + (s.problems().isEmpty() ? "" : s.problems().get(0)));
    }
    s.nanCounts().forEach((c, n) -> err.println("vigil: column \"" + c + "\" holds " + n + " NaN value(s) (kept as NaN, not missing)"));
    err.flush();
  }

  /** A table read in full with its read summary. */
  public record Loaded(Table table, ReadSummary summary) {}
}
