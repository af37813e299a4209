package dev.vigil.imbalance.internal;

import dev.vigil.neighbors.Distance;
import dev.vigil.neighbors.NeighborIndex;
import dev.vigil.neighbors.NeighborOptions;
import dev.vigil.neighbors.Neighbors;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Euclidean k-means: k-means++ seeding (one candidate per step), then Lloyd iterations until no
 * centre moves by more than {@code 1e-4} times the mean feature variance (scikit-learn's relative
 * tolerance) or {@code maxIter} rounds. An empty cluster is re-seeded with the point farthest from
 * its centre. Ties in assignment go to the lower centre.
 *
 * <p>Speed without changing the answer. Seeding updates every point's distance to the newest centre
 * with the features stored column by column (a loop HotSpot vectorises; the sum runs over the
 * features in the same order, so distances are bit-identical). Lloyd's assignment uses Hamerly's
 * bounds: per point an upper bound on the distance to its centre and a lower bound on the distance
 * to every other one, moved by how far the centres moved; a point whose upper bound is strictly
 * below {@code max(lower bound, half the distance from its centre to the nearest other centre)}
 * keeps its centre without a search, and only the others run an exact 2-nearest search over the
 * centres. Every assignment is the one a full search gives; bounds are padded by a relative
 * {@code 1e-9} against rounding.
 */
final class KMeans {
  private static final double PAD = 1e-9;
  final double[][] centres;
  final int[] assignment;

  private KMeans(double[][] centres, int[] assignment) {
    this.centres = centres;
    this.assignment = assignment;
  }

  static KMeans fit(double[][] x, int k, int maxIter, SplittableRandom rnd, NeighborOptions nopt) {
    int n = x.length;
    int d = x[0].length;
    double[][] c = seed(x, k, rnd);
    double[] mean = new double[d];
    for (double[] r : x) {
      for (int t = 0; t < d; t++) {
        mean[t] += r[t] / n;
      }
    }
    double var = 0;
    for (double[] r : x) {
      for (int t = 0; t < d; t++) {
        double e = r[t] - mean[t];
        var += e * e;
      }
    }
    double tol = 1e-4 * var / n / d;
    Bounds b = new Bounds(n);
    for (int it = 0; it < maxIter; it++) {
      b.assign(x, c, nopt);
      double[][] sum = new double[k][d];
      int[] cnt = new int[k];
      for (int i = 0; i < n; i++) {
        int a = b.assign[i];
        cnt[a]++;
        double[] s = sum[a];
        double[] r = x[i];
        for (int t = 0; t < d; t++) {
          s[t] += r[t];
        }
      }
      double shift = 0;
      int far = -1;
      for (int j = 0; j < k && far < 0; j++) {
        if (cnt[j] == 0) {
          far = b.farthest(x, c); // before any centre moves
        }
      }
      double[] move = new double[k];
      for (int j = 0; j < k; j++) {
        if (cnt[j] == 0) {
          sum[j] = x[far].clone();
          cnt[j] = 1;
          shift = Double.POSITIVE_INFINITY;
        } else {
          for (int t = 0; t < d; t++) {
            sum[j][t] /= cnt[j];
          }
        }
        double sq = sq(sum[j], c[j]);
        shift = Math.max(shift, sq);
        move[j] = Math.sqrt(sq);
        c[j] = sum[j];
      }
      b.moved(move);
      if (shift <= tol) {
        break;
      }
    }
    b.assign(x, c, nopt);
    return new KMeans(c, b.assign);
  }

