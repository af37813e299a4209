package dev.vigil.io.internal;

import dev.vigil.StoreException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes quarantined rows as CSV with the header {@code source,line,row,column,error,raw}: one record
 * per problem, quoted as RFC 4180. {@link #write} replaces the file atomically; {@link #append} adds.
 */
final class Quarantine {
  static final String HEADER = "source,line,row,column,error,raw";

  private Quarantine() {}

  static void write(Path file, String source, List<String[]> rows) {
    Path tmp = AtomicFiles.temporarySibling(file);
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.newLine();
      writeRows(w, source, rows);
    } catch (IOException e) {
      throw new StoreException("cannot write the quarantine file " + file + ": " + e.getMessage(), e);
    }
    AtomicFiles.move(tmp, file);
  }

  static void append(Path file, String source, List<String[]> rows) {
    if (!Files.exists(file)) {
      write(file, source, rows);
      return;
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
      writeRows(w, source, rows);
    } catch (IOException e) {
      throw new StoreException("cannot append to the quarantine file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeRows(BufferedWriter w, String source, List<String[]> rows) throws IOException {
    for (String[] r : rows) {
      w.write(quote(source));
      for (String f : r) {
        w.write(',');
        w.write(quote(f));
      }
      w.newLine();
    }
  }

  static String quote(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
