package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import dev.vigil.stats.TestResult;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Multivariate two-sample drift: all features at once, rows as points in R^d.
 *
 * <p><b>Maximum Mean Discrepancy</b> ({@link #mmd}): unbiased MMD² with the Gaussian (RBF) kernel
 * k(x, y) = exp(−‖x − y‖² / (2σ²)), σ by alibi-detect's median heuristic σ² = median over reference ×
 * current pairs of ‖x − y‖² / 2 (the median over a seeded sample of at most 250,000 pairs when there
 * are more). The p-value is the permutation p-value (k + 1)/(B + 1), k the permutations whose MMD² is
 * at least the observed one, never 0. The kernel matrix is never stored: each row of it is computed
 * once and folded into all B permutations at the same time, so memory is O((n + m)·B), not
 * O((n + m)²), and time O((n + m)²·(d + B)). Rows run in parallel on the common fork-join pool.
 */
public final class MultivariateDrift {
  private MultivariateDrift() {}

  /**
   * Unbiased MMD² between {@code reference} and {@code current} (rows are points; all rows of both
   * must have the same length d ≥ 1 and finite values; at least 2 rows each) with a permutation
   * p-value from {@code permutations} ≥ 1 seeded permutations. Effect size: MMD² itself.
   */
  public static TestResult mmd(double[][] reference, double[][] current, int permutations, long seed) {
    int m = reference.length;
    int n = current.length;
    InvalidArgumentException.check(m >= 2 && n >= 2, "mmd needs at least 2 rows per sample: reference %d, current %d", m, n);
    InvalidArgumentException.check(permutations >= 1, "mmd needs at least 1 permutation: %d", permutations);
    int d = reference[0].length;
    InvalidArgumentException.check(d >= 1, "mmd needs at least one feature");
    int total = m + n;
    double[][] z = new double[total][];
    for (int i = 0; i < total; i++) {
      double[] row = i < m ? reference[i] : current[i - m];
      InvalidArgumentException.check(row.length == d, "mmd: row %d of the %s has %d values, expected %d",
          i < m ? i : i - m, i < m ? "reference" : "current", row.length, d);
      for (double v : row) {
        InvalidArgumentException.check(Double.isFinite(v), "mmd: row %d of the %s holds a non-finite value %s",
            i < m ? i : i - m, i < m ? "reference" : "current", v);
      }
      z[i] = row;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double sigma2 = medianHeuristic(reference, current, rng);
    double gamma = 1.0 / (2 * sigma2);
    int b = permutations + 1;
    // masks[p][i] = 1 when point i belongs to the current sample under assignment p (p = 0: observed)
    double[][] masks = new double[b][total];
    for (int i = m; i < total; i++) {
      masks[0][i] = 1;
    }
    int[] perm = new int[total];
    for (int p = 1; p < b; p++) {
      for (int i = 0; i < total; i++) {
        perm[i] = i;
      }
      for (int i = total - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      for (int i = m; i < total; i++) {
        masks[p][perm[i]] = 1;
      }
    }
    double[] sq = new double[total];
    for (int i = 0; i < total; i++) {
      double s = 0;
      for (double v : z[i]) {
        s += v * v;
      }
      sq[i] = s;
    }
    // For each assignment: sums over ordered pairs i != j of k(i,j) with (cur_i, cur_j) in {00, 11}; cross = rest.
    // Only pairs j > i are computed (the kernel is symmetric); every sum is doubled to cover ordered pairs.
    double[] partial = IntStream.range(0, total).parallel().mapToObj(i -> {
      int len = total - i - 1;
      double[] row = new double[len];
      double[] zi = z[i];
      double rowSum = 0;
      for (int j = i + 1; j < total; j++) {
        double[] zj = z[j];
        double dot = 0;
        for (int k = 0; k < d; k++) {
          dot += zi[k] * zj[k];
        }
        double dist = Math.max(0, sq[i] + sq[j] - 2 * dot);
        double kv = Math.exp(-gamma * dist);
        row[j - i - 1] = kv;
        rowSum += kv;
      }
      double[] out = new double[2 * b + 1];
      out[2 * b] = 2 * rowSum;
      for (int p = 0; p < b; p++) {
        double[] mask = masks[p];
        double s1 = 0;
        for (int j = 0; j < len; j++) {
          s1 += row[j] * mask[i + 1 + j];
        }
        if (mask[i] == 1) {
          out[2 * p + 1] = 2 * s1;
        } else {
          out[2 * p] = 2 * (rowSum - s1);
        }
      }
      return out;
    }).reduce(new double[2 * b + 1], (x, y) -> {
      double[] r = new double[x.length];
      for (int k = 0; k < r.length; k++) {
        r[k] = x[k] + y[k];
      }
      return r;
    });
    double[] stat = new double[b];
    double allPairs = partial[2 * b];
    for (int p = 0; p < b; p++) {
      stat[p] = partial[2 * p] / ((double) m * (m - 1)) + partial[2 * p + 1] / ((double) n * (n - 1));
    }
    for (int p = 0; p < b; p++) {
      // cross sum over ordered pairs = allPairs - within sums; MMD² uses 2/(mn) × unordered cross = 1/(mn) × ordered
      double cross = allPairs - partial[2 * p] - partial[2 * p + 1];
      stat[p] -= cross / ((double) m * n);
    }
    int k = 0;
    for (int p = 1; p < b; p++) {
      if (stat[p] >= stat[0]) {
        k++;
      }
    }
    double pValue = (k + 1.0) / (permutations + 1.0);
    return new TestResult("mmd", stat[0], pValue, stat[0], "permutation");
  }

  /** σ² = median of squared reference–current distances / 2 (alibi-detect's {@code sigma_median}). */
  static double medianHeuristic(double[][] x, double[][] y, SplittableRandom rng) {
    long pairs = (long) x.length * y.length;
    int k = (int) Math.min(pairs, 250_000);
    double[] d = new double[k];
    if (pairs <= 250_000) {
      int t = 0;
      for (double[] a : x) {
        for (double[] c : y) {
          d[t++] = sqDist(a, c);
        }
      }
    } else {
      for (int t = 0; t < k; t++) {
        d[t] = sqDist(x[rng.nextInt(x.length)], y[rng.nextInt(y.length)]);
      }
    }
    Arrays.sort(d);
    double med = k % 2 == 1 ? d[k / 2] : (d[k / 2 - 1] + d[k / 2]) / 2;
    return med > 0 ? med / 2 : 1.0;
  }

  private static double sqDist(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double t = a[i] - b[i];
      s += t * t;
    }
    return s;
  }

  /**
   * MMD between the numeric columns {@code columns} of two tables (all double or long columns both
   * share when {@code columns} is empty). Rows with a missing or non-finite value in any of those
   * columns are left out; each column is standardised by the reference's mean and standard deviation
   * (a constant column by 1); at most {@code maxRows} rows per side are used, a seeded sample when
   * there are more. Throws {@link dev.vigil.SchemaMismatchException} for an absent or non-numeric
   * column and {@link InvalidArgumentException} when fewer than 2 complete rows remain on a side.
   */
  public static Result mmd(dev.vigil.data.Table reference, dev.vigil.data.Table current, java.util.List<String> columns,
      int permutations, int maxRows, long seed) {
    return kernelTest(reference, current, columns, permutations, maxRows, seed, false);
  }

  private static Result kernelTest(dev.vigil.data.Table reference, dev.vigil.data.Table current,
      java.util.List<String> columns, int permutations, int maxRows, long seed, boolean lsdd) {
    String method = lsdd ? "lsdd" : "mmd";
    java.util.List<String> cols = sharedNumeric(reference, current, columns, method);
    double[][] x = matrix(reference, cols, "reference", method);
    double[][] y = matrix(current, cols, "current", method);
    InvalidArgumentException.check(x.length >= 2 && y.length >= 2,
        "%s needs at least 2 complete rows per side: reference %d, current %d", method, x.length, y.length);
    int d = cols.size();
    for (int k = 0; k < d; k++) {
      double mean = 0;
      for (double[] r : x) {
        mean += r[k];
      }
      mean /= x.length;
      double var = 0;
      for (double[] r : x) {
        var += (r[k] - mean) * (r[k] - mean);
      }
      double sd = Math.sqrt(var / x.length);
      if (!(sd > 0)) {
        sd = 1;
      }
      for (double[] r : x) {
        r[k] = (r[k] - mean) / sd;
      }
      for (double[] r : y) {
        r[k] = (r[k] - mean) / sd;
      }
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] xs = sample(x, maxRows, rng);
    double[][] ys = sample(y, maxRows, rng);
    TestResult t = lsdd ? lsdd(xs, ys, permutations, rng.nextLong()) : mmd(xs, ys, permutations, rng.nextLong());
    return new Result(t, cols, xs.length, ys.length, permutations);
  }

  /** As {@link #mmd(dev.vigil.data.Table, dev.vigil.data.Table, java.util.List, int, int, long)} with {@link #lsdd}. */
  public static Result lsdd(dev.vigil.data.Table reference, dev.vigil.data.Table current, java.util.List<String> columns,
      int permutations, int maxRows, long seed) {
    return kernelTest(reference, current, columns, permutations, maxRows, seed, true);
  }

  /** A multivariate comparison: the test result, the columns used and the rows per side. */
  public record Result(TestResult test, java.util.List<String> columns, int referenceRows, int currentRows,
      int permutations) {
    public Result {
      columns = java.util.List.copyOf(columns);
    }
  }

  private static double[][] sample(double[][] x, int max, SplittableRandom rng) {
    if (x.length <= max) {
      return x;
    }
    double[][] c = x.clone();
    for (int i = 0; i < max; i++) {
      int j = i + rng.nextInt(c.length - i);
      double[] t = c[i];
      c[i] = c[j];
      c[j] = t;
    }
    return Arrays.copyOf(c, max);
  }

  /** {@code columns}, or when empty every column numeric on both sides; at least one. */
  private static java.util.List<String> sharedNumeric(dev.vigil.data.Table reference, dev.vigil.data.Table current,
      java.util.List<String> columns, String method) {
    java.util.List<String> cols = new java.util.ArrayList<>(columns);
    if (cols.isEmpty()) {
      for (dev.vigil.data.Column c : reference.columns()) {
        if (c.type().isNumeric() && current.hasColumn(c.name()) && current.column(c.name()).type().isNumeric()) {
          cols.add(c.name());
        }
      }
    }
    InvalidArgumentException.check(!cols.isEmpty(), "%s needs at least one numeric column shared by both sides", method);
    return cols;
  }

  /** The named columns of {@code t}; each must exist and be numeric ({@code method} names the test in the error). */
  private static dev.vigil.data.Column[] numericColumns(dev.vigil.data.Table t, java.util.List<String> cols, String side,
      String method) {
    dev.vigil.data.Column[] cs = new dev.vigil.data.Column[cols.size()];
    for (int k = 0; k < cs.length; k++) {
      String name = cols.get(k);
      if (!t.hasColumn(name)) {
        throw new dev.vigil.SchemaMismatchException("column \"" + name + "\" is not in the " + side + " data; it has "
            + t.columnNames());
      }
      cs[k] = t.column(name);
      if (!cs[k].type().isNumeric()) {
        throw new dev.vigil.SchemaMismatchException("column \"" + name + "\" must be numeric for " + method + ", found "
            + cs[k].type().jsonName() + " in the " + side + " data");
      }
    }
    return cs;
  }

  private static double[][] matrix(dev.vigil.data.Table t, java.util.List<String> cols, String side, String method) {
    int d = cols.size();
    dev.vigil.data.Column[] cs = numericColumns(t, cols, side, method);
    java.util.List<double[]> rows = new java.util.ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
      double[] r = new double[d];
      boolean ok = true;
      for (int k = 0; k < d && ok; k++) {
        if (cs[k].isMissing(i)) {
          ok = false;
        } else {
          r[k] = cs[k] instanceof dev.vigil.data.DoubleColumn dc ? dc.get(i) : ((dev.vigil.data.LongColumn) cs[k]).get(i);
          ok = Double.isFinite(r[k]);
        }
      }
      if (ok) {
        rows.add(r);
      }
    }
    return rows.toArray(new double[0][]);
  }

  /**
   * PCA reconstruction-error drift with NannyML's method and defaults: numeric columns standardised by
   * the reference's mean and standard deviation (missing values imputed by the reference mean), a PCA
   * fitted on the whole reference keeping the fewest components that explain at least 65% of the
   * variance, and the reconstruction error of a set of rows = the mean Euclidean distance between the
   * standardised rows and their reconstruction. The reference is cut into chunks of {@code chunkRows}
   * rows (a last partial chunk is dropped); the alert band is the mean of the chunk errors ± 3
   * standard deviations (ddof 0). The current data drifts when its error falls outside the band.
   * Needs at least 2 reference chunks; an absent or non-numeric column throws {@link
   * dev.vigil.SchemaMismatchException}.
   */
  public static PcaResult pcaReconstruction(dev.vigil.data.Table reference, dev.vigil.data.Table current,
      java.util.List<String> columns, int chunkRows) {
    java.util.List<String> cols = sharedNumeric(reference, current, columns, "pca");
    int chunks = reference.rowCount() / chunkRows;
    InvalidArgumentException.check(chunkRows >= 1 && chunks >= 2,
        "pca needs at least 2 reference chunks of %d rows: the reference has %d rows", chunkRows, reference.rowCount());
    int d = cols.size();
    double[][] x = imputedMatrix(reference, cols, "reference", null, "pca");
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (int k = 0; k < d; k++) {
      double s = 0;
      int n = 0;
      for (double[] r : x) {
        if (!Double.isNaN(r[k])) {
          s += r[k];
          n++;
        }
      }
      mean[k] = n == 0 ? 0 : s / n;
    }
    x = imputedMatrix(reference, cols, "reference", mean, "pca");
    for (int k = 0; k < d; k++) {
      double v = 0;
      for (double[] r : x) {
        v += (r[k] - mean[k]) * (r[k] - mean[k]);
      }
      sd[k] = Math.sqrt(v / x.length);
      if (!(sd[k] > 0)) {
        sd[k] = 1;
      }
    }
    standardise(x, mean, sd);
    double[][] cov = new double[d][d];
    for (double[] r : x) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          cov[i][j] += r[i] * r[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        cov[i][j] /= x.length - 1;
      }
    }
    org.hipparchus.linear.EigenDecompositionSymmetric eig =
        new org.hipparchus.linear.EigenDecompositionSymmetric(new org.hipparchus.linear.Array2DRowRealMatrix(cov));
    double[] ev = eig.getEigenvalues();
    Integer[] order = new Integer[d];
    double total = 0;
    for (int i = 0; i < d; i++) {
      order[i] = i;
      total += Math.max(0, ev[i]);
    }
    Arrays.sort(order, (a, b) -> Double.compare(ev[b], ev[a]));
    int kept = 0;
    double acc = 0;
    while (kept < d && (kept == 0 || acc / total < 0.65)) {
      acc += Math.max(0, ev[order[kept]]);
      kept++;
    }
    double[][] comps = new double[kept][];
    for (int c = 0; c < kept; c++) {
      comps[c] = eig.getEigenvector(order[c]).toArray();
    }
    double[] chunkErrors = new double[chunks];
    for (int c = 0; c < chunks; c++) {
      chunkErrors[c] = meanError(x, c * chunkRows, (c + 1) * chunkRows, comps);
    }
    double m = 0;
    for (double e : chunkErrors) {
      m += e;
    }
    m /= chunks;
    double v = 0;
    for (double e : chunkErrors) {
      v += (e - m) * (e - m);
    }
    double s = Math.sqrt(v / chunks);
    double[][] y = imputedMatrix(current, cols, "current", mean, "pca");
    InvalidArgumentException.check(y.length > 0, "pca needs at least one current row");
    standardise(y, mean, sd);
    double err = meanError(y, 0, y.length, comps);
    double lower = m - 3 * s;
    double upper = m + 3 * s;
    return new PcaResult(err, lower, upper, err < lower || err > upper, kept, cols, chunkErrors);
  }

  /**
   * A PCA reconstruction-error comparison: the current error, the reference band, the verdict, the
   * components kept, the columns and each reference chunk's error.
   */
  public record PcaResult(double error, double lower, double upper, boolean drift, int components,
      java.util.List<String> columns, double[] referenceChunkErrors) {
    public PcaResult {
      columns = java.util.List.copyOf(columns);
    }
  }

  private static double meanError(double[][] x, int from, int to, double[][] comps) {
    double sum = 0;
    int d = x[0].length;
    double[] rec = new double[d];
    for (int i = from; i < to; i++) {
      double[] r = x[i];
      Arrays.fill(rec, 0);
      for (double[] c : comps) {
        double proj = 0;
        for (int k = 0; k < d; k++) {
          proj += r[k] * c[k];
        }
        for (int k = 0; k < d; k++) {
          rec[k] += proj * c[k];
        }
      }
      double e = 0;
      for (int k = 0; k < d; k++) {
        e += (r[k] - rec[k]) * (r[k] - rec[k]);
      }
      sum += Math.sqrt(e);
    }
    return sum / (to - from);
  }

  private static void standardise(double[][] x, double[] mean, double[] sd) {
    for (double[] r : x) {
      for (int k = 0; k < r.length; k++) {
        r[k] = (r[k] - mean[k]) / sd[k];
      }
    }
  }

  /** All rows; a missing or non-finite value becomes {@code fill[k]}, or NaN when {@code fill} is null. */
  private static double[][] imputedMatrix(dev.vigil.data.Table t, java.util.List<String> cols, String side, double[] fill,
      String method) {
    int d = cols.size();
    dev.vigil.data.Column[] cs = numericColumns(t, cols, side, method);
    double[][] x = new double[t.rowCount()][d];
    for (int i = 0; i < t.rowCount(); i++) {
      for (int k = 0; k < d; k++) {
        double v = Double.NaN;
        if (!cs[k].isMissing(i)) {
          v = cs[k] instanceof dev.vigil.data.DoubleColumn dc ? dc.get(i) : ((dev.vigil.data.LongColumn) cs[k]).get(i);
        }
        x[i][k] = Double.isFinite(v) ? v : fill == null ? Double.NaN : fill[k];
      }
    }
    return x;
  }

  /**
   * Domain-classifier drift: can a model tell reference rows from current rows? Numeric columns
   * (missing values imputed by the reference mean, standardised by the reference), a logistic
   * regression with L2 penalty 1e-4 fitted by Newton's method, and {@code folds}-fold stratified
   * cross-validation (seeded) so that every row gets an out-of-fold score. The statistic is the
   * out-of-fold ROC AUC (0.5: indistinguishable); the p-value is the one-sided Mann–Whitney test that
   * current rows score higher than reference rows (normal approximation with tie correction), which
   * ignores the weak dependence between folds. Effect size: |AUC − 0.5| × 2 (Gini). The classifier is
   * linear: it sees shifts of means and of linear combinations, not a change of correlation alone
   * (use {@link #pcaReconstruction} or {@link #mmd} for that).
   */
  public static TestResult domainClassifier(dev.vigil.data.Table reference, dev.vigil.data.Table current,
      java.util.List<String> columns, int folds, long seed) {
    InvalidArgumentException.check(folds >= 2 && folds <= 20, "folds must be in [2, 20]: %d", folds);
    java.util.List<String> cols = sharedNumeric(reference, current, columns, "classifier");
    double[][] raw = imputedMatrix(reference, cols, "reference", null, "classifier");
    int d = cols.size();
    double[] mean = new double[d];
    for (int k = 0; k < d; k++) {
      double sum = 0;
      int n = 0;
      for (double[] r : raw) {
        if (!Double.isNaN(r[k])) {
          sum += r[k];
          n++;
        }
      }
      mean[k] = n == 0 ? 0 : sum / n;
    }
    double[][] x = imputedMatrix(reference, cols, "reference", mean, "classifier");
    double[][] y = imputedMatrix(current, cols, "current", mean, "classifier");
    InvalidArgumentException.check(x.length >= folds && y.length >= folds,
        "classifier needs at least %d rows per side: reference %d, current %d", folds, x.length, y.length);
    double[] sd = new double[d];
    for (int k = 0; k < d; k++) {
      double v = 0;
      for (double[] r : x) {
        v += (r[k] - mean[k]) * (r[k] - mean[k]);
      }
      sd[k] = Math.sqrt(v / x.length);
      if (!(sd[k] > 0)) {
        sd[k] = 1;
      }
    }
    standardise(x, mean, sd);
    standardise(y, mean, sd);
    int n = x.length + y.length;
    double[][] all = new double[n][];
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i < x.length ? x[i] : y[i - x.length];
      label[i] = i < x.length ? 0 : 1;
    }
    int[] fold = new int[n];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int side = 0; side < 2; side++) {
      int from = side == 0 ? 0 : x.length;
      int to = side == 0 ? x.length : n;
      int[] idx = new int[to - from];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = from + i;
      }
      for (int i = idx.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      for (int i = 0; i < idx.length; i++) {
        fold[idx[i]] = i % folds;
      }
    }
    double[] score = new double[n];
    for (int f = 0; f < folds; f++) {
      double[] w = fitLogistic(all, label, fold, f, d);
      for (int i = 0; i < n; i++) {
        if (fold[i] == f) {
          double z = w[d];
          for (int k = 0; k < d; k++) {
            z += w[k] * all[i][k];
          }
          score[i] = z;
        }
      }
    }
    double[] refScores = Arrays.copyOfRange(score, 0, x.length);
    double[] curScores = Arrays.copyOfRange(score, x.length, n);
    TestResult mw = dev.vigil.stats.TwoSampleTests.mannWhitney(curScores, refScores);
    double auc = mw.statistic() / ((double) x.length * y.length);
    // one-sided: current scores higher; halve the two-sided p on the side of the observed AUC
    double p = auc > 0.5 ? mw.pValue() / 2 : 1 - mw.pValue() / 2;
    return new TestResult("classifier", auc, Math.min(1, p), Math.abs(auc - 0.5) * 2, "out-of-fold");
  }

  /** Logistic regression on the rows not in fold {@code f}: weights then intercept, Newton's method. */
  private static double[] fitLogistic(double[][] x, int[] y, int[] fold, int f, int d) {
    double[] w = new double[d + 1];
    for (int iter = 0; iter < 25; iter++) {
      double[] g = new double[d + 1];
      double[][] h = new double[d + 1][d + 1];
      for (int i = 0; i < x.length; i++) {
        if (fold[i] == f) {
          continue;
        }
        double z = w[d];
        for (int k = 0; k < d; k++) {
          z += w[k] * x[i][k];
        }
        double pr = 1 / (1 + Math.exp(-z));
        double r = pr - y[i];
        double s = Math.max(pr * (1 - pr), 1e-12);
        for (int a = 0; a <= d; a++) {
          double xa = a == d ? 1 : x[i][a];
          g[a] += r * xa;
          for (int b = 0; b <= a; b++) {
            double xb = b == d ? 1 : x[i][b];
            h[a][b] += s * xa * xb;
          }
        }
      }
      for (int a = 0; a <= d; a++) {
        for (int b = 0; b < a; b++) {
          h[b][a] = h[a][b];
        }
        if (a < d) {
          g[a] += 1e-4 * w[a];
          h[a][a] += 1e-4;
        }
        h[a][a] += 1e-9;
      }
      double[] step;
      try {
        step = new org.hipparchus.linear.CholeskyDecomposition(new org.hipparchus.linear.Array2DRowRealMatrix(h))
            .getSolver().solve(new org.hipparchus.linear.ArrayRealVector(g)).toArray();
      } catch (org.hipparchus.exception.MathRuntimeException e) {
        break; // (near-)separable data: the current weights already separate the classes
      }
      double norm = 0;
      for (int a = 0; a <= d; a++) {
        w[a] -= step[a];
        norm += step[a] * step[a];
      }
      if (norm < 1e-16) {
        break;
      }
    }
    return w;
  }

  /**
   * Least-Squares Density Difference (Bu et al. 2016) with a permutation test. Kernel centres: a
   * seeded sample of max(m / 20, 1) reference rows, removed from the reference sample as alibi-detect
   * does; Gaussian basis exp(−‖x − c‖²/(2σ²)) with σ from the median heuristic of {@link #mmd}; h_c =
   * mean over reference of the basis at c − mean over current; H_cc' = (πσ²)^{d/2} exp(−‖c −
   * c'‖²/(4σ²)); θ = (H + λI)⁻¹h with λ = 1e-3 × mean(diag H); LSDD = 2θᵀh − θᵀHθ (an estimate of ∫(p
   * − q)²). Statistic, effect size: LSDD; p-value (k + 1)/(B + 1) over {@code permutations} seeded
   * re-splits of the non-centre rows, never 0. Rows must have equal length and finite values.
   */
  public static TestResult lsdd(double[][] reference, double[][] current, int permutations, long seed) {
    int m0 = reference.length;
    int n = current.length;
    InvalidArgumentException.check(m0 >= 3 && n >= 2, "lsdd needs at least 3 reference and 2 current rows: %d, %d", m0, n);
    InvalidArgumentException.check(permutations >= 1, "lsdd needs at least 1 permutation: %d", permutations);
    SplittableRandom rng = new SplittableRandom(seed);
    int k = Math.max(m0 / 20, 1);
    double[][] shuffled = reference.clone();
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      double[] t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    double[][] centres = Arrays.copyOf(shuffled, k);
    double[][] x = Arrays.copyOfRange(shuffled, k, m0);
    int m = x.length;
    int d = centres[0].length;
    double sigma2 = medianHeuristic(x, current, rng);
    double[][] h = new double[k][k];
    double norm = Math.pow(Math.PI * sigma2, d / 2.0);
    double diag = 0;
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        h[a][b] = norm * Math.exp(-sqDist(centres[a], centres[b]) / (4 * sigma2));
      }
      diag += h[a][a];
    }
    double lambda = 1e-3 * diag / k;
    for (int a = 0; a < k; a++) {
      h[a][a] += lambda;
    }
    org.hipparchus.linear.DecompositionSolver solver =
        new org.hipparchus.linear.LUDecomposition(new org.hipparchus.linear.Array2DRowRealMatrix(h)).getSolver();
    for (int a = 0; a < k; a++) {
      h[a][a] -= lambda;
    }
    int total = m + n;
    double[][] z = new double[total][];
    for (int i = 0; i < total; i++) {
      z[i] = i < m ? x[i] : current[i - m];
      InvalidArgumentException.check(z[i].length == d, "lsdd: rows must all have %d values, found %d", d, z[i].length);
    }
    double[][] kern = new double[k][total];
    for (int a = 0; a < k; a++) {
      for (int i = 0; i < total; i++) {
        kern[a][i] = Math.exp(-sqDist(centres[a], z[i]) / (2 * sigma2));
      }
    }
    int[] perm = new int[total];
    for (int i = 0; i < total; i++) {
      perm[i] = i;
    }
    double observed = lsddStat(kern, perm, m, solver, h);
    int exceed = 0;
    for (int p = 0; p < permutations; p++) {
      for (int i = total - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      if (lsddStat(kern, perm, m, solver, h) >= observed) {
        exceed++;
      }
    }
    return new TestResult("lsdd", observed, (exceed + 1.0) / (permutations + 1.0), observed, "permutation");
  }

  private static double lsddStat(double[][] kern, int[] perm, int m, org.hipparchus.linear.DecompositionSolver solver,
      double[][] hm) {
    int k = kern.length;
    int total = perm.length;
    double[] hv = new double[k];
    for (int a = 0; a < k; a++) {
      double sx = 0;
      double sy = 0;
      for (int i = 0; i < total; i++) {
        if (i < m) {
          sx += kern[a][perm[i]];
        } else {
          sy += kern[a][perm[i]];
        }
      }
      hv[a] = sx / m - sy / (total - m);
    }
    double[] theta = solver.solve(new org.hipparchus.linear.ArrayRealVector(hv)).toArray();
    double th = 0;
    double tht = 0;
    for (int a = 0; a < k; a++) {
      th += theta[a] * hv[a];
      double row = 0;
      for (int b = 0; b < k; b++) {
        row += hm[a][b] * theta[b];
      }
      tht += theta[a] * row;
    }
    return 2 * th - tht;
  }
}
