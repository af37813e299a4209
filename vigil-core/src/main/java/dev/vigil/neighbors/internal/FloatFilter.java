package dev.vigil.neighbors.internal;

/**
 * Exact Euclidean brute force accelerated by a single-precision filter: squared distances are
 * first estimated in float as {@code |r|² (1 - f) - 2 q·r} (the query's own norm moved to the
 * threshold), and only the pairs whose estimate could still beat the current k-th best after a
 * rigorous rounding-error margin are computed exactly in double. Answers are therefore identical
 * to the plain double search.
 *
 * <p>Layout and kernel. The reference rows are stored in blocks of {@value #B} rows, each block
 * transposed to {@code [feature][row]}; for four queries at a time the kernel runs, per feature,
 * {@code acc_i[j] += (-2 q_i[f]) * block[f][j]} over the block's rows. Every array in that loop is
 * indexed by the same {@code j}, which is the form HotSpot's C2 auto-vectorises (AVX2/AVX-512 on
 * x86, NEON on ARM): the estimates of 4 x 256 pairs come out at SIMD speed with no Vector API
 * and no native code. The scan that follows rarely finds a candidate (the threshold is the k-th
 * best so far), so its branch is well predicted. That loop loads and stores an accumulator per
 * multiply-add; when the JVM has the incubating Vector API, {@link VectorKernel} (through {@link
 * Kernel}) replaces both loops with a register-tiled kernel and a fused threshold test, and shares
 * the exact re-check ({@link #check}, {@link #exact}) so that answers stay bit-identical.
 *
 * <p>Error bound. For rows x, y in double and their float roundings, the estimate plus the query's
 * float norm differs from |x - y|² by at most {@code (d + 4) 2^-23 (|x|² + |y|²)} (rounding of the
 * points, of d products and of d + 1 sums, in any order); the margin used is 8 times that, plus an
 * absolute {@value #ABS_SLACK} for float underflow. Rows with values beyond ±{@value #MAX_ABS}
 * would overflow in float: {@link #usable} says so and the caller searches in double instead.
 * The bound is two-sided: {@link VectorKernel} also uses estimate + margin as an upper bound on a
 * row's distance ({@link #normUp} holds |r|² rounded up for it).
 */
final class FloatFilter {
  static final int B = 256;
  private static final int QB = 4;
  private static final double MAX_ABS = 1e18;
  private static final double ABS_SLACK = 1e-30;
  /** The explicit-SIMD kernel when the JVM has it and it is not disabled; null otherwise. */
  static final Kernel VECTOR = VectorKernels.load();
  final double[][] ref;
  final int n;
  final int d;
  final float[][][] blocks; // [block][feature][row in block]
  final float[][] norms; // [block][row]: |r|^2 (1 - marginFactor), +inf for padding
  final double marginFactor;
  final float[] normUp; // [row]: |r|^2 of the float row, rounded up to float
  private final Kernel kernel; // null: the auto-vectorised loops below

  /**
   * The block kernel of {@link #search} and {@link #count}, swapped in when a faster one is
   * available (see {@link VectorKernels}). Same contract and bit-identical answers as the loops here.
   */
  interface Kernel {
    void search(FloatFilter f, double[][] queries, int[] exclude, int from, int to, KBest[] bests);

    void count(FloatFilter f, double[][] queries, int[] exclude, double[] limits, int cap, int from, int to,
        int[] out);
  }

  /** True when every value is finite and small enough for the float estimate. */
  static boolean usable(double[][] rows) {
    for (double[] r : rows) {
      for (double v : r) {
        if (!(Math.abs(v) <= MAX_ABS)) {
          return false;
        }
      }
    }
    return true;
  }

  FloatFilter(double[][] ref) {
    this(ref, VECTOR);
  }

  /** A filter over ref running the given kernel (null: the auto-vectorised loops of this class). */
  FloatFilter(double[][] ref, Kernel kernel) {
    this.kernel = kernel;
    this.ref = ref;
    this.n = ref.length;
    this.d = n == 0 ? 0 : ref[0].length;
    this.marginFactor = 8.0 * (d + 4) * Math.ulp(1.0f);
    int nb = (n + B - 1) / B;
    this.blocks = new float[nb][d][B];
    this.norms = new float[nb][B];
    this.normUp = new float[n];
    for (int b = 0; b < nb; b++) {
      java.util.Arrays.fill(norms[b], Float.POSITIVE_INFINITY);
    }
    for (int r = 0; r < n; r++) {
      double s = 0;
      float[][] blk = blocks[r / B];
      int j = r % B;
      for (int f = 0; f < d; f++) {
        float v = (float) ref[r][f];
        blk[f][j] = v;
        s += (double) v * v;
      }
      norms[r / B][j] = (float) (s * (1 - marginFactor));
      float up = (float) s;
      normUp[r] = up < s ? Math.nextUp(up) : up;
    }
  }

