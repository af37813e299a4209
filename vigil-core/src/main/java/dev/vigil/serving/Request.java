package dev.vigil.serving;

import java.util.Objects;

/**
 * One prediction request: an id (for the log and late labels), the features (already transformed by
 * the feature pipeline), and a routing key that keeps a caller on the same side of a canary split
 * (defaults to the id).
 */
public record Request(String id, dev.vigil.data.Table features, String key) {
  public Request {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(features, "features");
    key = key == null ? id : key;
  }

  public static Request of(String id, dev.vigil.data.Table features) {
    return new Request(id, features, id);
  }
}
