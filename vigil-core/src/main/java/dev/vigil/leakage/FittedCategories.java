package dev.vigil.leakage;

import dev.vigil.InvalidArgumentException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The categories an encoder (one-hot, ordinal) learnt for one column, for the
 * {@code preprocessing-leak} check: an encoder that knows a category found only in the test rows
 * was fitted on them.
 *
 * @param feature the encoded column
 * @param categories the categories the encoder knows, in its order
 */
public record FittedCategories(String feature, List<String> categories) {
  public FittedCategories {
    Objects.requireNonNull(feature, "feature");
    categories = List.copyOf(categories);
  }

  /**
   * The encoders recorded in a fitted feature pipeline's JSON layout (format_version 1, as written by
   * {@code dev.vigil.pipeline.FeaturePipeline#toMap}): every {@code onehot} and {@code ordinal} step's
   * {@code params.categories}, for the first such step of each column.
   *
   * @throws InvalidArgumentException when the layout is not format_version 1
   */
  @SuppressWarnings("unchecked")
  public static List<FittedCategories> fromPipeline(Map<String, ?> pipeline) {
    Object v = pipeline.get("format_version");
    InvalidArgumentException.check(v instanceof Number n && n.intValue() == 1, "feature pipeline format_version must be 1: %s", v);
    Object steps = pipeline.get("steps");
    InvalidArgumentException.check(steps instanceof List, "feature pipeline must have a steps list");
    List<FittedCategories> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Object o : (List<Object>) steps) {
      InvalidArgumentException.check(o instanceof Map, "feature pipeline step must be an object: %s", o);
      Map<String, Object> st = (Map<String, Object>) o;
      String op = String.valueOf(st.get("op"));
      String column = String.valueOf(st.get("column"));
      Object params = st.get("params");
      if ((op.equals("onehot") || op.equals("ordinal")) && params instanceof Map<?, ?> p
          && p.get("categories") instanceof List<?> cats && seen.add(column)) {
        List<String> names = new ArrayList<>();
        cats.forEach(c -> names.add(String.valueOf(c)));
        out.add(new FittedCategories(column, names));
      }
    }
    return out;
  }
}