  /**
   * The k nearest (exact) of queries[from, to) into bests, skipping exclude[q]. Reference blocks
   * are the outer loop so that each block (256 rows, 20 KB at 20 features) is read from memory once
   * per query block and then served from L1/L2 for every query of the block.
   */
  void search(double[][] queries, int[] exclude, int from, int to, KBest[] bests) {
    if (kernel != null) {
      kernel.search(this, queries, exclude, from, to, bests);
      return;
    }
    int nq = to - from;
    int padded = (nq + QB - 1) / QB * QB;
    float[][] m = new float[padded][d];
    double[] bias = new double[padded];
    prepare(queries, from, nq, m, bias, null);
    float[] a0 = new float[B];
    float[] a1 = new float[B];
    float[] a2 = new float[B];
    float[] a3 = new float[B];
    float[][] acc = {a0, a1, a2, a3};
    for (int b = 0; b < blocks.length; b++) {
      float[][] blk = blocks[b];
      float[] nr = norms[b];
      int r0 = b * B;
      int len = Math.min(B, n - r0);
      for (int q0 = 0; q0 < nq; q0 += QB) {
        float[] m0 = m[q0];
        float[] m1 = m[q0 + 1];
        float[] m2 = m[q0 + 2];
        float[] m3 = m[q0 + 3];
        estimate(blk, nr, m0, m1, m2, m3, a0, a1, a2, a3);
        int qb = Math.min(QB, nq - q0);
        for (int i = 0; i < qb; i++) {
          scan(queries, exclude, from + q0 + i, bests[q0 + i], bias[q0 + i], acc[i], r0, len);
        }
      }
    }
  }

  /**
   * For queries[from, to): how many reference rows other than exclude[q] lie at reduced distance
   * strictly below limits[q], stopping at cap (a query leaves the kernel once it reaches cap);
   * -1 when fewer than cap were found and some row lay exactly at the limit.
   */
  void count(double[][] queries, int[] exclude, double[] limits, int cap, int from, int to, int[] out) {
    if (kernel != null) {
      kernel.count(this, queries, exclude, limits, cap, from, to, out);
      return;
    }
    int nq = to - from;
    float[][] m = new float[nq][d];
    double[] bias = new double[nq];
    float[] t = new float[nq];
    boolean[] tie = new boolean[nq];
    int[] active = new int[nq];
    int live = 0;
    prepare(queries, from, nq, m, bias, null);
    for (int i = 0; i < nq; i++) {
      t[i] = threshold(limits[from + i] + bias[i]);
      out[from + i] = 0;
      if (cap > 0) {
        active[live++] = i;
      }
    }
    float[] a0 = new float[B];
    float[] a1 = new float[B];
    float[] a2 = new float[B];
    float[] a3 = new float[B];
    float[][] acc = {a0, a1, a2, a3};
    // blocks from the one aligned with the queries outwards: when queries and reference rows come
    // in the same spatial order (see NeighborIndex.localityOrder), the first blocks hold most of
    // the rows a query is looking for, and it reaches cap early
    int nb = blocks.length;
    int[] visit = visitOrder(from, nb);
    for (int step = 0; step < nb && live > 0; step++) {
      int b = visit[step];
      float[][] blk = blocks[b];
      float[] nr = norms[b];
      int r0 = b * B;
      int len = Math.min(B, n - r0);
      for (int g = 0; g < live; g += QB) {
        float[] m0 = m[active[g]];
        float[] m1 = m[active[Math.min(g + 1, live - 1)]];
        float[] m2 = m[active[Math.min(g + 2, live - 1)]];
        float[] m3 = m[active[Math.min(g + 3, live - 1)]];
        estimate(blk, nr, m0, m1, m2, m3, a0, a1, a2, a3);
        for (int i = 0; i < QB && g + i < live; i++) {
          int qi = active[g + i];
          int q = from + qi;
          float[] est = acc[i];
          float tq = t[qi];
          int ex = exclude == null ? -1 : exclude[q];
          double lim = limits[q];
          double[] x = queries[q];
          int c = out[q];
          for (int r = 0; r < len && c < cap; r++) {
            if (est[r] > tq || r0 + r == ex) {
              continue;
            }
            double s = exact(x, r0 + r);
            if (s < lim) {
              c++;
            } else if (s == lim) {
              tie[qi] = true;
            }
          }
          out[q] = c;
        }
      }
      live = stillCounting(active, live, out, from, cap);
    }
    markTies(out, tie, from, nq, cap);
  }

