package dev.vigil.imbalance.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.neighbors.Distance;
import dev.vigil.neighbors.NeighborIndex;
import dev.vigil.neighbors.Neighbors;
import java.util.Arrays;
import java.util.SplittableRandom;

/** The over-sampling methods. {@code add[c]} = samples to add to class c (-1 or 0: none). */
final class Oversamplers {
  /** SVM-SMOTE's kernel row cache: 200 MB, scikit-learn's {@code SVC(cache_size=200)}. */
  static final long SVM_CACHE_BYTES = 200L << 20;
  private Oversamplers() {}

  static void checkClassSize(Work w, int c, int members, int k, String method) {
    InvalidArgumentException.check(members >= k + 1,
        "%s needs at least k + 1 = %d samples of class \"%s\" to find k = %d neighbours; it has %d",
        method, k + 1, w.classNames.get(c), k, members);
  }

  /** Random over-sampling; with {@code shrinkage}, a smoothed bootstrap (Gaussian kernel) as imbalanced-learn. */
  static void randomOver(Work w, int[] add, Double shrinkage, long seed, Cleaners.IntList copies, Synth synth) {
    int n = w.x.length;
    int d = w.x[0].length;
    for (int c = 0; c < w.classes; c++) {
      if (add[c] <= 0) {
        continue;
      }
      int[] members = w.ofClass(Work.all(n), c);
      SplittableRandom rnd = Work.rng(seed, c);
      double[] scale = null;
      if (shrinkage != null) {
        double smoothing = Math.pow(4.0 / ((d + 2.0) * n), 1.0 / (d + 4.0));
        scale = new double[d];
        for (int t = 0; t < d; t++) {
          double mean = 0;
          for (int r : members) {
            mean += w.x[r][t];
          }
          mean /= members.length;
          double v = 0;
          for (int r : members) {
            double e = w.x[r][t] - mean;
            v += e * e;
          }
          scale[t] = shrinkage * smoothing * Math.sqrt(v / members.length);
        }
      }
      for (int i = 0; i < add[c]; i++) {
        int r = members[rnd.nextInt(members.length)];
        if (scale == null) {
          copies.add(r);
        } else {
          double[] row = w.x[r].clone();
          for (int t = 0; t < d; t++) {
            row[t] += gaussian(rnd) * scale[t];
          }
          synth.add(row, c, r, -1, 0);
        }
      }
    }
  }

