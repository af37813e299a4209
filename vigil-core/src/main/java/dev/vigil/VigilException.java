package dev.vigil;

/**
 * The one unchecked root of every error Vigil raises on purpose.
 *
 * <p>Subtypes say what kind of problem it is, so that the CLI can map it to an exit code and the
 * HTTP server to a status: {@link InvalidArgumentException} (a caller passed a value outside its
 * contract), {@link DataFormatException} (input data could not be read as expected: names the
 * source, line, column and expectation), {@link SchemaMismatchException} (a table does not have the
 * columns or types asked for) and {@link StoreException} (a store or file could not be written or
 * read). Messages name the place, the expectation and the value; causes are always chained.
 */
public class VigilException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VigilException(String message) {
    super(message);
  }

  public VigilException(String message, Throwable cause) {
    super(message, cause);
  }
}
