package dev.vigil.imbalance.internal;

import java.util.Arrays;

/**
 * Synthetic rows: values, class, and how they were made, for weight carrying: {@code base >= 0,
 * other >= 0}: interpolated from row base towards row other with {@code gap}; {@code other < 0}:
 * derived from row base alone (smoothed copy, SMOTE-N mode); {@code base < 0}: a centroid of its class.
 *
 * <p>An interpolated row added with {@link #addLerp} is not materialised: only (base, other, gap)
 * are kept, and its values {@code x[base][t] + gap (x[other][t] - x[base][t])} (the same expression,
 * so the same bits, as {@link Oversamplers#lerp}) are written straight into the output columns by
 * {@link #fill}. That spares one small array per synthetic row and a column-by-column read of them.
 */
final class Synth {
  private double[][] rows = new double[16][]; // null: deferred interpolation from src
  private double[][] src;
  final Cleaners.IntList y = new Cleaners.IntList(16);
  final Cleaners.IntList base = new Cleaners.IntList(16);
  final Cleaners.IntList other = new Cleaners.IntList(16);
  private double[] gaps = new double[16];
  private int size;

  void add(double[] row, int cls, int b, int o, double g) {
    push(row, cls, b, o, g);
  }

  /** A row interpolated from {@code x[b]} towards {@code x[o]} by {@code g}, computed when read. */
  void addLerp(double[][] x, int cls, int b, int o, double g) {
    if (src != null && src != x) {
      // a second source (never happens today): materialise instead of mixing sources
      push(Oversamplers.lerp(x[b], x[o], g), cls, b, o, g);
      return;
    }
    src = x;
    push(null, cls, b, o, g);
  }

  private void push(double[] row, int cls, int b, int o, double g) {
    if (size == rows.length) {
      rows = Arrays.copyOf(rows, size * 2);
      gaps = Arrays.copyOf(gaps, size * 2);
    }
    rows[size] = row;
    gaps[size] = g;
    size++;
    y.add(cls);
    base.add(b);
    other.add(o);
  }

  int size() {
    return size;
  }

  double gap(int i) {
    return gaps[i];
  }

  /** The values of entry i (materialised for a deferred interpolation; do not modify). */
  double[] row(int i) {
    double[] r = rows[i];
    return r != null ? r : Oversamplers.lerp(src[base.a[i]], src[other.a[i]], gaps[i]);
  }

  /** Feature j of entry i. */
  double value(int i, int j) {
    double[] r = rows[i];
    if (r != null) {
      return r[j];
    }
    double a = src[base.a[i]][j];
    return a + gaps[i] * (src[other.a[i]][j] - a);
  }