  static double gaussian(SplittableRandom rnd) {
    double u1;
    do {
      u1 = rnd.nextDouble();
    } while (u1 <= 0);
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Generates {@code count} samples from {@code bases} (global rows) and their neighbour lists
   * {@code nbrs[i]} (global rows): each picks a (base, neighbour) pair uniformly and a gap uniform
   * in [0, step).
   */
  static void interpolate(Work w, int c, int[] bases, int[][] nbrs, int count, double step,
      SplittableRandom rnd, Synth out) {
    if (bases.length == 0 || count <= 0) {
      return;
    }
    int k = nbrs[0].length;
    for (int s = 0; s < count; s++) {
      int p = rnd.nextInt(bases.length * k);
      int i = p / k;
      int j = nbrs[i][p % k];
      double gap = step * rnd.nextDouble();
      out.addLerp(w.x, c, bases[i], j, gap);
    }
  }

  static double[] lerp(double[] a, double[] b, double gap) {
    double[] r = new double[a.length];
    for (int t = 0; t < a.length; t++) {
      r[t] = a[t] + gap * (b[t] - a[t]);
    }
    return r;
  }

  /** SMOTE (Chawla et al. 2002). */
  static void smote(Work w, int[] add, int k, long seed, Synth out) {
    int[] all = Work.all(w.x.length);
    for (int c = 0; c < w.classes; c++) {
      if (add[c] <= 0) {
        continue;
      }
      int[] members = w.ofClass(all, c);
      checkClassSize(w, c, members.length, k, "smote");
      int[][] nbrs = w.membersKnn(members, members, k, "smote");
      interpolate(w, c, members, nbrs, add[c], 1.0, Work.rng(seed, c), out);
    }
  }

  /** Borderline-SMOTE (Han et al. 2005) kind 1 or 2; see the package documentation for kind 2. */
  static void borderline(Work w, int[] add, int k, int m, int kind, long seed, Synth out) {
    int n = w.x.length;
    int[] all = Work.all(n);
    for (int c = 0; c < w.classes; c++) {
      if (add[c] <= 0) {
        continue;
      }
      int[] members = w.ofClass(all, c);
      checkClassSize(w, c, members.length, k, "borderline-smote");
      int[] danger = danger(w, all, members, c, m);
      if (danger.length == 0) {
        continue;
      }
      SplittableRandom rnd = Work.rng(seed, c);
      int[][] nbrs = w.membersKnn(members, danger, k, "borderline-smote");
      if (kind == 1) {
        interpolate(w, c, danger, nbrs, add[c], 1.0, rnd, out);
      } else {
        double f = beta1010(rnd);
        int n1 = (int) (f * add[c]);
        interpolate(w, c, danger, nbrs, n1, 1.0, rnd, out);
        int[] others = new int[n - members.length];
        int t = 0;
        for (int r = 0; r < n; r++) {
          if (w.y[r] != c) {
            others[t++] = r;
          }
        }
        int ko = Math.min(k, others.length);
        Neighbors nb = w.note(w.index(others).query(w.points(danger), ko));
        int[][] on = Work.toGlobal(nb, others);
        interpolate(w, c, danger, on, add[c] - n1, 0.5, rnd, out);
      }
    }
  }

  /** Beta(10, 10) as G1 / (G1 + G2) with Gamma(10) = -sum of 10 log-uniforms. */
  static double beta1010(SplittableRandom rnd) {
    double g1 = 0;
    double g2 = 0;
    for (int i = 0; i < 10; i++) {
      g1 -= Math.log(1 - rnd.nextDouble());
      g2 -= Math.log(1 - rnd.nextDouble());
    }
    return g1 / (g1 + g2);
  }

  /** Samples of class c with m/2 <= (other-class neighbours among m) < m. */
  static int[] danger(Work w, int[] all, int[] members, int c, int m) {
    int[][] g = w.membersKnn(all, members, m, "borderline-smote (m neighbours)");
    Cleaners.IntList out = new Cleaners.IntList(members.length);
    for (int i = 0; i < members.length; i++) {
      int maj = 0;
      for (int r : g[i]) {
        if (w.y[r] != c) {
          maj++;
        }
      }
      if (maj >= m / 2.0 && maj < m) {
        out.add(members[i]);
      }
    }
    return out.toArray();
  }

  /** Distributes {@code total} over weights by largest remainder (ties to the lower index). */
  static int[] apportion(double[] weights, int total) {
    double sum = 0;
    for (double v : weights) {
      sum += v;
    }
    int[] out = new int[weights.length];
    double[] rem = new double[weights.length];
    int given = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = total * weights[i] / sum;
      out[i] = (int) Math.floor(exact);
      rem[i] = exact - out[i];
      given += out[i];
    }
    Integer[] order = new Integer[weights.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(rem[b], rem[a]));
    for (int i = 0; given < total; i++) {
      out[order[i % order.length]]++;
      given++;
    }
    return out;
  }

  /** ADASYN (He et al. 2008), with the per-sample counts apportioned to sum exactly to the request. */
  static void adasyn(Work w, int[] add, int k, long seed, Synth out) {
    int n = w.x.length;
    int[] all = Work.all(n);
    for (int c = 0; c < w.classes; c++) {
      if (add[c] <= 0) {
        continue;
      }
      int[] members = w.ofClass(all, c);
      checkClassSize(w, c, members.length, k, "adasyn");
      int[][] g = w.membersKnn(all, members, k, "adasyn");
      double[] ratio = new double[members.length];
      double sum = 0;
      for (int i = 0; i < members.length; i++) {
        for (int r : g[i]) {
          if (w.y[r] != c) {
            ratio[i]++;
          }
        }
        ratio[i] /= k;
        sum += ratio[i];
      }
      InvalidArgumentException.check(sum > 0,
          "adasyn: no neighbour of class \"%s\" belongs to another class, so its density weights are "
              + "all 0; use smote instead", w.classNames.get(c));
      int[] per = apportion(ratio, add[c]);
      int[][] nbrs = w.membersKnn(members, members, k, "adasyn");
      SplittableRandom rnd = Work.rng(seed, c);
      for (int i = 0; i < members.length; i++) {
        for (int s = 0; s < per[i]; s++) {
          int j = nbrs[i][rnd.nextInt(k)];
          double gap = rnd.nextDouble();
          out.addLerp(w.x, c, members[i], j, gap);
        }
      }
    }
  }

