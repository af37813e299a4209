package dev.vigil.server;

import dev.vigil.serving.Router;
import dev.vigil.serving.Signature;
import java.util.Objects;

/**
 * A model name as clients see it, the router that answers for it, and the request header whose value
 * is the routing key that keeps a caller on one side of a canary split (the request id when the header
 * is absent). Requests are validated against {@link #signature()}, the signature of the version the
 * router sends primary traffic to now.
 */
public record ServedModel(String name, Router router, String keyHeader) {
  /** The routing key header {@code X-Vigil-Key}. */
  public static final String DEFAULT_KEY_HEADER = "X-Vigil-Key";

  public ServedModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(keyHeader, "keyHeader");
  }

  /** Serves with the routing key header {@code X-Vigil-Key}. */
  public ServedModel(String name, Router router) {
    this(name, router, DEFAULT_KEY_HEADER);
  }

  /**
   * The signature requests are validated against and {@code /v2/models/{name}} describes: the current
   * primary's, read from the router at each call, so that it follows a hot reload or a canary promotion.
   */
  public Signature signature() {
    return router.primarySignature();
  }
}
