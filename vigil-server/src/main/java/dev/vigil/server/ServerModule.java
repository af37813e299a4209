package dev.vigil.server;

import io.javalin.Javalin;

/**
 * A feature's HTTP routes. Handlers parse, call the library, render JSON; they throw
 * {@link dev.vigil.VigilException}s (or {@link RequestValidationException}) for bad input and never
 * write error responses themselves: the server's one exception mapper does.
 */
public interface ServerModule {
  /** Registers this module's routes. */
  void register(Javalin app);
}
