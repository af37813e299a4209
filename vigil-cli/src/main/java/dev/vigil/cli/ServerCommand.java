package dev.vigil.cli;

import dev.vigil.models.Gates;
import dev.vigil.server.RegistryModule;
import dev.vigil.server.VigilServer;
import dev.vigil.store.Store;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil server}: serves the store over HTTP (Vigil's {@code /api/v1} and MLflow's REST API 2.0)
 * until interrupted. Mutating calls need {@code --token} (or {@code $VIGIL_TOKEN}) unless bound to
 * loopback.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Serve the registry and tracking store over HTTP: /api/v1 (OpenAPI at /api/v1/openapi.json) and MLflow's /api/2.0/mlflow.")
final class ServerCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}); non-loopback needs a token.")
  String host;

  @Option(names = "--token", description = "Bearer token for mutating calls (default: $VIGIL_TOKEN; none: loopback only).")
  String token;

  @Option(names = "--max-latency-ms", defaultValue = "50", description = "Gate latency budget for alias moves (default: ${DEFAULT-VALUE}).")
  double latency;

  @Option(names = "--max-memory-mb", defaultValue = "512", description = "Gate memory budget for alias moves (default: ${DEFAULT-VALUE}).")
  double memory;

  @Mixin StoreMixin store;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    String t = token != null ? token : System.getenv("VIGIL_TOKEN");
    Optional<String> tok = Optional.ofNullable(t == null || t.isEmpty() ? null : t);
    RegistryModule.requireTokenOffLoopback(host, tok);
    CountDownLatch stop = new CountDownLatch(1);
    try (Store s = store.open();
         VigilServer server = VigilServer.builder().host(host).port(port)
             .module(new RegistryModule(s, new Gates.Budget(latency, memory, 200), tok)).start()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("vigil server: serving " + s.dialect() + " store on http://" + host + ":" + server.port()
          + " (MLflow tracking URI http://" + host + ":" + server.port() + "); Ctrl-C stops");
      err.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return ExitCodes.OK;
  }
}
