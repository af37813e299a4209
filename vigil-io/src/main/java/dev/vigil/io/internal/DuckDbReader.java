package dev.vigil.io.internal;

import dev.vigil.DataFormatException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.StoreException;
import dev.vigil.data.ColumnType;
import dev.vigil.io.BadRowPolicy;
import dev.vigil.io.DataFormat;
import dev.vigil.io.ReadOptions;
import dev.vigil.io.TableReader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CSV/TSV, Parquet and JSON Lines files through DuckDB's embedded engine. CSV bad rows come
 * from DuckDB's reject tables (with their physical line numbers); JSON Lines bad lines are found by
 * validating each line with Jackson, and cast failures of overridden types by a TRY_CAST scan.
 */
public final class DuckDbReader {
  private static final Pattern CAST_VALUE = Pattern.compile("Could not convert string \"(.*?)\" to");
  private static final ObjectMapperHolder JSON = new ObjectMapperHolder();

  private DuckDbReader() {}

  /** Opens {@code path} for chunked reading. */
  public static TableReader open(Path path, ReadOptions options) {
    String source = path.toString();
    if (!Files.isRegularFile(path)) {
      throw new StoreException(source + ": no such file" + (Files.isDirectory(path) ? " (it is a folder)" : ""));
    }
    if (!Files.isReadable(path)) {
      throw new StoreException(source + ": not readable");
    }
    DataFormat format = options.format().orElseGet(() -> DataFormat.of(path));
    try {
      if (Files.size(path) == 0) {
        throw DataFormatException.in(source).expected(switch (format) {
          case CSV, TSV -> options.header() ? "a header line" : "at least one line";
          case JSONL -> "at least one JSON object";
          case PARQUET -> "a Parquet file";
        }).detail("the file is empty").build();
      }
    } catch (IOException e) {
      throw new StoreException(source + ": cannot read its size: " + e.getMessage(), e);
    }
    Connection conn = connect();
    try {
      return switch (format) {
        case CSV, TSV -> openCsv(conn, path, format, options);
        case PARQUET -> openTyped(conn, source, "read_parquet(" + Sql.literal(path.toString()) + ")", options, -1);
        case JSONL -> openJson(conn, path, options);
      };
    } catch (RuntimeException e) {
      closeQuietly(conn);
      throw e;
    }
  }

  /** Runs a DuckDB query (over files it reads itself) and reads its result; {@code source} names it in errors. */
  public static TableReader query(String sql, String source, ReadOptions options) {
    Connection conn = connect();
    try {
      return new ResultSetTableReader(source, query(conn, source, sql), conn, options, null);
    } catch (RuntimeException e) {
      closeQuietly(conn);
      throw e;
    }
  }

