package dev.vigil.stats;

import dev.vigil.InvalidArgumentException;
import dev.vigil.stats.internal.CramerVonMises;
import dev.vigil.stats.internal.DoubleSort;
import dev.vigil.stats.internal.KolmogorovSmirnov;
import dev.vigil.stats.internal.MannWhitneyExact;
import dev.vigil.stats.internal.Ranks;
import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;

/**
 * Two-sample tests and distances on numeric samples: {@code reference} is the first sample, {@code
 * current} the second. Every method copies its inputs (never sorts them in place) and rejects an
 * empty sample or a NaN or infinite value with an {@link InvalidArgumentException} naming the
 * sample, because missing values are a separate signal (see {@code dev.vigil.drift}). All tests are
 * two-sided unless an {@link Alternative} says otherwise. Definitions and p-values follow SciPy 1.10;
 * the Javadoc of each method names the SciPy function it agrees with.
 */
public final class TwoSampleTests {
  private TwoSampleTests() {}

  /** How the Kolmogorov–Smirnov p-value is computed. */
  public enum KsMethod {
    /** Exact when both samples have at most 10,000 values, else asymptotic (SciPy's rule). */
    AUTO,
    /** Exact lattice-path p-value; falls back to asymptotic when it cannot be computed. */
    EXACT,
    /** Kolmogorov distribution with n = round(n1 n2 / (n1 + n2)). */
    ASYMPTOTIC
  }

  /** Two-sample Kolmogorov–Smirnov with {@link KsMethod#AUTO}. */
  public static TestResult kolmogorovSmirnov(double[] reference, double[] current) {
    return kolmogorovSmirnov(reference, current, KsMethod.AUTO);
  }

  /**
   * Two-sample Kolmogorov–Smirnov: statistic D = sup |F_ref − F_cur| over the pooled values (ties
   * handled by right-continuous ECDFs), p-value as SciPy's {@code ks_2samp(method)}: exact for
   * max(n1, n2) ≤ 10,000 under {@code AUTO}, asymptotic {@code kstwo.sf(D, round(n1 n2/(n1+n2)))}
   * otherwise. When exact, D is rounded to the lattice h/lcm(n1, n2) as SciPy does. Effect size: D.
   */
  public static TestResult kolmogorovSmirnov(double[] reference, double[] current, KsMethod method) {
    double[] a = sortedCopy(reference, "reference");
    double[] b = sortedCopy(current, "current");
    return kolmogorovSmirnovSorted(a, b, method);
  }

  /** As {@link #kolmogorovSmirnov(double[], double[], KsMethod)} on already sorted, finite samples. */
  public static TestResult kolmogorovSmirnovSorted(double[] a, double[] b, KsMethod method) {
    requireNonEmpty(a, "reference");
    requireNonEmpty(b, "current");
    int n1 = a.length;
    int n2 = b.length;
    double d = ksStatisticSorted(a, b);
    KsMethod m = method;
    if (m == KsMethod.AUTO) {
      m = Math.max(n1, n2) <= KolmogorovSmirnov.MAX_AUTO_EXACT_N ? KsMethod.EXACT : KsMethod.ASYMPTOTIC;
    } else if (m == KsMethod.EXACT) {
      long g = gcd(n1, n2);
      if ((double) (n1 / g) >= Integer.MAX_VALUE / (double) (n2 / g)) {
        m = KsMethod.ASYMPTOTIC;
      }
    }
    if (m == KsMethod.EXACT) {
      double[] dOut = new double[1];
      double p = KolmogorovSmirnov.exactTwoSided(n1, n2, d, dOut);
      if (!Double.isNaN(p)) {
        return new TestResult("ks", dOut[0], p, dOut[0], "exact");
      }
    }
    double p = KolmogorovSmirnov.asymptoticTwoSided(n1, n2, d);
    return new TestResult("ks", d, p, d, "asymptotic");
  }

