package dev.vigil.validate;

import dev.vigil.report.Report;
import java.util.BitSet;
import java.util.List;

/**
 * All check results of one validation run, in check order.
 *
 * @param rows rows of the table validated
 * @param results one result per check
 * @param errorRows rows failing at least one row-level check of severity error (the rows a
 *     quarantine takes out)
 */
public record ValidationResult(long rows, List<CheckResult> results, BitSet errorRows) {
  public ValidationResult {
    results = List.copyOf(results);
    errorRows = (BitSet) errorRows.clone();
  }

  /** {@code ERROR} when a check of severity error did not pass, {@code WARNING} for a warning, else {@code OK}. */
  public Report.Status status() {
    Report.Status s = Report.Status.OK;
    for (CheckResult r : results) {
      if (r.failed()) {
        s = s.worst(r.check().severity().status());
      }
    }
    return s;
  }

  /** Number of checks that did not pass. */
  public long failedCount() {
    return results.stream().filter(CheckResult::failed).count();
  }

  /** The errorRows set, as a copy. */
  @Override
  public BitSet errorRows() {
    return (BitSet) errorRows.clone();
  }
}
