package dev.vigil.neighbors.internal;

/**
 * Exact Euclidean brute force accelerated by a single-precision filter: squared distances are
 * first estimated as {@code |q|² + |r|² - 2 q·r} with the dot products computed in float over a
 * row-major float copy of the reference rows (four queries per loaded value), and only the pairs whose
 * estimate, minus a rigorous rounding-error margin, could still beat the current k-th best are
 * computed exactly in double. Answers are therefore identical to the plain double search.
 */
final class FloatFilter {
  private static final int REF_BLOCK = 256;
  private static final int QB = 8;
  private final double[][] ref;
  private final int n;
  private final int d;
  private final float[] refF; // row-major [n][d]
  private final double[] scaledNorms;
  private final double marginFactor;

  FloatFilter(double[][] ref) {
    this.ref = ref;
    this.n = ref.length;
    this.d = n == 0 ? 0 : ref[0].length;
    this.refF = new float[n * d];
    this.scaledNorms = new double[n];
    for (int r = 0; r < n; r++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        float f = (float) ref[r][j];
        refF[r * d + j] = f;
        s += (double) f * f;
      }
      scaledNorms[r] = s;
    }
    // float rounding of the inputs and of a d-term dot product: |error| <= (d + 4) 2^-23 (|q|^2 + |r|^2)
    // for the float-rounded points, plus the distance change from rounding the points themselves
    this.marginFactor = 8.0 * (d + 4) * Math.ulp(1.0f);
    for (int r = 0; r < n; r++) {
      scaledNorms[r] *= 1 - marginFactor;
    }
  }

  /**
   * The k nearest (exact) of queries[from, to) into bests, skipping exclude[q]. Reference blocks
   * are the outer loop so that each block (256 rows, 20 KB at 20 features) is read from memory once
   * per query block and then served from L1/L2 for every query of the block.
   */
  void search(double[][] queries, int[] exclude, int from, int to, KBest[] bests) {
    int nq = to - from;
    float[][] dot = new float[QB][REF_BLOCK];
    float[][] qf = new float[nq][d];
    double[] bias = new double[nq];
    for (int i = 0; i < nq; i++) {
      double[] x = queries[from + i];
      double qn = 0;
      double exactNorm = 0;
      for (int j = 0; j < d; j++) {
        qf[i][j] = (float) x[j];
        qn += (double) qf[i][j] * qf[i][j];
        exactNorm += x[j] * x[j];
      }
      // skip r when approx - margin > worst, i.e. nr (1 - f) - 2 dot > worst - qn + f (qn + |x|^2)
      bias[i] = -qn + marginFactor * (qn + exactNorm);
    }
    for (int r0 = 0; r0 < n; r0 += REF_BLOCK) {
      int len = Math.min(REF_BLOCK, n - r0);
      for (int q0 = 0; q0 < nq; q0 += QB) {
        int qb = Math.min(QB, nq - q0);
        // register-blocked kernel: 4 queries share each loaded reference value (4 independent sums)
        for (int i = 0; i < qb; i += 4) {
          float[] a0 = qf[q0 + i];
          float[] a1 = qf[q0 + Math.min(i + 1, qb - 1)];
          float[] a2 = qf[q0 + Math.min(i + 2, qb - 1)];
          float[] a3 = qf[q0 + Math.min(i + 3, qb - 1)];
          float[] o0 = dot[i];
          float[] o1 = dot[Math.min(i + 1, QB - 1)];
          float[] o2 = dot[Math.min(i + 2, QB - 1)];
          float[] o3 = dot[Math.min(i + 3, QB - 1)];
          for (int r = 0; r < len; r++) {
            int off = (r0 + r) * d;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int j = 0; j < d; j++) {
              float v = refF[off + j];
              s0 += a0[j] * v;
              s1 += a1[j] * v;
              s2 += a2[j] * v;
              s3 += a3[j] * v;
            }
            o0[r] = s0;
            o1[r] = s1;
            o2[r] = s2;
            o3[r] = s3;
          }
        }
        for (int i = 0; i < qb; i++) {
          int q = from + q0 + i;
          double[] x = queries[q];
          KBest kb = bests[q0 + i];
          int ex = exclude == null ? -1 : exclude[q];
          double w = kb.worst();
          double t = w + bias[q0 + i];
          float[] di = dot[i];
          for (int r = 0; r < len; r++) {
            if (scaledNorms[r0 + r] - 2.0 * di[r] > t) {
              continue;
            }
            int idx = r0 + r;
            if (idx == ex) {
              continue;
            }
            double s = 0;
            double[] y = ref[idx];
            for (int j = 0; j < d; j++) {
              double e = x[j] - y[j];
              s += e * e;
            }
            if (s <= w) {
              kb.offer(s, idx);
              w = kb.worst();
              t = w + bias[q0 + i];
            }
          }
        }
      }
    }
  }
}
