package dev.vigil;

import java.util.Locale;

/**
 * A caller passed a value outside the documented range, e.g. {@code k must be in [1, 1000]: 0}.
 */
public class InvalidArgumentException extends VigilException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }

  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Throws with {@code message} (a {@link String#format} pattern, {@link Locale#ROOT}) unless {@code ok}. */
  public static void check(boolean ok, String message, Object... args) {
    if (!ok) {
      throw new InvalidArgumentException(String.format(Locale.ROOT, message, args));
    }
  }
}
