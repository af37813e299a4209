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
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import java.time.Instant;

/**
 * One response's (or shadow result's) rows as the prediction log's writer appends them, copied into
 * flat arrays on the thread that answered, while the request's objects are still in that core's
 * cache.
 *
 * <p>Why: the writer thread runs on the other core. Reading a request's feature table, pipeline
 * output and predictions there touches two or three cold cache lines per column (the column object,
 * its values, its missing mask), each fetched from the other core: with the demo's 12 features and
 * its pipeline's columns that cost more than DuckDB's appender itself (measured in
 * docs/benchmarks.md). Copied here, the writer reads a few contiguous arrays instead: every number as
 * its 64 bits ({@code nums}), every text value ({@code texts}), a missing-value bit set
 * ({@code missing}), and a {@link Layout} it compares by identity instead of comparing column names.
 */
final class LogRows {
  final String id;
  /** The answering version; null for the default answer. */
  final ModelRef by;
  final String route;
  final long latencyNanos;
  final Instant time;
  /** Why a shadow call failed; null otherwise. */
  final String error;
  final Layout layout;
  final int rows;
  /** Row-major: per row, the layout's numeric cells, then the {@code width} outputs (as raw double bits). */
  final long[] nums;
  /** Row-major: per row, the layout's text cells; null when there are none. */
  final String[] texts;
  /** Bit {@code row * cells + cell} set when that feature or pipeline cell is missing; null when none is. */
  final long[] missing;
  /** A failed shadow call: no outputs and no pipeline output (written as missing). */
  final boolean failed;

  private LogRows(String id, ModelRef by, String route, long latencyNanos, Instant time, String error, Layout layout,
      int rows, long[] nums, String[] texts, long[] missing, boolean failed) {
    this.id = id;
    this.by = by;
    this.route = route;
    this.latencyNanos = latencyNanos;
    this.time = time;
    this.error = error;
    this.layout = layout;
    this.rows = rows;
    this.nums = nums;
    this.texts = texts;
    this.missing = missing;
    this.failed = failed;
  }

  /** The pipeline output to log: the model input attached to {@code out}, unless it is the request itself. */
  static Table pipeOutput(Table features, Predictions out) {
    Table in = out == null ? null : out.modelInput();
    return in == features ? null : in;
  }

  /**
   * Copies the rows of {@code features}, the pipeline output {@code pipe} (may be null) and {@code out}
   * (null for a failed shadow call) laid out as {@code layout}.
   */
  static LogRows capture(Layout layout, String id, ModelRef by, String route, long latencyNanos, Instant time,
      String error, Table features, Table pipe, Predictions out) {
    int rows = features.rowCount();
    boolean failed = out == null;
    int width = failed ? 0 : layout.width;
    int numStride = layout.numeric + width;
    long[] nums = new long[rows * numStride];
    String[] texts = layout.text == 0 ? null : new String[rows * layout.text];
    long[] missing = null;
    int fc = layout.featureTypes.length;
    int pc = failed || pipe == null ? 0 : layout.pipeTypes.length;
    int cells = layout.cells();
    for (int i = 0; i < rows; i++) {
      int nb = i * numStride;
      int tb = i * layout.text;
      for (int j = 0; j < fc + pc; j++) {
        Column c = j < fc ? features.column(j) : pipe.column(j - fc);
        ColumnType type = j < fc ? layout.featureTypes[j] : layout.pipeTypes[j - fc];
        if (c.isMissing(i)) {
          if (missing == null) {
            missing = new long[(rows * cells + 63) >>> 6];
          }
          int bit = i * cells + j;
          missing[bit >>> 6] |= 1L << bit;
          continue;
        }
        int slot = layout.slot[j];
        switch (type) {
          case DOUBLE -> nums[nb + slot] = Double.doubleToRawLongBits(((DoubleColumn) c).get(i));
          case LONG -> nums[nb + slot] = ((LongColumn) c).get(i);
          case BOOLEAN -> nums[nb + slot] = ((BooleanColumn) c).get(i) ? 1 : 0;
          case TIMESTAMP -> nums[nb + slot] = ((TimestampColumn) c).getMicros(i);
          case CATEGORICAL -> texts[tb + slot] = ((CategoricalColumn) c).get(i);
          case STRING -> texts[tb + slot] = ((StringColumn) c).get(i);
        }
      }
      for (int k = 0; k < width; k++) {
        nums[nb + layout.numeric + k] = Double.doubleToRawLongBits(out.value(i, k));
      }
    }
    return new LogRows(id, by, route, latencyNanos, time, error, layout, rows, nums, texts, missing, failed);
  }

