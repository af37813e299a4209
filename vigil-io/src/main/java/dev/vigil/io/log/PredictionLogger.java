package dev.vigil.io.log;

import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import dev.vigil.io.internal.AppendingParquetFile;
import dev.vigil.serving.Request;
import dev.vigil.serving.Response;
import dev.vigil.serving.ServingListener;
import java.nio.file.Path;
import java.sql.SQLException;
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
import org.duckdb.DuckDBAppender;
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
 * <p>Cost on the serving path: the request thread only allocates one small queue entry and offers it
 * without waking anyone: the writer is never blocked on the queue, it parks for 1 ms when the queue is
 * empty and then takes what arrived in one batch (waking a blocked writer on every offer cost each
 * request a futex call, measured in docs/benchmarks.md). The writer
 * appends each drained entry's rows at once into the open segment's in-memory DuckDB table (DuckDB's
 * appender, native memory), so the open segment holds nothing on the Java heap: with rows kept in
 * column builders on the heap, every young collection of a busy server copied the open segment's
 * strings and arrays, which made pauses several times longer than with the log off (measured in
 * docs/benchmarks.md). Closing a segment is then only DuckDB's Parquet encoding, on one DuckDB thread
 * of a second Java thread ({@code vigil-prediction-log-close}), while the writer goes on draining.
 *
 * <p>Crash semantics (tested with {@code kill -9} of a serving process under load): a segment is
 * written to a temporary sibling ({@code .segment-...parquet.NNN.tmp}) and renamed into place, so
 * every {@code .parquet} file is complete; a kill loses at most the rows not yet in a closed segment,
 * that is the open segment (up to {@code segmentRows} rows or {@code segmentAge} of traffic), up to two
 * rolled segments whose files a second thread is still writing, and the entries still queued for the
 * writer. A leftover temporary file is ignored by readers (they read
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
  /** How long the idle writer parks before looking at the queue again. */
  private static final long IDLE_PARK_NANOS = 1_000_000L;
  /** Most entries the writer takes from the queue at once. */
  private static final int BATCH = 1024;
  private final BlockingQueue<Object> queue;
  private final Thread writer;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong segments = new AtomicLong();
  private final AtomicLong failedSegments = new AtomicLong();
  private final Map<String, Segment> open = new LinkedHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  /**
   * Writes rolled segments' Parquet files, so the writer goes on draining the queue meanwhile (a
   * segment's encoding takes a while on a loaded machine; the queue would fill and drop entries). At
   * most {@link #MAX_FINISHING} segments wait for it; beyond that the writer waits.
   */
  private final java.util.concurrent.ExecutorService closer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "vigil-prediction-log-close");
    t.setDaemon(true);
    return t;
  });
  private static final int MAX_FINISHING = 2;
  private final java.util.concurrent.Semaphore finishing = new java.util.concurrent.Semaphore(MAX_FINISHING);
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
   * Calls {@code listener} after each segment is closed, in order, on the segment-closing thread (for
   * the store's log catalogue); its exceptions are logged and ignored, never stopping the log.
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
    // The writer polls and parks briefly when the queue is empty instead of waiting on it: a writer
    // blocked in poll(timeout) must be woken (a futex call and a context switch) by the very request
    // whose entry arrives; with the queue mostly empty that cost every request about 20 us of CPU on
    // the request thread (docs/benchmarks.md, fifth serving measurement). Parked, the writer wakes itself every IDLE_PARK_NANOS
    // and takes whatever arrived meanwhile in one batch (one lock acquisition).
    List<Object> batch = new ArrayList<>(BATCH);
    boolean stop = false;
    while (!stop) {
      batch.clear();
      if (queue.drainTo(batch, BATCH) == 0) {
        rollAged();
        java.util.concurrent.locks.LockSupport.parkNanos(IDLE_PARK_NANOS);
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
        continue;
      }
      for (Object o : batch) {
        if (o == STOP) {
          stop = true; // entries after STOP in this batch are still written, as by the final drain
        } else if (o instanceof Entry e) {
          append(e);
        }
      }
      rollAged();
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
      try {
        s = new Segment(servedName, f, width, e.time());
      } catch (RuntimeException ex) {
        failedSegments.incrementAndGet();
        LOG.error("prediction log: cannot start a segment for model {}", servedName, ex);
        return;
      }
      open.put(servedName, s);
    }
    try {
      s.add(e);
    } catch (SQLException | RuntimeException ex) {
      open.remove(s.model);
      s.close();
      failedSegments.incrementAndGet();
      LOG.error("prediction log: cannot append to the open segment of model {} ({} rows lost)", s.model, s.rows, ex);
      return;
    }
    if (s.rows >= options.segmentRows()) {
      roll(s);
    }
  }

  private static boolean sameTypes(Segment s, Table f) {
    for (int j = 0; j < f.columnCount(); j++) {
      if (s.featureTypes[j] != f.column(j).type()) {
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
      s.close();
      return;
    }
    Path file = options.dir().resolve("model=" + s.model)
        .resolve("segment-" + SEGMENT_TIME.format(s.started) + "-" + sequence.getAndIncrement() + ".parquet");
    try {
      finishing.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      closer.execute(() -> {
        try {
          finish(s, file);
        } finally {
          finishing.release();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      finishing.release();
      finish(s, file);
    }
  }

  /** Writes a rolled segment's Parquet file and reports it (on the closer thread). */
  private void finish(Segment s, Path file) {
    try {
      s.file.finish(file);
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
      closer.shutdown();
      closer.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One model's open segment: its rows go straight into an {@link AppendingParquetFile} (DuckDB's
   * appender, native memory) as they are drained, so neither the rows nor column builders live on the
   * Java heap (where every young collection would copy them) and closing the segment is only the Parquet
   * encoding, on one DuckDB thread.
   */
  private static final class Segment implements AutoCloseable {
    final String model;
    final Instant started;
    final List<String> featureNames;
    final ColumnType[] featureTypes;
    final int width;
    final AppendingParquetFile file;
    final java.util.SortedSet<String> versions = new java.util.TreeSet<>();
    Instant last;
    int rows;

    Segment(String model, Table first, int width, Instant started) {
      this.model = model;
      this.started = started;
      this.featureNames = first.columnNames();
      this.width = width;
      this.featureTypes = new ColumnType[first.columnCount()];
      List<String> names = new ArrayList<>(List.of("request_id", "row", "time", "model", "version", "route", "latency_us"));
      List<ColumnType> types = new ArrayList<>(List.of(ColumnType.STRING, ColumnType.LONG, ColumnType.TIMESTAMP,
          ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.LONG));
      for (int j = 0; j < featureTypes.length; j++) {
        Column c = first.column(j);
        featureTypes[j] = c.type();
        names.add(FIXED.contains(c.name()) || c.name().startsWith("out_") ? "feature_" + c.name() : c.name());
        types.add(c.type());
      }
      for (int k = 0; k < width; k++) {
        names.add("out_" + k);
        types.add(ColumnType.DOUBLE);
      }
      this.file = new AppendingParquetFile(names, types, 1);
    }

    void add(Entry e) throws SQLException {
      Response r = e.response();
      Table f = e.request().features();
      String version = r.answeredBy() == null ? "" : r.answeredBy().version();
      versions.add(r.answeredBy() == null ? "default" : version);
      last = last == null || e.time().isAfter(last) ? e.time() : last;
      long micros = Math.addExact(Math.multiplyExact(e.time().getEpochSecond(), 1_000_000L), e.time().getNano() / 1000);
      long latency = r.latency().toNanos() / 1000;
      String route = r.route().jsonName();
      DuckDBAppender a = file.appender();
      for (int i = 0; i < f.rowCount(); i++) {
        a.beginRow();
        a.append(e.request().id());
        a.append((long) i);
        a.appendEpochMicros(micros);
        a.append(e.model());
        a.append(version);
        a.append(route);
        a.append(latency);
        for (int j = 0; j < featureTypes.length; j++) {
          Column c = f.column(j);
          if (c.isMissing(i)) {
            a.appendNull();
            continue;
          }
          switch (featureTypes[j]) {
            case DOUBLE -> a.append(((DoubleColumn) c).get(i));
            case LONG -> a.append(((LongColumn) c).get(i));
            case BOOLEAN -> a.append(((BooleanColumn) c).get(i));
            case TIMESTAMP -> a.appendEpochMicros(((TimestampColumn) c).getMicros(i));
            case CATEGORICAL -> a.append(((CategoricalColumn) c).get(i));
            case STRING -> a.append(((StringColumn) c).get(i));
          }
        }
        for (int k = 0; k < width; k++) {
          a.append(r.predictions().value(i, k));
        }
        a.endRow();
        file.rowAppended();
        rows++;
      }
    }

    @Override
    public void close() {
      file.close();
    }
  }
}