  /** K-Means SMOTE (Douzas et al. 2018) as imbalanced-learn, with exact apportioning over clusters. */
  static void kmeansSmote(Work w, int[] add, int k, int clusters, Double balanceThreshold, int maxIter,
      long seed, Synth out) {
    int n = w.x.length;
    int total = 0;
    for (int a : add) {
      total += Math.max(a, 0);
    }
    for (int c = 0; c < w.classes; c++) {
      if (add[c] <= 0) {
        continue;
      }
      SplittableRandom rnd = Work.rng(seed, c);
      KMeans km = KMeans.fit(w.x, Math.min(clusters, n), 300, rnd, w.nopt);
      double threshold = balanceThreshold != null ? balanceThreshold : add[c] / (double) total / 2;
      java.util.List<int[]> valid = new java.util.ArrayList<>();
      java.util.List<Double> sparsity = new java.util.ArrayList<>();
      for (int j = 0; j < km.centres.length; j++) {
        Cleaners.IntList in = new Cleaners.IntList(16);
        int inCount = 0;
        for (int i = 0; i < n; i++) {
          if (km.assignment[i] == j) {
            inCount++;
            if (w.y[i] == c) {
              in.add(i);
            }
          }
        }
        if (inCount == 0) {
          continue;
        }
        double share = in.size / (double) inCount;
        if (share < threshold || in.size < k + 1) {
          continue;
        }
        int[] rows = in.toArray();
        valid.add(rows);
        double sum = 0;
        for (int a = 0; a < rows.length; a++) {
          for (int b = 0; b < rows.length; b++) {
            if (a != b) {
              sum += Math.sqrt(KMeans.sq(w.x[rows[a]], w.x[rows[b]]));
            }
          }
        }
        double mean = sum / ((double) rows.length * rows.length - rows.length);
        double exponent = Math.pow(Math.log(rows.length) / Math.log(1.6), 1.8) * 0.16;
        sparsity.add(Math.pow(mean, exponent) / rows.length);
      }
      InvalidArgumentException.check(!valid.isEmpty(),
          "kmeans-smote found no cluster with a share of class \"%s\" >= %s and at least k + 1 = %d of its "
              + "samples; lower the cluster balance threshold or raise the number of clusters",
          w.classNames.get(c), threshold, k + 1);
      double[] wts = new double[valid.size()];
      for (int j = 0; j < wts.length; j++) {
        wts[j] = sparsity.get(j);
      }
      int[] per = apportion(wts, add[c]);
      for (int j = 0; j < valid.size(); j++) {
        int[] rows = valid.get(j);
        int[][] nbrs = w.membersKnn(rows, rows, k, "kmeans-smote");
        interpolate(w, c, rows, nbrs, per[j], 1.0, rnd, out);
      }
    }
  }

