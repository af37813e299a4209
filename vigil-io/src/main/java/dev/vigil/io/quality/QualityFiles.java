package dev.vigil.io.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.StoreException;
import dev.vigil.data.ColumnType;
import dev.vigil.io.internal.AtomicFiles;
import dev.vigil.profile.TableProfile;
import dev.vigil.validate.Check;
import dev.vigil.validate.DataSchema;
import dev.vigil.validate.FeatureSpec;
import dev.vigil.validate.Suggestion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the data-quality files: checks files ({@code checks.yaml}), data schemas
 * ({@code schema.yaml}), and profiles (binary {@code .vgp}, or JSON {@code .json}). YAML or JSON is
 * chosen from the extension ({@code .yaml}/{@code .yml} or anything else as JSON). Writes are atomic.
 *
 * <p><b>Checks file</b>, format version 1:
 *
 * <pre>
 * format_version: 1
 * checks:
 *   - kind: completeness
 *     column: age
 *     min: 0.99
 *     severity: warning
 *   - kind: sql
 *     predicate: "start_date &lt;= end_date"
 * </pre>
 *
 * Each entry is {@link Check#toMap()}'s form; {@code evidence} (written by suggest) is ignored on read.
 */
public final class QualityFiles {
  /** Version of the checks-file layout. */
  public static final int CHECKS_FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());

  private QualityFiles() {}

  static boolean isYaml(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  /** Renders a map tree as YAML. */
  public static String toYaml(Object tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Renders a map tree as pretty JSON (with a final newline). */
  public static String toJson(Object tree) {
    try {
      return JSON.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code tree} as YAML or JSON by {@code file}'s extension, atomically. */
  public static void writeTree(Object tree, Path file) {
    String text = isYaml(file) ? toYaml(tree) : toJson(tree);
    writeString(file, text);
  }

  static void writeString(Path file, String text) {
    Path tmp = AtomicFiles.temporarySibling(file);
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
    }
    AtomicFiles.move(tmp, file);
  }

  /** Parses a YAML or JSON file (by extension) into maps and lists. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readTree(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      Object o = (isYaml(file) ? YAML : JSON).readValue(text, Object.class);
      if (!(o instanceof Map<?, ?>)) {
        throw DataFormatException.in(file.toString()).expected("a " + (isYaml(file) ? "YAML" : "JSON") + " map at the top level").build();
      }
      return (Map<String, Object>) o;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
      throw DataFormatException.in(file.toString()).expected(isYaml(file) ? "YAML" : "JSON")
          .detail("%s%s", where, e.getOriginalMessage()).build(e);
    }
  }

  /** The checks file form of {@code checks}. */
  public static Map<String, Object> checksTree(List<Check> checks) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", CHECKS_FORMAT_VERSION);
    m.put("checks", checks.stream().map(Check::toMap).toList());
    return m;
  }

  /** The checks file form of suggestions, each entry with its {@code evidence}. */
  public static Map<String, Object> suggestionsTree(List<Suggestion> suggestions) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", CHECKS_FORMAT_VERSION);
    List<Object> cs = new ArrayList<>();
    for (Suggestion s : suggestions) {
      Map<String, Object> e = new LinkedHashMap<>(s.check().toMap());
      e.put("evidence", s.evidence());
      cs.add(e);
    }
    m.put("checks", cs);
    return m;
  }

  /**
   * Reads a checks file.
   *
   * @throws DataFormatException or InvalidArgumentException naming the file, the entry and the key
   */
  public static List<Check> readChecks(Path file) {
    Map<String, Object> m = readTree(file);
    Object v = m.get("format_version");
    if (v != null && (!(v instanceof Number n) || n.intValue() != CHECKS_FORMAT_VERSION)) {
      throw DataFormatException.in(file.toString()).column("format_version").expected(String.valueOf(CHECKS_FORMAT_VERSION))
          .found(String.valueOf(v)).build();
    }
    if (!(m.get("checks") instanceof List<?> l)) {
      throw DataFormatException.in(file.toString()).column("checks").expected("a list of checks").build();
    }
    List<Check> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      String where = file + ": checks[" + i + "]";
      if (!(l.get(i) instanceof Map<?, ?> e)) {
        throw DataFormatException.in(file.toString()).column("checks[" + i + "]").expected("a map with a kind").build();
      }
      @SuppressWarnings("unchecked")
      Map<String, ?> em = (Map<String, ?>) e;
      out.add(Check.fromMap(em, where));
    }
    return out;
  }

  /**
   * Reads a data schema: Vigil's {@code features} form, or the {@code fields} form that
   * {@code vigil schema DATA} prints (name, type, nullable).
   */
  public static DataSchema readSchema(Path file) {
    Map<String, Object> m = readTree(file);
    if (m.get("features") == null && m.get("fields") instanceof List<?> fields) {
      List<FeatureSpec> fs = new ArrayList<>();
      int i = 0;
      for (Object o : fields) {
        if (!(o instanceof Map<?, ?> f) || f.get("name") == null) {
          throw DataFormatException.in(file.toString()).column("fields[" + i + "]").expected("a map with name and type").build();
        }
        boolean nullable = f.get("nullable") == null || Boolean.parseBoolean(String.valueOf(f.get("nullable")));
        ColumnType type;
        try {
          type = ColumnType.parse(String.valueOf(f.get("type")));
        } catch (InvalidArgumentException e) {
          throw DataFormatException.in(file.toString()).column("fields[" + i + "].type").detail("%s", e.getMessage()).build(e);
        }
        fs.add(new FeatureSpec(String.valueOf(f.get("name")), type, nullable, nullable ? 0 : 1, null, null, null, false, Set.of()));
        i++;
      }
      return new DataSchema(fs, List.of());
    }
    return DataSchema.fromMap(m, file.toString());
  }

  /** Writes a data schema (YAML or JSON by extension). */
  public static void writeSchema(DataSchema schema, Path file) {
    writeTree(schema.toMap(), file);
  }

  /** True when {@code file} names a saved profile ({@code .vgp}, or {@code .profile.json}). */
  public static boolean isProfile(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".vgp") || n.endsWith(".profile.json");
  }

  /** Writes a profile: binary for {@code .vgp}, else its JSON form. */
  public static void writeProfile(TableProfile p, Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".vgp") || n.endsWith(".bin")) {
      Path tmp = AtomicFiles.temporarySibling(file);
      try {
        Files.write(tmp, p.toBytes());
      } catch (IOException e) {
        throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
      }
      AtomicFiles.move(tmp, file);
    } else {
      writeTree(p.toMap(), file);
    }
  }

  /** Reads a profile written by {@link #writeProfile} (binary when it starts with the magic bytes). */
  public static TableProfile readProfile(Path file) {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (b.length >= 4 && b[0] == 'V' && b[1] == 'G' && b[2] == 'P' && b[3] == 'F') {
      return TableProfile.fromBytes(b, file.toString());
    }
    return TableProfile.fromMap(readTree(file), file.toString());
  }
}
