package dev.vigil.stats.internal;

import org.hipparchus.special.Gamma;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * Null distributions of the Kolmogorov–Smirnov statistics, following the algorithms SciPy 1.10 uses
 * so that p-values agree to about 1e-10 relative.
 */
public final class KolmogorovSmirnov {
  /** Largest sample size for which {@code method=auto} computes the exact two-sample p-value. */
  public static final int MAX_AUTO_EXACT_N = 10_000;

  private static final KolmogorovSmirnovTest HIPPARCHUS = new KolmogorovSmirnovTest(1L);

  private KolmogorovSmirnov() {}

  /**
   * Exact two-sided p-value of the two-sample statistic {@code d} (Hodges' lattice-path method,
   * with Viehmann's 1-p recursion), or NaN when the computation does not give a probability.
   * Sets {@code dOut[0]} to {@code d} rounded to the lattice {@code h / lcm(n1, n2)}.
   */
  public static double exactTwoSided(int n1, int n2, double d, double[] dOut) {
    long g = gcd(n1, n2);
    long lcm = (n1 / g) * (long) n2;
    long h = (long) Math.rint(d * lcm);
    dOut[0] = h / (double) lcm;
    if (h == 0) {
      return 1.0;
    }
    double p = n1 == n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
    return p >= 0 && p <= 1 ? p : Double.NaN;
  }

  static double probOutsideSquare(long n, long h) {
    double p = 0.0;
    long k = n / h;
    while (k >= 0) {
      double p1 = 1.0;
      for (long j = 0; j < h; j++) {
        p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
      }
      p = p1 * (1.0 - p);
      k--;
    }
    return 2 * p;
  }

  static double outerProbInside(long m, long n, long g, long h) {
    if (m < n) {
      long t = m;
      m = n;
      n = t;
    }
    long mg = m / g;
    long ng = n / g;
    int minj = 0;
    int maxj = (int) Math.min(ceilDiv(h, mg), n + 1);
    int curlen = maxj - minj;
    int lenA = (int) Math.min(2L * maxj + 2, n + 1);
    double[] a = new double[lenA];
    java.util.Arrays.fill(a, 1.0);
    for (int j = minj; j < maxj; j++) {
      a[j] = 0.0;
    }
    for (long i = 1; i <= m; i++) {
      int lastminj = minj;
      int lastlen = curlen;
      minj = (int) Math.max(Math.floorDiv(ng * i - h, mg) + 1, 0);
      minj = (int) Math.min(minj, n);
      maxj = (int) Math.min(ceilDiv(ng * i + h, mg), n + 1);
      if (maxj <= minj) {
        return 1.0;
      }
      double val = minj == 0 ? 0.0 : 1.0;
      for (int jj = 0; jj < maxj - minj; jj++) {
        int j = jj + minj;
        val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
        a[jj] = val;
      }
      curlen = maxj - minj;
      if (lastlen > curlen) {
        for (int q = maxj - minj; q < maxj - minj + (lastlen - curlen); q++) {
          a[q] = 1;
        }
      }
    }
    return a[maxj - minj - 1];
  }

  /**
   * Asymptotic two-sided p-value of the two-sample statistic: the one-sample Kolmogorov
   * distribution's survival function at {@code d} with {@code n = round(n1 n2 / (n1 + n2))}, as
   * SciPy's {@code kstwo.sf}.
   */
  public static double asymptoticTwoSided(int n1, int n2, double d) {
    double m = Math.max(n1, n2);
    double n = Math.min(n1, n2);
    double en = m * n / (m + n);
    return clip(kolmogorovSf(d, (int) Math.rint(en)));
  }

  /** Survival function of the one-sample two-sided Kolmogorov statistic D_n at x (SciPy kolmogn). */
  public static double kolmogorovSf(double x, int n) {
    if (x >= 1.0) {
      return 0.0;
    }
    if (x <= 0.0) {
      return 1.0;
    }
    double t = n * x;
    if (t <= 1.0) {
      if (t <= 0.5) {
        return 1.0;
      }
      double lp = logFactorialOverPower(n) + n * Math.log(2 * t - 1);
      return clip(1.0 - Math.exp(lp));
    }
    if (t >= n - 1) {
      return clip(2 * Math.pow(1.0 - x, n));
    }
    if (x >= 0.5) {
      return clip(2 * smirnovSf(n, x));
    }
    double nxsq = t * x;
    if (n <= 140) {
      if (nxsq <= 4) {
        return clip(1.0 - durbinMatrixCdf(n, x));
      }
      return clip(2 * smirnovSf(n, x));
    }
    if (nxsq >= 370.0) {
      return 0.0;
    }
    if (nxsq >= 2.2) {
      return clip(2 * smirnovSf(n, x));
    }
    double cdf;
    if (nxsq >= 18.0) {
      cdf = 1.0;
    } else if (n <= 100_000 && n * Math.pow(x, 1.5) <= 1.4) {
      cdf = durbinMatrixCdf(n, x);
    } else {
      cdf = HIPPARCHUS.pelzGood(x, n);
    }
    return clip(1.0 - cdf);
  }

