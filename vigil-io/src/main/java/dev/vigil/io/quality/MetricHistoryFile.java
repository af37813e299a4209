package dev.vigil.io.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.DataFormatException;
import dev.vigil.StoreException;
import dev.vigil.validate.MetricHistory;
import dev.vigil.validate.MetricPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file-based metric history: JSON Lines, one {@link MetricHistory#toMap(MetricPoint)} object per
 * line, appended; a pinned baseline is the same object with {@code "pin": true} (the last pin of a
 * series wins). A missing file is an empty history.
 */
public final class MetricHistoryFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetricHistoryFile() {}

  /** Reads {@code file} (empty history when it does not exist). */
  public static MetricHistory read(Path file) {
    if (!Files.exists(file)) {
      return MetricHistory.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<MetricPoint> points = new ArrayList<>();
    MetricHistory h = MetricHistory.empty();
    List<MetricPoint> pins = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      Map<String, Object> m;
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> mm = JSON.readValue(line, Map.class);
        m = mm;
      } catch (IOException e) {
        throw DataFormatException.in(file.toString()).line(i + 1).expected("a JSON object").detail("%s", e.getMessage()).build(e);
      }
      MetricPoint p = MetricHistory.fromMap(m, file + ": line " + (i + 1));
      if (Boolean.TRUE.equals(m.get("pin"))) {
        pins.add(p);
      } else {
        points.add(p);
      }
    }
    h = h.plus(points);
    for (MetricPoint p : pins) {
      h = h.pin(p);
    }
    return h;
  }

  /** Appends points (and pins when {@code pin}) to {@code file}, creating it if needed. */
  public static void append(Path file, List<MetricPoint> points, boolean pin) {
    StringBuilder sb = new StringBuilder();
    try {
      for (MetricPoint p : points) {
        Map<String, Object> m = new LinkedHashMap<>(MetricHistory.toMap(p));
        if (pin) {
          m.put("pin", true);
        }
        sb.append(JSON.writeValueAsString(m)).append('\n');
      }
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new StoreException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }
}
