package dev.vigil.pipeline;

import dev.vigil.InvalidArgumentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a pipeline spec.
 *
 * @param op the operation (see the package documentation)
 * @param column the input column it applies to
 * @param options the operation's options as text (for example {@code strategy=median})
 */
public record StepSpec(String op, String column, Map<String, String> options) {
  static final List<String> OPS = List.of("impute", "scale", "clip", "log", "bucket", "onehot", "ordinal", "derive");

  public StepSpec {
    InvalidArgumentException.check(OPS.contains(op), "pipeline step op must be one of %s: %s", OPS, op);
    InvalidArgumentException.check(column != null && !column.isEmpty(), "pipeline step '%s' needs a column", op);
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    if (op.equals("derive")) {
      new Expression(options.get("expression"));
    }
  }

  /** A step with options given as alternating key, value. */
  public static StepSpec of(String op, String column, String... keyValues) {
    InvalidArgumentException.check(keyValues.length % 2 == 0, "options must be key, value pairs: %s", keyValues.length);
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return new StepSpec(op, column, m);
  }

  String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  double number(String key, double fallback) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("pipeline step " + op + " on '" + column + "': option " + key
          + " must be a number: " + v, e);
    }
  }
}
