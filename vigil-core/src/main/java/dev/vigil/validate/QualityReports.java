package dev.vigil.validate;

import dev.vigil.profile.ColumnProfile;
import dev.vigil.profile.FrequentItem;
import dev.vigil.profile.Histogram;
import dev.vigil.profile.TableProfile;
import dev.vigil.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link Report}s of the data-quality commands. JSON fields (snake_case, a contract):
 *
 * <ul>
 *   <li>{@code profile}: {@code source}, {@code rows}, {@code columns[]} with {@code name, type,
 *       count, missing, completeness, distinct, mean, std, min, max, quantiles {p0..p100}, top [{value,
 *       count}], histogram {edges, counts}}, and for text {@code length}, {@code patterns}.
 *   <li>{@code validation}: {@code source}, {@code rows}, {@code passed}, {@code failed},
 *       {@code results[]} with {@code name, kind, columns, severity, outcome (passed|failed|error),
 *       observed, failing_rows, evaluated_rows, examples[], message}, {@code quarantined_rows}.
 *   <li>{@code skew}: {@code training}, {@code serving}, {@code skewed}, {@code features[]} with
 *       {@code name, presence, measure, distance, threshold, noise_floor, skewed, training_count,
 *       serving_count, out_of_range, problems[]}, and {@code join} when an id was given.
 * </ul>
 */
public final class QualityReports {
  private QualityReports() {}

