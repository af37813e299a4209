package dev.vigil.server;

import dev.vigil.serving.Router;
import dev.vigil.serving.Signature;
import java.util.Objects;

/**
 * A model name as clients see it, the router that answers for it, and the signature requests are
 * validated against (the primary's).
 */
public record ServedModel(String name, Router router, Signature signature) {
  public ServedModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(signature, "signature");
  }
}
