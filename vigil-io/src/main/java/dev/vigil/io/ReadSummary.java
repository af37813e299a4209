package dev.vigil.io;

import java.util.List;
import java.util.Map;

/**
 * What a read did, for the user to see: rows kept, rows skipped or quarantined with the first few
 * problems, and the number of NaN values per numeric column (NaN is a value, not missing, and is
 * reported rather than silently treated as either).
 *
 * @param source the file, URL or query read
 * @param rowsRead rows delivered in tables
 * @param rowsSkipped bad rows dropped under {@link BadRowPolicy.Mode#SKIP} or quarantined
 * @param problems up to the first 20 bad-row problems, as messages naming line and column
 * @param nanCounts NaN counts by column, only columns with at least one NaN
 */
public record ReadSummary(String source, long rowsRead, long rowsSkipped, List<String> problems,
    Map<String, Long> nanCounts) {
  public ReadSummary {
    problems = List.copyOf(problems);
    nanCounts = Map.copyOf(nanCounts);
  }
}
