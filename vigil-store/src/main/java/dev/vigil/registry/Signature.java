package dev.vigil.registry;

import dev.vigil.data.Field;
import java.util.List;

/**
 * A model's input and output columns.
 *
 * @param inputs the columns a caller sends (before the pipeline), in order
 * @param outputs the columns the model returns, in order
 */
public record Signature(List<Field> inputs, List<Field> outputs) {
  public Signature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** No declared columns. */
  public static Signature empty() {
    return new Signature(List.of(), List.of());
  }
}
