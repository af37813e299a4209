package dev.vigil.models;

import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.models.internal.TribuoPredictor;
import dev.vigil.registry.ArtifactCheck;
import java.nio.file.Path;
import java.util.List;

/** Loads model artifacts by flavour. */
public final class ModelRuntimes {
  /** Flavours this build loads. */
  public static final List<String> FLAVOURS = List.of("tribuo");

  private ModelRuntimes() {}

  /**
   * Loads {@code artifact} as {@code flavour}.
   *
   * @throws InvalidArgumentException for an unknown flavour
   * @throws DataFormatException when the file is not a model of that flavour
   */
  public static Predictor load(Path artifact, String flavour) {
    if (flavour.equals("tribuo")) {
      return TribuoPredictor.load(artifact);
    }
    throw new InvalidArgumentException("model flavour must be one of " + FLAVOURS + ": " + flavour);
  }

  /**
   * {@code model} behind the serving router's {@link dev.vigil.serving.Predictor}: inputs are its
   * feature names (double, non-nullable: the pipeline output), outputs the class probabilities in
   * {@link Predictor#classes()} order ({@link dev.vigil.serving.Signature.OutputKind#PROBABILITIES}).
   */
  public static dev.vigil.serving.Predictor serving(Predictor model) {
    List<dev.vigil.data.Field> inputs = model.featureNames().stream()
        .map(n -> new dev.vigil.data.Field(n, dev.vigil.data.ColumnType.DOUBLE, false)).toList();
    dev.vigil.serving.Signature sig = new dev.vigil.serving.Signature(inputs,
        dev.vigil.serving.Signature.OutputKind.PROBABILITIES, model.classes());
    return new dev.vigil.serving.Predictor() {
      @Override
      public dev.vigil.serving.Signature signature() {
        return sig;
      }

      @Override
      public dev.vigil.serving.Predictions predict(dev.vigil.data.Table features) {
        dev.vigil.data.Table out = model.predict(features);
        int rows = out.rowCount();
        int width = model.classes().size();
        double[] values = new double[rows * width];
        for (int k = 0; k < width; k++) {
          double[] p = out.doubleColumn("p_" + model.classes().get(k)).toArray();
          for (int i = 0; i < rows; i++) {
            values[i * width + k] = p[i];
          }
        }
        return dev.vigil.serving.Predictions.of(rows, width, values);
      }
    };
  }

  /** A registration check that loads the artifact (so a malformed artifact is never registered). */
  public static ArtifactCheck loadCheck() {
    return (artifact, flavour) -> load(artifact, flavour);
  }
}
