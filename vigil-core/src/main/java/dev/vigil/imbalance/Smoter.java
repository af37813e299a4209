package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.imbalance.internal.Dataset;
import dev.vigil.neighbors.Distance;
import dev.vigil.neighbors.NeighborIndex;
import dev.vigil.neighbors.NeighborOptions;
import dev.vigil.neighbors.Neighbors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SMOTER (Torgo et al. 2013): over-sampling of the rare values of a numeric regression target.
 *
 * <p>Rare values are those outside the box-plot fences {@code [Q1 - 1.5 IQR, Q3 + 1.5 IQR]}
 * (quartiles by linear interpolation, as numpy); the low and the high tail are treated as two groups.
 * Each group gets {@code ceil(oversampling × size)} synthetic rows: a random member, one of its k
 * nearest members (Euclidean on the numeric features, self excluded by row), a gap g uniform in
 * [0, 1); features {@code x_a + g (x_b - x_a)}; target the distance-weighted mean {@code (d_b y_a +
 * d_a y_b) / (d_a + d_b)} with d_a, d_b the distances of the new row to a and b (the mean of the two
 * when both are 0). Common rows are kept. Features must be numeric (double, long, boolean); the
 * target must be a double or long column without missing or NaN values.
 */
public final class Smoter {
  private Smoter() {}

  /** The result: output table (input rows, then synthetic rows), fences and counts. */
  public record Result(Table table, double lowFence, double highFence, Map<String, Long> before,
      Map<String, Long> after, long seed) {}

  /**
   * Over-samples the rare target values of {@code table}.
   *
   * @param oversampling synthetic rows per rare row, > 0 (e.g. 2 triples each tail)
   * @param k neighbours within a tail group, >= 1; a group needs more than k rows
   * @throws InvalidArgumentException when the target is not numeric or has missing/NaN values, a
   *     feature is categorical, or a tail group with rows has k or fewer (naming it and its count)
   */
  public static Result resample(Table table, String target, double oversampling, int k, long seed) {
    InvalidArgumentException.check(oversampling > 0 && Double.isFinite(oversampling),
        "oversampling must be finite and > 0: %s", oversampling);
    InvalidArgumentException.check(k >= 1, "k must be >= 1: %d", k);
    Column tc = table.column(target);
    InvalidArgumentException.check(tc instanceof DoubleColumn || tc instanceof dev.vigil.data.LongColumn,
        "target column \"%s\" must be double or long for SMOTER, not %s", target, tc.type().jsonName());
    int n = table.rowCount();
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      InvalidArgumentException.check(!tc.isMissing(i), "target column \"%s\" has %d missing values", target,
          tc.missingCount());
      y[i] = ((Number) tc.getObject(i)).doubleValue();
      InvalidArgumentException.check(Double.isFinite(y[i]), "target column \"%s\" row %d is not finite: %s",
          target, i, y[i]);
    }
    // features: every other column, via the classification reader with a dummy constant label
    Table feats = table.drop(target);
    Dataset ds = Dataset.of(feats.withColumn(dev.vigil.data.StringColumn.of("__smoter_group",
        constant(n))), "__smoter_group", null);
    InvalidArgumentException.check(!ds.anyCategorical(),
        "SMOTER interpolates numeric features; %s has categorical features", ds.featureNames);
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    double q1 = quantile(sorted, 0.25);
    double q3 = quantile(sorted, 0.75);
    double low = q1 - 1.5 * (q3 - q1);
    double high = q3 + 1.5 * (q3 - q1);
    List<int[]> groups = new ArrayList<>();
    List<String> names = List.of("low", "high");
    int[] lowRows = java.util.stream.IntStream.range(0, n).filter(i -> y[i] < low).toArray();
    int[] highRows = java.util.stream.IntStream.range(0, n).filter(i -> y[i] > high).toArray();
    groups.add(lowRows);
    groups.add(highRows);
    List<double[]> newX = new ArrayList<>();
    List<Double> newY = new ArrayList<>();
    Map<String, Long> before = new LinkedHashMap<>();
    Map<String, Long> after = new LinkedHashMap<>();
    before.put("common", (long) (n - lowRows.length - highRows.length));
    after.put("common", (long) (n - lowRows.length - highRows.length));
    for (int g = 0; g < 2; g++) {
      int[] rows = groups.get(g);
      before.put(names.get(g), (long) rows.length);
      if (rows.length == 0) {
        after.put(names.get(g), 0L);
        continue;
      }
      InvalidArgumentException.check(rows.length > k,
          "SMOTER: the %s tail has %d rows; k = %d neighbours need at least %d", names.get(g), rows.length, k, k + 1);
      double[][] pts = ds.rowsX(rows);
      Neighbors nb = NeighborIndex.build(pts, Distance.euclidean(), NeighborOptions.defaults()).queryMembers(k);
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + g + 1);
      int count = (int) Math.ceil(oversampling * rows.length);
      for (int s = 0; s < count; s++) {
        int a = rnd.nextInt(rows.length);
        int b = nb.index(a, rnd.nextInt(k));
        double gap = rnd.nextDouble();
        double[] xa = pts[a];
        double[] xb = pts[b];
        double[] x = new double[xa.length];
        for (int j = 0; j < x.length; j++) {
          x[j] = xa[j] + gap * (xb[j] - xa[j]);
        }
        double da = Distance.euclidean().between(x, xa);
        double db = Distance.euclidean().between(x, xb);
        double ya = y[rows[a]];
        double yb = y[rows[b]];
        newX.add(x);
        newY.add(da + db == 0 ? (ya + yb) / 2 : (db * ya + da * yb) / (da + db));
      }
      after.put(names.get(g), (long) rows.length + count);
    }
    int m = newX.size();
    List<Column> cols = new ArrayList<>();
    int f = 0;
    for (Column c : table.columns()) {
      double[] v = new double[n + m];
      if (c.name().equals(target)) {
        System.arraycopy(y, 0, v, 0, n);
        for (int i = 0; i < m; i++) {
          v[n + i] = newY.get(i);
        }
      } else {
        for (int i = 0; i < n; i++) {
          v[i] = ds.x[i][f];
        }
        for (int i = 0; i < m; i++) {
          v[n + i] = newX.get(i)[f];
        }
        f++;
      }
      cols.add(DoubleColumn.of(c.name(), v));
    }
    return new Result(Table.of(cols), low, high, before, after, seed);
  }

  private static String[] constant(int n) {
    String[] s = new String[n];
    Arrays.fill(s, "all");
    return s;
  }

  /** numpy's default (linear) quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
