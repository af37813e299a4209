package dev.vigil.models.imbalance;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.imbalance.HardnessEstimator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.tribuo.classification.Label;
import org.tribuo.common.tree.TreeModel;

/**
 * imbalanced-learn's default classifier for instance hardness threshold: scikit-learn's {@code
 * RandomForestClassifier()} (100 trees, each on a bootstrap of the training rows, fully grown Gini
 * CART trying {@code floor(sqrt(d))} features per split, probabilities averaged), built from Tribuo
 * CART trees (a bootstrap becomes per-row draw counts as weights). Trees train in parallel; every
 * tree's seed is drawn from the fold's seed first, so the result does not depend on threads.
 */
public final class ForestHardness implements HardnessEstimator {
  private static final Clock EPOCH = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
  private final int trees;

  /** @param trees number of trees, in [1, 10000] (imbalanced-learn: 100) */
  public ForestHardness(int trees) {
    InvalidArgumentException.check(trees >= 1 && trees <= 10_000, "trees must be in [1, 10000]: %d", trees);
    this.trees = trees;
  }

  /** 100 trees, imbalanced-learn's default. */
  public ForestHardness() {
    this(100);
  }

  @Override
  public double[][] fitPredictProba(double[][] trainX, int[] trainY, int classes, double[][] testX, long seed) {
    int d = trainX.length == 0 ? 0 : trainX[0].length;
    List<DoubleColumn> cols = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      double[] c = new double[trainX.length];
      for (int i = 0; i < c.length; i++) {
        c[i] = trainX[i][j];
      }
      cols.add(DoubleColumn.wrap("f" + j, c));
    }
    String[] labels = new String[trainY.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = Integer.toString(trainY[i]);
    }
    BalancedEnsembles.Data data = new BalancedEnsembles.Data(Table.of(cols), labels, null, classes, EPOCH);
    int tried = Math.max(1, (int) Math.floor(Math.sqrt(d)));
    float fraction = Math.min(1f, (float) tried / d);
    SplittableRandom root = new SplittableRandom(seed);
    long[] seeds = new long[trees];
    for (int t = 0; t < trees; t++) {
      seeds[t] = root.nextLong();
    }
    int n = trainX.length;
    int[] classOf = new int[data.classes.size()];
    for (int c = 0; c < classOf.length; c++) {
      classOf[c] = Integer.parseInt(data.classes.get(c));
    }
    double[][][] per = new double[trees][][];
    IntStream.range(0, trees).parallel().forEach(t -> {
      SplittableRandom rnd = new SplittableRandom(seeds[t]);
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        w[rnd.nextInt(n)] += 1;
      }
      TreeModel<Label> tree = data.tree(Integer.MAX_VALUE, fraction, rnd.nextLong(), w);
      per[t] = data.proba(tree, testX, w);
    });
    double[][] out = new double[testX.length][classes];
    for (double[][] p : per) {
      for (int i = 0; i < testX.length; i++) {
        for (int c = 0; c < classOf.length; c++) {
          out[i][classOf[c]] += p[i][c];
        }
      }
    }
    for (double[] row : out) {
      for (int c = 0; c < classes; c++) {
        row[c] /= trees; // sum, then divide, as scikit-learn: unanimous trees give exactly 1
      }
    }
    return out;
  }

  @Override
  public String describe() {
    return "random forest (" + trees + " trees, bootstrap, max_features=sqrt, Gini)";
  }
}
