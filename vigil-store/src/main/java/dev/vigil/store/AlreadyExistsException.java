package dev.vigil.store;

import dev.vigil.InvalidArgumentException;

/** A name to create (experiment, model) is already taken. */
public final class AlreadyExistsException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;

  public AlreadyExistsException(String message) {
    super(message);
  }
}
