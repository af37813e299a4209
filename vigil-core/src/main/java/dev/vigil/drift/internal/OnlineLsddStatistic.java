package dev.vigil.drift.internal;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Least-Squares Density Difference between the sub-reference X and the window Y, with the basis of
 * the offline {@code MultivariateDrift.lsdd}: C kernel centres (reference rows set apart from the
 * reference), φ_c(x) = exp(−‖x − c‖²/(2σ²)), h = mean_X φ − mean_Y φ, H_cc' = (πσ²)^{d/2}
 * exp(−‖c − c'‖²/(4σ²)), θ = (H + λI)⁻¹h with λ = 1e-3 × mean(diag H), LSDD = 2θᵀh − θᵀHθ. Basis
 * values of the reference rows are cached (n × C); a step costs O(C·d + C²).
 */
public final class OnlineLsddStatistic implements WindowStatistic {
  private final double[][] centres;
  private final double sigma2;
  private final int n;
  private final int c;
  private final double[][] phi;
  private final double[] phiTotal;
  private final double[][] h;
  private final double[][] inv;

  /** {@code x}: reference rows (standardised, centres excluded), {@code centres}: the kernel centres. */
  public OnlineLsddStatistic(double[][] x, double[][] centres, double sigma2) {
    this.centres = centres;
    this.sigma2 = sigma2;
    this.n = x.length;
    this.c = centres.length;
    int d = centres[0].length;
    double norm = Math.pow(Math.PI * sigma2, d / 2.0);
    h = new double[c][c];
    double diag = 0;
    for (int a = 0; a < c; a++) {
      for (int b = 0; b < c; b++) {
        h[a][b] = norm * Math.exp(-sq(centres[a], centres[b]) / (4 * sigma2));
      }
      diag += h[a][a];
    }
    double lambda = 1e-3 * diag / c;
    double[][] reg = new double[c][];
    for (int a = 0; a < c; a++) {
      reg[a] = h[a].clone();
      reg[a][a] += lambda;
    }
    RealMatrix m = new LUDecomposition(new Array2DRowRealMatrix(reg)).getSolver().getInverse();
    inv = m.getData();
    phi = new double[n][];
    phiTotal = new double[c];
    for (int i = 0; i < n; i++) {
      phi[i] = basis(x[i]);
      for (int a = 0; a < c; a++) {
        phiTotal[a] += phi[i][a];
      }
    }
  }

  private static double sq(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double t = a[i] - b[i];
      s += t * t;
    }
    return s;
  }

  double[] basis(double[] r) {
    double[] v = new double[c];
    for (int a = 0; a < c; a++) {
      v[a] = Math.exp(-sq(r, centres[a]) / (2 * sigma2));
    }
    return v;
  }

  @Override
  public int size() {
    return n;
  }

  private double lsdd(double[] meanX, double[] sumY, int w, double[] hv, double[] theta) {
    for (int a = 0; a < c; a++) {
      hv[a] = meanX[a] - sumY[a] / w;
    }
    for (int a = 0; a < c; a++) {
      double s = 0;
      double[] row = inv[a];
      for (int b = 0; b < c; b++) {
        s += row[b] * hv[b];
      }
      theta[a] = s;
    }
    double th = 0;
    double tht = 0;
    for (int a = 0; a < c; a++) {
      th += theta[a] * hv[a];
      double s = 0;
      double[] row = h[a];
      for (int b = 0; b < c; b++) {
        s += row[b] * theta[b];
      }
      tht += theta[a] * s;
    }
    return 2 * th - tht;
  }

  private double[] subMean(int[] e) {
    double[] mean = phiTotal.clone();
    for (int i : e) {
      for (int a = 0; a < c; a++) {
        mean[a] -= phi[i][a];
      }
    }
    for (int a = 0; a < c; a++) {
      mean[a] /= n - e.length;
    }
    return mean;
  }

  @Override
  public void simulate(int[] e, int w, double[] out) {
    double[] meanX = subMean(e);
    double[] sumY = new double[c];
    for (int p = 0; p < w; p++) {
      for (int a = 0; a < c; a++) {
        sumY[a] += phi[e[p]][a];
      }
    }
    double[] hv = new double[c];
    double[] theta = new double[c];
    out[0] = lsdd(meanX, sumY, w, hv, theta);
    for (int t = 1; t <= e.length - w; t++) {
      double[] old = phi[e[t - 1]];
      double[] nw = phi[e[t + w - 1]];
      for (int a = 0; a < c; a++) {
        sumY[a] += nw[a] - old[a];
      }
      out[t] = lsdd(meanX, sumY, w, hv, theta);
    }
  }

  @Override
  public State start(int w) {
    double[] meanX = subMean(new int[0]);
    return new State() {
      final double[][] win = new double[w][];
      final double[] sumY = new double[c];
      final double[] hv = new double[c];
      final double[] theta = new double[c];
      int head;
      int count;

      @Override
      public void reset() {
        head = 0;
        count = 0;
        java.util.Arrays.fill(sumY, 0);
      }

      @Override
      public double push(double[] r) {
        double[] v = basis(r);
        if (count == w) {
          for (int a = 0; a < c; a++) {
            sumY[a] -= win[head][a];
          }
          count--;
        }
        for (int a = 0; a < c; a++) {
          sumY[a] += v[a];
        }
        win[head] = v;
        head = (head + 1) % w;
        count++;
        return count < w ? Double.NaN : lsdd(meanX, sumY, w, hv, theta);
      }
    };
  }
}
