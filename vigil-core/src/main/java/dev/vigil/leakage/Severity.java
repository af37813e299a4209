package dev.vigil.leakage;

import dev.vigil.report.Report;
import java.util.Locale;

/** How bad a {@link Finding} is. Only {@link #ERROR} makes {@code vigil leakage} exit 1. */
public enum Severity {
  /** Worth knowing; no action required. */
  INFO,
  /** Probably inflates offline scores; look at it before training. */
  WARNING,
  /** A leak: offline scores cannot be trusted until it is fixed. */
  ERROR;

  /** The lower-case name used in JSON ({@code "error"}, ...). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The report status this severity contributes. */
  public Report.Status status() {
    return switch (this) {
      case INFO -> Report.Status.OK;
      case WARNING -> Report.Status.WARNING;
      case ERROR -> Report.Status.ERROR;
    };
  }
}
