package dev.vigil.neighbors.internal;

import dev.vigil.neighbors.Distance;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Approximate k-NN: an inverted-file index (IVF). A coarse quantiser (k-means, seeded, on a sample
 * of the reference rows) cuts the reference rows into lists of about {@value #LIST_TARGET} rows, one
 * per centroid; a query scans only the lists of its {@code p} nearest centroids, with the same exact
 * kernels as the exact search (the float filter for Euclidean distance, else the plain distance), so
 * the distances returned are exact and only neighbours lying in unprobed lists can be missed.
 *
 * <p>Calibration. Per {@link #run} call, a seeded sample of {@value #SAMPLE} of the queries is
 * searched exactly; a true neighbour is found with {@code p} probes exactly when its list is among
 * the query's {@code p} nearest centroids, so the recall at every {@code p} follows from the list
 * ranks of the sample's true neighbours, without running the approximate search. The smallest
 * {@code p} whose recall, less two binomial standard errors, reaches the target is used, and its
 * measured recall is returned. When that {@code p} would scan more than half of the rows, the whole
 * call runs exactly (recall 1). A query whose probed lists hold fewer than k admissible rows is
 * answered exactly.
 *
 * <p>Determinism: the quantiser, the sample and the block split depend only on the data and the
 * seed, never on the thread count; ties go to the lower row within what is scanned.
 */
public final class Ivf {
  static final int LIST_TARGET = 256;
  static final int SAMPLE = 256;
  private static final int QUERY_BLOCK = 1024;
  private static final int LLOYD_ROUNDS = 10;

  private final Distance distance;
  private final int d;
  private final int n;
  private final Search exact;
  private final Search centroidSearch;
  private final int[][] lists;
  private final double[][][] listRows;
  private final FloatFilter[] filters;
  private final int[] listOf;
  private final int[] localOf;
  private final long seed;

  /** Builds the index over {@code ref}; {@code exact} is the exact search over the same rows. */
  public Ivf(double[][] ref, Distance distance, Search exact, int threads, long seed) {
    this.distance = distance;
    this.exact = exact;
    this.seed = seed;
    this.n = ref.length;
    this.d = n == 0 ? 0 : ref[0].length;
    int nlist = Math.max(1, (int) Math.round(n / (double) LIST_TARGET));
    double[][] c = train(ref, nlist, threads, new SplittableRandom(seed));
    int[] assign = nearest(ref, c, threads);
    int[] size = new int[c.length];
    for (int a : assign) {
      size[a]++;
    }
    int[] renumber = new int[c.length]; // drop empty lists
    int live = 0;
    for (int i = 0; i < c.length; i++) {
      renumber[i] = size[i] > 0 ? live++ : -1;
    }
    double[][] cs = new double[live][];
    this.lists = new int[live][];
    for (int i = 0; i < c.length; i++) {
      if (renumber[i] >= 0) {
        cs[renumber[i]] = c[i];
        lists[renumber[i]] = new int[size[i]];
      }
    }
    this.listOf = new int[n];
    this.localOf = new int[n];
    int[] fill = new int[live];
    for (int r = 0; r < n; r++) { // ascending rows: local order = global order, so ties agree
      int l = renumber[assign[r]];
      listOf[r] = l;
      localOf[r] = fill[l];
      lists[l][fill[l]++] = r;
    }
    this.listRows = new double[live][][];
    this.filters = new FloatFilter[live];
    boolean euclid = distance instanceof Distance.Euclidean && d >= 4;
    for (int l = 0; l < live; l++) {
      double[][] rows = new double[lists[l].length][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = ref[lists[l][i]];
      }
      listRows[l] = rows;
      filters[l] = euclid && FloatFilter.usable(rows) ? new FloatFilter(rows) : null;
    }
    this.centroidSearch = new Search(cs, distance, false, 40);
  }

  /** Number of lists. */
  public int lists() {
    return lists.length;
  }

  /**
   * Fills outIdx/outDist (queries*k) as {@link Search#run}, probing enough lists for
   * {@code target} recall; returns the recall measured on the calibration sample (1 when exact).
   */
  public double run(double[][] queries, int[] exclude, int k, double target, int threads, int[] outIdx,
      double[] outDist) {
    int nq = queries.length;
    int nlist = lists.length;
    if (nq == 0) {
      return 1.0;
    }
    // calibration on a seeded sample of the queries, against the exact search
    int s = Math.min(nq, SAMPLE);
    int[] pick = sample(nq, s, new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL ^ nq));
    double[][] sq = new double[s][];
    int[] sx = exclude == null ? null : new int[s];
    for (int i = 0; i < s; i++) {
      sq[i] = queries[pick[i]];
      if (sx != null) {
        sx[i] = exclude[pick[i]];
      }
    }
    int[] tIdx = new int[s * k];
    exact.run(sq, sx, k, threads, tIdx, new double[s * k]);
    int[] rIdx = new int[s * nlist];
    centroidSearch.run(sq, null, nlist, threads, rIdx, new double[s * nlist]);
    long[] foundAt = new long[nlist];
    int[] rankOf = new int[nlist];
    for (int q = 0; q < s; q++) {
      for (int p = 0; p < nlist; p++) {
        rankOf[rIdx[q * nlist + p]] = p;
      }
      for (int j = 0; j < k; j++) {
        foundAt[rankOf[listOf[tIdx[q * k + j]]]]++;
      }
    }
    double total = (double) s * k;
    long cum = 0;
    int probes = nlist;
    double recall = 1.0;
    for (int p = 1; p <= nlist; p++) {
      cum += foundAt[p - 1];
      double r = cum / total;
      if (r - 2 * Math.sqrt(r * (1 - r) / total) >= target) {
        probes = p;
        recall = r;
        break;
      }
    }
    if (probes * 2 >= nlist) {
      exact.run(queries, exclude, k, threads, outIdx, outDist);
      return 1.0;
    }
    final int pr = probes;
    Search.parallel(nq, QUERY_BLOCK, threads, (from, to) -> scanBlock(queries, exclude, k, pr, from, to,
        outIdx, outDist));
    return recall;
  }

  private void scanBlock(double[][] queries, int[] exclude, int k, int probes, int from, int to,
      int[] outIdx, double[] outDist) {
    int m = to - from;
    int nlist = lists.length;
    // the block's probed lists (memory O(block x probes), never O(queries x probes))
    int[] pIdx = new int[m * probes];
    centroidSearch.run(Arrays.copyOfRange(queries, from, to), null, probes, 1, pIdx, new double[m * probes]);
    KBest[] g = new KBest[m];
    for (int i = 0; i < m; i++) {
      g[i] = new KBest(k);
    }
    int[] start = new int[nlist + 1];
    for (int q = 0; q < m; q++) {
      for (int j = 0; j < probes; j++) {
        start[pIdx[q * probes + j] + 1]++;
      }
    }
    for (int l = 0; l < nlist; l++) {
      start[l + 1] += start[l];
    }
    int[] at = Arrays.copyOf(start, nlist);
    int[] bucket = new int[m * probes];
    for (int q = 0; q < m; q++) {
      for (int j = 0; j < probes; j++) {
        bucket[at[pIdx[q * probes + j]]++] = from + q;
      }
    }
    for (int l = 0; l < nlist; l++) {
      int len = start[l + 1] - start[l];
      if (len == 0) {
        continue;
      }
      double[][] lq = new double[len][];
      int[] lx = new int[len];
      KBest[] tb = new KBest[len];
      for (int i = 0; i < len; i++) {
        int q = bucket[start[l] + i];
        lq[i] = queries[q];
        int ex = exclude == null ? -1 : exclude[q];
        lx[i] = ex >= 0 && ex < n && listOf[ex] == l ? localOf[ex] : -1;
        tb[i] = new KBest(k);
        tb[i].cap = g[q - from].worst(); // only rows that can still enter the k best are checked
      }
      scanList(l, lq, lx, tb);
      int[] rows = lists[l];
      for (int i = 0; i < len; i++) {
        KBest t = tb[i];
        KBest dst = g[bucket[start[l] + i] - from];
        for (int j = 0; j < t.size; j++) {
          dst.offer(t.d[j], rows[t.idx[j]]);
        }
      }
    }
    for (int q = from; q < to; q++) {
      KBest kb = g[q - from];
      if (kb.size < k) { // the probed lists held fewer than k admissible rows
        int[] one = new int[k];
        double[] od = new double[k];
        exact.run(new double[][] {queries[q]}, exclude == null ? null : new int[] {exclude[q]}, k, 1, one, od);
        System.arraycopy(one, 0, outIdx, q * k, k);
        System.arraycopy(od, 0, outDist, q * k, k);
        continue;
      }
      for (int j = 0; j < k; j++) {
        outIdx[q * k + j] = kb.idx[j];
        outDist[q * k + j] = distance.fromReduced(kb.d[j]);
      }
    }
  }

  /** The exact k best of list l for each query (local row numbers), skipping lx[i]. */
  private void scanList(int l, double[][] lq, int[] lx, KBest[] tb) {
    FloatFilter f = filters[l];
    if (f != null && FloatFilter.usable(lq)) {
      f.search(lq, lx, 0, lq.length, tb);
      return;
    }
    double[][] rows = listRows[l];
    for (int i = 0; i < lq.length; i++) {
      KBest kb = tb[i];
      for (int r = 0; r < rows.length; r++) {
        if (r == lx[i]) {
          continue;
        }
        double w = kb.worst();
        double dd = distance.reduced(lq[i], rows[r], w);
        if (dd <= w) {
          kb.offer(dd, r);
        }
      }
    }
  }

  /** Seeded k-means (Lloyd, at most {@value #LLOYD_ROUNDS} rounds) on a sample of the rows. */
  private double[][] train(double[][] ref, int nlist, int threads, SplittableRandom rnd) {
    int s = Math.min(n, Math.max(nlist, 32 * nlist));
    int[] pick = sample(n, s, rnd);
    double[][] rows = new double[s][];
    for (int i = 0; i < s; i++) {
      rows[i] = ref[pick[i]];
    }
    double[][] c = new double[nlist][];
    for (int i = 0; i < nlist; i++) {
      c[i] = rows[i].clone();
    }
    int[] prev = null;
    for (int round = 0; round < LLOYD_ROUNDS; round++) {
      int[] a = nearest(rows, c, threads);
      if (Arrays.equals(a, prev)) {
        break;
      }
      prev = a;
      double[][] sum = new double[nlist][d];
      int[] cnt = new int[nlist];
      for (int i = 0; i < s; i++) {
        double[] x = rows[i];
        double[] acc = sum[a[i]];
        for (int j = 0; j < d; j++) {
          acc[j] += x[j];
        }
        cnt[a[i]]++;
      }
      for (int l = 0; l < nlist; l++) {
        if (cnt[l] > 0) {
          for (int j = 0; j < d; j++) {
            c[l][j] = sum[l][j] / cnt[l];
          }
        }
      }
    }
    return c;
  }

  private int[] nearest(double[][] rows, double[][] c, int threads) {
    int[] idx = new int[rows.length];
    new Search(c, distance, false, 40).run(rows, null, 1, threads, idx, new double[rows.length]);
    return idx;
  }

  /** s distinct indices of [0, n), in a seeded random order (partial Fisher-Yates). */
  private static int[] sample(int n, int s, SplittableRandom rnd) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < s; i++) {
      int j = i + rnd.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return Arrays.copyOf(all, s);
  }
}
