package dev.vigil.leakage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One problem (or one observation) a leakage check reports.
 *
 * @param check the stable check id, e.g. {@code "target-leak"} (see {@link LeakageAudit#CHECKS})
 * @param severity how bad it is
 * @param columns the columns involved, possibly empty (e.g. whole-row duplicates)
 * @param evidence the numbers behind the finding, snake_case keys, values JSON-ready (String, Number,
 *     Boolean, List, Map)
 * @param message one line saying what was found, with the key number
 * @param fix one line saying what to do about it
 */
public record Finding(String check, Severity severity, List<String> columns, Map<String, Object> evidence,
    String message, String fix) {
  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(severity, "severity");
    columns = List.copyOf(columns);
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /** The JSON form: {@code check, severity, columns, message, evidence, fix}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("check", check);
    m.put("severity", severity.jsonName());
    m.put("columns", columns);
    m.put("message", message);
    m.put("evidence", evidence);
    m.put("fix", fix);
    return m;
  }
}