  /** The two-sample KS statistic of sorted samples, by one merge walk. */
  static double ksStatisticSorted(double[] a, double[] b) {
    int n1 = a.length;
    int n2 = b.length;
    int i = 0;
    int j = 0;
    double max = 0;
    double min = 0;
    while (i < n1 && j < n2) {
      double v = Math.min(a[i], b[j]);
      while (i < n1 && a[i] <= v) {
        i++;
      }
      while (j < n2 && b[j] <= v) {
        j++;
      }
      double diff = i / (double) n1 - j / (double) n2;
      if (diff > max) {
        max = diff;
      }
      if (diff < min) {
        min = diff;
      }
    }
    return Math.max(max, -min);
  }

  /**
   * Cramér–von Mises two-sample test (Anderson 1962): T = U/(n m N) − (4 n m − 1)/(6 N) with U from
   * the average ranks; p-value exact for max(n, m) ≤ 20, else the limiting distribution of the
   * standardised statistic, as SciPy's {@code cramervonmises_2samp(method='auto')}. Effect size: the
   * reference-standardised Wasserstein distance (see {@link #wassersteinNormalised}).
   */
  public static TestResult cramerVonMises(double[] reference, double[] current) {
    double[] x = finiteCopy(reference, "reference");
    double[] y = finiteCopy(current, "current");
    InvalidArgumentException.check(x.length >= 2 && y.length >= 2,
        "cramer_von_mises needs at least 2 values per sample: reference has %d, current has %d", x.length, y.length);
    int nx = x.length;
    int ny = y.length;
    double[] z = concat(x, y);
    double[] r = Ranks.average(z, null);
    double[] rx = Arrays.copyOfRange(r, 0, nx);
    double[] ry = Arrays.copyOfRange(r, nx, nx + ny);
    Arrays.sort(rx);
    Arrays.sort(ry);
    double ux = 0;
    for (int i = 0; i < nx; i++) {
      double dlt = rx[i] - (i + 1);
      ux += dlt * dlt;
    }
    double uy = 0;
    for (int i = 0; i < ny; i++) {
      double dlt = ry[i] - (i + 1);
      uy += dlt * dlt;
    }
    double u = nx * ux + ny * uy;
    double k = (double) nx * ny;
    double nn = nx + ny;
    double t = u / (k * nn) - (4 * k - 1) / (6 * nn);
    double p;
    String detail;
    if (Math.max(nx, ny) <= 20) {
      p = CramerVonMises.exactPValue(Math.round(u), nx, ny);
      detail = "exact";
    } else {
      double et = (1 + 1 / nn) / 6;
      double vt = (nn + 1) * (4 * k * nn - 3 * ((double) nx * nx + (double) ny * ny) - 2 * k);
      vt = vt / (45 * nn * nn * 4 * k);
      double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
      p = tn < 0.003 ? 1.0 : Math.max(0, 1.0 - CramerVonMises.cdfInfinite(tn));
      detail = "asymptotic";
    }
    return new TestResult("cvm", t, p, wassersteinNormalised(x, y).statistic(), detail);
  }

