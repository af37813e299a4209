package dev.vigil.drift;

import java.util.Locale;

/**
 * How a column is compared: numeric (double and long columns) or categorical (categorical, string
 * and boolean columns; booleans as the categories {@code false} and {@code true}).
 */
public enum FeatureKind {
  NUMERIC, CATEGORICAL;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