  boolean isMissing(int row, int cell) {
    if (missing == null) {
      return false;
    }
    int bit = row * layout.cells() + cell;
    return (missing[bit >>> 6] & (1L << bit)) != 0;
  }

  /**
   * The columns of logged rows: the features' and the pipeline output's names and types and the
   * number of outputs, with where each feature or pipeline cell sits in a captured row ({@code slot}:
   * an index among the row's numeric cells, or among its text cells, by the column's type). Made once
   * per distinct layout ({@link Cache}), so that the writer compares layouts by identity.
   */
  static final class Layout {
    final String[] featureNames;
    final ColumnType[] featureTypes;
    final String[] pipeNames;
    final ColumnType[] pipeTypes;
    final int width;
    final int numeric;
    final int text;
    final int[] slot;

    Layout(Table features, Table pipe, int width) {
      this.featureNames = names(features);
      this.featureTypes = types(features);
      this.pipeNames = pipe == null ? new String[0] : names(pipe);
      this.pipeTypes = pipe == null ? new ColumnType[0] : types(pipe);
      this.width = width;
      this.slot = new int[featureTypes.length + pipeTypes.length];
      int n = 0;
      int t = 0;
      for (int j = 0; j < slot.length; j++) {
        ColumnType c = j < featureTypes.length ? featureTypes[j] : pipeTypes[j - featureTypes.length];
        slot[j] = c == ColumnType.CATEGORICAL || c == ColumnType.STRING ? t++ : n++;
      }
      this.numeric = n;
      this.text = t;
    }

    /** Feature and pipeline cells per row. */
    int cells() {
      return slot.length;
    }

    boolean matches(Table features, Table pipe, int width) {
      return this.width == width && same(features, featureNames, featureTypes)
          && (pipe == null ? pipeNames.length == 0 : same(pipe, pipeNames, pipeTypes));
    }

    /** Whether {@code other} has the same feature columns (a failed shadow call fits any outputs). */
    boolean sameFeatures(Layout other) {
      return java.util.Arrays.equals(featureNames, other.featureNames) && java.util.Arrays.equals(featureTypes, other.featureTypes);
    }

    private static boolean same(Table t, String[] names, ColumnType[] types) {
      if (t.columnCount() != names.length) {
        return false;
      }
      for (int j = 0; j < names.length; j++) {
        Column c = t.column(j);
        if (c.type() != types[j] || !c.name().equals(names[j])) {
          return false;
        }
      }
      return true;
    }

    private static String[] names(Table t) {
      String[] n = new String[t.columnCount()];
      for (int j = 0; j < n.length; j++) {
        n[j] = t.column(j).name();
      }
      return n;
    }

    private static ColumnType[] types(Table t) {
      ColumnType[] c = new ColumnType[t.columnCount()];
      for (int j = 0; j < c.length; j++) {
        c[j] = t.column(j).type();
      }
      return c;
    }
  }

  /**
   * The layouts seen lately, shared by the threads that capture rows: a lookup compares the request's
   * column names with each cached layout's (the same String instances, from the signature and the
   * fitted pipeline, so mostly identity checks) and makes a new layout only for a new shape. Keeps the
   * 16 most recent.
   */
  static final class Cache {
    private static final int SIZE = 16;
    private volatile Layout[] layouts = new Layout[0];

    Layout of(Table features, Table pipe, int width) {
      for (Layout l : layouts) {
        if (l.matches(features, pipe, width)) {
          return l;
        }
      }
      synchronized (this) {
        Layout[] now = layouts;
        for (Layout l : now) {
          if (l.matches(features, pipe, width)) {
            return l;
          }
        }
        Layout made = new Layout(features, pipe, width);
        Layout[] next = new Layout[Math.min(SIZE, now.length + 1)];
        System.arraycopy(now, now.length + 1 - next.length, next, 0, next.length - 1);
        next[next.length - 1] = made;
        layouts = next;
        return made;
      }
    }
  }
}
