package dev.vigil.pipeline;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Field;
import dev.vigil.data.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a feature pipeline does, before fitting.
 *
 * @param steps the steps in order
 */
public record PipelineSpec(List<StepSpec> steps) {
  /** Version of the map layout of {@link #toMap()}. */
  public static final int FORMAT_VERSION = 1;

  public PipelineSpec {
    steps = List.copyOf(steps);
    InvalidArgumentException.check(!steps.isEmpty(), "a pipeline needs at least one step");
  }

  /**
   * Infers a spec for every column of {@code schema} except {@code exclude} (the label, ids):
   * numeric and boolean columns get median imputation and standard scaling; categorical and string
   * columns most-frequent imputation and one-hot encoding; timestamps median imputation.
   */
  public static PipelineSpec auto(Schema schema, List<String> exclude) {
    List<StepSpec> steps = new ArrayList<>();
    for (Field f : schema.fields()) {
      if (exclude.contains(f.name())) {
        continue;
      }
      switch (f.type()) {
        case DOUBLE, LONG, BOOLEAN -> {
          steps.add(StepSpec.of("impute", f.name(), "strategy", "median"));
          steps.add(StepSpec.of("scale", f.name(), "method", "standard"));
        }
        case TIMESTAMP -> steps.add(StepSpec.of("impute", f.name(), "strategy", "median"));
        case CATEGORICAL, STRING -> {
          steps.add(StepSpec.of("impute", f.name(), "strategy", "most_frequent"));
          steps.add(StepSpec.of("onehot", f.name()));
        }
      }
    }
    InvalidArgumentException.check(!steps.isEmpty(), "no feature columns left after excluding %s from %s", exclude, schema.names());
    return new PipelineSpec(steps);
  }

  /** {@code {"format_version":1,"steps":[{"op":..,"column":..,<options>}]}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", FORMAT_VERSION);
    List<Map<String, Object>> s = new ArrayList<>();
    for (StepSpec st : steps) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("op", st.op());
      e.put("column", st.column());
      e.putAll(st.options());
      s.add(e);
    }
    m.put("steps", s);
    return m;
  }

  /** Reads {@link #toMap()}'s layout (as parsed from JSON or YAML); option values may be numbers or text. */
  public static PipelineSpec fromMap(Map<String, ?> m) {
    Object steps = m.get("steps");
    InvalidArgumentException.check(steps instanceof List<?>, "pipeline spec needs a 'steps' list, found: %s", steps);
    List<StepSpec> out = new ArrayList<>();
    int i = 0;
    for (Object o : (List<?>) steps) {
      InvalidArgumentException.check(o instanceof Map<?, ?>, "pipeline step %s must be an object: %s", i, o);
      Map<?, ?> s = (Map<?, ?>) o;
      Map<String, String> opts = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : s.entrySet()) {
        String k = String.valueOf(e.getKey());
        if (!k.equals("op") && !k.equals("column")) {
          opts.put(k, String.valueOf(e.getValue()));
        }
      }
      InvalidArgumentException.check(s.get("op") != null && s.get("column") != null,
          "pipeline step %s needs 'op' and 'column': %s", i, s);
      out.add(new StepSpec(String.valueOf(s.get("op")), String.valueOf(s.get("column")), opts));
      i++;
    }
    return new PipelineSpec(out);
  }
}
