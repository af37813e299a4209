package dev.vigil.registry;

import dev.vigil.InvalidArgumentException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A reference to a model version: {@code NAME} (latest version), {@code NAME@ALIAS} or
 * {@code NAME/VERSION}.
 *
 * @param model model name
 * @param alias alias, when given
 * @param version version number, when given
 */
public record VersionRef(String model, Optional<String> alias, OptionalLong version) {
  /** Parses {@code NAME}, {@code NAME@ALIAS} or {@code NAME/VERSION}. */
  public static VersionRef parse(String s) {
    InvalidArgumentException.check(s != null && !s.isBlank(), "model reference must be NAME, NAME@ALIAS or NAME/VERSION: '%s'", s);
    int at = s.lastIndexOf('@');
    if (at > 0) {
      return new VersionRef(s.substring(0, at), Optional.of(Registry.checkAlias(s.substring(at + 1))), OptionalLong.empty());
    }
    int slash = s.lastIndexOf('/');
    if (slash > 0) {
      String v = s.substring(slash + 1);
      try {
        long n = Long.parseLong(v);
        InvalidArgumentException.check(n >= 1, "model version in '%s' must be >= 1: %s", s, v);
        return new VersionRef(s.substring(0, slash), Optional.empty(), OptionalLong.of(n));
      } catch (NumberFormatException e) {
        throw new InvalidArgumentException("model version in '" + s + "' must be a positive integer: " + v, e);
      }
    }
    return new VersionRef(s, Optional.empty(), OptionalLong.empty());
  }

  @Override
  public String toString() {
    return alias.map(a -> model + "@" + a).orElseGet(() -> version.isPresent() ? model + "/" + version.getAsLong() : model);
  }
}
