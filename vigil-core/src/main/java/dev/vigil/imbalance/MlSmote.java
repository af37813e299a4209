package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.neighbors.Distance;
import dev.vigil.neighbors.NeighborIndex;
import dev.vigil.neighbors.NeighborOptions;
import dev.vigil.neighbors.Neighbors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * MLSMOTE (Charte et al. 2015): over-sampling for multi-label data, where each row may carry
 * several labels (boolean or 0/1 long columns).
 *
 * <p>The imbalance ratio of label l is {@code IRLbl(l) = max_j n_j / n_l} (n = rows carrying the
 * label); labels with IRLbl above the mean are minority labels. For each minority label, in column
 * order, every row carrying it makes one synthetic row: features interpolated towards one of its k
 * nearest rows carrying the same label (Euclidean, self excluded by row, gap uniform in [0, 1));
 * labels by the paper's ranking rule: a label is set when more than half of the row and its k
 * neighbours carry it. Features must be numeric without missing or NaN values. The stream of label
 * l is seeded from (seed, l).
 */
public final class MlSmote {
  private MlSmote() {}

  /** Output table (input rows, then synthetic rows), the minority labels, and rows per label before and after. */
  public record Result(Table table, List<String> minorityLabels, Map<String, Long> before, Map<String, Long> after,
      long seed) {}

  /**
   * @throws InvalidArgumentException for fewer than 2 label columns, a label column that is not
   *     boolean or 0/1, a non-numeric or missing/NaN feature, or a minority label carried by k rows
   *     or fewer (naming it and its count)
   */
  public static Result resample(Table table, List<String> labels, int k, long seed) {
    InvalidArgumentException.check(labels.size() >= 2, "MLSMOTE needs at least 2 label columns: %s", labels);
    InvalidArgumentException.check(k >= 1, "k must be >= 1: %d", k);
    int n = table.rowCount();
    int nl = labels.size();
    boolean[][] lab = new boolean[n][nl];
    long[] count = new long[nl];
    for (int l = 0; l < nl; l++) {
      Column c = table.column(labels.get(l));
      InvalidArgumentException.check(c.missingCount() == 0, "label column \"%s\" has %d missing values",
          labels.get(l), c.missingCount());
      for (int i = 0; i < n; i++) {
        boolean v;
        if (c instanceof BooleanColumn b) {
          v = b.get(i);
        } else if (c instanceof LongColumn lc && (lc.get(i) == 0 || lc.get(i) == 1)) {
          v = lc.get(i) == 1;
        } else {
          throw new InvalidArgumentException("label column \"" + labels.get(l) + "\" must be boolean or 0/1 long; row "
              + i + " is " + c.getObject(i));
        }
        lab[i][l] = v;
        if (v) {
          count[l]++;
        }
      }
    }
    List<String> featureNames = new ArrayList<>();
    for (String name : table.columnNames()) {
      if (!labels.contains(name)) {
        featureNames.add(name);
      }
    }
    InvalidArgumentException.check(!featureNames.isEmpty(), "MLSMOTE needs feature columns besides the labels");
    int d = featureNames.size();
    double[][] x = new double[n][d];
    for (int j = 0; j < d; j++) {
      Column c = table.column(featureNames.get(j));
      InvalidArgumentException.check(c.missingCount() == 0, "feature column \"%s\" has %d missing values",
          featureNames.get(j), c.missingCount());
      for (int i = 0; i < n; i++) {
        Object o = c.getObject(i);
        double v = o instanceof Number num ? num.doubleValue() : o instanceof Boolean b ? (b ? 1 : 0) : Double.NaN;
        InvalidArgumentException.check(Double.isFinite(v), "feature column \"%s\" row %d must be a finite number: %s",
            featureNames.get(j), i, o);
        x[i][j] = v;
      }
    }
    long max = 0;
    for (long c : count) {
      max = Math.max(max, c);
    }
    double[] ir = new double[nl];
    double mean = 0;
    for (int l = 0; l < nl; l++) {
      ir[l] = count[l] == 0 ? Double.POSITIVE_INFINITY : max / (double) count[l];
      mean += count[l] == 0 ? 0 : ir[l] / nl;
    }
    List<double[]> newX = new ArrayList<>();
    List<boolean[]> newL = new ArrayList<>();
    List<String> minority = new ArrayList<>();
    for (int l = 0; l < nl; l++) {
      if (count[l] == 0 || ir[l] <= mean) {
        continue;
      }
      minority.add(labels.get(l));
      InvalidArgumentException.check(count[l] > k,
          "MLSMOTE: minority label \"%s\" is carried by %d rows; k = %d neighbours need at least %d",
          labels.get(l), count[l], k, k + 1);
      int[] bag = new int[(int) count[l]];
      int b = 0;
      for (int i = 0; i < n; i++) {
        if (lab[i][l]) {
          bag[b++] = i;
        }
      }
      double[][] pts = new double[bag.length][];
      for (int i = 0; i < bag.length; i++) {
        pts[i] = x[bag[i]];
      }
      Neighbors nb = NeighborIndex.build(pts, Distance.euclidean(), NeighborOptions.defaults()).queryMembers(k);
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + l + 1);
      for (int i = 0; i < bag.length; i++) {
        int j = nb.index(i, rnd.nextInt(k));
        double gap = rnd.nextDouble();
        double[] row = new double[d];
        for (int t = 0; t < d; t++) {
          row[t] = pts[i][t] + gap * (pts[j][t] - pts[i][t]);
        }
        boolean[] ls = new boolean[nl];
        for (int t = 0; t < nl; t++) {
          int votes = lab[bag[i]][t] ? 1 : 0;
          for (int q = 0; q < k; q++) {
            votes += lab[bag[nb.index(i, q)]][t] ? 1 : 0;
          }
          ls[t] = votes * 2 > k + 1;
        }
        newX.add(row);
        newL.add(ls);
      }
    }
    int m = newX.size();
    List<Column> cols = new ArrayList<>();
    Map<String, Long> before = new LinkedHashMap<>();
    Map<String, Long> after = new LinkedHashMap<>();
    for (Column c : table.columns()) {
      int l = labels.indexOf(c.name());
      if (l >= 0) {
        boolean[] v = new boolean[n + m];
        long cnt = 0;
        for (int i = 0; i < n + m; i++) {
          v[i] = i < n ? lab[i][l] : newL.get(i - n)[l];
          cnt += v[i] ? 1 : 0;
        }
        before.put(c.name(), count[l]);
        after.put(c.name(), cnt);
        cols.add(BooleanColumn.of(c.name(), v));
      } else {
        int j = featureNames.indexOf(c.name());
        double[] v = new double[n + m];
        for (int i = 0; i < n + m; i++) {
          v[i] = i < n ? x[i][j] : newX.get(i - n)[j];
        }
        cols.add(DoubleColumn.of(c.name(), v));
      }
    }
    return new Result(Table.of(cols), List.copyOf(minority), before, after, seed);
  }
}
