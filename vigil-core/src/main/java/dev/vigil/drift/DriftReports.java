package dev.vigil.drift;

import dev.vigil.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the {@code drift} report of a {@link DriftResult}. */
final class DriftReports {
  private static final int MAX_CHARTS = 12;

  private DriftReports() {}

  static Report build(DriftResult r) {
    Report.Builder b = Report.builder("drift", "Data drift");
    DriftOptions o = r.options();
    b.put("drift", r.drift());
    b.put("drifted_features", r.driftedFeatures());
    b.put("compared_features", r.features().size());
    b.put("drifted_share", num(r.driftedShare()));
    b.put("drift_share_threshold", o.driftShare());
    b.put("alpha", o.alpha());
    b.put("correction", o.correction().cliName());
    b.put("compat", o.compat().cliName());
    b.put("reference_rows", r.referenceRows());
    b.put("current_rows", r.currentRows());
    List<Object> feats = new ArrayList<>();
    for (FeatureDrift f : r.features()) {
      feats.add(featureJson(f));
    }
    b.put("features", feats);
    List<Object> sk = new ArrayList<>();
    r.skipped().forEach((name, reason) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("reason", reason);
      sk.add(m);
    });
    b.put("skipped_columns", sk);

    b.keyValues("Dataset drift", r.drift() ? "yes" : "no",
        "Drifted features", r.driftedFeatures() + " of " + r.features().size(),
        "Drift share threshold", fmt(o.driftShare()),
        "Alpha", fmt(o.alpha()),
        "Correction", o.correction().cliName(),
        "Reference rows", Long.toString(r.referenceRows()),
        "Current rows", Long.toString(r.currentRows()));
    if (r.drift()) {
      b.notice(Report.Status.ERROR, String.format(Locale.ROOT, "Dataset drift: %d of %d features drifted (share %.2f >= %.2f)",
          r.driftedFeatures(), r.features().size(), r.driftedShare(), o.driftShare()));
    } else if (r.driftedFeatures() > 0) {
      b.notice(Report.Status.WARNING, String.format(Locale.ROOT, "%d of %d features drifted; below the dataset share %.2f",
          r.driftedFeatures(), r.features().size(), o.driftShare()));
    }
    for (FeatureDrift f : r.features()) {
      if (f.error() != null) {
        b.notice(Report.Status.WARNING, "Column \"" + f.name() + "\" not tested: " + f.error());
      }
    }
    if (!r.skipped().isEmpty()) {
      List<String> parts = new ArrayList<>();
      r.skipped().forEach((n, why) -> parts.add(n + " (" + why + ")"));
      b.notice(Report.Status.WARNING, "Columns not compared: " + String.join(", ", parts));
    }
    List<List<String>> rows = new ArrayList<>();
    for (FeatureDrift f : r.features()) {
      String missing = fmtPct(f.missing().referenceRate()) + " -> " + fmtPct(f.missing().currentRate())
          + (f.missing().drift() ? " DRIFT" : "");
      String unseen = f.unseen() == null ? "" : f.unseen().count() + (f.unseen().drift() ? " DRIFT" : "");
      rows.add(List.of(f.name(), f.kind().jsonName(), f.method().cliName(), fmt(f.statistic()),
          fmt(f.method().hasPValue() ? f.adjustedPValue() : Double.NaN), fmt(f.threshold()), fmt(f.effectSize()),
          f.drift() ? "DRIFT" : "ok", missing, unseen));
    }
    b.table("Features, most severe first",
        List.of("feature", "kind", "method", "statistic", "p-value", "threshold", "effect size", "distribution",
            "missing", "unseen"), rows);
    int charts = 0;
    for (FeatureDrift f : r.features()) {
      DriftResult.Overlay ov = r.charts().get(f.name());
      if (ov == null || charts >= MAX_CHARTS) {
        continue;
      }
      charts++;
      b.add(new Report.Chart(f.name() + " (" + f.method().cliName() + (f.drift() ? ", drift" : "") + ")",
          Report.ChartType.BAR, f.kind() == FeatureKind.NUMERIC ? "bin centre" : "category", "share",
          ov.labels(), List.of(new Report.Series("reference", ov.reference()), new Report.Series("current", ov.current()))));
    }
    if (r.drift()) {
      b.status(Report.Status.ERROR);
    } else if (r.driftedFeatures() > 0 || r.features().stream().anyMatch(f -> f.error() != null)) {
      b.status(Report.Status.WARNING);
    }
    return b.build();
  }

  private static Map<String, Object> featureJson(FeatureDrift f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", f.name());
    m.put("kind", f.kind().jsonName());
    m.put("method", f.method().cliName());
    m.put("statistic", num(f.statistic()));
    m.put("p_value", num(f.pValue()));
    m.put("adjusted_p_value", num(f.adjustedPValue()));
    m.put("threshold", num(f.threshold()));
    m.put("drift", f.drift());
    m.put("effect_size", num(f.effectSize()));
    m.put("detail", f.detail());
    m.put("reference_count", f.referenceCount());
    m.put("current_count", f.currentCount());
    Map<String, Object> mi = new LinkedHashMap<>();
    mi.put("reference_rate", num(f.missing().referenceRate()));
    mi.put("current_rate", num(f.missing().currentRate()));
    mi.put("p_value", num(f.missing().pValue()));
    mi.put("adjusted_p_value", num(f.missing().adjustedPValue()));
    mi.put("drift", f.missing().drift());
    m.put("missing", mi);
    if (f.unseen() == null) {
      m.put("unseen", null);
    } else {
      Map<String, Object> u = new LinkedHashMap<>();
      u.put("count", f.unseen().count());
      u.put("rate", num(f.unseen().rate()));
      u.put("categories", f.unseen().categories());
      u.put("p_value", num(f.unseen().pValue()));
      u.put("adjusted_p_value", num(f.unseen().adjustedPValue()));
      u.put("drift", f.unseen().drift());
      m.put("unseen", u);
    }
    m.put("error", f.error());
    return m;
  }

  private static Object num(double v) {
    return Double.isFinite(v) ? (Object) v : null;
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String fmtPct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
