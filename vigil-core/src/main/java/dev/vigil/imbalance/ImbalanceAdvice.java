package dev.vigil.imbalance;

import dev.vigil.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of {@link Advisor#advise}: per method, cross-validated metrics of the fixed model on
 * untouched test folds, and the recommended method.
 *
 * @param minorityClass the class with the fewest samples
 * @param folds number of folds
 * @param seed seed of the fold split and of the random methods
 * @param rows one row per method, in the order run
 * @param recommended the method name with the best mean balanced accuracy (ties: higher PR-AUC, then
 *     earlier in the list)
 */
public record ImbalanceAdvice(String minorityClass, int folds, long seed, List<Row> rows, String recommended) {

  /**
   * Mean over folds.
   *
   * @param method method name ({@code none}, {@code class-weights}, {@code focal-loss}, a resampler's CLI name,
   *     {@code under-then-fine-tune}, {@code scheduled-weights})
   * @param minorityRecall recall of the minority class
   * @param minorityPrAuc average precision of the minority class
   * @param balancedAccuracy mean recall over classes
   * @param seconds wall time per fold (resampling + training + scoring); measured with the JVM clock,
   *     so not reproducible
   * @param error why the method could not run on this data, else null
   */
  public record Row(String method, double minorityRecall, double minorityPrAuc, double balancedAccuracy,
      double seconds, String error) {}

  /** A report: data keys {@code minority_class}, {@code folds}, {@code seed}, {@code recommended}, {@code methods}. */
  public Report toReport() {
    Report.Builder b = Report.builder("imbalance_advice", "Imbalance handling compared by " + folds + "-fold cross-validation");
    b.put("minority_class", minorityClass);
    b.put("folds", folds);
    b.put("seed", seed);
    b.put("recommended", recommended);
    List<Map<String, Object>> ms = new ArrayList<>();
    List<List<String>> table = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("method", r.method());
      m.put("minority_recall", nan(r.minorityRecall()));
      m.put("minority_pr_auc", nan(r.minorityPrAuc()));
      m.put("balanced_accuracy", nan(r.balancedAccuracy()));
      m.put("seconds", r.seconds());
      m.put("error", r.error());
      ms.add(m);
      table.add(List.of(r.method() + (r.method().equals(recommended) ? " *" : ""), f(r.minorityRecall()),
          f(r.minorityPrAuc()), f(r.balancedAccuracy()), String.format(Locale.ROOT, "%.2f", r.seconds()),
          r.error() == null ? "" : r.error()));
    }
    b.put("methods", ms);
    b.paragraph("Model: multinomial logistic regression (standardised features, Adam, 200 epochs). "
        + "Resampling is applied to the training folds only; test folds keep the original distribution.");
    b.table("Methods (minority class \"" + minorityClass + "\")",
        List.of("method", "minority recall", "minority PR-AUC", "balanced accuracy", "seconds", "note"), table);
    b.keyValues("recommended", recommended);
    return b.build();
  }

  private static Object nan(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }
}
