package dev.vigil.neighbors.internal;

/**
 * The k best (reduced distance, index) pairs seen so far, kept sorted ascending by distance and
 * then by index, so that ties always go to the lower row.
 */
final class KBest {
  final int k;
  final double[] d;
  final int[] idx;
  int size;
  /**
   * A known upper bound on the k-th best distance, or +inf: rows farther than it can never enter,
   * so scans may skip them (the approximate index passes a query's current k-th best this way when
   * it scans one more list).
   */
  double cap = Double.POSITIVE_INFINITY;

  KBest(int k) {
    this.k = k;
    this.d = new double[k];
    this.idx = new int[k];
  }

  void reset() {
    size = 0;
    cap = Double.POSITIVE_INFINITY;
  }

  /** The current k-th best reduced distance, or {@link #cap} while fewer than k are held. */
  double worst() {
    return size < k ? cap : Math.min(cap, d[k - 1]);
  }

  void offer(double dist, int index) {
    if (size == k) {
      double w = d[k - 1];
      if (dist > w || (dist == w && index > idx[k - 1]) || Double.isNaN(dist)) {
        return;
      }
    }
    int pos = size < k ? size : k - 1;
    while (pos > 0 && (d[pos - 1] > dist || (d[pos - 1] == dist && idx[pos - 1] > index))) {
      d[pos] = d[pos - 1];
      idx[pos] = idx[pos - 1];
      pos--;
    }
    d[pos] = dist;
    idx[pos] = index;
    if (size < k) {
      size++;
    }
  }
}