  /**
   * SMOTE-NC (Chawla et al. 2002) as imbalanced-learn: categorical features one-hot encoded at
   * half the median standard deviation (population) of the numeric features in the minority class,
   * Euclidean neighbours in that space; numeric features interpolated; each categorical feature
   * takes the most frequent category among the base sample's k neighbours (ties at random).
   */
  static void smoteNc(Work w, boolean[] categorical, int[] add, int k, long seed, Synth out) {
    int n = w.x.length;
    int d = categorical.length;
    int[] all = Work.all(n);
    int min = Cleaners.minority(w.counts(all));
    int[] mins = w.ofClass(all, min);
    double[] stds = new double[d];
    int nc = 0;
    int[] cardinality = new int[d];
    for (int t = 0; t < d; t++) {
      if (categorical[t]) {
        int max = 0;
        for (double[] r : w.x) {
          max = Math.max(max, (int) r[t]);
        }
        cardinality[t] = max + 1;
        continue;
      }
      double mean = 0;
      for (int r : mins) {
        mean += w.x[r][t];
      }
      mean /= mins.length;
      double v = 0;
      for (int r : mins) {
        double e = w.x[r][t] - mean;
        v += e * e;
      }
      stds[nc++] = Math.sqrt(v / mins.length);
    }
    InvalidArgumentException.check(nc > 0 && nc < d,
        "smote-nc needs both numeric and categorical features (found %d numeric of %d); use smote for "
            + "numeric data and smote-n for categorical data", nc, d);
    double[] s = Arrays.copyOf(stds, nc);
    Arrays.sort(s);
    double median = nc % 2 == 1 ? s[nc / 2] : (s[nc / 2 - 1] + s[nc / 2]) / 2;
    double half = median / 2;
    int width = 0;
    for (int t = 0; t < d; t++) {
      width += categorical[t] ? cardinality[t] : 1;
    }
    double[][] enc = new double[n][width];
    for (int i = 0; i < n; i++) {
      int p = 0;
      for (int t = 0; t < d; t++) {
        if (categorical[t]) {
          enc[i][p + (int) w.x[i][t]] = half;
          p += cardinality[t];
        } else {
          enc[i][p++] = w.x[i][t];
        }
      }
    }
    Work we = new Work(enc, w.y, w.classes, w.classNames, Distance.euclidean(), w.nopt);
    for (int c = 0; c < w.classes; c++) {
      if (add[c] <= 0) {
        continue;
      }
      int[] members = w.ofClass(all, c);
      checkClassSize(w, c, members.length, k, "smote-nc");
      int[][] nbrs = we.membersKnn(members, members, k, "smote-nc");
      SplittableRandom rnd = Work.rng(seed, c);
      for (int sIdx = 0; sIdx < add[c]; sIdx++) {
        int p = rnd.nextInt(members.length * k);
        int i = p / k;
        int j = nbrs[i][p % k];
        double gap = rnd.nextDouble();
        double[] row = lerp(w.x[members[i]], w.x[j], gap);
        for (int t = 0; t < d; t++) {
          if (categorical[t]) {
            row[t] = mode(w, nbrs[i], t, cardinality[t], rnd);
          }
        }
        out.add(row, c, members[i], j, gap);
      }
    }
  }

  private static double mode(Work w, int[] rows, int t, int card, SplittableRandom rnd) {
    int[] cnt = new int[card];
    for (int r : rows) {
      cnt[(int) w.x[r][t]]++;
    }
    int best = -1;
    int ties = 0;
    int choice = 0;
    for (int v = 0; v < card; v++) {
      if (cnt[v] > best) {
        best = cnt[v];
        ties = 1;
        choice = v;
      } else if (cnt[v] == best) {
        ties++;
        if (rnd.nextInt(ties) == 0) {
          choice = v;
        }
      }
    }
    return choice;
  }

  /**
   * SMOTE-N (Chawla et al. 2002) as imbalanced-learn: VDM neighbours within the class; a new sample
   * takes, per feature, the most frequent category among a random base sample's k neighbours (ties
   * to the category whose label sorts first).
   */
  static void smoteN(Work w, int[] add, int k, long seed, int[][] labelRank, Synth out) {
    int n = w.x.length;
    int d = w.x[0].length;
    int[] all = Work.all(n);
    Distance vdm = Distance.vdmFit(w.x, w.y, w.classes);
    Work wv = new Work(w.x, w.y, w.classes, w.classNames, vdm, w.nopt);
    for (int c = 0; c < w.classes; c++) {
      if (add[c] <= 0) {
        continue;
      }
      int[] members = w.ofClass(all, c);
      checkClassSize(w, c, members.length, k, "smote-n");
      int[][] nbrs = wv.membersKnn(members, members, k, "smote-n");
      SplittableRandom rnd = Work.rng(seed, c);
      for (int s = 0; s < add[c]; s++) {
        int i = rnd.nextInt(members.length * k) / k;
        double[] row = new double[d];
        for (int t = 0; t < d; t++) {
          int[] rank = labelRank[t];
          java.util.HashMap<Integer, Integer> cnt = new java.util.HashMap<>();
          for (int r : nbrs[i]) {
            cnt.merge((int) w.x[r][t], 1, Integer::sum);
          }
          int best = -1;
          int bestCount = -1;
          for (var e : cnt.entrySet()) {
            int code = e.getKey();
            if (e.getValue() > bestCount || (e.getValue() == bestCount && rank[code] < rank[best])) {
              best = code;
              bestCount = e.getValue();
            }
          }
          row[t] = best;
        }
        out.add(row, c, members[i], -1, 0);
      }
    }
  }

