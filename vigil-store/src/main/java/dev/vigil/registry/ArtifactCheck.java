package dev.vigil.registry;

import java.nio.file.Path;

/**
 * Proves at registration that an artifact loads in its flavour's runtime (for example by opening
 * it with ONNX Runtime or Tribuo). Throws a {@link dev.vigil.VigilException} naming the problem when
 * it does not; registration is then refused and nothing is written.
 */
@FunctionalInterface
public interface ArtifactCheck {
  void check(Path artifact, String flavour);

  /** Accepts any existing regular file. */
  static ArtifactCheck none() {
    return (artifact, flavour) -> { };
  }
}
