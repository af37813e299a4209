package dev.vigil.validate;

import dev.vigil.InvalidArgumentException;
import dev.vigil.report.Report;
import java.util.Locale;

/** How bad a failed check is: an {@link #ERROR} fails the run (CLI exit 1), a {@link #WARNING} does not. */
public enum Severity {
  ERROR, WARNING;

  /** {@code error} or {@code warning}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The report status a failure of this severity implies. */
  public Report.Status status() {
    return this == ERROR ? Report.Status.ERROR : Report.Status.WARNING;
  }

  /** Parses {@code error}/{@code warning} (also {@code warn}), case-insensitively. */
  public static Severity parse(String s) {
    String n = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "error" -> ERROR;
      case "warning", "warn" -> WARNING;
      default -> throw new InvalidArgumentException("unknown severity \"" + s + "\": expected error or warning");
    };
  }
}