  /** Cluster centroids: k-means per targeted class to {@code keep[c]} centres; hard: nearest real sample. */
  static void clusterCentroids(Work w, int[] keep, boolean hard, int maxIter, long seed,
      Cleaners.IntList kept, Synth synth) {
    int[] all = Work.all(w.x.length);
    for (int c = 0; c < w.classes; c++) {
      int[] members = w.ofClass(all, c);
      if (keep[c] < 0) {
        kept.addAll(members);
        continue;
      }
      if (keep[c] == 0) {
        continue;
      }
      double[][] pts = w.points(members);
      KMeans km = KMeans.fit(pts, keep[c], maxIter, Work.rng(seed, c), w.nopt);
      if (hard) {
        Neighbors nb = w.note(NeighborIndex.build(pts, w.distance, w.nopt).query(km.centres, 1));
        for (int j = 0; j < km.centres.length; j++) {
          kept.add(members[nb.index(j, 0)]);
        }
      } else {
        for (double[] centre : km.centres) {
          synth.add(centre, c, -1, -1, 0);
        }
      }
    }
  }

  /**
   * SVM-SMOTE (Nguyen et al. 2011) as imbalanced-learn 0.10's {@code SVMSMOTE}: the support vectors of
   * class c come from scikit-learn's default {@code SVC()} fitted on all rows ({@link KernelSvm}: RBF
   * kernel, C = 1, {@code gamma="scale"}, tol 1e-3, shrinking, one-vs-one for several classes). Noise
   * support vectors (all m neighbours of another class) are dropped; {@code int(Beta(10, 10) (n + 1))}
   * of the n samples (at most n) interpolate from danger support vectors (m/2 <= other-class
   * neighbours < m) towards one of their k same-class neighbours, the rest extrapolate from safe ones
   * away from a neighbour (gap in (-outStep, 0]); when one group is empty the other makes all samples,
   * so the count is exact.
   */
  static void svmSmote(Work w, int[] add, int k, int m, double outStep, long seed, Synth out) {
    int n = w.x.length;
    int[] all = Work.all(n);
    double gamma = KernelSvm.scaleGamma(w.x);
    for (int c = 0; c < w.classes; c++) {
      if (add[c] <= 0) {
        continue;
      }
      int[] members = w.ofClass(all, c);
      checkClassSize(w, c, members.length, k, "svm-smote");
      SplittableRandom rnd = Work.rng(seed, c);
      int[] svs = KernelSvm.supportOfClass(w.x, w.y, w.classes, c, gamma, 1.0, 1e-3, SVM_CACHE_BYTES, true);
      if (svs.length == 0) {
        svs = members; // no other class has rows: every sample is a candidate
      }
      int[][] g = w.membersKnn(all, svs, m, "svm-smote (m neighbours)");
      Cleaners.IntList danger = new Cleaners.IntList(svs.length);
      Cleaners.IntList safe = new Cleaners.IntList(svs.length);
      for (int i = 0; i < svs.length; i++) {
        int maj = 0;
        for (int r : g[i]) {
          if (w.y[r] != c) {
            maj++;
          }
        }
        if (maj == m) {
          continue; // noise
        }
        (maj >= m / 2.0 ? danger : safe).add(svs[i]);
      }
      int[] dg = danger.toArray();
      int[] sf = safe.toArray();
      if (dg.length == 0 && sf.length == 0) {
        continue; // every support vector is noise: nothing to generate, the result says so
      }
      int n1 = dg.length == 0 ? 0 : sf.length == 0 ? add[c] : Math.min(add[c], (int) (beta1010(rnd) * (add[c] + 1)));
      if (n1 > 0) {
        interpolate(w, c, dg, w.membersKnn(members, dg, k, "svm-smote"), n1, 1.0, rnd, out);
      }
      if (add[c] - n1 > 0) {
        interpolate(w, c, sf, w.membersKnn(members, sf, k, "svm-smote"), add[c] - n1, -outStep, rnd, out);
      }
    }
  }
}
