package dev.vigil.imbalance.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.imbalance.ResampleOptions.KindSel;
import dev.vigil.neighbors.NeighborIndex;
import dev.vigil.neighbors.Neighbors;

import java.util.Arrays;


/**
 * The under-sampling and cleaning rules. Each takes the current rows (global ids into {@link Work})
 * and returns the rows kept, in imbalanced-learn's order (class by class in ascending class order
 * unless noted).
 */
final class Cleaners {
  private Cleaners() {}

  static int minority(long[] counts) {
    int m = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] < counts[m]) {
        m = i;
      }
    }
    return m;
  }

  static boolean keepByNeighbours(Work w, int cls, int[] nbrs, KindSel sel) {
    if (sel == KindSel.ALL) {
      for (int r : nbrs) {
        if (w.y[r] != cls) {
          return false;
        }
      }
      return true;
    }
    int[] votes = new int[w.classes];
    for (int r : nbrs) {
      votes[w.y[r]]++;
    }
    int best = 0;
    for (int c = 1; c < votes.length; c++) {
      if (votes[c] > votes[best]) {
        best = c;
      }
    }
    return best == cls;
  }

  /** Edited Nearest Neighbours over {@code rows}; {@code targets[c]} says class c is cleaned. */
  static int[] enn(Work w, int[] rows, boolean[] targets, int k, KindSel sel) {
    IntList out = new IntList(rows.length);
    NeighborIndex idx = null;
    for (int c = 0; c < w.classes; c++) {
      int[] members = w.ofClass(rows, c);
      if (!targets[c] || members.length == 0) {
        out.addAll(members);
        continue;
      }
      InvalidArgumentException.check(k <= rows.length - 1,
          "edited nearest neighbours needs more than k = %d samples; there are %d", k, rows.length);
      boolean[] keep = new boolean[members.length];
      int[] undecided = members;
      if (sel == KindSel.ALL && rows.length - members.length <= members.length) {
        undecided = certifyAllSameClass(w, rows, members, c, k, keep);
      }
      if (undecided.length > 0) {
        if (idx == null) {
          idx = w.index(rows);
        }
        Neighbors nb = w.note(idx.queryMembers(Work.positions(rows, undecided), k));
        int[][] g = Work.toGlobal(nb, rows);
        int[] at = Work.positions(members, undecided);
        for (int i = 0; i < undecided.length; i++) {
          keep[at[i]] = keepByNeighbours(w, c, g[i], sel);
        }
      }
      for (int i = 0; i < members.length; i++) {
        if (keep[i]) {
          out.add(members[i]);
        }
      }
    }
    return out.toArray();
  }

  /**
   * ENN's "all k nearest are of my class" for the samples of a large class c, decided without a
   * k-NN search over every row: a sample passes exactly when at least k other samples of its class
   * are strictly closer than its nearest sample of another class. That nearest other-class sample
   * is searched among the (few) other rows; the same-class count stops at k. Sets {@code keep} for
   * the samples it decides and returns those it cannot: a same-class sample exactly as far as the
   * nearest other one (a distance tie, which row order settles) goes to the full search.
   */
  private static int[] certifyAllSameClass(Work w, int[] rows, int[] members, int c, int k, boolean[] keep) {
    IntList otherList = new IntList(rows.length - members.length);
    for (int r : rows) {
      if (w.y[r] != c) {
        otherList.add(r);
      }
    }
    int[] others = otherList.toArray();
    if (others.length == 0) {
      Arrays.fill(keep, true);
      return new int[0];
    }
    // members in a spatial order, so that the count finds its k same-class rows in the first blocks
    int[] order = NeighborIndex.localityOrder(w.points(members), 256);
    int[] sorted = new int[members.length];
    for (int i = 0; i < order.length; i++) {
      sorted[i] = members[order[i]];
    }
    double[][] q = w.points(sorted);
    Neighbors nearestOther = w.note(w.index(others).query(q, 1));
    double[] limits = new double[sorted.length];
    int[] self = new int[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      limits[i] = w.distance.reduced(q[i], w.x[others[nearestOther.index(i, 0)]], Double.POSITIVE_INFINITY);
      self[i] = i;
    }
    int[] closer = w.index(sorted).countCloser(q, self, limits, k);
    IntList undecided = new IntList(0);
    for (int i = 0; i < sorted.length; i++) {
      if (closer[i] < 0) {
        undecided.add(sorted[i]);
      } else {
        keep[order[i]] = closer[i] >= k;
      }
    }
    int[] u = undecided.toArray();
    Arrays.sort(u);
    return u;
  }

  /** Repeated ENN, with imbalanced-learn's stopping rules. */
  static int[] renn(Work w, int[] rows, java.util.function.Function<long[], boolean[]> targetsOf, int k,
      KindSel sel, int maxIter) {
    long[] start = w.counts(rows);
    int min = minority(start);
    int[] cur = rows;
    for (int it = 0; it < maxIter; it++) {
      int[] next = enn(w, cur, targetsOf.apply(w.counts(cur)), k, sel);
      boolean converged = next.length == cur.length;
      long[] c = w.counts(next);
      cur = next;
      if (converged || stop(c, start, min, false)) {
        break;
      }
    }
    return cur;
  }

  private static boolean stop(long[] c, long[] start, int min, boolean allowMinority) {
    boolean minBecomesMaj = false;
    int present = 0;
    int original = 0;
    for (int i = 0; i < c.length; i++) {
      if (start[i] > 0) {
        original++;
      }
      if (c[i] > 0) {
        present++;
        if (i != min && c[i] < start[min]) {
          minBecomesMaj = true;
        }
      }
    }
    return (!allowMinority && minBecomesMaj) || present < original;
  }

  /** All-kNN: ENN with 1..k neighbours, with imbalanced-learn's stopping rules. */
  static int[] allKnn(Work w, int[] rows, java.util.function.Function<long[], boolean[]> targetsOf, int k,
      KindSel sel, boolean allowMinority) {
    long[] start = w.counts(rows);
    int min = minority(start);
    int[] cur = rows;
    for (int kk = 1; kk <= k; kk++) {
      cur = enn(w, cur, targetsOf.apply(w.counts(cur)), kk, sel);
      if (stop(w.counts(cur), start, min, allowMinority)) {
        break;
      }
    }
    return cur;
  }

  /**
   * Tomek links: removes targeted samples whose nearest neighbour is of another class and has them as
   * nearest. Row order kept.
   *
   * <p>A link joins two classes, so at least one of its ends lies outside the largest class: the
   * nearest neighbours of the other classes' samples are searched first, then those of the
   * largest-class samples they point at. No other sample can be in a link, so the answer is the
   * one a search over every sample would give, with about n / (other classes' samples) fewer queries.
   */
  static int[] tomek(Work w, int[] rows, boolean[] targets) {
    InvalidArgumentException.check(rows.length >= 2, "tomek links need at least 2 samples; there are %d",
        rows.length);
    int n = rows.length;
    long[] counts = w.counts(rows);
    int largest = 0;
    for (int c = 1; c < counts.length; c++) {
      if (counts[c] > counts[largest]) {
        largest = c;
      }
    }
    NeighborIndex idx = w.index(rows);
    int[] nn = new int[n];
    Arrays.fill(nn, -1);
    IntList first = new IntList(n);
    for (int i = 0; i < n; i++) {
      if (w.y[rows[i]] != largest) {
        first.add(i);
      }
    }
    int[] q1 = first.toArray();
    if (q1.length > 0) {
      Neighbors nb = w.note(idx.queryMembers(q1, 1));
      for (int i = 0; i < q1.length; i++) {
        nn[q1[i]] = nb.index(i, 0);
      }
    }
    IntList second = new IntList(q1.length);
    boolean[] asked = new boolean[n];
    for (int i : q1) {
      int j = nn[i];
      if (w.y[rows[j]] == largest && !asked[j]) {
        asked[j] = true;
        second.add(j);
      }
    }
    int[] q2 = second.toArray();
    Arrays.sort(q2);
    if (q2.length > 0) {
      Neighbors nb = w.note(idx.queryMembers(q2, 1));
      for (int i = 0; i < q2.length; i++) {
        nn[q2[i]] = nb.index(i, 0);
      }
    }
    IntList out = new IntList(n);
    for (int i = 0; i < n; i++) {
      int j = nn[i];
      int c = w.y[rows[i]];
      // nn[i] < 0: a largest-class sample no other-class sample points at, so in no link
      boolean link = j >= 0 && targets[c] && w.y[rows[j]] != c && nn[j] == i;
      if (!link) {
        out.add(rows[i]);
      }
    }
    return out.toArray();
  }

  /** Neighbourhood Cleaning Rule (Laurikkala 2001) as imbalanced-learn 0.10 computes it. Row order kept. */
  static int[] ncr(Work w, int[] rows, boolean[] targets, int k, KindSel sel, double threshold) {
    int n = rows.length;
    int[] ennKept = enn(w, rows, targets, k, KindSel.MODE);
    boolean[] remove = new boolean[w.x.length];
    boolean[] inRows = new boolean[w.x.length];
    for (int r : rows) {
      remove[r] = true;
      inRows[r] = true;
    }
    for (int r : ennKept) {
      remove[r] = false;
    }
    long[] counts = w.counts(rows);
    int min = minority(counts);
    boolean[] underSample = new boolean[w.classes];
    for (int c = 0; c < w.classes; c++) {
      underSample[c] = targets[c] && counts[c] > n * threshold;
    }
    int[] mins = w.ofClass(rows, min);
    int[][] g = w.membersKnn(rows, mins, k, "neighbourhood cleaning rule");
    for (int i = 0; i < mins.length; i++) {
      if (!keepByNeighbours(w, min, g[i], sel)) {
        for (int r : g[i]) {
          if (underSample[w.y[r]]) {
            remove[r] = true;
          }
        }
      }
    }
    IntList out = new IntList(n);
    for (int r : rows) {
      if (!remove[r]) {
        out.add(r);
      }
    }
    int[] o = out.toArray();
    Arrays.sort(o);
    return o;
  }

  /** The class predicted for {@code q} by a k-NN vote over {@code train} (ties to the lower class). */
  private static int predict(Work w, double[] q, int[] train, int trainSize, int k) {
    KTop top = new KTop(Math.min(k, trainSize));
    for (int i = 0; i < trainSize; i++) {
      int r = train[i];
      top.offer(w.distance.reduced(q, w.x[r], top.worst()), r);
    }
    int[] votes = new int[w.classes];
    for (int i = 0; i < top.size; i++) {
      votes[w.y[top.idx[i]]]++;
    }
    int best = 0;
    for (int c = 1; c < votes.length; c++) {
      if (votes[c] > votes[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Condensed Nearest Neighbour (Hart 1968), one pass as imbalanced-learn: per targeted class, the
   * store starts with the minority class and {@code seedsS} samples drawn with numpy's {@code
   * randint}; each other sample of the class, in row order, joins the store when the k-NN rule on
   * the store misclassifies it. Output per class: the store's samples of that class in order of
   * joining.
   */
  static int[] cnn(Work w, int[] rows, boolean[] targets, int k, int seedsS, long seed) {
    dev.vigil.stats.internal.NumpyRandomState rnd = new dev.vigil.stats.internal.NumpyRandomState(seed & 0xFFFFFFFFL);
    long[] counts = w.counts(rows);
    int min = minority(counts);
    int[] mins = w.ofClass(rows, min);
    IntList out = new IntList(rows.length);
    for (int c = 0; c < w.classes; c++) {
      int[] members = w.ofClass(rows, c);
      if (!targets[c]) {
        out.addAll(members);
        continue;
      }
      int[] store = new int[mins.length + members.length + seedsS];
      int size = 0;
      for (int r : mins) {
        store[size++] = r;
      }
      IntList kept = new IntList(members.length);
      boolean[] in = new boolean[members.length];
      for (int s = 0; s < seedsS; s++) {
        int p = rnd.randint(0, members.length);
        kept.add(members[p]);
        store[size++] = members[p];
        in[p] = true;
      }
      for (int i = 0; i < members.length; i++) {
        if (in[i]) {
          continue;
        }
        if (predict(w, w.x[members[i]], store, size, k) != c) {
          store[size++] = members[i];
          kept.add(members[i]);
        }
      }
      out.addAll(kept.toArray());
    }
    return out.toArray();
  }

  /**
   * One-Sided Selection (Kubat and Matwin 1997) as imbalanced-learn: per targeted class, seeds
   * drawn with numpy's {@code randint}, the samples of the class the k-NN rule on (minority +
   * seeds) misclassifies, then Tomek links over the result removing targeted samples.
   */
  static int[] oss(Work w, int[] rows, boolean[] targets, int k, int seedsS, long seed) {
    dev.vigil.stats.internal.NumpyRandomState rnd = new dev.vigil.stats.internal.NumpyRandomState(seed & 0xFFFFFFFFL);
    long[] counts = w.counts(rows);
    int min = minority(counts);
    int[] mins = w.ofClass(rows, min);
    IntList under = new IntList(rows.length);
    for (int c = 0; c < w.classes; c++) {
      int[] members = w.ofClass(rows, c);
      if (!targets[c]) {
        under.addAll(members);
        continue;
      }
      int[] sel = new int[seedsS];
      boolean[] drawn = new boolean[members.length];
      for (int s = 0; s < seedsS; s++) {
        sel[s] = rnd.randint(0, members.length);
        drawn[sel[s]] = true;
      }
      int[] store = new int[mins.length + seedsS];
      int size = 0;
      for (int r : mins) {
        store[size++] = r;
      }
      for (int s : sel) {
        store[size++] = members[s];
        under.add(members[s]);
      }
      for (int i = 0; i < members.length; i++) {
        if (!drawn[i] && predict(w, w.x[members[i]], store, size, k) != c) {
          under.add(members[i]);
        }
      }
    }
    return tomek(w, under.toArray(), targets);
  }

  /** NearMiss version 1, 2 or 3; {@code keep[c]} = samples to keep of a targeted class (-1 = not targeted). */
  static int[] nearMiss(Work w, int[] rows, int[] keep, int version, int k, int kVer3) {
    long[] counts = w.counts(rows);
    int min = minority(counts);
    int[] mins = w.ofClass(rows, min);
    NeighborIndex minIdx = w.index(mins);
    IntList out = new IntList(rows.length);
    for (int c = 0; c < w.classes; c++) {
      int[] members = w.ofClass(rows, c);
      if (keep[c] < 0) {
        out.addAll(members);
        continue;
      }
      int[] candidates = members;
      if (version == 3) {
        InvalidArgumentException.check(kVer3 <= members.length,
            "nearmiss-3 needs n_neighbors_ver3 = %d <= the %d samples of class \"%s\"", kVer3,
            members.length, w.classNames.get(c));
        NeighborIndex ci = w.index(members);
        Neighbors nb = w.note(ci.query(w.points(mins), kVer3));
        boolean[] chosen = new boolean[members.length];
        for (int v : nb.indices()) {
          chosen[v] = true;
        }
        IntList cand = new IntList(members.length);
        for (int i = 0; i < members.length; i++) {
          if (chosen[i]) {
            cand.add(members[i]);
          }
        }
        candidates = cand.toArray();
      }
      InvalidArgumentException.check(k <= mins.length,
          "nearmiss needs n_neighbors = %d <= the %d samples of the minority class \"%s\"", k, mins.length,
          w.classNames.get(min));
      double[] score = new double[candidates.length];
      double[][] q = w.points(candidates);
      if (version == 2) {
        farthestSums(w, q, w.points(mins), k, score);
      } else {
        Neighbors nb = w.note(minIdx.query(q, k));
        for (int i = 0; i < candidates.length; i++) {
          double s = 0;
          for (int j = 0; j < k; j++) {
            s += nb.distance(i, j);
          }
          score[i] = s;
        }
      }
      if (version == 3) {
        for (int i = 0; i < score.length; i++) {
          score[i] = -score[i]; // farthest first; ties still to the lower row
        }
      }
      int[] order = stableOrder(score);
      int take = Math.min(keep[c], candidates.length);
      for (int i = 0; i < take; i++) {
        out.add(candidates[order[i]]);
      }
    }
    return out.toArray();
  }

  /**
   * The positions of {@code key} ordered by {@link Double#compare} and then by position (what a
   * stable sort of boxed indices gives), with primitive sorts only: each key's rank among the sorted
   * keys, packed above its position into a long.
   */
  static int[] stableOrder(double[] key) {
    int n = key.length;
    double[] sorted = key.clone();
    Arrays.sort(sorted);
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      int lo = 0;
      int hi = n;
      while (lo < hi) { // first position whose key is not below key[i]
        int mid = (lo + hi) >>> 1;
        if (Double.compare(sorted[mid], key[i]) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      packed[i] = (long) lo << 32 | i;
    }
    Arrays.sort(packed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) packed[i];
    }
    return order;
  }

  /** Sum of the distances to the k farthest of {@code ref}, summed nearest-first as scikit-learn does. */
  private static void farthestSums(Work w, double[][] q, double[][] ref, int k, double[] out) {
    int n = q.length;
    java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
      double[] far = new double[k];
      int size = 0;
      for (double[] r : ref) {
        double d = w.distance.between(q[i], r);
        if (size < k) {
          int p = size++;
          while (p > 0 && far[p - 1] > d) {
            far[p] = far[p - 1];
            p--;
          }
          far[p] = d;
        } else if (d > far[0]) {
          int p = 0;
          while (p + 1 < k && far[p + 1] < d) {
            far[p] = far[p + 1];
            p++;
          }
          far[p] = d;
        }
      }
      double s = 0;
      for (int j = 0; j < size; j++) {
        s += far[j];
      }
      out[i] = s;
    });
  }

  /** Random under-sampling of each targeted class to {@code keep[c]} samples; rows ascending within a class without replacement. */
  static int[] randomUnder(Work w, int[] rows, int[] keep, boolean replacement, long seed) {
    IntList out = new IntList(rows.length);
    for (int c = 0; c < w.classes; c++) {
      int[] members = w.ofClass(rows, c);
      if (keep[c] < 0) {
        out.addAll(members);
        continue;
      }
      java.util.SplittableRandom rnd = Work.rng(seed, c);
      if (replacement) {
        for (int i = 0; i < keep[c]; i++) {
          out.add(members[rnd.nextInt(members.length)]);
        }
      } else {
        int[] m = members.clone();
        for (int i = 0; i < keep[c]; i++) {
          int j = i + rnd.nextInt(m.length - i);
          int t = m[i];
          m[i] = m[j];
          m[j] = t;
        }
        int[] chosen = Arrays.copyOf(m, keep[c]);
        Arrays.sort(chosen);
        out.addAll(chosen);
      }
    }
    return out.toArray();
  }

  /**
   * Instance hardness threshold: the probability of each sample's own class from {@code estimator}
   * (null: a k-NN classifier, k neighbours, share of votes) fitted on the other folds of a stratified
   * {@code cv}-fold split (seeded shuffle per class; fold f's estimator gets seed {@code seed + f});
   * each targeted class keeps the samples whose probability is at least the {@code (1 - keep/count)}
   * percentile (numpy's linear interpolation), so ties may keep a few more.
   */
  static int[] iht(Work w, int[] rows, int[] keep, int k, int cv, long seed,
      dev.vigil.imbalance.HardnessEstimator estimator) {
    int n = rows.length;
    int[] fold = new int[w.x.length];
    for (int c = 0; c < w.classes; c++) {
      int[] m = w.ofClass(rows, c).clone();
      java.util.SplittableRandom rnd = Work.rng(seed, c);
      for (int i = m.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = m[i];
        m[i] = m[j];
        m[j] = t;
      }
      for (int i = 0; i < m.length; i++) {
        fold[m[i]] = i % cv;
      }
    }
    double[] prob = new double[w.x.length];
    for (int f = 0; f < cv; f++) {
      IntList train = new IntList(n);
      IntList test = new IntList(n);
      for (int r : rows) {
        (fold[r] == f ? test : train).add(r);
      }
      int[] tr = train.toArray();
      int[] te = test.toArray();
      if (te.length == 0) {
        continue;
      }
      InvalidArgumentException.check(tr.length >= 1, "instance hardness threshold: fold %d has no training rows", f);
      if (estimator != null) {
        int[] ty = new int[tr.length];
        for (int i = 0; i < tr.length; i++) {
          ty[i] = w.y[tr[i]];
        }
        double[][] p = estimator.fitPredictProba(w.points(tr), ty, w.classes, w.points(te), seed + f);
        for (int i = 0; i < te.length; i++) {
          prob[te[i]] = p[i][w.y[te[i]]];
        }
        continue;
      }
      int kk = Math.min(k, tr.length);
      Neighbors nb = w.note(w.index(tr).query(w.points(te), kk));
      for (int i = 0; i < te.length; i++) {
        int same = 0;
        for (int j = 0; j < kk; j++) {
          if (w.y[tr[nb.index(i, j)]] == w.y[te[i]]) {
            same++;
          }
        }
        prob[te[i]] = same / (double) kk;
      }
    }
    IntList out = new IntList(n);
    for (int c = 0; c < w.classes; c++) {
      int[] members = w.ofClass(rows, c);
      if (keep[c] < 0) {
        out.addAll(members);
        continue;
      }
      double[] p = new double[members.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = prob[members[i]];
      }
      double thr = percentile(p, (1.0 - keep[c] / (double) members.length) * 100.0);
      for (int i = 0; i < members.length; i++) {
        if (p[i] >= thr) {
          out.add(members[i]);
        }
      }
    }
    return out.toArray();
  }

  /** numpy's default (linear) percentile. */
  static double percentile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    if (s.length == 0) {
      return Double.NaN;
    }
    double pos = q / 100.0 * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, s.length - 1);
    double frac = pos - lo;
    return s[lo] + (s[hi] - s[lo]) * frac;
  }

  /** Growable int array. */
  static final class IntList {
    int[] a;
    int size;

    IntList(int cap) {
      a = new int[Math.max(4, cap)];
    }

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2);
      }
      a[size++] = v;
    }

    void addAll(int[] v) {
      for (int x : v) {
        add(x);
      }
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }

  /** k smallest (reduced distance, row) with ties to the lower row. */
  static final class KTop {
    final double[] d;
    final int[] idx;
    int size;

    KTop(int k) {
      d = new double[k];
      idx = new int[k];
    }

    double worst() {
      return size < d.length ? Double.POSITIVE_INFINITY : d[d.length - 1];
    }

    void offer(double dist, int r) {
      int k = d.length;
      if (size == k && (dist > d[k - 1] || (dist == d[k - 1] && r > idx[k - 1]))) {
        return;
      }
      int p = size < k ? size++ : k - 1;
      while (p > 0 && (d[p - 1] > dist || (d[p - 1] == dist && idx[p - 1] > r))) {
        d[p] = d[p - 1];
        idx[p] = idx[p - 1];
        p--;
      }
      d[p] = dist;
      idx[p] = r;
    }
  }

}
