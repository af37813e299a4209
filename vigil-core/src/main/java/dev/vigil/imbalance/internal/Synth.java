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
   * Writes feature {@code features[f]} of every entry i into {@code dest[f][offset + i]}, entry by
   * entry (each entry's two source rows are read once, the destination columns sequentially).
   */
  void fill(int[] features, double[][] dest, int offset) {
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
