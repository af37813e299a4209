package dev.vigil.neighbors.internal;

/**
 * A k-d tree over Euclidean or Manhattan space: split on the widest dimension at the median, keep a
 * bounding box per node, search depth-first nearer child first and prune a node whose box is
 * farther than the current k-th best (strictly farther, so that equal-distance points with lower
 * rows are still found).
 */
final class KdTree {
  private final double[][] points;
  private final boolean manhattan;
  private final int leafSize;
  private final int dims;
  private final int[] order;
  // node arrays
  private int[] start;
  private int[] end;
  private int[] left;
  private int[] right;
  private double[] lo;
  private double[] hi;
  private int nodes;

  KdTree(double[][] points, boolean manhattan, int leafSize) {
    this.points = points;
    this.manhattan = manhattan;
    this.leafSize = leafSize;
    this.dims = points.length == 0 ? 0 : points[0].length;
    this.order = new int[points.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int cap = Math.max(1, 2 * (points.length / Math.max(1, leafSize) + 1) * 2);
    start = new int[cap];
    end = new int[cap];
    left = new int[cap];
    right = new int[cap];
    lo = new double[cap * dims];
    hi = new double[cap * dims];
    if (points.length > 0) {
      build(0, points.length);
    }
  }

  private int newNode(int s, int e) {
    if (nodes == start.length) {
      int cap = nodes * 2;
      start = java.util.Arrays.copyOf(start, cap);
      end = java.util.Arrays.copyOf(end, cap);
      left = java.util.Arrays.copyOf(left, cap);
      right = java.util.Arrays.copyOf(right, cap);
      lo = java.util.Arrays.copyOf(lo, cap * dims);
      hi = java.util.Arrays.copyOf(hi, cap * dims);
    }
    int id = nodes++;
    start[id] = s;
    end[id] = e;
    left[id] = -1;
    right[id] = -1;
    int base = id * dims;
    for (int j = 0; j < dims; j++) {
      lo[base + j] = Double.POSITIVE_INFINITY;
      hi[base + j] = Double.NEGATIVE_INFINITY;
    }
    for (int i = s; i < e; i++) {
      double[] p = points[order[i]];
      for (int j = 0; j < dims; j++) {
        double v = p[j];
        if (v < lo[base + j]) {
          lo[base + j] = v;
        }
        if (v > hi[base + j]) {
          hi[base + j] = v;
        }
      }
    }
    return id;
  }

  private int build(int s, int e) {
    int id = newNode(s, e);
    if (e - s <= leafSize) {
      return id;
    }
    int base = id * dims;
    int dim = 0;
    double spread = -1;
    for (int j = 0; j < dims; j++) {
      double w = hi[base + j] - lo[base + j];
      if (w > spread) {
        spread = w;
        dim = j;
      }
    }
    if (!(spread > 0)) {
      return id; // all points identical: keep as one leaf
    }
    int mid = (s + e) >>> 1;
    Search.select(points, order, s, e - 1, mid, dim);
    int l = build(s, mid);
    int r = build(mid, e);
    left[id] = l;
    right[id] = r;
    return id;
  }



  private double bound(int node, double[] q) {
    int base = node * dims;
    double s = 0;
    for (int j = 0; j < dims; j++) {
      double v = q[j];
      double gap = 0;
      double l = lo[base + j];
      double h = hi[base + j];
      if (v < l) {
        gap = l - v;
      } else if (v > h) {
        gap = v - h;
      }
      s += manhattan ? gap : gap * gap;
    }
    return s;
  }

  void query(double[] q, int exclude, KBest best) {
    if (nodes == 0) {
      return;
    }
    visit(0, q, exclude, best, bound(0, q));
  }

  private void visit(int node, double[] q, int exclude, KBest best, double b) {
    if (b > best.worst()) {
      return;
    }
    if (left[node] < 0) {
      for (int i = start[node]; i < end[node]; i++) {
        int r = order[i];
        if (r == exclude) {
          continue;
        }
        double w = best.worst();
        double d = reduced(q, points[r], w);
        if (d <= w) {
          best.offer(d, r);
        }
      }
      return;
    }
    int l = left[node];
    int r = right[node];
    double bl = bound(l, q);
    double br = bound(r, q);
    if (bl <= br) {
      visit(l, q, exclude, best, bl);
      visit(r, q, exclude, best, br);
    } else {
      visit(r, q, exclude, best, br);
      visit(l, q, exclude, best, bl);
    }
  }

  private double reduced(double[] a, double[] b, double limit) {
    double s = 0;
    if (manhattan) {
      for (int j = 0; j < dims; j++) {
        s += Math.abs(a[j] - b[j]);
        if (s > limit) {
          return s;
        }
      }
    } else {
      for (int j = 0; j < dims; j++) {
        double d = a[j] - b[j];
        s += d * d;
        if (s > limit) {
          return s;
        }
      }
    }
    return s;
  }
}
