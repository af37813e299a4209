package dev.vigil.serving;

import dev.vigil.VigilException;
import java.util.List;

/** No model could answer and no default answer is configured; the message lists every failure. */
public class ServingException extends VigilException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> failures;

  public ServingException(String message, List<String> failures) {
    super(message + ": " + String.join("; ", failures));
    this.failures = List.copyOf(failures);
  }

  public List<String> failures() {
    return failures;
  }
}
