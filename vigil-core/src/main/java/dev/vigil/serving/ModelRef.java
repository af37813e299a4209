package dev.vigil.serving;

import java.util.Objects;

/**
 * Which model version answered: a registered model's name and version (a version is a positive
 * number written as text, or any label for models not from the registry).
 */
public record ModelRef(String name, String version) {
  public ModelRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }

  @Override
  public String toString() {
    return name + "/" + version;
  }
}
