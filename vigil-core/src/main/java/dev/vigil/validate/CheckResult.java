package dev.vigil.validate;

import java.util.List;
import java.util.Map;

/**
 * The judgement of one {@link Check} on one table: data, never an exception.
 *
 * @param check the check judged
 * @param outcome passed, failed, or could not be evaluated ({@link Outcome#ERROR}: missing column,
 *     wrong type, bad regex, missing reference; counts as a failure at the check's severity)
 * @param observed the metric judged (a share, a count, a mean, a quantile); NaN when none applies
 * @param failingRows rows that violate a row-level check (0 for table-level kinds)
 * @param evaluatedRows rows the check looked at
 * @param examples up to a few failing rows: {@code row} (0-based index) and the values of the
 *     check's columns
 * @param message what was found, naming the column and the expectation
 */
public record CheckResult(Check check, Outcome outcome, double observed, long failingRows, long evaluatedRows,
    List<Map<String, Object>> examples, String message) {

  /** Outcome of a check. */
  public enum Outcome {
    PASSED, FAILED, ERROR;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public CheckResult {
    examples = List.copyOf(examples);
  }

  /** True when the check did not pass (failed or could not be evaluated). */
  public boolean failed() {
    return outcome != Outcome.PASSED;
  }
}
