package dev.vigil.validate;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.ColumnType;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link DataSchema} expects of one column (a TFDV "feature").
 *
 * @param name column name
 * @param type expected type
 * @param nullable whether missing values are allowed at all
 * @param minCompleteness smallest allowed share of present values, in [0, 1] (1 when not nullable)
 * @param min smallest allowed value of a numeric column, or null
 * @param max largest allowed value of a numeric column, or null
 * @param domain allowed values of a text or boolean column (text form), or null for any
 * @param unique whether values must not repeat
 * @param environments environments where the column is expected (empty: all). A label, for
 *     instance, is expected in {@code training} and absent at {@code serving}
 */
public record FeatureSpec(String name, ColumnType type, boolean nullable, double minCompleteness, Double min, Double max,
    List<String> domain, boolean unique, Set<String> environments) {
  public FeatureSpec {
    InvalidArgumentException.check(name != null && !name.isEmpty(), "a feature needs a name");
    Objects.requireNonNull(type, "type");
    InvalidArgumentException.check(minCompleteness >= 0 && minCompleteness <= 1,
        "feature \"%s\": min_completeness must be in [0, 1]: %s", name, minCompleteness);
    InvalidArgumentException.check(min == null || max == null || min <= max,
        "feature \"%s\": min %s is greater than max %s", name, min, max);
    domain = domain == null ? null : List.copyOf(domain);
    environments = environments == null ? Set.of() : Set.copyOf(environments);
  }

  /** True when the column is expected in {@code environment} (null means: any environment). */
  public boolean expectedIn(String environment) {
    return environment == null || environments.isEmpty() || environments.contains(environment);
  }
}
