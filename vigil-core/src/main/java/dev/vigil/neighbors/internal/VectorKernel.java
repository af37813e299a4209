package dev.vigil.neighbors.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatFilter}'s block kernel written with the Vector API, loaded only through {@link
 * VectorKernels} (this class needs {@code --add-modules jdk.incubator.vector}).
 *
 * <p>The auto-vectorised kernel keeps its accumulators in arrays: every multiply-add loads and
 * stores one, so it runs at the speed of stores, and a separate scalar pass then compares each
 * estimate with the query's threshold. Here four queries times four SIMD chunks of reference rows
 * (64 rows with AVX-512) stay in sixteen registers while the loop runs over the features: per
 * feature, four loads of reference values, four broadcasts of query values and sixteen fused
 * multiply-adds, no store. The threshold test is fused: the lane-wise minimum of each query's four
 * chunks is compared with its current threshold in registers and, in the common case where no lane
 * passes, nothing else happens. Only the chunks with a passing lane are written out; their rows
 * are listed with a float upper bound and, at the end, the survivors are checked exactly in double
 * by the same code as the scalar path ({@link Pending}).
 *
 * <p>Same float arithmetic as {@link FloatFilter} up to the order of the float products (FMA rounds
 * once where the scalar loop may round twice); the error margin covers both, and everything that
 * decides a result (the exact distances, the k-best order) is computed by the same double code, so
 * the answers are bit-identical to the other kernel's.
 */
