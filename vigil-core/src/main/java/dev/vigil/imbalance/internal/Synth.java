package dev.vigil.imbalance.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic rows: values, class, and how they were made, for weight carrying: {@code base >= 0,
 * other >= 0}: interpolated from row base towards row other with {@code gap}; {@code other < 0}:
 * derived from row base alone (smoothed copy, SMOTE-N mode); {@code base < 0}: a centroid of its class.
 */
final class Synth {
  final List<double[]> x = new ArrayList<>();
  final Cleaners.IntList y = new Cleaners.IntList(16);
  final Cleaners.IntList base = new Cleaners.IntList(16);
  final Cleaners.IntList other = new Cleaners.IntList(16);
  final List<Double> gap = new ArrayList<>();

  void add(double[] row, int cls, int b, int o, double g) {
    x.add(row);
    y.add(cls);
    base.add(b);
    other.add(o);
    gap.add(g);
  }

  int size() {
    return x.size();
  }

  /** Keeps only entries i with keep[i]. */
  Synth filter(boolean[] keep) {
    Synth s = new Synth();
    for (int i = 0; i < size(); i++) {
      if (keep[i]) {
        s.add(x.get(i), y.a[i], base.a[i], other.a[i], gap.get(i));
      }
    }
    return s;
  }
}