  /** A profile report with per-column cards (key values, histogram chart, top values). */
  public static Report profile(TableProfile p, String source) {
    Report.Builder b = Report.builder("profile", "Profile of " + source).put("source", source).put("rows", p.rows());
    List<Object> cols = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (ColumnProfile c : p.columns()) {
      cols.add(TableProfile.summary(c));
      boolean ts = c.type() == dev.vigil.data.ColumnType.TIMESTAMP && c.moments().count() > 0;
      rows.add(List.of(c.name(), c.type().jsonName(), Long.toString(c.count()), Long.toString(c.missing()),
          Long.toString(c.distinct()), ts ? TableProfile.micros(c.mean()) : f(c.mean()), ts ? "" : f(c.std()),
          ts ? TableProfile.micros(c.min()) : f(c.min()), ts ? TableProfile.micros(c.max()) : f(c.max())));
    }
    b.put("columns", cols);
    b.keyValues("source", source, "rows", Long.toString(p.rows()), "columns", Integer.toString(p.columns().size()));
    b.table("Columns", List.of("column", "type", "count", "missing", "distinct", "mean", "std", "min", "max"), rows);
    for (ColumnProfile c : p.columns()) {
      b.heading(c.name() + " (" + c.type().jsonName() + ")");
      List<String> kv = new ArrayList<>(List.of("completeness", String.format(Locale.ROOT, "%.4f", c.completeness()),
          "distinct", c.distinct() + (c.distinctIsExact() ? "" : " (estimate)")));
      if (c.hasQuantiles() && c.moments().count() > 0) {
        kv.addAll(List.of("mean", f(c.mean()), "std", f(c.std()), "p5 / p50 / p95",
            f(c.quantile(0.05)) + " / " + f(c.quantile(0.5)) + " / " + f(c.quantile(0.95))));
      }
      if (c.lengths().count() > 0) {
        kv.addAll(List.of("length min / mean / max", f(c.lengths().min()) + " / " + f(c.lengths().mean()) + " / " + f(c.lengths().max())));
      }
      b.keyValues(kv.toArray(new String[0]));
      if (c.hasQuantiles() && c.moments().count() > 0) {
        Histogram h = c.histogram(20);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i + 1 < h.edges().length; i++) {
          labels.add(c.type() == dev.vigil.data.ColumnType.TIMESTAMP ? TableProfile.micros(h.edges()[i]) : f(h.edges()[i]));
        }
        double[] counts = h.counts().clone();
        for (int i = 0; i < counts.length; i++) {
          counts[i] = Math.rint(counts[i]);
        }
        b.add(new Report.Chart("Histogram of " + c.name(), Report.ChartType.BAR, c.name(), "rows", labels,
            List.of(new Report.Series("rows", counts))));
      }
      List<FrequentItem> top = c.top(10);
      if (!top.isEmpty() && !(c.hasQuantiles() && c.distinct() > 50)) {
        List<List<String>> tr = new ArrayList<>();
        for (FrequentItem i : top) {
          tr.add(List.of(i.value(), Long.toString(i.count())));
        }
        b.table("Top values of " + c.name(), List.of("value", "count"), tr);
      }
    }
    return b.build();
  }

  /** A validation report: counts, then one row per check, failures first (red/amber/green via notices). */
  public static Report validation(ValidationResult r, String source, long quarantined) {
    Report.Builder b = Report.builder("validation", "Validation of " + source).put("source", source).put("rows", r.rows());
    long failed = r.failedCount();
    b.put("passed", r.results().size() - failed).put("failed", failed);
    List<Object> res = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (CheckResult c : r.results()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.check().name());
      m.put("kind", c.check().kind().jsonName());
      m.put("columns", c.check().columns());
      m.put("severity", c.check().severity().jsonName());
      m.put("outcome", c.outcome().jsonName());
      m.put("observed", Double.isFinite(c.observed()) ? c.observed() : null);
      m.put("failing_rows", c.failingRows());
      m.put("evaluated_rows", c.evaluatedRows());
      m.put("examples", c.examples());
      m.put("message", c.message());
      res.add(m);
    }
    b.put("results", res);
    b.put("quarantined_rows", quarantined);
    b.keyValues("source", source, "rows", Long.toString(r.rows()), "checks", Integer.toString(r.results().size()),
        "failed", Long.toString(failed), "quarantined rows", Long.toString(quarantined));
    List<CheckResult> ordered = new ArrayList<>(r.results());
    ordered.sort((x, y) -> Integer.compare(rank(x), rank(y)));
    for (CheckResult c : ordered) {
      String status = !c.failed() ? "ok" : c.check().severity() == Severity.ERROR ? "FAIL" : "warn";
      rows.add(List.of(status, c.check().name(), c.check().severity().jsonName(), Long.toString(c.failingRows()),
          c.examples().isEmpty() ? "" : rowsOf(c), c.message()));
    }
    for (CheckResult c : ordered) {
      if (c.failed()) {
        b.notice(c.check().severity().status(), c.check().name() + ": " + c.message());
      }
    }
    if (failed == 0) {
      b.notice(Report.Status.OK, "all " + r.results().size() + " checks passed");
    }
    b.table("Checks", List.of("status", "check", "severity", "failing rows", "example rows", "message"), rows);
    return b.build();
  }

  private static int rank(CheckResult c) {
    return !c.failed() ? 2 : c.check().severity() == Severity.ERROR ? 0 : 1;
  }

  private static String rowsOf(CheckResult c) {
    List<String> s = new ArrayList<>();
    for (Map<String, Object> e : c.examples()) {
      s.add(String.valueOf(e.get("row")));
    }
    return String.join(", ", s);
  }

  /** A skew report; status error when a feature is skewed. */
  public static Report skew(List<FeatureSkew> features, JoinSkew join, String training, String serving) {
    Report.Builder b = Report.builder("skew", "Training/serving skew").put("training", training).put("serving", serving);
    long skewed = features.stream().filter(FeatureSkew::skewed).count();
    b.put("skewed", skewed);
    List<Object> fs = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (FeatureSkew f : features) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("presence", f.presence());
      m.put("measure", f.measure());
      m.put("distance", num(f.distance()));
      m.put("threshold", num(f.threshold()));
      m.put("noise_floor", num(f.noiseFloor()));
      m.put("skewed", f.skewed());
      m.put("training_count", f.trainingCount());
      m.put("serving_count", f.servingCount());
      m.put("out_of_range", f.outOfRange());
      m.put("problems", f.problems());
      fs.add(m);
      rows.add(List.of(f.skewed() ? "SKEW" : "ok", f.name(), f.measure(), f(f.distance()), f(f.threshold()), f(f.noiseFloor()),
          Long.toString(f.servingCount()), String.join("; ", f.problems())));
      if (f.skewed()) {
        b.notice(Report.Status.ERROR, f.name() + ": " + (Double.isNaN(f.distance()) ? "" : f.measure() + " " + f(f.distance()) + " > "
            + f(Math.max(f.threshold(), Double.isNaN(f.noiseFloor()) ? 0 : f.noiseFloor())) + " ") + String.join("; ", f.problems()));
      }
    }
    b.put("features", fs);
    b.keyValues("training", training, "serving", serving, "features", Integer.toString(features.size()), "skewed", Long.toString(skewed));
    b.table("Features", List.of("status", "feature", "measure", "distance", "threshold", "noise floor", "serving n", "problems"), rows);
    if (join != null) {
      Map<String, Object> jm = new LinkedHashMap<>();
      jm.put("id_column", join.idColumn());
      jm.put("joined", join.joined());
      jm.put("duplicate_training_ids", join.duplicateTrainingIds());
      List<Object> jf = new ArrayList<>();
      List<List<String>> jr = new ArrayList<>();
      for (JoinSkew.Feature f : join.features()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("compared", f.compared());
        m.put("mismatches", f.mismatches());
        m.put("mismatch_rate", f.mismatchRate());
        m.put("examples", f.examples());
        jf.add(m);
        jr.add(List.of(f.name(), Long.toString(f.compared()), Long.toString(f.mismatches()), String.format(Locale.ROOT, "%.4f", f.mismatchRate())));
        if (f.mismatches() > 0) {
          b.notice(Report.Status.ERROR, "feature skew: " + f.name() + " differs for " + f.mismatches() + " of " + f.compared()
              + " joined examples, e.g. " + f.examples().get(0));
        }
      }
      jm.put("features", jf);
      b.put("join", jm);
      b.table("Feature skew by join on " + join.idColumn() + " (" + join.joined() + " joined)", List.of("feature", "compared", "mismatches", "rate"), jr);
    }
    if (skewed == 0 && (join == null || join.features().stream().allMatch(f -> f.mismatches() == 0))) {
      b.notice(Report.Status.OK, "no skew found");
    }
    return b.build();
  }

  private static Object num(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static String f(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
