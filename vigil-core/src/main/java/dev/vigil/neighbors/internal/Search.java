package dev.vigil.neighbors.internal;

import dev.vigil.VigilException;
import dev.vigil.neighbors.Distance;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Exact k-NN search: blocked brute force or a k-d tree, queries spread over worker threads in
 * blocks. Results are written to flat arrays; each query's result depends only on the data, never
 * on the thread that computed it.
 */
public final class Search {
  private static final int QUERY_BLOCK = 64;
  private static final int REF_BLOCK = 512;

  private final double[][] ref;
  private final Distance distance;
  private final KdTree tree;
  private final FloatFilter filter;

  public Search(double[][] ref, Distance distance, boolean useTree, int leafSize) {
    this.ref = ref;
    this.distance = distance;
    this.tree = useTree ? new KdTree(ref, distance instanceof Distance.Manhattan, leafSize) : null;
    this.filter = !useTree && distance instanceof Distance.Euclidean && ref.length > 0 && ref[0].length >= 4
        && FloatFilter.usable(ref) ? new FloatFilter(ref) : null;
  }

  public boolean usesTree() {
    return tree != null;
  }

  /**
   * Fills {@code outIdx}/{@code outDist} (length queries*k) with the k nearest reference rows of
   * each query, skipping reference row {@code exclude[q]} (when exclude is non-null and >= 0).
   */
  public void run(double[][] queries, int[] exclude, int k, int threads, int[] outIdx, double[] outDist) {
    int nq = queries.length;
    // the float filter streams the reference rows once per block: larger blocks, less memory traffic
    int block = filter != null ? 256 : QUERY_BLOCK;
    ThreadLocal<KBest[]> local = ThreadLocal.withInitial(() -> {
      KBest[] bests = new KBest[block];
      for (int i = 0; i < block; i++) {
        bests[i] = new KBest(k);
      }
      return bests;
    });
    parallel(nq, block, threads, (from, to) -> {
      KBest[] bests = local.get();
      for (int q = from; q < to; q++) {
        bests[q - from].reset();
      }
      if (tree != null) {
        for (int q = from; q < to; q++) {
          tree.query(queries[q], exclude == null ? -1 : exclude[q], bests[q - from]);
        }
      } else if (filter != null && FloatFilter.usable(java.util.Arrays.copyOfRange(queries, from, to))) {
        filter.search(queries, exclude, from, to, bests);
      } else {
        brute(queries, exclude, from, to, bests);
      }
      for (int q = from; q < to; q++) {
        KBest kb = bests[q - from];
        for (int j = 0; j < k; j++) {
          outIdx[q * k + j] = kb.idx[j];
          outDist[q * k + j] = distance.fromReduced(kb.d[j]);
        }
      }
    });
  }

  /**
   * Fills {@code out[q]} with the number of reference rows other than {@code exclude[q]} whose
   * reduced distance to query q is strictly below {@code limits[q]}, counting no further than
   * {@code cap}; -1 when fewer than cap were found and some row lay exactly at the limit.
   */
  public void count(double[][] queries, int[] exclude, double[] limits, int cap, int threads, int[] out) {
    int block = 256;
    parallel(queries.length, block, threads, (from, to) -> {
      if (filter != null && FloatFilter.usable(java.util.Arrays.copyOfRange(queries, from, to))) {
        filter.count(queries, exclude, limits, cap, from, to, out);
        return;
      }
      for (int q = from; q < to; q++) {
        int c = 0;
        boolean tie = false;
        int ex = exclude == null ? -1 : exclude[q];
        for (int r = 0; r < ref.length && c < cap; r++) {
          if (r == ex) {
            continue;
          }
          double s = distance.reduced(queries[q], ref[r], limits[q]);
          if (s < limits[q]) {
            c++;
          } else if (s == limits[q]) {
            tie = true;
          }
        }
        out[q] = c < cap && tie ? -1 : c;
      }
    });
  }

  interface BlockTask {
    void run(int from, int to);
  }

  /** Runs task over [0, n) in blocks of {@code block}, on up to {@code threads} threads. */
  static void parallel(int n, int block, int threads, BlockTask task) {
    int blocks = (n + block - 1) / block;
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker = () -> {
      try {
        for (int b = next.getAndIncrement(); b < blocks && failure.get() == null; b = next.getAndIncrement()) {
          task.run(b * block, Math.min(n, b * block + block));
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    };
    int t = Math.max(1, Math.min(threads, blocks));
    Thread[] pool = new Thread[t - 1];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = new Thread(worker, "vigil-knn-" + i);
      pool[i].setDaemon(true);
      pool[i].start();
    }
    worker.run();
    for (Thread th : pool) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VigilException("nearest-neighbour search interrupted", e);
      }
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) {
      throw re;
    } else if (f instanceof Error er) {
      throw er;
    } else if (f != null) {
      throw new VigilException("nearest-neighbour search failed", f);
    }
  }

  private void brute(double[][] queries, int[] exclude, int from, int to, KBest[] bests) {
    int n = ref.length;
    for (int r0 = 0; r0 < n; r0 += REF_BLOCK) {
      int r1 = Math.min(n, r0 + REF_BLOCK);
      for (int q = from; q < to; q++) {
        double[] x = queries[q];
        KBest kb = bests[q - from];
        int ex = exclude == null ? -1 : exclude[q];
        for (int r = r0; r < r1; r++) {
          if (r == ex) {
            continue;
          }
          double w = kb.worst();
          double dd = distance.reduced(x, ref[r], w);
          if (dd <= w) {
            kb.offer(dd, r);
          }
        }
      }
    }
  }

  /**
   * Quickselect on {@code order[s..e]} (inclusive) by coordinate {@code dim} of {@code p} so that
   * position {@code m} holds its rank.
   */
  public static void select(double[][] p, int[] order, int s, int e, int m, int dim) {
    while (e > s) {
      double pivot = p[order[(s + e) >>> 1]][dim];
      int i = s;
      int j = e;
      while (i <= j) {
        while (p[order[i]][dim] < pivot) {
          i++;
        }
        while (p[order[j]][dim] > pivot) {
          j--;
        }
        if (i <= j) {
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
          i++;
          j--;
        }
      }
      if (m <= j) {
        e = j;
      } else if (m >= i) {
        s = i;
      } else {
        return;
      }
    }
  }}
