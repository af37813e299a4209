package dev.vigil.cli;

import dev.vigil.DataFormatException;
import dev.vigil.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The YAML the leakage commands read: a mapping of {@code key: scalar} pairs (read with Jackson's YAML
 * parser). Nested values are rejected with the key, rather than misread.
 */
final class FlatYaml {
  private FlatYaml() {}

  static Map<String, String> read(Path file) {
    Object parsed;
    try {
      parsed = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
          .readValue(file.toFile(), Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw DataFormatException.in(file.toString()).line(line).expected("a YAML mapping of key: value")
          .detail(e.getOriginalMessage()).build(e);
    } catch (IOException e) {
      throw new StoreException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (parsed == null) {
      return Map.of();
    }
    if (!(parsed instanceof Map<?, ?> m)) {
      throw DataFormatException.in(file.toString()).expected("a YAML mapping of key: value")
          .found(parsed.getClass().getSimpleName()).build();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object v = e.getValue();
      if (v == null || v instanceof Map || v instanceof List) {
        throw DataFormatException.in(file.toString()).column(String.valueOf(e.getKey()))
            .expected("a single value").found(String.valueOf(v)).build();
      }
      out.put(String.valueOf(e.getKey()), String.valueOf(v));
    }
    return out;
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
