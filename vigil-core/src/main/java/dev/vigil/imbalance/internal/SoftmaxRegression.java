package dev.vigil.imbalance.internal;

import java.util.Arrays;

/**
 * Multinomial logistic regression on standardised features, trained by full-batch Adam with L2
 * penalty, with per-sample weights and an optional focal loss (γ, α per class). The fixed model of
 * {@code vigil imbalance advise}: small, deterministic (zero initialisation, no sampling), fast.
 */
public final class SoftmaxRegression {
  private final int classes;
  private final int dims;
  private final double[] mean;
  private final double[] scale;
  final double[][] w; // [class][dims + 1], last = bias
  private final double[][] m;
  private final double[][] v;
  private int step;

  public SoftmaxRegression(double[][] x, int classes) {
    this.classes = classes;
    this.dims = x[0].length;
    mean = new double[dims];
    scale = new double[dims];
    for (double[] r : x) {
      for (int j = 0; j < dims; j++) {
        mean[j] += r[j] / x.length;
      }
    }
    for (double[] r : x) {
      for (int j = 0; j < dims; j++) {
        double e = r[j] - mean[j];
        scale[j] += e * e / x.length;
      }
    }
    for (int j = 0; j < dims; j++) {
      scale[j] = scale[j] > 0 ? 1 / Math.sqrt(scale[j]) : 1;
    }
    w = new double[classes][dims + 1];
    m = new double[classes][dims + 1];
    v = new double[classes][dims + 1];
  }

  /**
   * Runs {@code epochs} full-batch Adam steps.
   *
   * @param sampleWeight per row (null: 1)
   * @param gamma focal γ (0: cross-entropy)
   * @param alpha focal α per class (null: 1)
   */
  public void train(double[][] x, int[] y, double[] sampleWeight, double gamma, double[] alpha, int epochs,
      double lr, double l2) {
    for (int e = 0; e < epochs; e++) {
      epoch(x, y, sampleWeight, gamma, alpha, lr, l2);
    }
  }

  public void epoch(double[][] x, int[] y, double[] sampleWeight, double gamma, double[] alpha, double lr, double l2) {
    double[][] g = new double[classes][dims + 1];
    double[] z = new double[classes];
    double[] a = alpha == null ? ones(classes) : alpha;
    double wsum = 0;
    double[] xs = new double[dims];
    for (int i = 0; i < x.length; i++) {
      double sw = sampleWeight == null ? 1 : sampleWeight[i];
      if (sw == 0) {
        continue;
      }
      wsum += sw;
      standardise(x[i], xs);
      scores(xs, z);
      double[] dz = gamma == 0 ? crossEntropyGrad(z, y[i], a[y[i]])
          : dev.vigil.imbalance.FocalLoss.multiClassGradient(z, y[i], gamma, a);
      for (int c = 0; c < classes; c++) {
        double d = dz[c] * sw;
        if (d == 0) {
          continue;
        }
        double[] gc = g[c];
        for (int j = 0; j < dims; j++) {
          gc[j] += d * xs[j];
        }
        gc[dims] += d;
      }
    }
    step++;
    double b1 = 0.9;
    double b2 = 0.999;
    double c1 = 1 - Math.pow(b1, step);
    double c2 = 1 - Math.pow(b2, step);
    for (int c = 0; c < classes; c++) {
      for (int j = 0; j <= dims; j++) {
        double gr = (wsum > 0 ? g[c][j] / wsum : 0) + (j < dims ? l2 * w[c][j] : 0);
        m[c][j] = b1 * m[c][j] + (1 - b1) * gr;
        v[c][j] = b2 * v[c][j] + (1 - b2) * gr * gr;
        w[c][j] -= lr * (m[c][j] / c1) / (Math.sqrt(v[c][j] / c2) + 1e-8);
      }
    }
  }

  private static double[] crossEntropyGrad(double[] z, int y, double a) {
    double[] p = softmax(z);
    for (int c = 0; c < p.length; c++) {
      p[c] = a * (p[c] - (c == y ? 1 : 0));
    }
    return p;
  }

  private void standardise(double[] r, double[] out) {
    for (int j = 0; j < dims; j++) {
      out[j] = (r[j] - mean[j]) * scale[j];
    }
  }

  private void scores(double[] xs, double[] z) {
    for (int c = 0; c < classes; c++) {
      double s = w[c][dims];
      double[] wc = w[c];
      for (int j = 0; j < dims; j++) {
        s += wc[j] * xs[j];
      }
      z[c] = s;
    }
  }

  /** Class probabilities of each row. */
  public double[][] predictProba(double[][] x) {
    double[][] out = new double[x.length][];
    double[] xs = new double[dims];
    double[] z = new double[classes];
    for (int i = 0; i < x.length; i++) {
      standardise(x[i], xs);
      scores(xs, z);
      out[i] = softmax(z);
    }
    return out;
  }

  static double[] softmax(double[] z) {
    double max = Arrays.stream(z).max().orElse(0);
    double[] p = new double[z.length];
    double s = 0;
    for (int c = 0; c < z.length; c++) {
      p[c] = Math.exp(z[c] - max);
      s += p[c];
    }
    for (int c = 0; c < z.length; c++) {
      p[c] /= s;
    }
    return p;
  }

  private static double[] ones(int n) {
    double[] a = new double[n];
    Arrays.fill(a, 1);
    return a;
  }

  public static int argmax(double[] p) {
    int b = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[b]) {
        b = c;
      }
    }
    return b;
  }
}
