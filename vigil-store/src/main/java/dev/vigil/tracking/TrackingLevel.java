package dev.vigil.tracking;

import dev.vigil.InvalidArgumentException;
import java.util.Locale;

/**
 * How much a run records, trading storage for reproducibility. Metadata (parameters, metrics, tags,
 * code and environment versions) and input digests are always recorded.
 */
public enum TrackingLevel {
  /** Metadata and input digests only. */
  MINIMAL,
  /** Also the data profile and the fitted pipeline (the default). */
  STANDARD,
  /** Also a full snapshot of the training data as an artifact. */
  FULL;

  /** Parses {@code minimal}, {@code standard} or {@code full} (any case). */
  public static TrackingLevel parse(String s) {
    for (TrackingLevel l : values()) {
      if (l.name().equalsIgnoreCase(s)) {
        return l;
      }
    }
    throw new InvalidArgumentException("tracking level must be minimal, standard or full: " + s);
  }

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
