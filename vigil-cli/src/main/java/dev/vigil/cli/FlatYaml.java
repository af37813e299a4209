package dev.vigil.cli;

import dev.vigil.DataFormatException;
import dev.vigil.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The small YAML subset the leakage commands read: one {@code key: value} per line, {@code #}
 * comments, optional quotes around keys and values, blank lines ignored. Nesting is rejected with the
 * line number, rather than misread.
 */
final class FlatYaml {
  private FlatYaml() {}

  static Map<String, String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException(file + ": cannot read: " + e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      String line = stripComment(raw).strip();
      if (line.isEmpty() || line.equals("---")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || Character.isWhitespace(raw.charAt(0)) || line.startsWith("-")) {
        throw DataFormatException.in(file.toString()).line(i + 1L).expected("key: value on one line (no nesting or lists)")
            .found(raw).build();
      }
      String key = unquote(line.substring(0, colon).strip());
      String value = unquote(line.substring(colon + 1).strip());
      if (value.isEmpty()) {
        throw DataFormatException.in(file.toString()).line(i + 1L).column(key).expected("a value after the colon")
            .found(raw).build();
      }
      out.put(key, value);
    }
    return out;
  }

  private static String stripComment(String s) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
        return s.substring(0, i);
      }
    }
    return s;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  /** Parses {@code 3d}, {@code 12h}, {@code 30m}, {@code 45s} or an ISO-8601 duration ({@code PT2H}). */
  static Duration duration(String text, String option) {
    String t = text.strip();
    try {
      if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      long v = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (Character.toLowerCase(t.charAt(t.length() - 1))) {
        case 'd' -> Duration.ofDays(v);
        case 'h' -> Duration.ofHours(v);
        case 'm' -> Duration.ofMinutes(v);
        case 's' -> Duration.ofSeconds(v);
        default -> throw new NumberFormatException(t);
      };
    } catch (RuntimeException e) {
      throw new dev.vigil.InvalidArgumentException(option + " must look like 3d, 12h, 30m, 45s or PT2H: " + text, e);
    }
  }
}
