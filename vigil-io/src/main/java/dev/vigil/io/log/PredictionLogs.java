package dev.vigil.io.log;

import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.NotFoundException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.StoreException;
import dev.vigil.data.Column;
import dev.vigil.data.Table;
import dev.vigil.io.DataFormat;
import dev.vigil.io.ReadOptions;
import dev.vigil.io.TableReader;
import dev.vigil.io.Tables;
import dev.vigil.io.internal.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * Reading the prediction log and attaching labels that arrive later.
 *
 * <p>Labels are kept beside the log in {@code dir/labels/labels-TIME-N.parquet} files of
 * {@code request_id} (string), {@code row} (long, default 0) and {@code label} (double), each file
 * written atomically. {@link #read} joins every closed segment of a model with its labels by
 * {@code (request_id, row)}; the latest label file wins when a row was labelled twice.
 */
public final class PredictionLogs {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private PredictionLogs() {}

  /**
   * Adds labels: {@code labels} must have a {@code request_id} column, a numeric {@code label} column
   * and optionally a {@code row} column (0-based row within the request; 0 when absent).
   *
   * @return the label file written
   * @throws SchemaMismatchException naming a missing or mistyped column
   */
  public static Path addLabels(Path logDir, Table labels, Clock clock) {
    if (!labels.hasColumn("request_id") || !labels.hasColumn("label")) {
      throw new SchemaMismatchException("labels need columns request_id and label; found " + labels.columnNames());
    }
    Column label = labels.column("label");
    if (!label.type().isNumeric() && label.type() != dev.vigil.data.ColumnType.BOOLEAN) {
      throw new SchemaMismatchException("column \"label\": expected a number or boolean, found " + label.type().jsonName());
    }
    InvalidArgumentException.check(labels.rowCount() > 0, "no labels to add");
    Path dir = logDir.resolve("labels");
    Path file;
    try {
      Files.createDirectories(dir);
      int n = 0;
      do {
        file = dir.resolve("labels-" + FILE_TIME.format(clock.instant()) + "-" + n++ + ".parquet");
      } while (Files.exists(file));
    } catch (IOException e) {
      throw new StoreException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    Tables.write(normalise(labels), file, DataFormat.PARQUET);
    return file;
  }

  private static Table normalise(Table labels) {
    dev.vigil.data.StringColumn.Builder id = dev.vigil.data.StringColumn.builder("request_id");
    dev.vigil.data.LongColumn.Builder row = dev.vigil.data.LongColumn.builder("row");
    dev.vigil.data.DoubleColumn.Builder y = dev.vigil.data.DoubleColumn.builder("label");
    Column ids = labels.column("request_id");
    Column rows = labels.hasColumn("row") ? labels.column("row") : null;
    Column ls = labels.column("label");
    for (int i = 0; i < labels.rowCount(); i++) {
      if (ids.isMissing(i)) {
        throw DataFormatException.in("labels").row(i + 1).column("request_id").expected("a request id")
            .detail("it is missing").build();
      }
      id.add(String.valueOf(ids.getObject(i)));
      row.addObject(rows == null ? 0L : rows.getObject(i));
      Object v = ls.getObject(i);
      y.addObject(v instanceof Boolean b ? (b ? 1.0 : 0.0) : v);
    }
    return Table.of(id.build(), row.build(), y.build());
  }

  /**
   * Every closed segment of {@code model} with a {@code label} column (missing where no label came),
   * columns matched by name across segments (a column a segment lacks is missing there). This includes
   * the shadow model's rows ({@code route = 'shadow'}, with the same request ids and labels, for judging
   * the challenger); leave them out for what callers received.
   *
   * @throws NotFoundException when the model has no closed segment
   */
  public static Table read(Path logDir, String model) {
    Path modelDir = logDir.resolve("model=" + model);
    if (!hasParquet(modelDir)) {
      throw new NotFoundException("no prediction log segments for model \"" + model + "\" in " + logDir);
    }
    String segments = Sql.literal(modelDir.resolve("*.parquet").toString());
    String sql;
    if (hasParquet(logDir.resolve("labels"))) {
      String labels = Sql.literal(logDir.resolve("labels").resolve("*.parquet").toString());
      sql = "SELECT p.*, l.label FROM read_parquet(" + segments + ", union_by_name=true) p LEFT JOIN ("
          + "SELECT request_id, \"row\", arg_max(label, filename) AS label FROM read_parquet(" + labels
          + ", filename=true) GROUP BY request_id, \"row\") l ON p.request_id = l.request_id AND p.\"row\" = l.\"row\""
          + " ORDER BY p.time, p.request_id, p.\"row\"";
    } else {
      sql = "SELECT *, CAST(NULL AS DOUBLE) AS label FROM read_parquet(" + segments + ", union_by_name=true)"
          + " ORDER BY time, request_id, \"row\"";
    }
    try (TableReader r = dev.vigil.io.internal.DuckDbReader.query(sql, "prediction log of " + model, ReadOptions.defaults())) {
      return r.readAll();
    }
  }

  /** Columns of a log segment that are not request features (besides {@code pipe_*} and {@code out_*}). */
  private static final java.util.Set<String> NOT_FEATURES =
      java.util.Set.of("request_id", "row", "time", "model", "version", "route", "latency_us", "error");

  /**
   * The request features logged for {@code model}, as sent by the callers, for comparison with the
   * training data (training/serving skew): every closed segment's rows, without the log's own columns
   * ({@code request_id}, {@code row}, {@code time}, {@code model}, {@code version}, {@code route},
   * {@code latency_us}, {@code error}), the pipeline output ({@code pipe_*}) and the outputs
   * ({@code out_*}); a feature the logger renamed {@code feature_NAME} (NAME clashed with those) is
   * given back its name NAME.
   *
   * @param version only the rows this version answered (including its rows as a shadow); null for
   *     every request once (the rows of every route but {@code shadow}, which repeat a request)
   * @param since only rows logged at or after this time; null for no lower bound
   * @param until only rows logged before this time; null for no upper bound
   * @throws NotFoundException when the model has no closed segment, or no row matches
   */
  public static Table servingFeatures(Path logDir, String model, String version, java.time.Instant since,
      java.time.Instant until) {
    Path modelDir = logDir.resolve("model=" + model);
    if (!hasParquet(modelDir)) {
      throw new NotFoundException("no prediction log segments for model \"" + model + "\" in " + logDir);
    }
    String from = " FROM read_parquet(" + Sql.literal(modelDir.resolve("*.parquet").toString()) + ", union_by_name=true)";
    java.util.List<String> names;
    try (TableReader r = dev.vigil.io.internal.DuckDbReader.query("SELECT *" + from + " LIMIT 0", "prediction log of " + model,
        ReadOptions.defaults())) {
      names = r.readAll().columnNames();
    }
    StringBuilder select = new StringBuilder();
    for (String n : names) {
      if (NOT_FEATURES.contains(n) || n.startsWith("pipe_") || n.startsWith("out_")) {
        continue;
      }
      String as = n;
      if (n.startsWith("feature_")) {
        String bare = n.substring("feature_".length());
        as = NOT_FEATURES.contains(bare) || bare.startsWith("pipe_") || bare.startsWith("out_") ? bare : n;
      }
      select.append(select.length() == 0 ? "" : ", ").append(Sql.ident(n)).append(" AS ").append(Sql.ident(as));
    }
    if (select.length() == 0) {
      throw new NotFoundException("the prediction log of model \"" + model + "\" in " + logDir + " has no feature columns");
    }
    StringBuilder where = new StringBuilder(version == null ? " WHERE route <> 'shadow'" : " WHERE version = " + Sql.literal(version));
    if (since != null) {
      where.append(" AND epoch_us(time) >= ").append(micros(since));
    }
    if (until != null) {
      where.append(" AND epoch_us(time) < ").append(micros(until));
    }
    Table t;
    try (TableReader r = dev.vigil.io.internal.DuckDbReader.query("SELECT " + select + from + where + " ORDER BY time, request_id, \"row\"",
        "prediction log of " + model, ReadOptions.defaults())) {
      t = r.readAll();
    }
    if (t.rowCount() == 0) {
      throw new NotFoundException("no logged rows for model \"" + model + "\"" + (version == null ? "" : " version " + version)
          + (since == null ? "" : " from " + since) + (until == null ? "" : " until " + until) + " in " + logDir);
    }
    return t;
  }

  private static long micros(java.time.Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  /**
   * Describes a closed segment file of {@code model}'s log (for cataloguing segments written while the
   * store was unreachable or before a crash): rows, time range and versions read with DuckDB, size
   * and SHA-256 of the file.
   *
   * @throws dev.vigil.DataFormatException when the file is not a readable log segment
   */
  public static ClosedSegment describe(Path segment, String model) {
    String sql = "SELECT count(*) AS n, min(time) AS t0, max(time) AS t1, string_agg(DISTINCT CASE WHEN version = '' THEN"
        + " 'default' ELSE version END, ',' ORDER BY CASE WHEN version = '' THEN 'default' ELSE version END) AS v"
        + " FROM read_parquet(" + Sql.literal(segment.toString()) + ")";
    Table t;
    try (TableReader r = dev.vigil.io.internal.DuckDbReader.query(sql, segment.toString(), ReadOptions.defaults())) {
      t = r.readAll();
    }
    long rows = ((Number) t.column("n").getObject(0)).longValue();
    if (rows == 0) {
      throw dev.vigil.DataFormatException.in(segment.toString()).expected("a prediction log segment with rows").found("0 rows").build();
    }
    java.time.Instant first = instant(t.column("t0").getObject(0));
    java.time.Instant last = instant(t.column("t1").getObject(0));
    Object v = t.column("v").getObject(0);
    try {
      return new ClosedSegment(segment.toAbsolutePath(), model, v == null ? java.util.List.of() : java.util.List.of(String.valueOf(v).split(",")),
          first, last, rows, Files.size(segment), ClosedSegment.digest(segment));
    } catch (IOException e) {
      throw new StoreException("cannot read " + segment + ": " + e.getMessage(), e);
    }
  }

  private static java.time.Instant instant(Object o) {
    if (o instanceof java.time.Instant i) {
      return i;
    }
    if (o instanceof java.time.ZonedDateTime z) {
      return z.toInstant();
    }
    if (o instanceof java.time.OffsetDateTime z) {
      return z.toInstant();
    }
    if (o instanceof java.time.LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    throw new IllegalStateException("unexpected time value " + o);
  }

  /** The closed segment files of {@code model} under {@code logDir}, sorted by name. */
  public static java.util.List<Path> segmentFiles(Path logDir, String model) {
    Path d = logDir.resolve("model=" + model);
    if (!Files.isDirectory(d)) {
      return java.util.List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new StoreException("cannot list " + d + ": " + e.getMessage(), e);
    }
  }

  private static boolean hasParquet(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.toString().endsWith(".parquet"));
    } catch (IOException e) {
      throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
