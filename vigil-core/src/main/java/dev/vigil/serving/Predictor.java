package dev.vigil.serving;

import dev.vigil.data.Table;

/**
 * A loaded model behind one interface, whatever its runtime (ONNX Runtime, Tribuo, XGBoost, a rule).
 * Implementations must be safe for concurrent {@link #predict} calls. The features given are already
 * transformed by the version's feature pipeline.
 */
public interface Predictor extends AutoCloseable {
  /** The inputs this model takes and the outputs it gives. */
  Signature signature();

  /**
   * Predicts every row of {@code features}.
   *
   * @throws RuntimeException on any failure; the router treats it as a failed call
   */
  Predictions predict(Table features);

  /** Releases native resources; the default does nothing. */
  @Override
  default void close() {}
}