  /**
   * Anderson–Darling k-sample test (Scholz and Stephens 1987, midrank version A2akN), standardised;
   * the p-value is SciPy's {@code anderson_ksamp}: the log of the significance level interpolated
   * quadratically in the critical values and capped to [0.001, 0.25] (detail {@code capped} or
   * {@code floored} when outside). Needs at least two distinct values overall. Effect size with two
   * samples: the reference-standardised Wasserstein distance between the first two samples.
   */
  public static TestResult andersonDarling(double[]... samples) {
    InvalidArgumentException.check(samples.length >= 2, "anderson_darling needs at least 2 samples: %d", samples.length);
    int k = samples.length;
    double[][] s = new double[k][];
    int total = 0;
    for (int i = 0; i < k; i++) {
      s[i] = sortedCopy(samples[i], "sample " + i);
      total += s[i].length;
    }
    double[] zs = new double[total];
    int pos = 0;
    for (double[] si : s) {
      System.arraycopy(si, 0, zs, pos, si.length);
      pos += si.length;
    }
    Arrays.sort(zs);
    double[] zstar = distinct(zs);
    InvalidArgumentException.check(zstar.length >= 2,
        "anderson_darling needs more than one distinct value, all values equal %s", zs[0]);
    int nTot = total;
    int l = zstar.length;
    double[] lj = new double[l];
    double[] bj = new double[l];
    for (int j = 0; j < l; j++) {
      int left = Ranks.lowerBound(zs, zstar[j]);
      int right = Ranks.upperBound(zs, zstar[j]);
      lj[j] = right - left;
      bj[j] = left + lj[j] / 2.0;
    }
    double a2 = 0;
    for (int i = 0; i < k; i++) {
      double ni = s[i].length;
      double inner = 0;
      for (int j = 0; j < l; j++) {
        int right = Ranks.upperBound(s[i], zstar[j]);
        int left = Ranks.lowerBound(s[i], zstar[j]);
        double mij = right - (right - left) / 2.0;
        double num = nTot * mij - bj[j] * ni;
        inner += lj[j] / nTot * num * num / (bj[j] * (nTot - bj[j]) - nTot * lj[j] / 4.0);
      }
      a2 += inner / ni;
    }
    a2 *= (nTot - 1.0) / nTot;
    double hh = 0;
    for (double[] si : s) {
      hh += 1.0 / si.length;
    }
    // h = sum_{i=1}^{N-1} 1/i ; g = sum_{i=1}^{N-2} sum_{j=i+1}^{N-1} 1/((N-i) j)
    double h = 0;
    for (int i = 1; i <= nTot - 1; i++) {
      h += 1.0 / i;
    }
    double g = 0;
    double cum = 0;
    for (int i = nTot - 1; i >= 2; i--) {
      cum += 1.0 / i;
      g += cum / (nTot - i + 1);
    }
    double kk = k;
    double aa = (4 * g - 6) * (kk - 1) + (10 - 6 * g) * hh;
    double bb = (2 * g - 4) * kk * kk + 8 * h * kk + (2 * g - 14 * h - 4) * hh - 8 * h + 4 * g - 6;
    double cc = (6 * h + 2 * g - 2) * kk * kk + (4 * h - 4 * g + 6) * kk + (2 * h - 6) * hh + 4 * h;
    double dd = (2 * h + 6) * kk * kk - 4 * h * kk;
    double nd = nTot;
    double sigmasq = (aa * nd * nd * nd + bb * nd * nd + cc * nd + dd) / ((nd - 1) * (nd - 2) * (nd - 3));
    double m = kk - 1;
    double stat = (a2 - m) / Math.sqrt(sigmasq);
    double[] b0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
    double[] b1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
    double[] b2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
    double[] sig = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};
    double[] crit = new double[7];
    double cmin = Double.POSITIVE_INFINITY;
    double cmax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 7; i++) {
      crit[i] = b0[i] + b1[i] / Math.sqrt(m) + b2[i] / m;
      cmin = Math.min(cmin, crit[i]);
      cmax = Math.max(cmax, crit[i]);
    }
    double p;
    String detail;
    if (stat < cmin) {
      p = 0.25;
      detail = "capped";
    } else if (stat > cmax) {
      p = 0.001;
      detail = "floored";
    } else {
      double[] logSig = new double[7];
      for (int i = 0; i < 7; i++) {
        logSig[i] = Math.log(sig[i]);
      }
      double[] c = quadraticFit(crit, logSig);
      p = Math.exp(c[0] * stat * stat + c[1] * stat + c[2]);
      detail = "interpolated";
    }
    double effect = wassersteinNormalised(samples[0], samples[1]).statistic();
    return new TestResult("ad", stat, p, effect, detail);
  }

  /** Least-squares fit of y = c0 x² + c1 x + c2 (as numpy.polyfit degree 2), centred for stability. */
  private static double[] quadraticFit(double[] x, double[] y) {
    double[][] a = new double[x.length][3];
    for (int i = 0; i < x.length; i++) {
      a[i][0] = x[i] * x[i];
      a[i][1] = x[i];
      a[i][2] = 1;
    }
    RealMatrix am = new Array2DRowRealMatrix(a, false);
    org.hipparchus.linear.RealVector sol = new org.hipparchus.linear.QRDecomposition(am).getSolver()
        .solve(new org.hipparchus.linear.ArrayRealVector(y));
    return sol.toArray();
  }

  /** The alternative hypothesis of a one- or two-sided test, named as SciPy names them. */
  public enum Alternative {
    /** The distributions differ (the default everywhere). */
    TWO_SIDED,
    /** The reference is stochastically less than the current sample (SciPy's {@code "less"}). */
    LESS,
    /** The reference is stochastically greater than the current sample (SciPy's {@code "greater"}). */
    GREATER
  }

  /**
   * Mann–Whitney U test, two-sided, as SciPy's {@code mannwhitneyu(method='auto',
   * use_continuity=True)}: statistic U1 = R1 − n1(n1+1)/2 (R1 the reference's rank sum with average
   * ranks); exact p-value when a sample has at most 8 values and there are no ties, else the normal
   * approximation with tie correction and continuity correction. Effect size: |rank-biserial
   * correlation| = |1 − 2 U1/(n1 n2)|.
   */
  public static TestResult mannWhitney(double[] reference, double[] current) {
    return mannWhitney(reference, current, Alternative.TWO_SIDED);
  }

  /**
   * Mann–Whitney U test with the given alternative, as SciPy's {@code mannwhitneyu(reference,
   * current, alternative=...)}: the same statistic U1, exact/asymptotic choice and corrections as
   * {@link #mannWhitney(double[], double[])}; the p-value is P(U ≥ U1) for {@code GREATER}, P(U ≥ U2)
   * with U2 = n1 n2 − U1 for {@code LESS} (Evidently's {@code mannw} uses {@code LESS}), and twice
   * the smaller tail for {@code TWO_SIDED}, capped at 1.
   */
  public static TestResult mannWhitney(double[] reference, double[] current, Alternative alternative) {
    double[] x = finiteCopy(reference, "reference");
    double[] y = finiteCopy(current, "current");
    int n1 = x.length;
    int n2 = y.length;
    double[] z = concat(x, y);
    double[] tie = new double[1];
    double[] r = Ranks.average(z, tie);
    double r1 = 0;
    for (int i = 0; i < n1; i++) {
      r1 += r[i];
    }
    double u1 = r1 - n1 * (n1 + 1.0) / 2;
    double u2 = (double) n1 * n2 - u1;
    double u = switch (alternative) {
      case GREATER -> u1;
      case LESS -> u2;
      case TWO_SIDED -> Math.max(u1, u2);
    };
    double f = alternative == Alternative.TWO_SIDED ? 2 : 1;
    boolean exact = !(n1 > 8 && n2 > 8) && tie[0] == 0;
    double p;
    if (exact) {
      p = f * MannWhitneyExact.sf(Math.round(u), n1, n2);
    } else {
      double n = n1 + n2;
      double mu = n1 * (double) n2 / 2;
      double sd = Math.sqrt(n1 * (double) n2 / 12 * ((n + 1) - tie[0] / (n * (n - 1))));
      double zz = (u - mu - 0.5) / sd;
      p = f * normalSf(zz);
    }
    p = Math.max(0, Math.min(1, p));
    double effect = Math.abs(1 - 2 * u1 / ((double) n1 * n2));
    return new TestResult("mannwhitney", u1, p, effect, exact ? "exact" : "asymptotic");
  }

  /**
   * Student's two-sample t-test with pooled variance, two-sided, as SciPy's {@code
   * ttest_ind(equal_var=True)} (Evidently's {@code t_test}): t = (mean_ref − mean_cur)/(s_p sqrt(1/n_ref
   * + 1/n_cur)), s_p² = ((n_ref − 1) s²_ref + (n_cur − 1) s²_cur)/(n_ref + n_cur − 2), n_ref + n_cur − 2
   * degrees of freedom. Needs two values per sample; two constant samples give t = NaN and p = NaN as
   * in SciPy. Effect size as {@link #welchT}.
   */
  public static TestResult studentT(double[] reference, double[] current) {
    double[] x = finiteCopy(reference, "reference");
    double[] y = finiteCopy(current, "current");
    InvalidArgumentException.check(x.length >= 2 && y.length >= 2,
        "t needs at least 2 values per sample: reference has %d, current has %d", x.length, y.length);
    double m1 = mean(x);
    double m2 = mean(y);
    double v1 = variance(x, m1, 1);
    double v2 = variance(y, m2, 1);
    double df = x.length + y.length - 2.0;
    double sp2 = ((x.length - 1) * v1 + (y.length - 1) * v2) / df;
    double t = (m1 - m2) / Math.sqrt(sp2 * (1.0 / x.length + 1.0 / y.length));
    double p = Double.isNaN(t) ? Double.NaN : Beta.regularizedBeta(df / (df + t * t), df / 2, 0.5);
    double sd = Math.sqrt((v1 + v2) / 2);
    double effect = sd == 0 ? (m1 == m2 ? 0 : Double.POSITIVE_INFINITY) : Math.abs(m1 - m2) / sd;
    return new TestResult("t", t, p, effect, "asymptotic");
  }

  /**
   * Welch's unequal-variance t-test, two-sided, as SciPy's {@code ttest_ind(equal_var=False)}:
   * t = (mean_ref − mean_cur)/sqrt(s²_ref/n_ref + s²_cur/n_cur) with sample variances (ddof 1),
   * Welch–Satterthwaite degrees of freedom. Needs two values per sample; two constant samples give
   * t = NaN and p = NaN as in SciPy. Effect size: |Cohen's d| with sd = sqrt((s²_ref + s²_cur)/2).
   */
  public static TestResult welchT(double[] reference, double[] current) {
    double[] x = finiteCopy(reference, "reference");
    double[] y = finiteCopy(current, "current");
    InvalidArgumentException.check(x.length >= 2 && y.length >= 2,
        "welch_t needs at least 2 values per sample: reference has %d, current has %d", x.length, y.length);
    double m1 = mean(x);
    double m2 = mean(y);
    double v1 = variance(x, m1, 1);
    double v2 = variance(y, m2, 1);
    double se1 = v1 / x.length;
    double se2 = v2 / y.length;
    double t = (m1 - m2) / Math.sqrt(se1 + se2);
    double df = (se1 + se2) * (se1 + se2) / (se1 * se1 / (x.length - 1) + se2 * se2 / (y.length - 1));
    double p = Double.isNaN(t) ? Double.NaN : Beta.regularizedBeta(df / (df + t * t), df / 2, 0.5);
    double sd = Math.sqrt((v1 + v2) / 2);
    double effect = sd == 0 ? (m1 == m2 ? 0 : Double.POSITIVE_INFINITY) : Math.abs(m1 - m2) / sd;
    return new TestResult("t", t, p, effect, "asymptotic");
  }

  /**
   * Epps–Singleton test on the empirical characteristic function at t = (0.4, 0.8) scaled by the
   * pooled semi-interquartile range, with the small-sample correction for max(n) &lt; 25 and a
   * chi-square p-value with the rank of the covariance as degrees of freedom, as SciPy's {@code
   * epps_singleton_2samp}. Needs at least 5 values per sample and a non-zero interquartile range.
   * Effect size: the reference-standardised Wasserstein distance.
   */
  public static TestResult eppsSingleton(double[] reference, double[] current) {
    double[] x = finiteCopy(reference, "reference");
    double[] y = finiteCopy(current, "current");
    int nx = x.length;
    int ny = y.length;
    InvalidArgumentException.check(nx >= 5 && ny >= 5,
        "epps_singleton needs at least 5 values per sample: reference has %d, current has %d", nx, ny);
    double n = nx + ny;
    double[] pooled = concat(x, y);
    Arrays.sort(pooled);
    double sigma = (percentile(pooled, 75) - percentile(pooled, 25)) / 2;
    InvalidArgumentException.check(sigma > 0,
        "epps_singleton needs a positive interquartile range of the pooled samples: %s", sigma);
    double[] ts = {0.4 / sigma, 0.8 / sigma};
    double[][] gx = charFeatures(x, ts);
    double[][] gy = charFeatures(y, ts);
    double[][] cx = biasedCov(gx);
    double[][] cy = biasedCov(gy);
    double[][] est = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        est[i][j] = (n / nx) * cx[i][j] + (n / ny) * cy[i][j];
      }
    }
    SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(est));
    RealMatrix pinv = pseudoInverse(svd);
    double[] sv = new SingularValueDecomposition(pinv).getSingularValues();
    double tol = sv[0] * 4 * Math.ulp(1.0);
    int rank = 0;
    for (double v : sv) {
      if (v > tol) {
        rank++;
      }
    }
    double[] diff = new double[4];
    double[] mx = colMeans(gx);
    double[] my = colMeans(gy);
    for (int i = 0; i < 4; i++) {
      diff[i] = mx[i] - my[i];
    }
    double w = 0;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        w += diff[i] * pinv.getEntry(i, j) * diff[j];
      }
    }
    w *= n;
    if (Math.max(nx, ny) < 25) {
      double corr = 1.0 / (1.0 + Math.pow(n, -0.45) + 10.1 * (Math.pow(nx, -1.7) + Math.pow(ny, -1.7)));
      w = corr * w;
    }
    double p = rank == 0 ? Double.NaN : Gamma.regularizedGammaQ(rank / 2.0, w / 2);
    return new TestResult("es", w, p, wassersteinNormalised(x, y).statistic(), "asymptotic");
  }

  private static RealMatrix pseudoInverse(SingularValueDecomposition svd) {
    double[] s = svd.getSingularValues();
    double tol = 1e-15 * s[0];
    RealMatrix u = svd.getU();
    RealMatrix v = svd.getV();
    int n = s.length;
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      d[i][i] = s[i] > tol ? 1 / s[i] : 0;
    }
    return v.multiply(new Array2DRowRealMatrix(d, false)).multiply(u.transpose());
  }

  private static double[][] charFeatures(double[] v, double[] ts) {
    double[][] g = new double[v.length][4];
    for (int i = 0; i < v.length; i++) {
      g[i][0] = Math.cos(ts[0] * v[i]);
      g[i][1] = Math.cos(ts[1] * v[i]);
      g[i][2] = Math.sin(ts[0] * v[i]);
      g[i][3] = Math.sin(ts[1] * v[i]);
    }
    return g;
  }

  private static double[] colMeans(double[][] g) {
    double[] m = new double[g[0].length];
    for (double[] r : g) {
      for (int j = 0; j < m.length; j++) {
        m[j] += r[j];
      }
    }
    for (int j = 0; j < m.length; j++) {
      m[j] /= g.length;
    }
    return m;
  }

  private static double[][] biasedCov(double[][] g) {
    double[] m = colMeans(g);
    int d = m.length;
    double[][] c = new double[d][d];
    for (double[] r : g) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          c[i][j] += (r[i] - m[i]) * (r[j] - m[j]);
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        c[i][j] /= g.length;
      }
    }
    return c;
  }

  /**
   * Energy distance as SciPy's {@code energy_distance}: sqrt(2) times the L2 distance between the
   * two empirical CDFs, i.e. sqrt(2 E|X−Y| − E|X−X'| − E|Y−Y'|). No p-value. Effect size: the
   * distance divided by the reference's population standard deviation (0 when both are 0).
   */
  public static TestResult energyDistance(double[] reference, double[] current) {
    double[] a = sortedCopy(reference, "reference");
    double[] b = sortedCopy(current, "current");
    double d = Math.sqrt(2) * Math.sqrt(cdfDistanceSorted(a, b, 2));
    double sd = Math.sqrt(variance(a, mean(a), 0));
    return new TestResult("energy", d, Double.NaN, sd > 0 ? d / sd : d, "none");
  }

  /**
   * Wasserstein-1 (earth mover's) distance between the two empirical distributions, as SciPy's
   * {@code wasserstein_distance}: ∫ |F_ref − F_cur|, in the unit of the data. No p-value. Effect size:
   * the distance itself.
   */
  public static TestResult wasserstein(double[] reference, double[] current) {
    double[] a = sortedCopy(reference, "reference");
    double[] b = sortedCopy(current, "current");
    double d = cdfDistanceSorted(a, b, 1);
    return new TestResult("wasserstein", d, Double.NaN, d, "none");
  }

  /**
   * Wasserstein-1 distance divided by the reference's population standard deviation (ddof 0),
   * floored at 0.001 as Evidently's {@code wasserstein} method does so that a constant reference
   * does not divide by zero; unitless. No p-value. Effect size: the statistic.
   */
  public static TestResult wassersteinNormalised(double[] reference, double[] current) {
    double[] a = sortedCopy(reference, "reference");
    double[] b = sortedCopy(current, "current");
    return wassersteinNormalisedSorted(a, b);
  }

  /** As {@link #wassersteinNormalised} on sorted finite samples. */
  public static TestResult wassersteinNormalisedSorted(double[] a, double[] b) {
    requireNonEmpty(a, "reference");
    requireNonEmpty(b, "current");
    double d = cdfDistanceSorted(a, b, 1);
    double sd = Math.max(Math.sqrt(variance(a, mean(a), 0)), 0.001);
    double w = d / sd;
    return new TestResult("wasserstein_norm", w, Double.NaN, w, "none");
  }

  /** ∫ |F_a − F_b|^p over the pooled sorted values (p = 1 or 2), without the final root for p = 2. */
  static double cdfDistanceSorted(double[] a, double[] b, int p) {
    int n1 = a.length;
    int n2 = b.length;
    int i = 0;
    int j = 0;
    double sum = 0;
    double prev = Math.min(a[0], b[0]);
    while (i < n1 || j < n2) {
      double v;
      if (j >= n2 || (i < n1 && a[i] <= b[j])) {
        v = a[i];
      } else {
        v = b[j];
      }
      double diff = i / (double) n1 - j / (double) n2;
      double dx = v - prev;
      sum += (p == 1 ? Math.abs(diff) : diff * diff) * dx;
      while (i < n1 && a[i] == v) {
        i++;
      }
      while (j < n2 && b[j] == v) {
        j++;
      }
      prev = v;
    }
    return sum;
  }

  // ---- helpers -------------------------------------------------------------------------------

  static double normalSf(double z) {
    return 0.5 * Erf.erfc(z / Math.sqrt(2));
  }

  private static double percentile(double[] sorted, double q) {
    double pos = q / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = pos - lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    double m = s / v.length;
    double c = 0;
    for (double x : v) {
      c += x - m;
    }
    return m + c / v.length;
  }

  static double variance(double[] v, double mean, int ddof) {
    double s = 0;
    for (double x : v) {
      double d = x - mean;
      s += d * d;
    }
    return s / (v.length - ddof);
  }

  private static double[] distinct(double[] sorted) {
    int k = 0;
    double[] out = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        out[k++] = sorted[i];
      }
    }
    return Arrays.copyOf(out, k);
  }

  private static double[] concat(double[] x, double[] y) {
    double[] z = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, z, x.length, y.length);
    return z;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  static void requireNonEmpty(double[] v, String name) {
    InvalidArgumentException.check(v != null && v.length > 0, "%s sample must not be empty", name);
  }

  static double[] finiteCopy(double[] v, String name) {
    requireNonEmpty(v, name);
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new InvalidArgumentException(String.format(java.util.Locale.ROOT,
            "%s sample must hold finite values: index %d is %s", name, i, v[i]));
      }
    }
    return v.clone();
  }

  static double[] sortedCopy(double[] v, String name) {
    requireNonEmpty(v, name);
    int[] bad = new int[1];
    double[] c = DoubleSort.sortedFiniteCopy(v, bad);
    if (c == null) {
      int i = -bad[0] - 1;
      throw new InvalidArgumentException(String.format(java.util.Locale.ROOT,
          "%s sample must hold finite values: index %d is %s", name, i, v[i]));
    }
    return c;
  }
}
