package dev.vigil.io.log;

import dev.vigil.data.ColumnType;
import dev.vigil.data.Table;
import dev.vigil.io.internal.AppendingParquetFile;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prediction log: a {@link ServingListener} that records every answered row, and every shadow
 * model's output, off the request path.
 *
 * <p>{@link #onResponse} and {@link #onShadow} only offer one entry to a bounded queue and return; when
 * the queue is full the entry is dropped and counted ({@link #dropped()}, responses and shadow outputs
 * alike), never blocking the request. One writer thread drains the queue into the open segment of the
 * answering version and route (one open segment per version and route, so that a shadow or canary
 * version whose pipeline or outputs differ from the primary's does not close the primary's segment at
 * every row, and model, version and route are constant within a segment; the default answer has its
 * own) and rolls a segment when it reaches {@code segmentRows} rows, when about
 * {@code segmentBytes} of data were appended to it ({@link PredictionLogOptions#segmentBytes()}), when
 * its first row is {@code segmentAge} old, when the version's column layout changes, and on
 * {@link #close()}. A closed segment is complete and immediately readable (by DuckDB, Spark or
 * {@link dev.vigil.io.Tables}) while the log goes on.
 *
 * <p>Cost on the serving path: the request thread copies the row's values (features, the pipeline
 * output, which the served version's predictions carry by reference as {@link
 * dev.vigil.serving.Predictions#modelInput()}, and the outputs) into a few flat arrays while they are
 * in its core's cache ({@link LogRows}: reading the request's column objects from the writer's core
 * cost more than appending them), and offers that entry without waking anyone: the writer is never
 * blocked on the queue, it parks for 1 ms when the queue is empty and then takes what arrived in one
 * batch (waking a blocked writer on every offer cost each request a futex call, measured in
 * docs/benchmarks.md). The writer
 * appends each drained entry's rows at once into the open segment's in-memory DuckDB table (DuckDB's
 * appender, native memory), so the open segment holds nothing on the Java heap: with rows kept in
 * column builders on the heap, every young collection of a busy server copied the open segment's
 * strings and arrays, which made pauses several times longer than with the log off (measured in
 * docs/benchmarks.md). The writer allocates nothing per row: column names, types and the fixed part of
 * each row's size are worked out once per layout and segment. A pipeline output of doubles only (what
 * fitted pipelines give) is held in the open segment as one array column, appended with one call per
 * row, and unpacked into its {@code pipe_} columns when the file is written: per-column appends of the
 * demo's 21 one-hot and scaled columns were a fifth of the writer's time. Closing a segment is then only DuckDB's Parquet
 * encoding, on one DuckDB thread of a second Java thread ({@code vigil-prediction-log-close}), while
 * the writer goes on draining.
 *
 * <p>Crash semantics (tested with {@code kill -9} of a serving process under load): a segment is
 * written to a temporary sibling ({@code .segment-...parquet.NNN.tmp}) and renamed into place, so
 * every {@code .parquet} file is complete and a leftover temporary file is ignored by readers (they
 * read {@code *.parquet}). A kill loses only the rows not yet in a closed segment, that is:
 * <ul>
 *   <li>each version and route's open segment (fewer than {@code segmentRows} rows, under {@code segmentBytes},
 *       younger than {@code segmentAge});
 *   <li>at most one rolled segment whose file the closing thread is still writing, and at most one
 *       more that the writer has rolled and waits to hand over: the writer does not roll a segment
 *       while the previous one is still being written, so with one version these two and the open
 *       segment together never hold more than {@code 2 * segmentRows} rows of one-row requests (in
 *       general two segments of at most {@code segmentRows - 1} rows plus their last request's rows);
 *   <li>the entries still queued ({@code queueCapacity} at most) or taken by the writer and not yet
 *       appended ({@code min(queueCapacity, 1024)} at most).
 * </ul>
 * So with one answering version and route and one-row requests a kill loses at most
 * {@code 2 * segmentRows + queueCapacity + min(queueCapacity, 1024)} rows, and the rows kept are, for
 * each version, everything it logged up to some point (the queue and the segments are in order).
 * {@link #onSegmentClosed} reports each closed segment, for the store's catalogue.
 *
 * <p>Layout: {@code dir/model=NAME/segment-yyyyMMdd'T'HHmmss.SSS'Z'-SEQ.parquet}, NAME the served model
 * whichever version, fallback, shadow or default answered. Columns, in this order:
 * <ul>
 *   <li>{@code request_id}; {@code row} (0-based row within the request); {@code time} (timestamp: when
 *       the response was decided, or the shadow call finished); {@code model} (the answering model's
 *       name, {@code default} for the default answer); {@code version} (empty for the default
 *       answer); {@code route} ({@code primary}, {@code fallback}, {@code canary}, {@code default}, or
 *       {@code shadow} for a shadow model's output, which was never returned); {@code latency_us}
 *       (of the whole request, or of the shadow call); {@code error} (text, missing except on a
 *       failed shadow call: why it failed);
 *   <li>the request's feature columns as sent (a feature whose name is one of the fixed names above
 *       or starts with {@code out_} or {@code pipe_} is prefixed {@code feature_});
 *   <li>the pipeline output, one column {@code pipe_NAME} per output column NAME of the version's
 *       fitted feature pipeline, as the model took them; present only when the answering predictor
 *       attached its model input and that input is not the request's own table (a version without a
 *       pipeline, the default answer and plain predictors have none); missing on a failed shadow row;
 *   <li>one double column {@code out_K} per output K (0-based, in the order of the answering model's
 *       signature); missing on a failed shadow row.
 * </ul>
 * Segments of different versions may differ in their {@code pipe_} and {@code out_} columns; read them
 * together by column name ({@code union_by_name}, as {@link PredictionLogs#read} does).
 */
public final class PredictionLogger implements ServingListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PredictionLogger.class);
  private static final DateTimeFormatter SEGMENT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Object STOP = new Object();
  private static final List<String> FIXED_NAMES =
      List.of("request_id", "row", "time", "model", "version", "route", "latency_us", "error");
  private static final List<ColumnType> FIXED_TYPES = List.of(ColumnType.STRING, ColumnType.LONG, ColumnType.TIMESTAMP,
      ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.LONG, ColumnType.STRING);
  private static final java.util.Set<String> FIXED = java.util.Set.copyOf(FIXED_NAMES);
  /** The route logged for a shadow model's output. */
  public static final String SHADOW_ROUTE = "shadow";
  /**
   * An open segment's key: the answering version (null for the default answer) and the route. Within a
   * segment the model, version and route columns are therefore constant: they are not appended per row,
   * only written into the file ({@link AppendingParquetFile}'s constant columns).
   */
  private record Key(ModelRef by, String route) {}

  /** The layouts of the rows captured lately (see {@link LogRows}). */
  private final LogRows.Cache layouts = new LogRows.Cache();

  private final PredictionLogOptions options;
  private final String servedName;
  /** How long the idle writer parks before looking at the queue again. */
  private static final long IDLE_PARK_NANOS = 1_000_000L;
  /** Most entries the writer takes from the queue at once. */
  private static final int BATCH = 1024;
  /**
   * Entries for the writer: a lock-free queue bounded by {@link #queued} (an ArrayBlockingQueue's one
   * lock, taken by every request thread's offer, made the threads that met it park and be woken: a
   * context switch each).
   */
  private final java.util.concurrent.ConcurrentLinkedQueue<Object> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
  private final int capacity;
  /** Most entries the writer takes at once: never more than the queue holds, so the two bound a kill's loss together. */
  private final int batchSize;
  private final Thread writer;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong segments = new AtomicLong();
  private final AtomicLong failedSegments = new AtomicLong();
  /** Open segments by answering version and route ({@link Key}). */
  private final Map<Key, Segment> open = new LinkedHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  /**
   * Writes rolled segments' Parquet files, so the writer goes on draining the queue meanwhile (a
   * segment's encoding takes a while on a loaded machine; the queue would fill and drop entries). One
   * segment at a time: the writer does not hand over the next rolled segment before the previous one
   * is written, which bounds what a kill can lose to the open segment and one rolled segment more.
   */
  private final java.util.concurrent.ExecutorService closer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "vigil-prediction-log-close");
    t.setDaemon(true);
    return t;
  });
  private static final int MAX_FINISHING = 1;
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
    this.capacity = options.queueCapacity();
    this.batchSize = Math.min(BATCH, options.queueCapacity());
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
    Table f = request.features();
    Predictions out = response.predictions();
    Table pipe = LogRows.pipeOutput(f, out);
    LogRows rows = LogRows.capture(layouts.of(f, pipe, out.width()), request.id(), response.answeredBy(),
        response.route().jsonName(), response.latency().toNanos(), options.clock().instant(), null, f, pipe, out);
    if (!offer(rows)) {
      dropped.incrementAndGet();
    }
  }

  /**
   * Logs a shadow model's output as rows of route {@link #SHADOW_ROUTE} with the shadow's version, its
   * own latency and its pipeline output; a failed shadow call is logged as rows with the failure in
   * {@code error} and missing outputs (so the log shows every request the shadow got, and why it gave
   * nothing). Runs on the router's shadow thread; never blocks.
   */
  @Override
  public void onShadow(Request request, ModelRef shadowModel, Predictions shadow, String error, Response served,
      java.time.Duration latency) {
    if (closed) {
      dropped.incrementAndGet();
      return;
    }
    String why = shadow != null ? null : error != null ? error : "failed";
    Table f = request.features();
    Table pipe = LogRows.pipeOutput(f, shadow);
    LogRows rows = LogRows.capture(layouts.of(f, pipe, shadow == null ? 0 : shadow.width()), request.id(), shadowModel,
        SHADOW_ROUTE, latency.toNanos(), options.clock().instant(), why, f, pipe, shadow);
    if (!offer(rows)) {
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

  /** Queues {@code entry} unless {@link PredictionLogOptions#queueCapacity()} entries wait already. */
  private boolean offer(Object entry) {
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      return false;
    }
    queue.offer(entry);
    return true;
  }

  /** Takes up to {@code max} entries into {@code batch}; how many. */
  private int drainTo(List<Object> batch, int max) {
    int n = 0;
    Object o;
    while (n < max && (o = queue.poll()) != null) {
      batch.add(o);
      n++;
    }
    if (n > 0) {
      queued.addAndGet(-n);
    }
    return n;
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
    return queued.get();
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
      if (drainTo(batch, batchSize) == 0) {
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
        } else if (o instanceof LogRows e) {
          append(e);
        }
      }
      rollAged();
    }
    // Drain what is left, then close every segment.
    Object o;
    while ((o = queue.poll()) != null) {
      if (o instanceof LogRows e) {
        append(e);
      }
    }
    for (Segment s : List.copyOf(open.values())) {
      roll(s);
    }
  }

  private void append(LogRows e) {
    Key key = new Key(e.by, e.route);
    Segment s = open.get(key);
    if (s != null && !s.fits(e)) {
      roll(s);
      s = null;
    }
    if (s == null) {
      try {
        s = new Segment(key, servedName, e.layout, e.time);
      } catch (RuntimeException ex) {
        failedSegments.incrementAndGet();
        LOG.error("prediction log: cannot start a segment for model {}", servedName, ex);
        return;
      }
      open.put(key, s);
    }
    try {
      s.add(e);
    } catch (SQLException | RuntimeException ex) {
      open.remove(s.key);
      s.close();
      failedSegments.incrementAndGet();
      LOG.error("prediction log: cannot append to the open segment of model {} ({} rows lost)", s.model, s.rows, ex);
      return;
    }
    if (s.rows >= options.segmentRows() || s.bytes >= options.segmentBytes()) {
      roll(s);
    }
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
    open.remove(s.key);
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
      closer.execute(() -> finish(s, file, finishing::release));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      finishing.release();
      finish(s, file, () -> {});
    }
  }

  /**
   * Writes a rolled segment's Parquet file, runs {@code onDisk} as soon as the file is written (or
   * failed), which lets the writer roll the next segment, and then reports the segment (on the closer
   * thread; the digest and the listener need not hold up the writer).
   */
  private void finish(Segment s, Path file, Runnable onDisk) {
    try {
      s.file.finish(file);
      written.addAndGet(s.rows);
      segments.incrementAndGet();
    } catch (RuntimeException ex) {
      failedSegments.incrementAndGet();
      LOG.error("prediction log: cannot write segment {} ({} rows)", file, s.rows, ex);
      return;
    } finally {
      onDisk.run();
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
      queued.incrementAndGet(); // STOP always goes in, even over capacity
      queue.offer(STOP);
      writer.join(60_000);
      closer.shutdown();
      closer.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One version's open segment: its rows go straight into an {@link AppendingParquetFile} (DuckDB's
   * appender, native memory) as they are drained, so neither the rows nor column builders live on the
   * Java heap (where every young collection would copy them) and closing the segment is only the Parquet
   * encoding, on one DuckDB thread. The column layout (names and types of the features and of the
   * pipeline output, the number of outputs) is fixed when the segment starts.
   */
  private static final class Segment implements AutoCloseable {
    final Key key;
    final String model;
    final Instant started;
    final LogRows.Layout layout;
    final int width;
    /** Bytes every row adds whatever its values: 8 per number or timestamp column, 1 per boolean. */
    final long fixedRowBytes;
    final AppendingParquetFile file;
    final java.util.SortedSet<String> versions = new java.util.TreeSet<>();
    /**
     * When the pipeline output is all doubles (as fitted pipelines give): one row's values and missing
     * flags, appended with one call into one array column ({@link AppendingParquetFile}'s packed run).
     */
    private final double[] packed;
    private final boolean[] packedNull;
    /** The version last added to {@link #versions}, so that the set is only touched when it changes. */
    private String lastVersion;
    Instant last;
    int rows;
    long bytes;

    /** A segment laid out as {@code layout} (features, pipeline output, number of outputs). */
    Segment(Key key, String model, LogRows.Layout layout, Instant started) {
      this.key = key;
      this.model = model;
      this.started = started;
      this.layout = layout;
      this.width = layout.width;
      List<String> names = new ArrayList<>(FIXED_NAMES);
      List<ColumnType> types = new ArrayList<>(FIXED_TYPES);
      long fixed = 8 * 3; // row, time, latency_us
      for (int j = 0; j < layout.featureNames.length; j++) {
        String n = layout.featureNames[j];
        names.add(FIXED.contains(n) || n.startsWith("out_") || n.startsWith("pipe_") ? "feature_" + n : n);
        types.add(layout.featureTypes[j]);
        fixed += fixedBytes(layout.featureTypes[j]);
      }
      for (int j = 0; j < layout.pipeNames.length; j++) {
        names.add("pipe_" + layout.pipeNames[j]);
        types.add(layout.pipeTypes[j]);
        fixed += fixedBytes(layout.pipeTypes[j]);
      }
      for (int k = 0; k < width; k++) {
        names.add("out_" + k);
        types.add(ColumnType.DOUBLE);
      }
      this.fixedRowBytes = fixed + 8L * width;
      boolean allDouble = layout.pipeTypes.length >= 2;
      for (ColumnType t : layout.pipeTypes) {
        allDouble &= t == ColumnType.DOUBLE;
      }
      this.packed = allDouble ? new double[layout.pipeTypes.length] : null;
      this.packedNull = allDouble ? new boolean[layout.pipeTypes.length] : null;
      // model, version and route (columns 3, 4, 5) are the same on every row of a segment (see Key).
      ModelRef by = key.by();
      this.file = new AppendingParquetFile(names, types, 1, FIXED_NAMES.size() + layout.featureNames.length,
          allDouble ? layout.pipeTypes.length : 0,
          Map.of(3, by == null ? "default" : by.name(), 4, by == null ? "" : by.version(), 5, key.route()));
    }

    /** Appends row {@code i}'s pipeline output (cells {@code fc} to {@code cells}) as one array value. */
    private void appendPacked(DuckDBAppender a, LogRows e, int i, int nb, int fc, int cells) throws SQLException {
      if (e.failed) {
        a.appendNull();
        return;
      }
      boolean anyMissing = false;
      for (int j = fc; j < cells; j++) {
        boolean m = e.isMissing(i, j);
        packedNull[j - fc] = m;
        anyMissing |= m;
        packed[j - fc] = m ? 0 : Double.longBitsToDouble(e.nums[nb + layout.slot[j]]);
      }
      if (anyMissing) {
        a.append(packed, packedNull);
      } else {
        a.append(packed);
      }
    }

    private static long fixedBytes(ColumnType t) {
      return switch (t) {
        case DOUBLE, LONG, TIMESTAMP -> 8;
        case BOOLEAN -> 1;
        case CATEGORICAL, STRING -> 0; // counted per value
      };
    }

    /**
     * Whether these rows have this segment's layout (the same layout object: layouts are shared). A
     * failed shadow call fits any segment of the same features: its outputs and pipeline output are
     * written as missing.
     */
    boolean fits(LogRows e) {
      return e.layout == layout || e.failed && layout.sameFeatures(e.layout);
    }

    void add(LogRows e) throws SQLException {
      ModelRef by = e.by;
      String id = e.id;
      String name = by == null ? "default" : by.name();
      String version = by == null ? "" : by.version();
      String route = e.route;
      String error = e.error;
      String v = by == null ? "default" : version;
      if (!v.equals(lastVersion)) {
        versions.add(v);
        lastVersion = v;
      }
      last = last == null || e.time.isAfter(last) ? e.time : last;
      long micros = Math.addExact(Math.multiplyExact(e.time.getEpochSecond(), 1_000_000L), e.time.getNano() / 1000);
      long latency = e.latencyNanos / 1000;
      long rowBytes = fixedRowBytes + id.length() + name.length() + version.length() + route.length()
          + (error == null ? 0 : error.length());
      DuckDBAppender a = file.appender();
      LogRows.Layout l = layout;
      int fc = l.featureTypes.length;
      int cells = l.cells();
      int numStride = e.layout.numeric + (e.failed ? 0 : width);
      long[] nums = e.nums;
      String[] texts = e.texts;
      for (int i = 0; i < e.rows; i++) {
        a.beginRow();
        a.append(id);
        a.append((long) i);
        a.appendEpochMicros(micros);
        a.append(latency);
        if (error == null) {
          a.appendNull();
        } else {
          a.append(error);
        }
        int nb = i * numStride;
        int tb = i * e.layout.text;
        long varBytes = 0;
        for (int j = 0; j < (packed == null ? cells : fc); j++) {
          if (e.failed && j >= fc || e.isMissing(i, j)) {
            a.appendNull();
            continue;
          }
          int slot = l.slot[j];
          switch (j < fc ? l.featureTypes[j] : l.pipeTypes[j - fc]) {
            case DOUBLE -> a.append(Double.longBitsToDouble(nums[nb + slot]));
            case LONG -> a.append(nums[nb + slot]);
            case BOOLEAN -> a.append(nums[nb + slot] != 0);
            case TIMESTAMP -> a.appendEpochMicros(nums[nb + slot]);
            case CATEGORICAL, STRING -> {
              String t = texts[tb + slot];
              a.append(t);
              varBytes += t.length();
            }
          }
        }
        if (packed != null) {
          appendPacked(a, e, i, nb, fc, cells);
        }
        for (int k = 0; k < width; k++) {
          if (e.failed) {
            a.appendNull();
          } else {
            a.append(Double.longBitsToDouble(nums[nb + l.numeric + k]));
          }
        }
        a.endRow();
        file.rowAppended();
        rows++;
        bytes += rowBytes + varBytes;
      }
    }

    @Override
    public void close() {
      file.close();
    }
  }
}
