package dev.vigil.models;

import dev.vigil.data.Table;
import java.util.List;

/**
 * A loaded model. Thread-safe: one instance serves many callers.
 *
 * <p>{@link #predict} takes a table of double feature columns named as {@link #featureNames()}
 * (extra columns are ignored; a missing feature column counts as 0, as Tribuo's sparse examples do)
 * and returns a table with the same rows: {@code label} (categorical, the most probable class) then
 * {@code p_<class>} (double, in [0, 1], summing to 1) per class in {@link #classes()} order.
 */
public interface Predictor {
  /** The runtime that loaded it ({@code tribuo}). */
  String flavour();

  /** Feature names the model was trained on. */
  List<String> featureNames();

  /** Class labels, sorted. */
  List<String> classes();

  /** Scores {@code features}. */
  Table predict(Table features);
}
