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

  /** A registration check that loads the artifact (so a malformed artifact is never registered). */
  public static ArtifactCheck loadCheck() {
    return (artifact, flavour) -> load(artifact, flavour);
  }
}
