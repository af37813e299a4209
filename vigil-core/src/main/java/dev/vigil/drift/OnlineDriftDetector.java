package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import dev.vigil.drift.internal.ErtCalibration;
import dev.vigil.drift.internal.OnlineCvmStatistic;
import dev.vigil.drift.internal.OnlineLsddStatistic;
import dev.vigil.drift.internal.OnlineMmdStatistic;
import dev.vigil.drift.internal.WindowStatistic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Online drift detectors on a sliding window of the last w rows against a fixed reference, with
 * thresholds calibrated by simulation on the reference so that, under no change, the Expected Run
 * Time (ERT: the mean number of rows until a false alarm) is the one asked for. They follow
 * alibi-detect's {@code MMDDriftOnline}, {@code LSDDDriftOnline} and {@code CVMDriftOnline}.
 *
 * <ul>
 *   <li>{@code mmd}: MMD² with a Gaussian kernel, σ² = median squared distance / 2 over the reference
 *       (standardised by its mean and standard deviation per column; a constant column by 1). The
 *       n × n kernel matrix of the reference is cached, so at most {@link Options#maxReferenceRows()}
 *       reference rows are used (a seeded sample, 2,000 by default; 32 MB).
 *   <li>{@code lsdd}: Least-Squares Density Difference on 2w kernel centres drawn from the reference
 *       and set apart from it (alibi-detect's default), same standardisation and σ as mmd; basis and
 *       regularisation as the offline {@link MultivariateDrift#lsdd}.
 *   <li>{@code cvm}: the two-sample Cramér–von Mises statistic per column on raw values; with several
 *       columns the statistic is the largest per-column value and its threshold is calibrated on the
 *       joint rows, which keeps the ERT for any dependence between columns (alibi-detect instead
 *       splits the false-positive rate across features).
 * </ul>
 *
 * <p><b>Procedure.</b> The window fills with the stream's first w rows; from the w-th row on, each
 * row is a test of the last w rows against the whole reference, so the run time counts from the
 * first row and is at least w (alibi-detect's univariate detectors count from the first full window;
 * its multivariate ones pre-fill the window with reference rows, which makes every run depend on
 * those few rows). Thresholds per test s = 1, 2, ... come from {@link #thresholds()}: bootstrap splits
 * of the reference into a sub-reference and a held-out stream of 5w − 1 rows, overlapping windows,
 * conditional (1 − p) quantiles of the statistic given no earlier detection for s &lt; 2w, and from s
 * = 2w one stationary threshold at which the pooled conditional alarm rate over tests 2w..4w is p,
 * with p = 1/(ERT − w + 1) so that the mean run time is ERT (details: {@code ErtCalibration}). The
 * detector fires when the statistic exceeds the threshold; it then starts afresh with an empty
 * window.
 *
 * <p>Rows must have the reference's column count and finite values; ERT must exceed w; the reference needs at
 * least 5w − 1 + max(10, w) rows (after leaving out lsdd's centres). Not thread-safe.
 */
public final class OnlineDriftDetector implements OnlineDetector {
  /**
   * Settings.
   *
   * @param ert the expected run time under no change, in rows, &gt; 1
   * @param windowSize rows in the test window w ≥ 2 (10 by default)
   * @param bootstraps bootstrap streams of the calibration, ≥ 100, or 0 for max(2000, 25 × ERT)
   * @param seed seed of the calibration, of mmd's reference sample and of lsdd's kernel centres
   * @param maxReferenceRows mmd's cap on reference rows (a seeded sample above it), ≥ 10
   */
  public record Options(double ert, int windowSize, int bootstraps, long seed, int maxReferenceRows) {
    public Options {
      InvalidArgumentException.check(ert > 1 && Double.isFinite(ert), "ert must be a finite number > 1: %s", ert);
      InvalidArgumentException.check(windowSize >= 2, "window size must be >= 2: %d", windowSize);
      InvalidArgumentException.check(bootstraps == 0 || bootstraps >= 100, "bootstraps must be 0 (automatic) or >= 100: %d", bootstraps);
      InvalidArgumentException.check(maxReferenceRows >= 10, "max reference rows must be >= 10: %d", maxReferenceRows);
    }

    /** ERT {@code ert}, window 10, automatic bootstraps, seed 42, mmd reference cap 2,000. */
    public static Options of(double ert) {
      return new Options(ert, 10, 0, 42, 2000);
    }

    public Options withWindowSize(int w) {
      return new Options(ert, w, bootstraps, seed, maxReferenceRows);
    }

    public Options withBootstraps(int b) {
      return new Options(ert, windowSize, b, seed, maxReferenceRows);
    }

    public Options withSeed(long s) {
      return new Options(ert, windowSize, bootstraps, s, maxReferenceRows);
    }

    public Options withMaxReferenceRows(int m) {
      return new Options(ert, windowSize, bootstraps, seed, m);
    }

    /** The bootstraps actually used. */
    public int effectiveBootstraps() {
      return bootstraps == 0 ? ErtCalibration.defaultBootstraps(ert) : bootstraps;
    }
  }

  private final String name;
  private final Options options;
  private final int d;
  private final double[] mean;
  private final double[] scale;
  private final WindowStatistic.State state;
  private final double[] thresholds;
  private final int referenceRows;
  private long t;
  private double last = Double.NaN;
  private double lastThreshold = Double.NaN;

  private OnlineDriftDetector(String name, Options options, int d, double[] mean, double[] scale,
      WindowStatistic stat, double[] thresholds, int referenceRows) {
    this.name = name;
    this.options = options;
    this.d = d;
    this.mean = mean;
    this.scale = scale;
    this.state = stat.start(options.windowSize());
    this.thresholds = thresholds;
    this.referenceRows = referenceRows;
  }

  /** Online MMD on the reference rows {@code reference} (n × d). */
  public static OnlineDriftDetector mmd(double[][] reference, Options o) {
    return build("mmd", reference, o);
  }

  /** Online LSDD on the reference rows {@code reference} (n × d). */
  public static OnlineDriftDetector lsdd(double[][] reference, Options o) {
    return build("lsdd", reference, o);
  }

  /** Online Cramér–von Mises on the reference rows {@code reference} (n × d, each column tested). */
  public static OnlineDriftDetector cvm(double[][] reference, Options o) {
    return build("cvm", reference, o);
  }

  /** {@code mmd}, {@code lsdd} or {@code cvm}. */
  public static OnlineDriftDetector named(String name, double[][] reference, Options o) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    InvalidArgumentException.check(n.equals("mmd") || n.equals("lsdd") || n.equals("cvm"),
        "unknown calibrated online detector \"%s\": expected mmd, lsdd or cvm", name);
    return build(n, reference, o);
  }

  /** True for the detectors that need a reference and an ERT ({@code mmd}, {@code lsdd}, {@code cvm}). */
  public static boolean isCalibrated(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return n.equals("mmd") || n.equals("lsdd") || n.equals("cvm");
  }

  private static OnlineDriftDetector build(String name, double[][] reference, Options o) {
    InvalidArgumentException.check(reference != null && reference.length > 0, "%s: the reference has no rows", name);
    int d = reference[0].length;
    InvalidArgumentException.check(d >= 1, "%s: the reference has no columns", name);
    for (int i = 0; i < reference.length; i++) {
      InvalidArgumentException.check(reference[i].length == d, "%s: reference row %d has %d values, expected %d",
          name, i, reference[i].length, d);
      for (int j = 0; j < d; j++) {
        InvalidArgumentException.check(Double.isFinite(reference[i][j]),
            "%s: reference row %d, column %d holds a non-finite value %s", name, i, j, reference[i][j]);
      }
    }
    int w = o.windowSize();
    SplittableRandom rng = new SplittableRandom(o.seed());
    double[][] x = shuffled(reference, rng);
    if (name.equals("mmd") && x.length > o.maxReferenceRows()) {
      x = Arrays.copyOf(x, o.maxReferenceRows());
    }
    double[] mean = null;
    double[] scale = null;
    WindowStatistic stat;
    if (name.equals("cvm")) {
      stat = new OnlineCvmStatistic(x);
    } else {
      mean = new double[d];
      scale = new double[d];
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (double[] r : x) {
          s += r[j];
        }
        mean[j] = s / x.length;
        double v = 0;
        for (double[] r : x) {
          v += (r[j] - mean[j]) * (r[j] - mean[j]);
        }
        double sd = x.length > 1 ? Math.sqrt(v / (x.length - 1)) : 0;
        scale[j] = sd > 0 ? sd : 1;
      }
      double[][] z = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        z[i] = standardise(x[i], mean, scale);
      }
      int half = z.length / 2;
      InvalidArgumentException.check(half >= 1, "%s needs at least 2 reference rows: %d", name, z.length);
      double sigma2 = MultivariateDrift.medianHeuristic(Arrays.copyOf(z, half), Arrays.copyOfRange(z, half, z.length), rng);
      if (name.equals("mmd")) {
        stat = new OnlineMmdStatistic(z, sigma2);
      } else {
        int c = 2 * w;
        InvalidArgumentException.check(z.length > c, "lsdd needs more than %d reference rows (2w kernel centres): %d", c, z.length);
        stat = new OnlineLsddStatistic(Arrays.copyOfRange(z, c, z.length), Arrays.copyOf(z, c), sigma2);
      }
    }
    double[] thr = ErtCalibration.thresholds(stat, w, o.ert(), o.effectiveBootstraps(), rng);
    return new OnlineDriftDetector(name, o, d, mean, scale, stat, thr, x.length);
  }

  private static double[][] shuffled(double[][] r, SplittableRandom rng) {
    double[][] x = r.clone();
    for (int i = x.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      double[] t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
    return x;
  }

  private static double[] standardise(double[] r, double[] mean, double[] scale) {
    double[] z = new double[r.length];
    for (int j = 0; j < r.length; j++) {
      z[j] = (r[j] - mean[j]) / scale[j];
    }
    return z;
  }

  /** Feeds one row of d values; true when the detector fires at this row (it then starts afresh). */
  public boolean update(double[] row) {
    InvalidArgumentException.check(row.length == d, "%s: a row must have %d values, found %d", name, d, row.length);
    for (int j = 0; j < d; j++) {
      InvalidArgumentException.check(Double.isFinite(row[j]), "%s: value %d of the row is not finite: %s", name, j, row[j]);
    }
    double s = state.push(mean == null ? row.clone() : standardise(row, mean, scale));
    t++;
    last = s;
    if (Double.isNaN(s)) {
      lastThreshold = Double.NaN;
      return false;
    }
    long test = t - options.windowSize() + 1;
    lastThreshold = thresholds[(int) Math.min(test, thresholds.length) - 1];
    if (s > lastThreshold) {
      state.reset();
      t = 0;
      return true;
    }
    return false;
  }

  /** Starts afresh with an empty window (as after a detection). */
  public void reset() {
    state.reset();
    t = 0;
  }

  /** One value, for a single-column reference. */
  @Override
  public boolean update(double x) {
    InvalidArgumentException.check(d == 1, "%s: the reference has %d columns; feed rows with update(double[])", name, d);
    return update(new double[] {x});
  }

  @Override
  public String name() {
    return name;
  }

  /** The statistic of the last row fed (NaN while the window is not full). */
  public double statistic() {
    return last;
  }

  /** The threshold the last row's statistic was compared with (NaN while the window is not full). */
  public double threshold() {
    return lastThreshold;
  }

  /** Thresholds of tests s = 1, 2, ... (test s is at the (w − 1 + s)-th row since the start); the last holds for every later s. */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** The settings. */
  public Options options() {
    return options;
  }

  /** Reference rows used (after mmd's cap, including lsdd's kernel centres). */
  public int referenceRows() {
    return referenceRows;
  }

  /** Columns per row. */
  public int columns() {
    return d;
  }

  /** Runs {@code detector} over {@code rows} and returns every change point (value: the statistic). */
  public static List<ChangePoint> run(OnlineDriftDetector detector, double[][] rows) {
    List<ChangePoint> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      if (detector.update(rows[i])) {
        out.add(new ChangePoint(i, detector.statistic(), detector.name()));
      }
    }
    return out;
  }
}
