package dev.vigil.store;

import dev.vigil.InvalidArgumentException;

/**
 * A named thing (experiment, run, model, version, alias) does not exist in the store. A subtype of
 * {@link InvalidArgumentException} (the caller named it), so that the HTTP server can answer 404.
 */
public final class NotFoundException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
