package dev.vigil.leakage;

import dev.vigil.report.Report;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link LeakageAudit}: findings worst first, which checks ran and how long each
 * took (milliseconds, wall clock; the only non-deterministic numbers), the identifier-like columns
 * that were kept out of the feature checks, and the options used.
 */
public record LeakageResult(List<Finding> findings, List<String> checksRun, Map<String, Double> checkMillis,
    int trainRows, int testRows, Map<String, String> identifierColumns, LeakageOptions options) {
  public LeakageResult {
    findings = List.copyOf(findings);
    checksRun = List.copyOf(checksRun);
    checkMillis = Collections.unmodifiableMap(new LinkedHashMap<>(checkMillis));
    identifierColumns = Collections.unmodifiableMap(new LinkedHashMap<>(identifierColumns));
  }

  /** The worst severity found, or empty when there is no finding. */
  public java.util.Optional<Severity> worst() {
    return findings.stream().map(Finding::severity).max(Enum::compareTo);
  }

  /** Findings of one check. */
  public List<Finding> of(String check) {
    return findings.stream().filter(f -> f.check().equals(check)).toList();
  }

  /**
   * One line for a console: counts by severity and the error findings' check ids and columns, e.g.
   * {@code "leakage: 2 error, 1 warning, 1 info; group-overlap [patient_id], proxy-confounding [site, scanner]"}.
   */
  public String summaryLine() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "leakage: %d error, %d warning, %d info",
        count(Severity.ERROR), count(Severity.WARNING), count(Severity.INFO)));
    String sep = "; ";
    for (Finding f : findings) {
      if (f.severity() == Severity.ERROR) {
        b.append(sep).append(f.check()).append(' ').append(f.columns().subList(0, Math.min(3, f.columns().size())));
        sep = ", ";
      }
    }
    return b.toString();
  }

  /** Number of findings at the given severity. */
  public long count(Severity s) {
    return findings.stream().filter(f -> f.severity() == s).count();
  }

  /**
   * The report (kind {@code leakage}). JSON fields: {@code train_rows}, {@code test_rows},
   * {@code checks_run[]}, {@code counts {error, warning, info}}, {@code findings[] {check, severity,
   * columns, message, evidence, fix}}, {@code identifier_columns}, {@code check_millis},
   * {@code options}. Status is the worst finding's severity.
   */
  public Report toReport(String title) {
    Report.Builder b = Report.builder("leakage", title);
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.INFO}) {
      counts.put(s.jsonName(), count(s));
    }
    List<Object> fj = new ArrayList<>();
    for (Finding f : findings) {
      fj.add(f.toJson());
      b.status(f.severity().status());
    }
    b.put("train_rows", trainRows).put("test_rows", testRows).put("checks_run", checksRun).put("counts", counts)
        .put("findings", fj).put("identifier_columns", identifierColumns).put("check_millis", checkMillis)
        .put("options", options.describe());
    b.keyValues("train rows", String.valueOf(trainRows), "test rows", String.valueOf(testRows),
        "checks run", String.valueOf(checksRun.size()),
        "findings", String.format(Locale.ROOT, "%d error, %d warning, %d info", count(Severity.ERROR),
            count(Severity.WARNING), count(Severity.INFO)));
    if (findings.isEmpty()) {
      b.paragraph("No leakage found by " + String.join(", ", checksRun) + ".");
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (Finding f : findings) {
        rows.add(List.of(f.severity().jsonName(), f.check(), String.join(", ", f.columns()), f.message(), f.fix()));
      }
      b.table("Findings", List.of("severity", "check", "columns", "finding", "fix"), rows);
      for (Finding f : of("proxy-confounding")) {
        if (f.evidence().get("label_rate_by_nuisance") instanceof Map<?, ?> rates) {
          List<String> xs = new ArrayList<>();
          double[] ys = new double[rates.size()];
          int j = 0;
          for (Map.Entry<?, ?> e : rates.entrySet()) {
            xs.add(String.valueOf(e.getKey()));
            ys[j++] = e.getValue() instanceof Map<?, ?> m && m.get("label_rate") instanceof Number n ? n.doubleValue() : 0;
          }
          b.add(new Report.Chart("Label rate by " + f.columns().get(0), Report.ChartType.BAR, f.columns().get(0),
              "label rate", xs, List.of(new Report.Series("label rate", ys))));
        }
      }
    }
    return b.build();
  }
}