  static Connection connect() {
    try {
      Properties p = new Properties();
      p.setProperty("jdbc_stream_results", "true");
      return DriverManager.getConnection("jdbc:duckdb:", p);
    } catch (SQLException e) {
      throw new StoreException("cannot start the embedded DuckDB engine: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------- CSV

  private static TableReader openCsv(Connection conn, Path path, DataFormat format, ReadOptions o) {
    String source = path.toString();
    char delim = o.delimiter().orElse(format == DataFormat.TSV ? '\t' : ',');
    StringBuilder args = new StringBuilder(Sql.literal(path.toString()))
        .append(", delim=").append(Sql.literal(String.valueOf(delim)))
        .append(", quote='\"', escape='\"', header=").append(o.header())
        .append(", allow_quoted_nulls=false, store_rejects=true")
        .append(", rejects_table='vigil_rejects', rejects_scan='vigil_scans'");
    Map<String, String> header;
    try {
      header = describe(conn, source, "read_csv(" + args + ")");
    } catch (DataFormatException e) {
      DataFormatException better = CsvDiagnosis.diagnose(path, delim);
      if (better != null) {
        better.addSuppressed(e);
        throw better;
      }
      throw e;
    }
    checkNames(source, header.keySet(), o);
    if (!o.types().isEmpty()) {
      args.append(", types={");
      boolean first = true;
      for (Map.Entry<String, ColumnType> e : o.types().entrySet()) {
        args.append(first ? "" : ", ").append(Sql.literal(e.getKey())).append(": ")
            .append(Sql.literal(Sql.duckType(e.getValue())));
        first = false;
      }
      args.append('}');
    }
    String from = "read_csv(" + args + ")";
    Map<String, String> types = describe(conn, source, from);
    String sql = "SELECT " + projection(types.keySet(), o) + " FROM " + from;
    ResultSet rs = query(conn, source, sql);
    int expectedColumns = header.size();
    return new ResultSetTableReader(source, rs, conn, o,
        () -> csvRejects(conn, source, o, types, expectedColumns));
  }

  private static ResultSetTableReader.BadRows csvRejects(Connection conn, String source, ReadOptions o,
      Map<String, String> types, int expectedColumns) {
    List<String> messages = new ArrayList<>();
    List<String[]> quarantined = new ArrayList<>();
    long lines = 0;
    String sql = "SELECT line, column_name, CAST(error_type AS VARCHAR), csv_line, error_message "
        + "FROM vigil_rejects ORDER BY line, column_idx";
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      long lastLine = -1;
      while (rs.next()) {
        long line = rs.getLong(1);
        String column = rs.getString(2);
        String kind = rs.getString(3);
        String raw = rs.getString(4);
        String msg = rs.getString(5);
        DataFormatException e = csvError(source, line, column, kind, raw, msg, types, expectedColumns);
        if (o.badRows().mode() == BadRowPolicy.Mode.FAIL) {
          throw e;
        }
        if (line != lastLine) {
          lines++;
          lastLine = line;
        }
        if (messages.size() < 20) {
          messages.add(e.getMessage());
        }
        quarantined.add(new String[] {String.valueOf(line), "", column == null ? "" : column, e.getMessage(), raw});
      }
    } catch (SQLException e) {
      // No reject table means DuckDB found nothing to reject.
      if (!String.valueOf(e.getMessage()).contains("vigil_rejects")) {
        throw new StoreException(source + ": cannot read DuckDB's rejected rows: " + e.getMessage(), e);
      }
    }
    if (o.badRows().mode() == BadRowPolicy.Mode.QUARANTINE) {
      Quarantine.write(o.badRows().quarantine(), source, quarantined);
    }
    return new ResultSetTableReader.BadRows(lines, messages);
  }

  static DataFormatException csvError(String source, long line, String column, String kind, String raw,
      String msg, Map<String, String> types, int expectedColumns) {
    DataFormatException.Builder b = DataFormatException.in(source).line(line);
    String k = kind == null ? "" : kind.toUpperCase(Locale.ROOT);
    if (k.contains("CAST")) {
      Matcher m = CAST_VALUE.matcher(msg == null ? "" : msg);
      String dt = column == null ? null : types.get(column);
      b.column(column).expected(dt == null ? "a value of the column's type" : vigilName(dt))
          .found(m.find() ? m.group(1) : raw);
    } else if (k.contains("MISSING COLUMNS") || k.contains("TOO MANY COLUMNS")) {
      int found = raw == null ? 0 : countFields(raw);
      b.expected(expectedColumns + " fields").found(found + " fields: " + raw).detail("ragged line");
    } else if (k.contains("UNQUOTED")) {
      b.column(column).expected("a closed quoted value").found(raw).detail("malformed quoting");
    } else {
      b.column(column).detail("%s", msg);
    }
    return b.build();
  }

  private static int countFields(String raw) {
    int n = 1;
    boolean quoted = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == ',' || c == '\t')) {
        n++;
      }
    }
    return n;
  }

  static String vigilName(String duckType) {
    return ResultSetTableReader.mapType(java.sql.Types.OTHER, duckType).jsonName()
        .replace("categorical", "text") + " (" + duckType + ")";
  }

  // ----------------------------------------------------------------------------- Parquet, JSON

  private static TableReader openJson(Connection conn, Path path, ReadOptions o) {
    String source = path.toString();
    Path toRead = path;
    long badLines = 0;
    List<String> messages = new ArrayList<>();
    if (o.badRows().mode() != BadRowPolicy.Mode.FAIL) {
      JsonScan scan = scanJsonLines(path, o);
      toRead = scan.clean;
      badLines = scan.bad;
      messages = scan.messages;
    }
    String from = "read_json(" + Sql.literal(toRead.toString())
        + ", format='newline_delimited', sample_size=-1)";
    try {
      Path cleaned = toRead.equals(path) ? null : toRead;
      TableReader r = openTyped(conn, source, from, o, badLines, messages, cleaned);
      return r;
    } catch (DataFormatException e) {
      if (o.badRows().mode() == BadRowPolicy.Mode.FAIL && e.getMessage().contains("Malformed JSON")) {
        JsonScan scan = scanJsonLines(path, o);
        if (scan.firstError != null) {
          throw scan.firstError;
        }
      }
      throw e;
    }
  }

  private record JsonScan(Path clean, long bad, List<String> messages, DataFormatException firstError) {}

  /** Validates each line; writes the good ones to a temporary file (only for skip/quarantine). */
  private static JsonScan scanJsonLines(Path path, ReadOptions o) {
    String source = path.toString();
    boolean write = o.badRows().mode() != BadRowPolicy.Mode.FAIL;
    List<String> messages = new ArrayList<>();
    List<String[]> quarantined = new ArrayList<>();
    DataFormatException first = null;
    long bad = 0;
    Path tmp = null;
    try (InputStream in = Files.newInputStream(path);
        BufferedReader r = new BufferedReader(new java.io.InputStreamReader(
            path.toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(in) : in, StandardCharsets.UTF_8))) {
      BufferedWriter w = null;
      if (write) {
        tmp = Files.createTempFile("vigil-jsonl-", ".jsonl");
        tmp.toFile().deleteOnExit();
        w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
      }
      try {
        String line;
        long no = 0;
        while ((line = r.readLine()) != null) {
          no++;
          if (line.isBlank()) {
            continue;
          }
          String problem = JSON.problem(line);
          if (problem == null) {
            if (w != null) {
              w.write(line);
              w.newLine();
            }
          } else {
            bad++;
            DataFormatException e = DataFormatException.in(source).line(no).expected("one JSON object per line")
                .found(line).detail("%s", problem).build();
            if (first == null) {
              first = e;
            }
            if (messages.size() < 20) {
              messages.add(e.getMessage());
            }
            quarantined.add(new String[] {String.valueOf(no), "", "", e.getMessage(), line});
          }
        }
      } finally {
        if (w != null) {
          w.close();
        }
      }
    } catch (IOException e) {
      throw new StoreException(source + ": cannot read: " + e.getMessage(), e);
    }
    if (o.badRows().mode() == BadRowPolicy.Mode.QUARANTINE) {
      Quarantine.write(o.badRows().quarantine(), source, quarantined);
    }
    return new JsonScan(tmp, bad, messages, first);
  }

  private static TableReader openTyped(Connection conn, String source, String from, ReadOptions o, long priorBad) {
    return openTyped(conn, source, from, o, Math.max(priorBad, 0), List.of(), null);
  }

  /**
   * Parquet and JSON: types come from the file; overrides are applied by CAST, and values that do
   * not cast are bad rows found by a TRY_CAST scan (row numbers are 1-based data rows).
   */
  private static TableReader openTyped(Connection conn, String source, String from, ReadOptions o,
      long priorBad, List<String> priorMessages, Path cleanup) {
    Map<String, String> types = describe(conn, source, from);
    checkNames(source, types.keySet(), o);
    List<String> keep = new ArrayList<>(o.columns().orElse(new ArrayList<>(types.keySet())));
    StringBuilder select = new StringBuilder();
    StringBuilder badPredicate = new StringBuilder();
    for (String c : keep) {
      ColumnType t = o.types().get(c);
      String id = Sql.ident(c);
      if (select.length() > 0) {
        select.append(", ");
      }
      if (t == null || Sql.duckType(t).equals(types.get(c))) {
        select.append(id);
      } else {
        String target = Sql.duckType(t);
        select.append("TRY_CAST(").append(id).append(" AS ").append(target).append(") AS ").append(id);
        if (badPredicate.length() > 0) {
          badPredicate.append(" OR ");
        }
        badPredicate.append("(").append(id).append(" IS NOT NULL AND TRY_CAST(").append(id).append(" AS ")
            .append(target).append(") IS NULL)");
      }
    }
    long bad = priorBad;
    List<String> messages = new ArrayList<>(priorMessages);
    String where = "";
    if (badPredicate.length() > 0) {
      List<String[]> quarantined = new ArrayList<>();
      String scan = "SELECT * FROM (SELECT row_number() OVER () AS vigil_row, * FROM " + from + ") WHERE "
          + badPredicate + " ORDER BY vigil_row";
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(scan)) {
        while (rs.next()) {
          long row = rs.getLong(1);
          for (String c : keep) {
            ColumnType t = o.types().get(c);
            Object v = rs.getObject(c);
            if (t == null || v == null || castable(conn, v, Sql.duckType(t))) {
              continue;
            }
            DataFormatException e = DataFormatException.in(source).row(row).column(c)
                .expected(t.jsonName()).found(String.valueOf(v)).build();
            if (o.badRows().mode() == BadRowPolicy.Mode.FAIL) {
              throw e;
            }
            if (messages.size() < 20) {
              messages.add(e.getMessage());
            }
            quarantined.add(new String[] {"", String.valueOf(row), c, e.getMessage(), String.valueOf(v)});
          }
          bad++;
        }
      } catch (SQLException e) {
        throw DataFormatException.in(source).detail("%s", firstLine(e.getMessage())).build(e);
      }
      if (o.badRows().mode() == BadRowPolicy.Mode.QUARANTINE) {
        Quarantine.append(o.badRows().quarantine(), source, quarantined);
      }
      where = " WHERE NOT (" + badPredicate + ")";
    }
    ResultSet rs = query(conn, source, "SELECT " + select + " FROM " + from + where);
    long totalBad = bad;
    List<String> finalMessages = messages;
    return new ResultSetTableReader(source, rs, conn, o, () -> {
      if (cleanup != null) {
        try {
          Files.deleteIfExists(cleanup);
        } catch (IOException ignored) {
          // a temporary file; deleteOnExit is the fallback
        }
      }
      return new ResultSetTableReader.BadRows(totalBad, finalMessages);
    });
  }

  private static boolean castable(Connection conn, Object v, String type) {
    try (var ps = conn.prepareStatement("SELECT TRY_CAST(CAST(? AS VARCHAR) AS " + type + ") IS NOT NULL")) {
      ps.setString(1, String.valueOf(v));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------------------ helpers

  /** Column names and DuckDB types of {@code from}, in order. */
  static Map<String, String> describe(Connection conn, String source, String from) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + from)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    } catch (SQLException e) {
      throw translate(source, e);
    }
    return out;
  }

  private static ResultSet query(Connection conn, String source, String sql) {
    try {
      Statement st = conn.createStatement();
      return st.executeQuery(sql);
    } catch (SQLException e) {
      throw translate(source, e);
    }
  }

  static DataFormatException translate(String source, SQLException e) {
    String m = String.valueOf(e.getMessage());
    Matcher line = Pattern.compile("in line (\\d+)").matcher(m);
    DataFormatException.Builder b = DataFormatException.in(source);
    if (line.find()) {
      b.line(Long.parseLong(line.group(1)));
    }
    if (m.contains("No magic bytes") || m.contains("not a parquet file") || m.contains("Parquet")) {
      b.expected("a Parquet file");
    }
    return b.detail("%s", firstLine(m)).build(e);
  }

  static String firstLine(String m) {
    String s = m == null ? "" : m.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static void checkNames(String source, java.util.Set<String> names, ReadOptions o) {
    for (String c : o.types().keySet()) {
      if (!names.contains(c)) {
        throw new SchemaMismatchException(source + ": the type override names column \"" + c
            + "\", which the file does not have; its columns are " + names);
      }
    }
    for (String c : o.columns().orElse(List.of())) {
      if (!names.contains(c)) {
        throw new SchemaMismatchException(source + ": unknown column \"" + c + "\"; the columns are " + names);
      }
    }
  }

  private static String projection(java.util.Set<String> all, ReadOptions o) {
    List<String> keep = o.columns().orElse(new ArrayList<>(all));
    StringBuilder s = new StringBuilder();
    for (String c : keep) {
      s.append(s.length() == 0 ? "" : ", ").append(Sql.ident(c));
    }
    return s.toString();
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // best effort
    }
  }

  /** Lazily created Jackson mapper used to validate JSON lines. */
  private static final class ObjectMapperHolder {
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();

    String problem(String line) {
      try {
        com.fasterxml.jackson.databind.JsonNode n = mapper.readTree(line);
        return n != null && n.isObject() ? null : "not a JSON object";
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return firstLine(e.getOriginalMessage());
      }
    }
  }
}