  /**
   * Survival function of the one-sided Smirnov statistic D_n^+ (Birnbaum–Tingey sum), summed in log
   * space.
   */
  public static double smirnovSf(int n, double x) {
    if (x <= 0) {
      return 1.0;
    }
    if (x >= 1) {
      return 0.0;
    }
    int jmax = (int) Math.floor(n * (1 - x) + 1e-12);
    // log C(n, j) by recurrence; terms beyond the peak that fall 60 nats below it stop the sum.
    double lc = 0;
    double maxLog = Double.NEGATIVE_INFINITY;
    double sum = 0;
    int below = 0;
    for (int j = 0; j <= jmax; j++) {
      if (j > 0) {
        lc += Math.log((double) (n - j + 1) / j);
      }
      double a = x + j / (double) n;
      double b = 1 - a;
      if (b <= 0) {
        continue;
      }
      double lt = lc + (j - 1) * Math.log(a) + (n - j) * Math.log(b);
      if (lt > maxLog) {
        sum = sum * Math.exp(maxLog - lt) + 1.0;
        maxLog = lt;
        below = 0;
      } else {
        sum += Math.exp(lt - maxLog);
        if (lt < maxLog - 60 && ++below > 100) {
          break;
        }
      }
    }
    return clip(x * sum * Math.exp(maxLog));
  }

  /** Marsaglia–Tsang–Wang: P(D_n < d) by the power of Durbin's matrix, with exponent tracking. */
  static double durbinMatrixCdf(int n, double d) {
    int k = (int) (n * d) + 1;
    int m = 2 * k - 1;
    double h = k - n * d;
    double[][] hm = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        hm[i][j] = i - j + 1 < 0 ? 0 : 1;
      }
    }
    for (int i = 0; i < m; i++) {
      hm[i][0] -= Math.pow(h, i + 1);
      hm[m - 1][i] -= Math.pow(h, m - i);
    }
    hm[m - 1][0] += 2 * h - 1 > 0 ? Math.pow(2 * h - 1, m) : 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        if (i - j + 1 > 0) {
          for (int g = 1; g <= i - j + 1; g++) {
            hm[i][j] /= g;
          }
        }
      }
    }
    int[] e = new int[1];
    double[][] q = power(hm, n, e, k - 1);
    double s = q[k - 1][k - 1];
    int eq = e[0];
    for (int i = 1; i <= n; i++) {
      s = s * i / n;
      if (s < 1e-140) {
        s *= 1e140;
        eq -= 140;
      }
    }
    return s * Math.pow(10, eq);
  }

  private static double[][] power(double[][] a, int n, int[] e, int c) {
    if (n == 1) {
      e[0] = 0;
      return a;
    }
    double[][] v = power(a, n / 2, e, c);
    double[][] b = multiply(v, v);
    int eb = 2 * e[0];
    if (n % 2 == 1) {
      b = multiply(a, b);
    }
    if (b[c][c] > 1e140) {
      scale(b, 1e-140);
      eb += 140;
    }
    e[0] = eb;
    return b;
  }

  private static void scale(double[][] a, double f) {
    for (double[] r : a) {
      for (int j = 0; j < r.length; j++) {
        r[j] *= f;
      }
    }
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int m = a.length;
    double[][] c = new double[m][m];
    for (int i = 0; i < m; i++) {
      double[] ci = c[i];
      for (int k = 0; k < m; k++) {
        double aik = a[i][k];
        if (aik == 0) {
          continue;
        }
        double[] bk = b[k];
        for (int j = 0; j < m; j++) {
          ci[j] += aik * bk[j];
        }
      }
    }
    return c;
  }

  private static double logFactorialOverPower(int n) {
    return Gamma.logGamma(n + 1.0) - n * Math.log(n);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  private static double clip(double p) {
    return Math.max(0.0, Math.min(1.0, p));
  }
}
