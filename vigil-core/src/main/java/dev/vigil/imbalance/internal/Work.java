package dev.vigil.imbalance.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.neighbors.Distance;
import dev.vigil.neighbors.NeighborIndex;
import dev.vigil.neighbors.NeighborOptions;
import dev.vigil.neighbors.Neighbors;
import java.util.SplittableRandom;

/** Points and classes being resampled, with the search settings; helpers shared by the methods. */
final class Work {
  final double[][] x;
  final int[] y;
  final int classes;
  final Distance distance;
  final NeighborOptions nopt;
  final java.util.List<String> classNames;
  /** The lowest recall of the searches run so far (1 = all exact), shared with {@link #with} copies. */
  private final double[] recall;

  Work(double[][] x, int[] y, int classes, java.util.List<String> classNames, Distance distance,
      NeighborOptions nopt) {
    this.x = x;
    this.y = y;
    this.classes = classes;
    this.classNames = classNames;
    this.distance = distance;
    this.nopt = nopt;
    this.recall = new double[] {1.0};
  }

  private Work(Work w, double[][] nx, int[] ny) {
    this.x = nx;
    this.y = ny;
    this.classes = w.classes;
    this.classNames = w.classNames;
    this.distance = w.distance;
    this.nopt = w.nopt;
    this.recall = w.recall;
  }

  Work with(double[][] nx, int[] ny) {
    return new Work(this, nx, ny);
  }

  /** Records the recall of a search result (approximate mode) and returns it. */
  Neighbors note(Neighbors nb) {
    synchronized (recall) {
      recall[0] = Math.min(recall[0], nb.recall());
    }
    return nb;
  }

  /** The lowest recall measured over the searches run (1 when every search was exact). */
  double recall() {
    synchronized (recall) {
      return recall[0];
    }
  }

  double[][] points(int[] rows) {
    double[][] p = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      p[i] = x[rows[i]];
    }
    return p;
  }

  NeighborIndex index(int[] rows) {
    return NeighborIndex.build(points(rows), distance, nopt);
  }

  long[] counts(int[] rows) {
    long[] c = new long[classes];
    for (int r : rows) {
      c[y[r]]++;
    }
    return c;
  }

  /** Of {@code rows}, those of class c, in order. */
  int[] ofClass(int[] rows, int c) {
    int n = 0;
    for (int r : rows) {
      if (y[r] == c) {
        n++;
      }
    }
    int[] out = new int[n];
    int k = 0;
    for (int r : rows) {
      if (y[r] == c) {
        out[k++] = r;
      }
    }
    return out;
  }

  /**
   * The k nearest of {@code rows} (global row ids) for each of {@code queries} (global ids that are
   * members of {@code rows}), self excluded by row; answers are global row ids.
   */
  int[][] membersKnn(int[] rows, int[] queries, int k, String method) {
    InvalidArgumentException.check(k <= rows.length - 1,
        "%s needs more than k = %d rows to find k neighbours of each row; it has %d", method, k, rows.length);
    NeighborIndex idx = index(rows);
    int[] pos = positions(rows, queries);
    Neighbors nb = note(idx.queryMembers(pos, k));
    return toGlobal(nb, rows);
  }

  static int[] positions(int[] rows, int[] queries) {
    // rows ascending or not: map by scanning
    java.util.HashMap<Integer, Integer> at = new java.util.HashMap<>(rows.length * 2);
    for (int i = 0; i < rows.length; i++) {
      at.putIfAbsent(rows[i], i);
    }
    int[] pos = new int[queries.length];
    for (int i = 0; i < queries.length; i++) {
      pos[i] = at.get(queries[i]);
    }
    return pos;
  }

  static int[][] toGlobal(Neighbors nb, int[] rows) {
    int[][] out = new int[nb.count()][nb.k()];
    for (int q = 0; q < nb.count(); q++) {
      for (int j = 0; j < nb.k(); j++) {
        out[q][j] = rows[nb.index(q, j)];
      }
    }
    return out;
  }

  static int[] all(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  /** The random stream of class c: a SplittableRandom seeded from (seed, c) by a SplitMix64 step. */
  static SplittableRandom rng(long seed, int c) {
    long z = seed + 0x9E3779B97F4A7C15L * (c + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }
}