final class VectorKernel implements FloatFilter.Kernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int QB = 4;
  private static final int STEP = 4 * L; // reference rows per register tile

  VectorKernel() {
    // below 8 lanes (SSE, or no SIMD at all) the auto-vectorised loops are as fast or faster
    if (L < 8 || FloatFilter.B % STEP != 0) {
      throw new IllegalStateException("SIMD width " + L + " floats: Vector-API kernel not used");
    }
  }

  @Override
  public void search(FloatFilter ff, double[][] queries, int[] exclude, int from, int to, KBest[] bests) {
    int nq = to - from;
    int d = ff.d;
    int padded = (nq + QB - 1) / QB * QB;
    float[][] m = new float[padded][d];
    double[] bias = new double[padded];
    double[] qn = new double[padded];
    ff.prepare(queries, from, nq, m, bias, qn);
    float[] t = new float[padded];
    for (int i = 0; i < padded; i++) {
      // padding queries never pass the test
      t[i] = i < nq ? FloatFilter.threshold(bests[i].worst() + bias[i]) : Float.NEGATIVE_INFINITY;
    }
    float[] est = new float[QB * STEP];
    Pending p = new Pending(ff, queries, exclude, from, bests, bias, qn, padded);
    for (int b = 0; b < ff.blocks.length; b++) {
      float[][] blk = ff.blocks[b];
      float[] nr = ff.norms[b];
      int r0 = b * FloatFilter.B;
      for (int q0 = 0; q0 < padded; q0 += QB) {
        float[] m0 = m[q0];
        float[] m1 = m[q0 + 1];
        float[] m2 = m[q0 + 2];
        float[] m3 = m[q0 + 3];
        for (int j = 0; j < FloatFilter.B; j += STEP) {
          int pass = tile(blk, nr, j, d, m0, m1, m2, m3, t[q0], t[q0 + 1], t[q0 + 2], t[q0 + 3], est);
          for (int i = 0; pass != 0; i++, pass >>>= 4) {
            if ((pass & 15) != 0) { // never a padding query (its threshold is -inf)
              t[q0 + i] = p.collect(q0 + i, est, i * STEP, pass & 15, t[q0 + i], r0 + j);
            }
          }
        }
      }
    }
    for (int i = 0; i < nq; i++) {
      p.flush(i, t[i]);
    }
  }

  /**
   * Candidates of a block of queries whose exact distances are not computed yet. A sequential scan
   * improves a query's k best about k ln(n / k) times (25 times for k = 3 and 5,000 rows), and
   * checking each improvement exactly at once costs a distance in double plus an insertion. Instead
   * each passing row gets a rigorous float upper bound on its distance ({@code est + |q|² + margin},
   * the mirror of the lower bound the threshold test uses); the k smallest upper bounds give the
   * threshold, and the rows are only listed. At the end (or when a query's list is full) a listed
   * row is checked exactly only if its lower bound is still within the threshold: usually k or a
   * few more rows. No row of the true k best is ever dropped (its lower bound never exceeds the
   * k-th smallest upper bound), so the answer is the exact one, offered through the same {@link
   * FloatFilter#check} as the other kernel.
   */
  private static final class Pending {
    private static final int CAPACITY = 48;
    private final FloatFilter ff;
    private final double[][] queries;
    private final int[] exclude;
    private final int from;
    private final KBest[] bests;
    private final double[] bias;
    private final double[] qn;
    private final int k;
    private final double[] ub; // [query * k + rank]: the k smallest upper bounds so far, ascending
    private final int[] nub;
    private final int[] rows; // [query * CAPACITY + i]
    private final float[] ests;
    private final int[] size;
    private final int[] hits = new int[L];

    Pending(FloatFilter ff, double[][] queries, int[] exclude, int from, KBest[] bests, double[] bias,
        double[] qn, int padded) {
      this.ff = ff;
      this.queries = queries;
      this.exclude = exclude;
      this.from = from;
      this.bests = bests;
      this.bias = bias;
      this.qn = qn;
      this.k = bests[0].k;
      this.ub = new double[padded * k];
      this.nub = new int[padded];
      this.rows = new int[padded * CAPACITY];
      this.ests = new float[padded * CAPACITY];
      this.size = new int[padded];
    }

    /**
     * Lists the rows of the passing chunks (bit c: rows r0 + cL to r0 + cL + L - 1) of query i whose
     * estimate is within its threshold t; returns the new threshold.
     */
    float collect(int i, float[] est, int off, int chunks, float t, int r0) {
      int ex = exclude == null ? -1 : exclude[from + i];
      // upper bound = est + qn + mf (qn + |x|^2) + slack + 2 mf |r|^2, and bias + qn = mf (qn + |x|^2) + slack
      double base = qn[i] + (bias[i] + qn[i]);
      double twoMf = 2 * ff.marginFactor;
      int n = ff.n;
      for (int c = 0; c < 4; c++) {
        if ((chunks & (1 << c)) == 0) {
          continue;
        }
        int len = Math.min((c + 1) * L, n - r0);
        // the lanes within t first, without branches (which of 16 lanes pass is unpredictable)
        int m = 0;
        for (int r = c * L; r < len; r++) {
          hits[m] = r;
          m += est[off + r] <= t ? 1 : 0;
        }
        for (int h0 = 0; h0 < m; h0++) {
          int r = hits[h0];
          float e = est[off + r];
          if (e > t || r0 + r == ex) {
            continue;
          }
          int row = r0 + r;
          double u = e + base + twoMf * ff.normUp[row];
          int o = i * k;
          int h = nub[i];
          if (h < k || u < ub[o + k - 1]) {
            int pos = h < k ? h : k - 1;
            while (pos > 0 && ub[o + pos - 1] > u) {
              ub[o + pos] = ub[o + pos - 1];
              pos--;
            }
            ub[o + pos] = u;
            if (h < k) {
              nub[i] = ++h;
            }
            if (h == k) {
              t = Math.min(t, FloatFilter.threshold(ub[o + k - 1] + bias[i]));
            }
          }
          int s = size[i];
          rows[i * CAPACITY + s] = row;
          ests[i * CAPACITY + s] = e;
          size[i] = s + 1;
          if (s + 1 == CAPACITY) {
            t = flush(i, t);
          }
        }
      }
      return t;
    }

    /** Checks query i's listed rows still within threshold t exactly; returns the new threshold. */
    float flush(int i, float t) {
      int q = from + i;
      double[] x = queries[q];
      KBest kb = bests[i];
      int s = size[i];
      for (int j = 0; j < s; j++) {
        if (ests[i * CAPACITY + j] <= t) {
          t = Math.min(t, ff.check(x, rows[i * CAPACITY + j], kb, bias[i], t));
        }
      }
      size[i] = 0;
      return t;
    }
  }

  /**
   * The float estimates of four queries (m0..m3 = -2 q) against the STEP reference rows of a block
   * from row j, in registers. Returns a bit set: bit 4i + c is set when some estimate of query i in
   * chunk c (rows j + cL to j + cL + L - 1) is at or below t_i, and then those L estimates are
   * written to est ([i * STEP + c * L + lane]). The vectors never leave this method
   * (C2 keeps them in registers only within one compiled body).
   */
  private static int tile(float[][] blk, float[] nr, int j, int d, float[] m0, float[] m1, float[] m2,
      float[] m3, float t0, float t1, float t2, float t3, float[] est) {
    FloatVector n0 = FloatVector.fromArray(S, nr, j);
    FloatVector n1 = FloatVector.fromArray(S, nr, j + L);
    FloatVector n2 = FloatVector.fromArray(S, nr, j + 2 * L);
    FloatVector n3 = FloatVector.fromArray(S, nr, j + 3 * L);
    FloatVector a00 = n0;
    FloatVector a01 = n1;
    FloatVector a02 = n2;
    FloatVector a03 = n3;
    FloatVector a10 = n0;
    FloatVector a11 = n1;
    FloatVector a12 = n2;
    FloatVector a13 = n3;
    FloatVector a20 = n0;
    FloatVector a21 = n1;
    FloatVector a22 = n2;
    FloatVector a23 = n3;
    FloatVector a30 = n0;
    FloatVector a31 = n1;
    FloatVector a32 = n2;
    FloatVector a33 = n3;
    for (int f = 0; f < d; f++) {
      float[] rf = blk[f];
      FloatVector v0 = FloatVector.fromArray(S, rf, j);
      FloatVector v1 = FloatVector.fromArray(S, rf, j + L);
      FloatVector v2 = FloatVector.fromArray(S, rf, j + 2 * L);
      FloatVector v3 = FloatVector.fromArray(S, rf, j + 3 * L);
      FloatVector c = FloatVector.broadcast(S, m0[f]);
      a00 = v0.fma(c, a00);
      a01 = v1.fma(c, a01);
      a02 = v2.fma(c, a02);
      a03 = v3.fma(c, a03);
      c = FloatVector.broadcast(S, m1[f]);
      a10 = v0.fma(c, a10);
      a11 = v1.fma(c, a11);
      a12 = v2.fma(c, a12);
      a13 = v3.fma(c, a13);
      c = FloatVector.broadcast(S, m2[f]);
      a20 = v0.fma(c, a20);
      a21 = v1.fma(c, a21);
      a22 = v2.fma(c, a22);
      a23 = v3.fma(c, a23);
      c = FloatVector.broadcast(S, m3[f]);
      a30 = v0.fma(c, a30);
      a31 = v1.fma(c, a31);
      a32 = v2.fma(c, a32);
      a33 = v3.fma(c, a33);
    }
    int pass = 0;
    if (a00.min(a01).min(a02.min(a03)).compare(VectorOperators.LE, t0).anyTrue()) {
      if (a00.compare(VectorOperators.LE, t0).anyTrue()) {
        a00.intoArray(est, 0);
        pass |= 1;
      }
      if (a01.compare(VectorOperators.LE, t0).anyTrue()) {
        a01.intoArray(est, L);
        pass |= 2;
      }
      if (a02.compare(VectorOperators.LE, t0).anyTrue()) {
        a02.intoArray(est, 2 * L);
        pass |= 4;
      }
      if (a03.compare(VectorOperators.LE, t0).anyTrue()) {
        a03.intoArray(est, 3 * L);
        pass |= 8;
      }
    }
    if (a10.min(a11).min(a12.min(a13)).compare(VectorOperators.LE, t1).anyTrue()) {
      if (a10.compare(VectorOperators.LE, t1).anyTrue()) {
        a10.intoArray(est, STEP);
        pass |= 16;
      }
      if (a11.compare(VectorOperators.LE, t1).anyTrue()) {
        a11.intoArray(est, STEP + L);
        pass |= 32;
      }
      if (a12.compare(VectorOperators.LE, t1).anyTrue()) {
        a12.intoArray(est, STEP + 2 * L);
        pass |= 64;
      }
      if (a13.compare(VectorOperators.LE, t1).anyTrue()) {
        a13.intoArray(est, STEP + 3 * L);
        pass |= 128;
      }
    }
    if (a20.min(a21).min(a22.min(a23)).compare(VectorOperators.LE, t2).anyTrue()) {
      if (a20.compare(VectorOperators.LE, t2).anyTrue()) {
        a20.intoArray(est, 2 * STEP);
        pass |= 256;
      }
      if (a21.compare(VectorOperators.LE, t2).anyTrue()) {
        a21.intoArray(est, 2 * STEP + L);
        pass |= 512;
      }
      if (a22.compare(VectorOperators.LE, t2).anyTrue()) {
        a22.intoArray(est, 2 * STEP + 2 * L);
        pass |= 1024;
      }
      if (a23.compare(VectorOperators.LE, t2).anyTrue()) {
        a23.intoArray(est, 2 * STEP + 3 * L);
        pass |= 2048;
      }
    }
    if (a30.min(a31).min(a32.min(a33)).compare(VectorOperators.LE, t3).anyTrue()) {
      if (a30.compare(VectorOperators.LE, t3).anyTrue()) {
        a30.intoArray(est, 3 * STEP);
        pass |= 4096;
      }
      if (a31.compare(VectorOperators.LE, t3).anyTrue()) {
        a31.intoArray(est, 3 * STEP + L);
        pass |= 8192;
      }
      if (a32.compare(VectorOperators.LE, t3).anyTrue()) {
        a32.intoArray(est, 3 * STEP + 2 * L);
        pass |= 16384;
      }
      if (a33.compare(VectorOperators.LE, t3).anyTrue()) {
        a33.intoArray(est, 3 * STEP + 3 * L);
        pass |= 32768;
      }
    }
    return pass;
  }

  @Override
  public void count(FloatFilter ff, double[][] queries, int[] exclude, double[] limits, int cap, int from,
      int to, int[] out) {
    int nq = to - from;
    int d = ff.d;
    float[][] m = new float[nq][d];
    double[] bias = new double[nq];
    ff.prepare(queries, from, nq, m, bias, null);
    float[] t = new float[nq];
    boolean[] tie = new boolean[nq];
    int[] active = new int[nq];
    int live = 0;
    for (int i = 0; i < nq; i++) {
      t[i] = FloatFilter.threshold(limits[from + i] + bias[i]);
      out[from + i] = 0;
      if (cap > 0) {
        active[live++] = i;
      }
    }
    float[] est = new float[QB * STEP];
    int nb = ff.blocks.length;
    int[] visit = FloatFilter.visitOrder(from, nb);
    for (int step = 0; step < nb && live > 0; step++) {
      int b = visit[step];
      float[][] blk = ff.blocks[b];
      float[] nr = ff.norms[b];
      int r0 = b * FloatFilter.B;
      for (int g = 0; g < live; g += QB) {
        int i0 = active[g];
        int i1 = active[Math.min(g + 1, live - 1)];
        int i2 = active[Math.min(g + 2, live - 1)];
        int i3 = active[Math.min(g + 3, live - 1)];
        float[] m0 = m[i0];
        float[] m1 = m[i1];
        float[] m2 = m[i2];
        float[] m3 = m[i3];
        // a query done with (cap reached) or a padding slot never passes
        float t0 = t[i0];
        float t1 = g + 1 < live ? t[i1] : Float.NEGATIVE_INFINITY;
        float t2 = g + 2 < live ? t[i2] : Float.NEGATIVE_INFINITY;
        float t3 = g + 3 < live ? t[i3] : Float.NEGATIVE_INFINITY;
        for (int j = 0; j < FloatFilter.B; j += STEP) {
          int pass = tile(blk, nr, j, d, m0, m1, m2, m3, t0, t1, t2, t3, est);
          if (pass != 0) {
            // a query that reaches cap needs no further rows: its test can no longer pass
            if ((pass & 15) != 0 && !countRows(ff, queries, exclude, limits, cap, from + i0, est, 0, pass & 15,
                t0, r0 + j, out, tie, i0)) {
              t0 = Float.NEGATIVE_INFINITY;
            }
            if ((pass & 0xf0) != 0 && !countRows(ff, queries, exclude, limits, cap, from + i1, est, STEP,
                (pass >>> 4) & 15, t1, r0 + j, out, tie, i1)) {
              t1 = Float.NEGATIVE_INFINITY;
            }
            if ((pass & 0xf00) != 0 && !countRows(ff, queries, exclude, limits, cap, from + i2, est, 2 * STEP,
                (pass >>> 8) & 15, t2, r0 + j, out, tie, i2)) {
              t2 = Float.NEGATIVE_INFINITY;
            }
            if ((pass & 0xf000) != 0 && !countRows(ff, queries, exclude, limits, cap, from + i3, est, 3 * STEP,
                (pass >>> 12) & 15, t3, r0 + j, out, tie, i3)) {
              t3 = Float.NEGATIVE_INFINITY;
            }
          }
        }
      }
      live = FloatFilter.stillCounting(active, live, out, from, cap);
    }
    FloatFilter.markTies(out, tie, from, nq, cap);
  }

  /**
   * Counts the rows of one STEP tile strictly inside query q's limit, as {@link FloatFilter#count};
   * false once the query has reached cap (it then needs no further rows).
   */
  private static boolean countRows(FloatFilter ff, double[][] queries, int[] exclude, double[] limits, int cap,
      int q, float[] est, int off, int chunks, float t, int r0, int[] out, boolean[] tie, int qi) {
    int ex = exclude == null ? -1 : exclude[q];
    double lim = limits[q];
    double[] x = queries[q];
    int c = out[q];
    int len = Math.min(STEP, ff.n - r0);
    for (int r = 0; r < len && c < cap; r++) {
      if ((chunks & (1 << (r / L))) == 0 || est[off + r] > t || r0 + r == ex) {
        continue;
      }
      double s = ff.exact(x, r0 + r);
      if (s < lim) {
        c++;
      } else if (s == lim) {
        tie[qi] = true;
      }
    }
    out[q] = c;
    return c < cap;
  }
}
