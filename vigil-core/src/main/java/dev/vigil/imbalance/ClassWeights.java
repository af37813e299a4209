package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.imbalance.internal.Labels;
import dev.vigil.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A weight per class, for a loss that weights each sample by its class.
 *
 * <ul>
 *   <li>{@link #balanced}: scikit-learn's {@code compute_class_weight("balanced")}, {@code n /
 *       (classes × n_c)};
 *   <li>{@link #effectiveNumber}: Cui et al. 2019, {@code (1 - β) / (1 - β^n_c)}, scaled so the
 *       weights sum to the number of classes; β in [0, 1) (β = 0 gives equal weights, β → 1
 *       approaches inverse frequency);
 *   <li>{@link #fromCostMatrix}: {@code cost[c][j]} is the cost of predicting j for a sample of
 *       class c (diagonal ignored); a class weighs its mean misclassification cost, scaled so the
 *       weights average 1.
 * </ul>
 *
 * @param scheme {@code balanced}, {@code effective_number} or {@code cost_matrix}
 * @param classes classes in ascending label order
 * @param counts samples per class (0 for a cost matrix)
 * @param weights weight per class, same order
 * @param beta β for the effective number, else NaN
 */
public record ClassWeights(String scheme, List<String> classes, long[] counts, double[] weights, double beta) {

  /** As scikit-learn's {@code compute_class_weight("balanced", ...)}. @throws InvalidArgumentException for a class with no samples */
  public static ClassWeights balanced(List<String> classes, long[] counts) {
    check(classes, counts);
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    double[] w = new double[counts.length];
    for (int c = 0; c < w.length; c++) {
      w[c] = n / (double) (counts.length * counts[c]);
    }
    return new ClassWeights("balanced", List.copyOf(classes), counts.clone(), w, Double.NaN);
  }

  /** Balanced weights of the classes of {@code label} in {@code table}. */
  public static ClassWeights balanced(Table table, String label) {
    Labels l = Labels.read(table, label);
    return balanced(l.classes(), l.counts());
  }

  /**
   * Effective-number weights.
   *
   * @throws InvalidArgumentException when β is not in [0, 1) or a class has no samples
   */
  public static ClassWeights effectiveNumber(List<String> classes, long[] counts, double beta) {
    check(classes, counts);
    InvalidArgumentException.check(beta >= 0 && beta < 1, "beta must be in [0, 1): %s", beta);
    double[] w = new double[counts.length];
    double sum = 0;
    for (int c = 0; c < w.length; c++) {
      double eff = (1 - Math.pow(beta, counts[c])) / (1 - beta);
      w[c] = 1 / eff;
      sum += w[c];
    }
    for (int c = 0; c < w.length; c++) {
      w[c] *= counts.length / sum;
    }
    return new ClassWeights("effective_number", List.copyOf(classes), counts.clone(), w, beta);
  }

  public static ClassWeights effectiveNumber(Table table, String label, double beta) {
    Labels l = Labels.read(table, label);
    return effectiveNumber(l.classes(), l.counts(), beta);
  }

  /**
   * Weights from a misclassification cost matrix.
   *
   * @throws InvalidArgumentException when the matrix is not square over the classes, a cost is
   *     negative or not finite, or every off-diagonal cost is 0
   */
  public static ClassWeights fromCostMatrix(List<String> classes, double[][] cost) {
    int k = classes.size();
    InvalidArgumentException.check(k >= 2, "a cost matrix needs at least 2 classes: %s", classes);
    InvalidArgumentException.check(cost.length == k, "cost matrix has %d rows, expected %d (one per class)",
        cost.length, k);
    double[] w = new double[k];
    double total = 0;
    for (int c = 0; c < k; c++) {
      InvalidArgumentException.check(cost[c].length == k, "cost matrix row %d has %d entries, expected %d",
          c, cost[c].length, k);
      for (int j = 0; j < k; j++) {
        InvalidArgumentException.check(Double.isFinite(cost[c][j]) && cost[c][j] >= 0,
            "cost[%d][%d] must be finite and >= 0: %s", c, j, cost[c][j]);
        if (j != c) {
          w[c] += cost[c][j] / (k - 1);
        }
      }
      total += w[c];
    }
    InvalidArgumentException.check(total > 0, "every misclassification cost is 0");
    for (int c = 0; c < k; c++) {
      w[c] *= k / total;
    }
    return new ClassWeights("cost_matrix", List.copyOf(classes), new long[k], w, Double.NaN);
  }

  private static void check(List<String> classes, long[] counts) {
    InvalidArgumentException.check(classes.size() == counts.length, "%d classes but %d counts",
        classes.size(), counts.length);
    InvalidArgumentException.check(classes.size() >= 1, "class weights need at least one class");
    for (int c = 0; c < counts.length; c++) {
      InvalidArgumentException.check(counts[c] > 0, "class \"%s\" has %d samples; every class needs at least 1",
          classes.get(c), counts[c]);
    }
  }

  /** The weight of class {@code label}. @throws InvalidArgumentException for an unknown class */
  public double weight(String label) {
    int c = classes.indexOf(label);
    InvalidArgumentException.check(c >= 0, "class \"%s\" has no weight; classes are %s", label, classes);
    return weights[c];
  }

  /** Weights as a map, class order. */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      m.put(classes.get(c), weights[c]);
    }
    return m;
  }

  /**
   * The per-sample weight column {@code name} for the rows of {@code table}: each row's class
   * weight, multiplied by the existing weight in column {@code baseWeight} when that is not null.
   */
  public DoubleColumn sampleWeights(Table table, String label, String name, String baseWeight) {
    Labels l = Labels.read(table, label);
    double[] base = null;
    if (baseWeight != null) {
      DoubleColumn b = table.doubleColumn(baseWeight);
      base = b.toArray();
    }
    double[] w = new double[table.rowCount()];
    for (int i = 0; i < w.length; i++) {
      w[i] = weight(l.classes().get(l.y()[i])) * (base == null ? 1 : base[i]);
    }
    return DoubleColumn.of(name, w);
  }

  /** A report: data keys {@code scheme}, {@code beta} (null unless effective number), {@code classes} (list of {@code class}, {@code count}, {@code weight}). */
  public Report toReport() {
    Report.Builder b = Report.builder("class_weights", "Class weights (" + scheme + ")");
    b.put("scheme", scheme);
    b.put("beta", Double.isNaN(beta) ? null : beta);
    List<Map<String, Object>> cls = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("class", classes.get(c));
      m.put("count", counts[c]);
      m.put("weight", weights[c]);
      cls.add(m);
      rows.add(List.of(classes.get(c), Long.toString(counts[c]), String.format(Locale.ROOT, "%.6g", weights[c])));
    }
    b.put("classes", cls);
    b.table("Weight per class", List.of("class", "count", "weight"), rows);
    return b.build();
  }
}