  /**
   * Writes feature {@code features[f]} of every entry i into {@code dest[f][offset + i]}.
   *
   * <p>When the deferred interpolations read rows of {@code x} and {@code columns} holds the same
   * values feature by feature ({@code columns[j][r] == x[r][j]}), the output is written column by
   * column: the values of the source rows in use are first gathered into small per-feature arrays
   * (a few thousand rows fit in L1/L2), then each output column is one sequential loop. That is the
   * same expression on the same values as {@link #row}, so the same bits, at a fraction of the cost
   * of writing each entry across twenty columns; the columns are split over up to {@code threads}
   * threads. Otherwise (another source), entry by entry.
   */
  void fill(int[] features, double[][] dest, int offset, double[][] x, double[][] columns, int threads) {
    int nf = features.length;
    if (nf == 0 || size == 0) {
      return;
    }
    if (columns == null || src != null && src != x) {
      fillByEntry(features, dest, offset);
      return;
    }
    // local ids of the source rows in use, in order of first use
    int[] local = new int[x.length];
    int[] global = new int[16];
    int m = 0;
    int[] lb = new int[size];
    int[] lo = new int[size];
    boolean anyRow = false;
    for (int i = 0; i < size; i++) {
      if (rows[i] != null) {
        anyRow = true;
        continue; // written below; local ids 0 are harmless placeholders
      }
      int b = base.a[i];
      int o = other.a[i];
      if (local[b] == 0) {
        if (m == global.length) {
          global = Arrays.copyOf(global, m * 2);
        }
        global[m++] = b;
        local[b] = m;
      }
      if (local[o] == 0) {
        if (m == global.length) {
          global = Arrays.copyOf(global, m * 2);
        }
        global[m++] = o;
        local[o] = m;
      }
      lb[i] = local[b] - 1;
      lo[i] = local[o] - 1;
    }
    // the columns are independent: split them over the threads (at least 4 columns each)
    int parts = Math.max(1, Math.min(threads, nf / 4));
    int used = m;
    int[] gl = global;
    Thread[] pool = new Thread[parts - 1];
    Throwable[] failure = new Throwable[parts];
    for (int p = 0; p < parts; p++) {
      int f0 = nf * p / parts;
      int f1 = nf * (p + 1) / parts;
      int slot = p;
      Runnable part = () -> {
        try {
          fillColumns(features, f0, f1, dest, offset, columns, gl, used, lb, lo);
        } catch (Throwable t) {
          failure[slot] = t;
        }
      };
      if (p < parts - 1) {
        pool[p] = new Thread(part, "vigil-resample-" + p);
        pool[p].setDaemon(true);
        pool[p].start();
      } else {
        part.run();
      }
    }
    for (Thread th : pool) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.vigil.VigilException("resampling interrupted", e);
      }
    }
    for (Throwable t : failure) {
      if (t instanceof RuntimeException re) {
        throw re;
      } else if (t instanceof Error er) {
        throw er;
      } else if (t != null) {
        throw new dev.vigil.VigilException("resampling failed", t);
      }
    }
    if (anyRow) {
      for (int i = 0; i < size; i++) {
        double[] r = rows[i];
        if (r != null) {
          for (int f = 0; f < nf; f++) {
            dest[f][offset + i] = r[features[f]];
          }
        }
      }
    }
  }

  /** Output columns [f0, f1) of {@link #fill}: rows {@code global[0, m)} hold local ids 0 to m - 1. */
  private void fillColumns(int[] features, int f0, int f1, double[][] dest, int offset, double[][] columns,
      int[] global, int m, int[] lb, int[] lo) {
    double[] g = gaps;
    double[] c = new double[Math.max(m, 1)];
    for (int f = f0; f < f1; f++) {
      double[] col = columns[features[f]];
      for (int r = 0; r < m; r++) {
        c[r] = col[global[r]];
      }
      double[] out = dest[f];
      for (int i = 0; i < size; i++) {
        double a = c[lb[i]];
        out[offset + i] = a + g[i] * (c[lo[i]] - a);
      }
    }
  }

  /** As {@link #fill}, entry by entry: each entry's two source rows are read once. */
  private void fillByEntry(int[] features, double[][] dest, int offset) {
    int nf = features.length;
    for (int i = 0; i < size; i++) {
      double[] r = rows[i];
      int at = offset + i;
      if (r != null) {
        for (int f = 0; f < nf; f++) {
          dest[f][at] = r[features[f]];
        }
      } else {
        double[] a = src[base.a[i]];
        double[] b = src[other.a[i]];
        double g = gaps[i];
        for (int f = 0; f < nf; f++) {
          int t = features[f];
          dest[f][at] = a[t] + g * (b[t] - a[t]);
        }
      }
    }
  }

  /** Keeps only entries i with keep[i]. */
  Synth filter(boolean[] keep) {
    Synth s = new Synth();
    s.src = src;
    for (int i = 0; i < size; i++) {
      if (keep[i]) {
        s.push(rows[i], y.a[i], base.a[i], other.a[i], gaps[i]);
      }
    }
    return s;
  }
}