  /** k-means++ seeding with one candidate per step; the squared distances run column by column. */
  private static double[][] seed(double[][] x, int k, SplittableRandom rnd) {
    int n = x.length;
    int d = x[0].length;
    double[][] cols = new double[d][n];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        cols[t][i] = x[i][t];
      }
    }
    double[][] c = new double[k][];
    double[] minD = new double[n];
    java.util.Arrays.fill(minD, Double.POSITIVE_INFINITY);
    int chunk = 4096;
    int chunks = (n + chunk - 1) / chunk;
    for (int j = 0; j < k; j++) {
      int pick;
      if (j == 0) {
        pick = rnd.nextInt(n);
      } else {
        double total = 0;
        for (double v : minD) {
          total += v;
        }
        if (total <= 0) {
          pick = rnd.nextInt(n);
        } else {
          double u = rnd.nextDouble() * total;
          pick = n - 1;
          double acc = 0;
          for (int i = 0; i < n; i++) {
            acc += minD[i];
            if (acc > u) {
              pick = i;
              break;
            }
          }
        }
      }
      c[j] = x[pick].clone();
      final double[] cj = c[j];
      IntStream.range(0, chunks).parallel().forEach(ch -> {
        int from = ch * chunk;
        int to = Math.min(n, from + chunk);
        double[] acc = new double[to - from];
        for (int t = 0; t < d; t++) {
          double ct = cj[t];
          double[] col = cols[t];
          for (int i = from; i < to; i++) {
            double e = col[i] - ct;
            acc[i - from] += e * e;
          }
        }
        for (int i = from; i < to; i++) {
          if (acc[i - from] < minD[i]) {
            minD[i] = acc[i - from];
          }
        }
      });
    }
    return c;
  }

  /** Hamerly's bounds: per point, its centre, an upper bound to it and a lower bound to the others. */
  private static final class Bounds {
    final int[] assign;
    final double[] upper;
    final double[] lower;
    boolean fresh = true;

    Bounds(int n) {
      assign = new int[n];
      upper = new double[n];
      lower = new double[n];
    }

    void assign(double[][] x, double[][] c, NeighborOptions nopt) {
      int n = x.length;
      NeighborIndex centres = NeighborIndex.build(c, Distance.euclidean(), nopt);
      int[] todo;
      if (fresh || c.length < 2) {
        todo = Work.all(n);
        fresh = false;
      } else {
        Neighbors nearest = centres.queryMembers(1);
        double[] half = new double[c.length];
        for (int j = 0; j < c.length; j++) {
          half[j] = nearest.distance(j, 0) / 2 * (1 - PAD);
        }
        boolean[] search = new boolean[n];
        IntStream.range(0, n).parallel().forEach(i -> {
          double m = Math.max(half[assign[i]], lower[i]);
          if (upper[i] < m) {
            return;
          }
          upper[i] = Math.sqrt(sq(x[i], c[assign[i]])) * (1 + PAD);
          search[i] = !(upper[i] < m);
        });
        Cleaners.IntList l = new Cleaners.IntList(n / 8);
        for (int i = 0; i < n; i++) {
          if (search[i]) {
            l.add(i);
          }
        }
        todo = l.toArray();
      }
      if (todo.length == 0) {
        return;
      }
      double[][] q = new double[todo.length][];
      for (int i = 0; i < todo.length; i++) {
        q[i] = x[todo[i]];
      }
      int kk = Math.min(2, c.length);
      Neighbors nb = centres.query(q, kk);
      for (int i = 0; i < todo.length; i++) {
        int p = todo[i];
        assign[p] = nb.index(i, 0);
        upper[p] = nb.distance(i, 0) * (1 + PAD);
        lower[p] = kk == 2 ? nb.distance(i, 1) * (1 - PAD) : Double.POSITIVE_INFINITY;
      }
    }

    /** The point farthest from its assigned centre (the first on ties), exactly. */
    int farthest(double[][] x, double[][] c) {
      int far = 0;
      double best = -1;
      for (int i = 0; i < x.length; i++) {
        double dd = Distance.euclidean().between(x[i], c[assign[i]]);
        if (dd > best) {
          best = dd;
          far = i;
        }
      }
      return far;
    }

    /** Widens the bounds after centre j moved by move[j]. */
    void moved(double[] move) {
      int top = 0;
      for (int j = 1; j < move.length; j++) {
        if (move[j] > move[top]) {
          top = j;
        }
      }
      double second = 0;
      for (int j = 0; j < move.length; j++) {
        if (j != top) {
          second = Math.max(second, move[j]);
        }
      }
      double first = move[top];
      double sec = second;
      int topCentre = top;
      IntStream.range(0, assign.length).parallel().forEach(i -> {
        upper[i] = (upper[i] + move[assign[i]]) * (1 + PAD);
        lower[i] = (lower[i] - (assign[i] == topCentre ? sec : first)) * (1 - PAD);
      });
    }
  }

  static double sq(double[] a, double[] b) {
    double s = 0;
    for (int t = 0; t < a.length; t++) {
      double e = a[t] - b[t];
      s += e * e;
    }
    return s;
  }
}
