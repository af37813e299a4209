package dev.vigil.io.log;

import dev.vigil.data.Column;
import dev.vigil.data.ColumnBuilder;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import dev.vigil.io.DataFormat;
import dev.vigil.io.Tables;
import dev.vigil.serving.Request;
import dev.vigil.serving.Response;
import dev.vigil.serving.ServingListener;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prediction log: a {@link ServingListener} that records every answered row off the request path.
 *
 * <p>{@link #onResponse} only offers one entry to a bounded queue and returns; when the queue is full
 * the entry is dropped and counted ({@link #dropped()}), never blocking the request. One writer
 * thread drains the queue into the open segment of each model and closes a segment as a Parquet file
 * when it reaches {@code segmentRows} rows, when its first row is {@code segmentAge} old, when the
 * model's feature columns change, and on {@link #close()}. A closed segment is complete and
 * immediately readable (by DuckDB, Spark or {@link dev.vigil.io.Tables}) while the log goes on.
 *
 * <p>Crash semantics (tested with {@code kill -9} of a serving process under load): a segment is
 * written to a temporary sibling ({@code .segment-...parquet.NNN.tmp}) and renamed into place, so
 * every {@code .parquet} file is complete; a kill loses at most the rows not yet in a closed segment,
 * that is the open segment (up to {@code segmentRows} rows or {@code segmentAge} of traffic) and the
 * entries still queued for the writer. A leftover temporary file is ignored by readers (they read
 * {@code *.parquet}). {@link #onSegmentClosed} reports each closed segment, for the store's catalogue.
 *
 * <p>Layout: {@code dir/model=NAME/segment-yyyyMMdd'T'HHmmss.SSS'Z'-SEQ.parquet}. Columns:
 * {@code request_id}, {@code row} (0-based row within the request), {@code time} (timestamp),
 * {@code model} (the answering model's name, {@code default} for the default answer), {@code version}
 * (empty for the default answer), {@code route}, {@code latency_us}
 * (of the whole request), then the request's feature columns as sent (a feature whose name is one
 * of these fixed names is prefixed {@code feature_}), then one double column {@code out_K} per output
 * K (0-based, in the order of the answering model's signature).
 */
public final class PredictionLogger implements ServingListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PredictionLogger.class);
  private static final DateTimeFormatter SEGMENT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Object STOP = new Object();
  private static final java.util.Set<String> FIXED =
      java.util.Set.of("request_id", "row", "time", "model", "version", "route", "latency_us");

  private record Entry(Request request, Response response, Instant time, String model) {}

  private final PredictionLogOptions options;
  private final String servedName;
  private final BlockingQueue<Object> queue;
  private final Thread writer;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong segments = new AtomicLong();
  private final AtomicLong failedSegments = new AtomicLong();
  private final Map<String, Segment> open = new LinkedHashMap<>();
  private volatile boolean closed;
  private volatile java.util.function.Consumer<ClosedSegment> onClosed;

  /**
   * Starts the writer for the model served as {@code modelName}: its segments go to
   * {@code dir/model=modelName/} whichever version, fallback or default answered.
   */
  public PredictionLogger(PredictionLogOptions options, String modelName) {
    this.options = options;
    this.servedName = modelName;
    this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
    this.writer = new Thread(this::drain, "vigil-prediction-log");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  @Override
  public void onResponse(Request request, Response response) {
    if (closed) {
      dropped.incrementAndGet();
      return;
    }
    String model = response.answeredBy() == null ? "default" : response.answeredBy().name();
    if (!queue.offer(new Entry(request, response, options.clock().instant(), model))) {
      dropped.incrementAndGet();
    }
  }

  /**
   * Calls {@code listener} on the writer thread after each segment is closed (for the store's log
   * catalogue); its exceptions are logged and ignored, never stopping the log.
   */
  public void onSegmentClosed(java.util.function.Consumer<ClosedSegment> listener) {
    this.onClosed = listener;
  }

  /** Entries dropped because the queue was full (or the log closed). */
  public long dropped() {
    return dropped.get();
  }

  /** Rows written to closed segments. */
  public long written() {
    return written.get();
  }

  /** Segments closed so far. */
  public long segmentsClosed() {
    return segments.get();
  }

  /** Segments that could not be written (the rows are counted in neither written nor dropped). */
  public long segmentsFailed() {
    return failedSegments.get();
  }

  /** Entries waiting in the queue. */
  public int queued() {
    return queue.size();
  }

  private void drain() {
    try {
      while (true) {
        Object o = queue.poll(200, TimeUnit.MILLISECONDS);
        if (o == STOP) {
          break;
        }
        if (o instanceof Entry e) {
          append(e);
        }
        rollAged();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Drain what is left, then close every segment.
    Object o;
    while ((o = queue.poll()) != null) {
      if (o instanceof Entry e) {
        append(e);
      }
    }
    for (Segment s : List.copyOf(open.values())) {
      roll(s);
    }
  }

  private void append(Entry e) {
    Table f = e.request().features();
    Segment s = open.get(servedName);
    List<String> featureNames = f.columnNames();
    int width = e.response().predictions().width();
    if (s != null && (!s.featureNames.equals(featureNames) || s.width != width || !sameTypes(s, f))) {
      roll(s);
      s = null;
    }
    if (s == null) {
      s = new Segment(servedName, f, width, e.time());
      open.put(servedName, s);
    }
    s.add(e);
    if (s.rows >= options.segmentRows()) {
      roll(s);
    }
  }

  private static boolean sameTypes(Segment s, Table f) {
    for (int j = 0; j < f.columnCount(); j++) {
      if (s.features[j].type() != f.column(j).type()) {
        return false;
      }
    }
    return true;
  }

  private void rollAged() {
    Instant now = options.clock().instant();
    for (Segment s : List.copyOf(open.values())) {
      if (!s.started.plus(options.segmentAge()).isAfter(now)) {
        roll(s);
      }
    }
  }

  private void roll(Segment s) {
    open.remove(s.model);
    if (s.rows == 0) {
      return;
    }
    Path file = options.dir().resolve("model=" + s.model)
        .resolve("segment-" + SEGMENT_TIME.format(s.started) + "-" + segments.get() + ".parquet");
    try {
      Tables.write(s.build(), file, DataFormat.PARQUET);
      written.addAndGet(s.rows);
      segments.incrementAndGet();
    } catch (RuntimeException ex) {
      failedSegments.incrementAndGet();
      LOG.error("prediction log: cannot write segment {} ({} rows)", file, s.rows, ex);
      return;
    }
    java.util.function.Consumer<ClosedSegment> listener = onClosed;
    if (listener != null) {
      try {
        listener.accept(new ClosedSegment(file.toAbsolutePath(), s.model, List.copyOf(s.versions), s.started, s.last, s.rows,
            java.nio.file.Files.size(file), ClosedSegment.digest(file)));
      } catch (RuntimeException | java.io.IOException ex) {
        LOG.warn("prediction log: segment {} written; its listener failed", file, ex);
      }
    }
  }

  /** Stops accepting entries, writes everything queued, closes every segment. Waits up to 60 s. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      queue.put(STOP);
      writer.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The rows of one model's open segment, as column builders. */
  private static final class Segment {
    final String model;
    final Instant started;
    final List<String> featureNames;
    final int width;
    final ColumnBuilder[] features;
    final StringColumn.Builder requestId = StringColumn.builder("request_id");
    final LongColumn.Builder row = LongColumn.builder("row");
    final TimestampColumn.Builder time = TimestampColumn.builder("time", ZoneOffset.UTC);
    final StringColumn.Builder modelCol = StringColumn.builder("model");
    final StringColumn.Builder version = StringColumn.builder("version");
    final StringColumn.Builder route = StringColumn.builder("route");
    final LongColumn.Builder latency = LongColumn.builder("latency_us");
    final DoubleColumn.Builder[] outputs;
    final java.util.SortedSet<String> versions = new java.util.TreeSet<>();
    Instant last;
    int rows;

    Segment(String model, Table first, int width, Instant started) {
      this.model = model;
      this.started = started;
      this.featureNames = first.columnNames();
      this.width = width;
      this.features = new ColumnBuilder[first.columnCount()];
      for (int j = 0; j < features.length; j++) {
        Column c = first.column(j);
        String name = FIXED.contains(c.name()) || c.name().startsWith("out_") ? "feature_" + c.name() : c.name();
        features[j] = c instanceof TimestampColumn t ? TimestampColumn.builder(name, t.zone())
            : ColumnBuilder.of(name, c.type());
      }
      this.outputs = new DoubleColumn.Builder[width];
    }

    void add(Entry e) {
      Response r = e.response();
      if (outputs[0] == null) {
        for (int k = 0; k < width; k++) {
          outputs[k] = DoubleColumn.builder("out_" + k);
        }
      }
      Table f = e.request().features();
      versions.add(r.answeredBy() == null ? "default" : r.answeredBy().version());
      last = last == null || e.time().isAfter(last) ? e.time() : last;
      for (int i = 0; i < f.rowCount(); i++) {
        requestId.add(e.request().id());
        row.add(i);
        time.add(e.time());
        modelCol.add(e.model());
        version.add(r.answeredBy() == null ? "" : r.answeredBy().version());
        route.add(r.route().jsonName());
        latency.add(r.latency().toNanos() / 1000);
        for (int j = 0; j < features.length; j++) {
          Column c = f.column(j);
          features[j].addObject(c.isMissing(i) ? null : c.getObject(i));
        }
        for (int k = 0; k < width; k++) {
          outputs[k].add(r.predictions().value(i, k));
        }
        rows++;
      }
    }

    Table build() {
      List<Column> cols = new ArrayList<>();
      cols.add(requestId.build());
      cols.add(row.build());
      cols.add(time.build());
      cols.add(modelCol.build());
      cols.add(version.build());
      cols.add(route.build());
      cols.add(latency.build());
      for (ColumnBuilder b : features) {
        cols.add(b.build());
      }
      for (DoubleColumn.Builder b : outputs) {
        cols.add(b.build());
      }
      return Table.of(cols);
    }
  }
}