  /**
   * The float estimates of four queries against one block: {@code a_i[j] = norm[j] + m_i · row_j}
   * (each {@code m_i} is −2 × the query). The loop form, every array indexed by the same {@code j},
   * is the one HotSpot's SuperWord vectorises.
   */
  private void estimate(float[][] blk, float[] nr, float[] m0, float[] m1, float[] m2, float[] m3, float[] a0,
      float[] a1, float[] a2, float[] a3) {
    System.arraycopy(nr, 0, a0, 0, B);
    System.arraycopy(nr, 0, a1, 0, B);
    System.arraycopy(nr, 0, a2, 0, B);
    System.arraycopy(nr, 0, a3, 0, B);
    for (int f = 0; f < d; f++) {
      float c0 = m0[f];
      float c1 = m1[f];
      float c2 = m2[f];
      float c3 = m3[f];
      float[] rf = blk[f];
      for (int j = 0; j < B; j++) {
        float v = rf[j];
        a0[j] += c0 * v;
        a1[j] += c1 * v;
        a2[j] += c2 * v;
        a3[j] += c3 * v;
      }
    }
  }

  /** Keeps in {@code active[0..]} the queries whose count has not reached {@code cap}; returns how many. */
  static int stillCounting(int[] active, int live, int[] out, int from, int cap) {
    int kept = 0;
    for (int g = 0; g < live; g++) {
      if (out[from + active[g]] < cap) {
        active[kept++] = active[g];
      }
    }
    return kept;
  }

  /** A count below {@code cap} that met a distance tie is undecided: −1 sends the query to the full search. */
  static void markTies(int[] out, boolean[] tie, int from, int nq, int cap) {
    for (int i = 0; i < nq; i++) {
      if (out[from + i] < cap && tie[i]) {
        out[from + i] = -1;
      }
    }
  }

  /** The nb blocks from the one holding row {@code from} outwards, alternating after then before. */
  static int[] visitOrder(int from, int nb) {
    int home = Math.min(from / B, nb - 1);
    int[] visit = new int[nb];
    visit[0] = home;
    for (int i = 1, off = 1; i < nb; off++) {
      if (home + off < nb) {
        visit[i++] = home + off;
      }
      if (home - off >= 0 && i < nb) {
        visit[i++] = home - off;
      }
    }
    return visit;
  }

  /**
   * For rows i of m (queries[from + min(i, nq - 1)]): m[i] = -2 q in float (exact scaling of the
   * float-rounded query) and bias[i], the amount added to a reduced distance to get the float
   * threshold of the estimate {@code |r|² (1 - mf) - 2 q·r}; qn[i] (when qn is not null) the squared
   * norm of the float-rounded query.
   */
  void prepare(double[][] queries, int from, int nq, float[][] m, double[] bias, double[] qn) {
    for (int i = 0; i < m.length; i++) {
      double[] x = queries[from + Math.min(i, nq - 1)];
      double fn = 0;
      double exactNorm = 0;
      for (int j = 0; j < d; j++) {
        float f = (float) x[j];
        m[i][j] = -2f * f;
        fn += (double) f * f;
        exactNorm += x[j] * x[j];
      }
      // skip r when est + qn - margin > worst, est = nr (1 - mf) - 2 q.r and margin = mf (qn + |x|^2 + nr)
      bias[i] = -fn + marginFactor * (fn + exactNorm) + ABS_SLACK;
      if (qn != null) {
        qn[i] = fn;
      }
    }
  }

  /**
   * The exact reduced distance from x to reference row idx, summed left to right in double (the
   * order every path uses, so that answers are bit-identical).
   */
  double exact(double[] x, int idx) {
    double s = 0;
    double[] y = ref[idx];
    for (int j = 0; j < d; j++) {
      double e = x[j] - y[j];
      s += e * e;
    }
    return s;
  }

  private void scan(double[][] queries, int[] exclude, int q, KBest kb, double bias, float[] est,
      int r0, int len) {
    float t = threshold(kb.worst() + bias);
    int ex = exclude == null ? -1 : exclude[q];
    double[] x = queries[q];
    // a tight loop (candidates are rare); the exact check lives out of line so that C2 unrolls it
    for (int r = 0; r < len; r++) {
      if (est[r] <= t && r0 + r != ex) {
        t = check(x, r0 + r, kb, bias, t);
      }
    }
  }

  /** Offers ref row idx to kb when its exact distance qualifies; returns the (new) float threshold. */
  float check(double[] x, int idx, KBest kb, double bias, float t) {
    double w = kb.worst();
    double s = exact(x, idx);
    if (s <= w) {
      kb.offer(s, idx);
      return threshold(kb.worst() + bias);
    }
    return t;
  }


  /** The double threshold rounded up to float, so that est > result implies est > t. */
  static float threshold(double t) {
    float f = (float) t;
    return f < t ? Math.nextUp(f) : f;
  }
}
