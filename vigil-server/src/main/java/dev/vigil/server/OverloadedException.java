package dev.vigil.server;

import dev.vigil.VigilException;

/** Too many requests in flight; answered 503 with Retry-After at once rather than queued. */
public class OverloadedException extends VigilException {
  private static final long serialVersionUID = 1L;

  public OverloadedException(String message) {
    super(message);
  }

  /** A signal answered 503, never logged with a trace: filling one in costs more than the answer. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
