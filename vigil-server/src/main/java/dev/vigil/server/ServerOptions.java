package dev.vigil.server;

import dev.vigil.InvalidArgumentException;
import dev.vigil.models.Gates;
import java.util.Optional;

/**
 * How the server runs.
 *
 * @param host address to bind ({@code 127.0.0.1} by default)
 * @param port TCP port, 0 for any free port, else in [1, 65535]
 * @param token bearer token mutating calls must present; empty: none needed, loopback only
 * @param budget deployment gate budgets for alias moves
 */
public record ServerOptions(String host, int port, Optional<String> token, Gates.Budget budget) {
  public ServerOptions {
    InvalidArgumentException.check(port >= 0 && port <= 65535, "port must be in [0, 65535]: %s", port);
    InvalidArgumentException.check(token.isEmpty() || token.get().length() >= 16, "token must be at least 16 characters");
  }

  /** Loopback, port 8080, no token, default budgets. */
  public static ServerOptions defaults() {
    return new ServerOptions("127.0.0.1", 8080, Optional.empty(), Gates.Budget.defaults());
  }

  public ServerOptions withPort(int p) {
    return new ServerOptions(host, p, token, budget);
  }

  public ServerOptions withHost(String h) {
    return new ServerOptions(h, port, token, budget);
  }

  public ServerOptions withToken(String t) {
    return new ServerOptions(host, port, Optional.ofNullable(t), budget);
  }
}
