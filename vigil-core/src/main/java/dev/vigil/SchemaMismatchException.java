package dev.vigil;

/**
 * A table lacks a column that was asked for, or a column has another type than expected. The
 * message names the column, the expectation and what was found (for a missing column, the columns
 * that exist).
 */
public class SchemaMismatchException extends VigilException {
  private static final long serialVersionUID = 1L;

  public SchemaMismatchException(String message) {
    super(message);
  }

  public SchemaMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
