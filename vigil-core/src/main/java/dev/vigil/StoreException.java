package dev.vigil;

/** A file, folder or store could not be read or written; the message names it, the cause is chained. */
public class StoreException extends VigilException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
