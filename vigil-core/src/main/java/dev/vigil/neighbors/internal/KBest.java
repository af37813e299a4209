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

  KBest(int k) {
    this.k = k;
    this.d = new double[k];
    this.idx = new int[k];
  }

  void reset() {
    size = 0;
  }

  /** The current k-th best reduced distance, or +inf while fewer than k are held. */
  double worst() {
    return size < k ? Double.POSITIVE_INFINITY : d[k - 1];
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
