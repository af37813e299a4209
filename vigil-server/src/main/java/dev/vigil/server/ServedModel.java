package dev.vigil.server;

import dev.vigil.serving.Router;
import dev.vigil.serving.Signature;
import java.util.Objects;

/**
 * A model name as clients see it, the router that answers for it, the signature requests are
 * validated against (the primary's), and the request header whose value is the routing key that
 * keeps a caller on one side of a canary split (the request id when the header is absent).
 */
public record ServedModel(String name, Router router, Signature signature, String keyHeader) {
  /** The routing key header {@code X-Vigil-Key}. */
  public static final String DEFAULT_KEY_HEADER = "X-Vigil-Key";

  public ServedModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(keyHeader, "keyHeader");
  }

  /** Serves with the routing key header {@code X-Vigil-Key}. */
  public ServedModel(String name, Router router, Signature signature) {
    this(name, router, signature, DEFAULT_KEY_HEADER);
  }
}
