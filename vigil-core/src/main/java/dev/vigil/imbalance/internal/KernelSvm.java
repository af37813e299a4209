package dev.vigil.imbalance.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A C-support vector classifier with the RBF kernel, solved by SMO as libsvm 3 does it (Fan, Chen
 * and Lin 2005: second-order working-set selection "WSS2", shrinking with a final unshrink, the
 * gradient reconstruction and the bias from the free support vectors), which is what scikit-learn's
 * {@code SVC()} runs. The kernel matrix is never formed: kernel rows are computed on demand and kept
 * in a least-recently-used cache of at most {@code cacheBytes} (rows are stored as floats, as libsvm's
 * {@code Qfloat}), so memory is bounded for any n.
 *
 * <p>Dual problem of one binary sub-problem (labels y = +1 for the first class, -1 for the second):
 * minimise {@code 1/2 a'Qa - e'a} subject to {@code 0 <= a_i <= C}, {@code y'a = 0}, with {@code Q_ij
 * = y_i y_j exp(-gamma |x_i - x_j|^2)}; stops when the maximal KKT violation {@code m(a) - M(a)} is
 * below {@code tol}. Several classes are handled one pair at a time (libsvm's one-vs-one), each pair
 * on its rows in the original order, the lower class first.
 *
 * <p>libsvm is BSD-3-licensed (Copyright (c) 2000-2023 Chih-Chung Chang and Chih-Jen Lin); this is a
 * re-implementation of its published algorithm, not a copy of its code.
 */
final class KernelSvm {
  private static final double TAU = 1e-12;
  private static final byte LOWER = 0;
  private static final byte UPPER = 1;
  private static final byte FREE = 2;

  /**
   * One solved binary sub-problem.
   *
   * @param support row indices (into the full data) of the samples with non-zero dual coefficient,
   *     in sub-problem order
   * @param dualCoef per support vector, {@code -y_i a_i}: positive for the second class, as
   *     scikit-learn's public {@code dual_coef_} of a binary SVC
   * @param intercept scikit-learn's public {@code intercept_} of a binary SVC ({@code rho})
   * @param iterations SMO iterations
   */
  record Solution(int[] support, double[] dualCoef, double intercept, long iterations) {}

  private KernelSvm() {}

  /** scikit-learn's {@code gamma="scale"}: {@code 1 / (d * Var(X))}, the variance over every entry of X. */
  static double scaleGamma(double[][] x) {
    int d = x[0].length;
    double mean = 0;
    long n = 0;
    for (double[] r : x) {
      for (double v : r) {
        n++;
        mean += (v - mean) / n;
      }
    }
    double ss = 0;
    for (double[] r : x) {
      for (double v : r) {
        ss += (v - mean) * (v - mean);
      }
    }
    double var = ss / n;
    return var == 0 ? 1.0 : 1.0 / (d * var);
  }

  /**
   * The rows of class {@code c} that are support vectors of {@code SVC(C, gamma)} fitted on all rows
   * (one-vs-one: a row of class c is a support vector when it is one in any pair (c, other)).
   */
  static int[] supportOfClass(double[][] x, int[] y, int classes, int c, double gamma, double cost, double tol,
      long cacheBytes, boolean shrinking) {
    boolean[] sv = new boolean[x.length];
    for (int o = 0; o < classes; o++) {
      if (o == c) {
        continue;
      }
      int lo = Math.min(c, o);
      int hi = Math.max(c, o);
      int n = 0;
      for (int v : y) {
        n += v == lo || v == hi ? 1 : 0;
      }
      int[] rows = new int[n];
      int k = 0;
      for (int i = 0; i < y.length; i++) {
        if (y[i] == lo) {
          rows[k++] = i;
        }
      }
      for (int i = 0; i < y.length; i++) {
        if (y[i] == hi) {
          rows[k++] = i;
        }
      }
      boolean[] positive = new boolean[n];
      boolean both = false;
      for (int i = 0; i < n; i++) {
        positive[i] = y[rows[i]] == lo;
        both |= !positive[i];
      }
      if (!both || !positive[0]) {
        continue; // a class without rows: no pair to solve
      }
      for (int r : solve(x, rows, positive, gamma, cost, tol, cacheBytes, shrinking).support()) {
        sv[r] |= y[r] == c;
      }
    }
    int n = 0;
    for (boolean b : sv) {
      n += b ? 1 : 0;
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < sv.length; i++) {
      if (sv[i]) {
        out[k++] = i;
      }
    }
    return out;
  }

  /**
   * Solves the binary sub-problem on {@code rows} (in this order) with {@code positive[i]} the label
   * of {@code rows[i]}.
   */
  static Solution solve(double[][] x, int[] rows, boolean[] positive, double gamma, double cost, double tol,
      long cacheBytes, boolean shrinking) {
    return new Smo(x, rows, positive, gamma, cost, tol, cacheBytes, shrinking).run();
  }

  /** libsvm's {@code Solver} for C-SVC with equal C for both classes. */
  private static final class Smo {
    final double[][] x;
    final int l;
    final double gamma;
    final double cost;
    final double eps;
    final boolean shrinking;
    final double[] xsq;
    final byte[] y; // +1 / -1, by position (permuted by shrinking)
    final int[] active; // position -> original sub-problem index
    final double[] alpha;
    final double[] g;
    final double[] gBar;
    final byte[] status;
    final int[] rows;
    final Map<Integer, float[]> cache;
    final long maxRows;
    int activeSize;
    boolean unshrink;
    float[] bufI;
    float[] bufJ;

    Smo(double[][] x, int[] rows, boolean[] positive, double gamma, double cost, double tol, long cacheBytes,
        boolean shrinking) {
      this.x = x;
      this.rows = rows;
      this.l = rows.length;
      this.gamma = gamma;
      this.cost = cost;
      this.eps = tol;
      this.shrinking = shrinking;
      xsq = new double[l];
      y = new byte[l];
      active = new int[l];
      for (int i = 0; i < l; i++) {
        double[] r = x[rows[i]];
        double s = 0;
        for (double v : r) {
          s += v * v;
        }
        xsq[i] = s;
        y[i] = (byte) (positive[i] ? 1 : -1);
        active[i] = i;
      }
      alpha = new double[l];
      g = new double[l];
      gBar = new double[l];
      status = new byte[l];
      Arrays.fill(g, -1); // p = -e, alpha = 0
      maxRows = Math.max(2, cacheBytes / (4L * l + 64));
      cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, float[]> e) {
          return size() > maxRows;
        }
      };
      bufI = new float[l];
      bufJ = new float[l];
    }

    /** K(sub-problem index a, every sub-problem index), by original index, cached. */
    float[] kernelRow(int a) {
      float[] row = cache.get(a);
      if (row == null) {
        row = new float[l];
        double[] xa = x[rows[a]];
        for (int b = 0; b < l; b++) {
          double[] xb = x[rows[b]];
          double dot = 0;
          for (int j = 0; j < xa.length; j++) {
            dot += xa[j] * xb[j];
          }
          row[b] = (float) Math.exp(-gamma * (xsq[a] + xsq[b] - 2 * dot));
        }
        cache.put(a, row);
      }
      return row;
    }

    /** Q(position i, positions 0..len-1) into {@code out}. */
    float[] q(int i, int len, float[] out) {
      float[] k = kernelRow(active[i]);
      int yi = y[i];
      for (int t = 0; t < len; t++) {
        float v = k[active[t]];
        out[t] = yi == y[t] ? v : -v;
      }
      return out;
    }

    double qd(int i) {
      double[] xa = x[rows[active[i]]];
      double dot = 0;
      for (double v : xa) {
        dot += v * v;
      }
      return Math.exp(-gamma * (xsq[active[i]] + xsq[active[i]] - 2 * dot));
    }

    void updateStatus(int i) {
      status[i] = alpha[i] >= cost ? UPPER : alpha[i] <= 0 ? LOWER : FREE;
    }

    boolean upper(int i) {
      return status[i] == UPPER;
    }

    boolean lower(int i) {
      return status[i] == LOWER;
    }

    void swap(int i, int j) {
      byte tb = y[i];
      y[i] = y[j];
      y[j] = tb;
      double td = g[i];
      g[i] = g[j];
      g[j] = td;
      tb = status[i];
      status[i] = status[j];
      status[j] = tb;
      td = alpha[i];
      alpha[i] = alpha[j];
      alpha[j] = td;
      td = gBar[i];
      gBar[i] = gBar[j];
      gBar[j] = td;
      int ti = active[i];
      active[i] = active[j];
      active[j] = ti;
      td = qdCache[i];
      qdCache[i] = qdCache[j];
      qdCache[j] = td;
    }

    double[] qdCache;

    Solution run() {
      qdCache = new double[l];
      for (int i = 0; i < l; i++) {
        qdCache[i] = qd(i);
        updateStatus(i);
      }
      activeSize = l;
      long maxIter = Math.max(10_000_000L, l > Integer.MAX_VALUE / 100 ? Integer.MAX_VALUE : 100L * l);
      int counter = Math.min(l, 1000) + 1;
      long iter = 0;
      int[] ws = new int[2];
      while (iter < maxIter) {
        if (--counter == 0) {
          counter = Math.min(l, 1000);
          if (shrinking) {
            shrink();
          }
        }
        if (selectWorkingSet(ws)) {
          reconstructGradient();
          activeSize = l;
          if (selectWorkingSet(ws)) {
            break;
          }
          counter = 1;
        }
        iter++;
        int i = ws[0];
        int j = ws[1];
        float[] qi = q(i, activeSize, bufI);
        float[] qj = q(j, activeSize, bufJ);
        double oldI = alpha[i];
        double oldJ = alpha[j];
        if (y[i] != y[j]) {
          double quad = qdCache[i] + qdCache[j] + 2 * qi[j];
          if (quad <= 0) {
            quad = TAU;
          }
          double delta = (-g[i] - g[j]) / quad;
          double diff = alpha[i] - alpha[j];
          alpha[i] += delta;
          alpha[j] += delta;
          if (diff > 0) {
            if (alpha[j] < 0) {
              alpha[j] = 0;
              alpha[i] = diff;
            }
          } else if (alpha[i] < 0) {
            alpha[i] = 0;
            alpha[j] = -diff;
          }
          if (diff > 0) { // C_i - C_j = 0
            if (alpha[i] > cost) {
              alpha[i] = cost;
              alpha[j] = cost - diff;
            }
          } else if (alpha[j] > cost) {
            alpha[j] = cost;
            alpha[i] = cost + diff;
          }
        } else {
          double quad = qdCache[i] + qdCache[j] - 2 * qi[j];
          if (quad <= 0) {
            quad = TAU;
          }
          double delta = (g[i] - g[j]) / quad;
          double sum = alpha[i] + alpha[j];
          alpha[i] -= delta;
          alpha[j] += delta;
          if (sum > cost) {
            if (alpha[i] > cost) {
              alpha[i] = cost;
              alpha[j] = sum - cost;
            }
          } else if (alpha[j] < 0) {
            alpha[j] = 0;
            alpha[i] = sum;
          }
          if (sum > cost) {
            if (alpha[j] > cost) {
              alpha[j] = cost;
              alpha[i] = sum - cost;
            }
          } else if (alpha[i] < 0) {
            alpha[i] = 0;
            alpha[j] = sum;
          }
        }
        double dI = alpha[i] - oldI;
        double dJ = alpha[j] - oldJ;
        for (int k = 0; k < activeSize; k++) {
          g[k] += qi[k] * dI + qj[k] * dJ;
        }
        boolean ui = upper(i);
        boolean uj = upper(j);
        updateStatus(i);
        updateStatus(j);
        if (ui != upper(i)) {
          float[] full = q(i, l, bufI);
          for (int k = 0; k < l; k++) {
            gBar[k] += (ui ? -cost : cost) * full[k];
          }
        }
        if (uj != upper(j)) {
          float[] full = q(j, l, bufJ);
          for (int k = 0; k < l; k++) {
            gBar[k] += (uj ? -cost : cost) * full[k];
          }
        }
      }
      if (iter >= maxIter && activeSize < l) {
        reconstructGradient();
        activeSize = l;
      }
      double rho = rho();
      double[] a = new double[l];
      byte[] yo = new byte[l];
      for (int i = 0; i < l; i++) {
        a[active[i]] = alpha[i];
        yo[active[i]] = y[i];
      }
      int n = 0;
      for (double v : a) {
        n += Math.abs(v) > 0 ? 1 : 0;
      }
      int[] support = new int[n];
      double[] coef = new double[n];
      int k = 0;
      for (int i = 0; i < l; i++) {
        if (Math.abs(a[i]) > 0) {
          support[k] = rows[i];
          coef[k++] = -yo[i] * a[i];
        }
      }
      return new Solution(support, coef, rho, iter);
    }

    /** WSS2; true when optimal within eps (no pair to work on). */
    boolean selectWorkingSet(int[] out) {
      double gmax = Double.NEGATIVE_INFINITY;
      double gmax2 = Double.NEGATIVE_INFINITY;
      int gmaxIdx = -1;
      int gminIdx = -1;
      double objDiffMin = Double.POSITIVE_INFINITY;
      for (int t = 0; t < activeSize; t++) {
        if (y[t] == 1) {
          if (!upper(t) && -g[t] >= gmax) {
            gmax = -g[t];
            gmaxIdx = t;
          }
        } else if (!lower(t) && g[t] >= gmax) {
          gmax = g[t];
          gmaxIdx = t;
        }
      }
      int i = gmaxIdx;
      float[] qi = i != -1 ? q(i, activeSize, bufI) : null;
      for (int j = 0; j < activeSize; j++) {
        if (y[j] == 1) {
          if (!lower(j)) {
            double gradDiff = gmax + g[j];
            if (g[j] >= gmax2) {
              gmax2 = g[j];
            }
            if (gradDiff > 0) {
              double quad = qdCache[i] + qdCache[j] - 2.0 * y[i] * qi[j];
              double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
              if (objDiff <= objDiffMin) {
                gminIdx = j;
                objDiffMin = objDiff;
              }
            }
          }
        } else if (!upper(j)) {
          double gradDiff = gmax - g[j];
          if (-g[j] >= gmax2) {
            gmax2 = -g[j];
          }
          if (gradDiff > 0) {
            double quad = qdCache[i] + qdCache[j] + 2.0 * y[i] * qi[j];
            double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
            if (objDiff <= objDiffMin) {
              gminIdx = j;
              objDiffMin = objDiff;
            }
          }
        }
      }
      if (gmax + gmax2 < eps || gminIdx == -1) {
        return true;
      }
      out[0] = gmaxIdx;
      out[1] = gminIdx;
      return false;
    }

    boolean beShrunk(int i, double gmax1, double gmax2) {
      if (upper(i)) {
        return y[i] == 1 ? -g[i] > gmax1 : -g[i] > gmax2;
      }
      if (lower(i)) {
        return y[i] == 1 ? g[i] > gmax2 : g[i] > gmax1;
      }
      return false;
    }

    void shrink() {
      double gmax1 = Double.NEGATIVE_INFINITY;
      double gmax2 = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < activeSize; i++) {
        if (y[i] == 1) {
          if (!upper(i) && -g[i] >= gmax1) {
            gmax1 = -g[i];
          }
          if (!lower(i) && g[i] >= gmax2) {
            gmax2 = g[i];
          }
        } else {
          if (!upper(i) && -g[i] >= gmax2) {
            gmax2 = -g[i];
          }
          if (!lower(i) && g[i] >= gmax1) {
            gmax1 = g[i];
          }
        }
      }
      if (!unshrink && gmax1 + gmax2 <= eps * 10) {
        unshrink = true;
        reconstructGradient();
        activeSize = l;
      }
      for (int i = 0; i < activeSize; i++) {
        if (beShrunk(i, gmax1, gmax2)) {
          activeSize--;
          while (activeSize > i) {
            if (!beShrunk(activeSize, gmax1, gmax2)) {
              swap(i, activeSize);
              break;
            }
            activeSize--;
          }
        }
      }
    }

    void reconstructGradient() {
      if (activeSize == l) {
        return;
      }
      int nrFree = 0;
      for (int j = activeSize; j < l; j++) {
        g[j] = gBar[j] - 1;
      }
      for (int j = 0; j < activeSize; j++) {
        if (status[j] == FREE) {
          nrFree++;
        }
      }
      float[] buf = new float[l];
      if ((long) nrFree * l > 2L * activeSize * (l - activeSize)) {
        for (int i = activeSize; i < l; i++) {
          float[] qi = q(i, activeSize, buf);
          for (int j = 0; j < activeSize; j++) {
            if (status[j] == FREE) {
              g[i] += alpha[j] * qi[j];
            }
          }
        }
      } else {
        for (int i = 0; i < activeSize; i++) {
          if (status[i] == FREE) {
            float[] qi = q(i, l, buf);
            double ai = alpha[i];
            for (int j = activeSize; j < l; j++) {
              g[j] += ai * qi[j];
            }
          }
        }
      }
    }

    double rho() {
      int nrFree = 0;
      double ub = Double.POSITIVE_INFINITY;
      double lb = Double.NEGATIVE_INFINITY;
      double sumFree = 0;
      for (int i = 0; i < activeSize; i++) {
        double yg = y[i] * g[i];
        if (upper(i)) {
          if (y[i] == -1) {
            ub = Math.min(ub, yg);
          } else {
            lb = Math.max(lb, yg);
          }
        } else if (lower(i)) {
          if (y[i] == 1) {
            ub = Math.min(ub, yg);
          } else {
            lb = Math.max(lb, yg);
          }
        } else {
          nrFree++;
          sumFree += yg;
        }
      }
      return nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;
    }
  }
}
