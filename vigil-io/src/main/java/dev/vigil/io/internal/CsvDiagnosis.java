package dev.vigil.io.internal;

import dev.vigil.DataFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Explains why DuckDB could not even detect a CSV file's dialect, in the user's terms: an unclosed
 * quote (naming the line where it opened) or a line whose field count differs from the header's.
 * It only diagnoses; it never parses data into a table.
 */
final class CsvDiagnosis {
  private CsvDiagnosis() {}

  /** A precise error, or null when the scan finds nothing to blame. */
  static DataFormatException diagnose(Path path, char delim) {
    String source = path.toString();
    if (path.toString().endsWith(".gz") || path.toString().endsWith(".zst")) {
      return null;
    }
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      long no = 0;
      boolean quoted = false;
      long openedAt = -1;
      int fields = 1;
      int headerFields = -1;
      StringBuilder record = new StringBuilder();
      while ((line = r.readLine()) != null) {
        no++;
        if (!quoted) {
          fields = 1;
          record.setLength(0);
        }
        record.append(record.length() > 0 ? "\n" : "").append(line);
        for (int i = 0; i < line.length(); i++) {
          char c = line.charAt(i);
          if (c == '"') {
            if (!quoted) {
              quoted = true;
              openedAt = no;
            } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
              i++;
            } else {
              quoted = false;
            }
          } else if (c == delim && !quoted) {
            fields++;
          }
        }
        if (!quoted) {
          if (headerFields < 0) {
            headerFields = fields;
          } else if (fields != headerFields && !line.isEmpty()) {
            return DataFormatException.in(source).line(no).expected(headerFields + " fields")
                .found(fields + " fields: " + record).detail("ragged line").build();
          }
        }
      }
      if (quoted) {
        return DataFormatException.in(source).line(openedAt).expected("a closed quoted value")
            .detail("a quote opened on this line is never closed").build();
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return null;
    }
    return null;
  }
}
