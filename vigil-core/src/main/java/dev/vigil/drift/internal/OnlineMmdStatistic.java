package dev.vigil.drift.internal;

/**
 * MMD² between the sub-reference X (m rows) and the window Y (w rows) with the Gaussian kernel
 * k(a, b) = exp(−‖a − b‖²/(2σ²)): mean of k over distinct pairs of X + mean over distinct pairs of Y
 * − 2 × mean over X × Y (the unbiased estimator). The reference's n × n kernel matrix is cached, so
 * a calibration bootstrap costs O((w + K)²) and a stream step O(n·d + w·d); on a stream the
 * reference is all n rows.
 */
public final class OnlineMmdStatistic implements WindowStatistic {
  private final double[][] x;
  private final double gamma;
  private final int n;
  private final double[] kern;
  private final double[] rowOff;
  private final double totalOff;

  /** {@code x}: reference rows (standardised), {@code sigma2}: σ² of the kernel. */
  public OnlineMmdStatistic(double[][] x, double sigma2) {
    this.x = x;
    this.n = x.length;
    this.gamma = 1 / (2 * sigma2);
    this.kern = new double[n * n];
    this.rowOff = new double[n];
    double tot = 0;
    for (int i = 0; i < n; i++) {
      kern[i * n + i] = 1;
      for (int j = i + 1; j < n; j++) {
        double k = k(x[i], x[j]);
        kern[i * n + j] = k;
        kern[j * n + i] = k;
        rowOff[i] += k;
        rowOff[j] += k;
      }
      tot += rowOff[i];
    }
    this.totalOff = tot;
  }

  double k(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double t = a[i] - b[i];
      s += t * t;
    }
    return Math.exp(-gamma * s);
  }

  @Override
  public int size() {
    return n;
  }

  /** Σ over ordered distinct pairs of the sub-reference (all rows but {@code e}), and per e-row its sum over it. */
  private double subReference(int[] e, double[] toSub) {
    double inE = 0;
    double rows = 0;
    for (int p = 0; p < e.length; p++) {
      double s = 0;
      int base = e[p] * n;
      for (int q = 0; q < e.length; q++) {
        if (q != p) {
          s += kern[base + e[q]];
        }
      }
      inE += s;
      rows += rowOff[e[p]];
      toSub[p] = rowOff[e[p]] - s;
    }
    return totalOff - 2 * rows + inE;
  }

  @Override
  public void simulate(int[] e, int w, double[] out) {
    int len = e.length;
    int m = n - len;
    double[] ks = new double[len];
    double kxx = subReference(e, ks) / ((double) m * (m - 1));
    double sxy = 0;
    double syy = 0; // over unordered distinct pairs of the window
    for (int p = 0; p < w; p++) {
      sxy += ks[p];
      for (int q = p + 1; q < w; q++) {
        syy += kern[e[p] * n + e[q]];
      }
    }
    out[0] = kxx + 2 * syy / ((double) w * (w - 1)) - 2 * sxy / ((double) m * w);
    for (int t = 1; t <= len - w; t++) {
      int old = e[t - 1];
      int nw = e[t + w - 1];
      for (int q = t; q < t + w - 1; q++) {
        syy += kern[nw * n + e[q]] - kern[old * n + e[q]];
      }
      sxy += ks[t + w - 1] - ks[t - 1];
      out[t] = kxx + 2 * syy / ((double) w * (w - 1)) - 2 * sxy / ((double) m * w);
    }
  }

  @Override
  public State start(int w) {
    return new Stream(w);
  }

  private final class Stream implements State {
    private final double kxx;
    private final int w;
    private final double[][] rows;
    private final double[] sx;
    private final boolean[] live;
    private int head;
    private int count;
    private double sxy;
    private double syy;

    Stream(int w) {
      this.w = w;
      kxx = totalOff / ((double) n * (n - 1));
      rows = new double[w][];
      sx = new double[w];
      live = new boolean[w];
      reset();
    }

    @Override
    public void reset() {
      head = 0;
      count = 0;
      sxy = 0;
      syy = 0;
      java.util.Arrays.fill(live, false);
    }

    private double sumOverReference(double[] r) {
      double s = 0;
      for (double[] xi : x) {
        s += k(r, xi);
      }
      return s;
    }

    @Override
    public double push(double[] r) {
      if (count == w) {
        double[] old = rows[head];
        live[head] = false;
        for (int q = 0; q < w; q++) {
          if (live[q]) {
            syy -= k(old, rows[q]);
          }
        }
        sxy -= sx[head];
        count--;
      }
      for (int q = 0; q < w; q++) {
        if (live[q]) {
          syy += k(r, rows[q]);
        }
      }
      double s = sumOverReference(r);
      sxy += s;
      sx[head] = s;
      rows[head] = r;
      live[head] = true;
      head = (head + 1) % w;
      count++;
      if (count < w) {
        return Double.NaN;
      }
      return kxx + 2 * syy / ((double) w * (w - 1)) - 2 * sxy / ((double) n * w);
    }
  }
}
