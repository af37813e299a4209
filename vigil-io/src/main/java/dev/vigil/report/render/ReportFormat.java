package dev.vigil.report.render;

import dev.vigil.InvalidArgumentException;
import java.util.Locale;

/** The renderings of a report: plain text for terminals, JSON for machines, self-contained HTML for people. */
public enum ReportFormat {
  TEXT, JSON, HTML;

  public static ReportFormat parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("format must be text, json or html: " + s, e);
    }
  }
}
