package dev.vigil.imbalance.internal;

import dev.vigil.neighbors.Distance;
import dev.vigil.neighbors.NeighborIndex;
import dev.vigil.neighbors.NeighborOptions;
import dev.vigil.neighbors.Neighbors;
import java.util.SplittableRandom;

/**
 * Euclidean k-means: k-means++ seeding (one candidate per step), then Lloyd iterations until no
 * centre moves by more than {@code 1e-4} times the mean feature variance (scikit-learn's relative
 * tolerance) or {@code maxIter} rounds. Assignment uses the nearest-neighbour engine over the
 * centres; an empty cluster is re-seeded with the point farthest from its centre.
 */
final class KMeans {
  final double[][] centres;
  final int[] assignment;

  private KMeans(double[][] centres, int[] assignment) {
    this.centres = centres;
    this.assignment = assignment;
  }

  static KMeans fit(double[][] x, int k, int maxIter, SplittableRandom rnd, NeighborOptions nopt) {
    int n = x.length;
    int d = x[0].length;
    double[][] c = new double[k][];
    double[] minD = new double[n];
    c[0] = x[rnd.nextInt(n)].clone();
    for (int i = 0; i < n; i++) {
      minD[i] = sq(x[i], c[0]);
    }
    for (int j = 1; j < k; j++) {
      double total = 0;
      for (double v : minD) {
        total += v;
      }
      int pick;
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
      c[j] = x[pick].clone();
      final double[] cj = c[j];
      java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
        double s = sq(x[i], cj);
        if (s < minD[i]) {
          minD[i] = s;
        }
      });
    }
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
    int[] assign = new int[n];
    for (int it = 0; it < maxIter; it++) {
      Neighbors nb = NeighborIndex.build(c, Distance.euclidean(), nopt).query(x, 1);
      double[][] sum = new double[k][d];
      int[] cnt = new int[k];
      for (int i = 0; i < n; i++) {
        int a = nb.index(i, 0);
        assign[i] = a;
        cnt[a]++;
        double[] s = sum[a];
        double[] r = x[i];
        for (int t = 0; t < d; t++) {
          s[t] += r[t];
        }
      }
      double shift = 0;
      for (int j = 0; j < k; j++) {
        if (cnt[j] == 0) {
          int far = 0;
          double best = -1;
          for (int i = 0; i < n; i++) {
            double dd = nb.distance(i, 0);
            if (dd > best) {
              best = dd;
              far = i;
            }
          }
          sum[j] = x[far].clone();
          cnt[j] = 1;
          shift = Double.POSITIVE_INFINITY;
        } else {
          for (int t = 0; t < d; t++) {
            sum[j][t] /= cnt[j];
          }
        }
        shift = Math.max(shift, sq(sum[j], c[j]));
        c[j] = sum[j];
      }
      if (shift <= tol) {
        break;
      }
    }
    Neighbors nb = NeighborIndex.build(c, Distance.euclidean(), nopt).query(x, 1);
    for (int i = 0; i < n; i++) {
      assign[i] = nb.index(i, 0);
    }
    return new KMeans(c, assign);
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
