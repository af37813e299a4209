package dev.vigil;

/**
 * Something asked for by name does not exist: a model, version, alias, run, experiment or file
 * entry. The message names what was asked for and, where short, what exists. HTTP maps it to 404.
 */
public class NotFoundException extends VigilException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
