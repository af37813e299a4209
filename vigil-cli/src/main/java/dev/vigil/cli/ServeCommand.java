package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.io.log.PredictionLogOptions;
import dev.vigil.io.log.PredictionLogger;
import dev.vigil.models.ServedVersions;
import dev.vigil.registry.Registry;
import dev.vigil.server.InferenceModule;
import dev.vigil.server.LabelsModule;
import dev.vigil.server.ServedModel;
import dev.vigil.server.ServingMetrics;
import dev.vigil.server.VigilServer;
import dev.vigil.serving.Router;
import dev.vigil.serving.Served;
import dev.vigil.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vigil serve --model NAME}: serves registered models over HTTP. Each model answers with its
 * {@code champion}, falls back to its {@code backup} (the last known good version), then to the
 * {@code --default-answer} if given; {@code --shadow ALIAS} copies traffic to another version. Each
 * version runs behind its own fitted feature pipeline, and its golden examples are replayed before
 * it serves. Every {@code --reload-seconds} the aliases are read again and a moved alias is loaded
 * and swapped in without dropping requests. Every answered row goes to the prediction log. Stops
 * gracefully on SIGTERM or Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve registered models: Open Inference Protocol v2, JSON predict, labels, /metrics.")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "NAME", description = "A registered model to serve (repeatable).")
  List<String> models;

  @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--deadline-ms", defaultValue = "1000", description = "Per-call model deadline (default: ${DEFAULT-VALUE}).")
  long deadlineMs;

  @Option(names = "--default-answer", split = ",", paramLabel = "P",
      description = "Outputs answered when every model fails, e.g. 0.9,0.1 (default: none, the request fails with 503).")
  double[] defaultAnswer;

  @Option(names = "--shadow", paramLabel = "ALIAS", description = "Alias whose version gets a shadow copy of each request (e.g. challenger).")
  String shadowAlias;

  @Option(names = "--log", paramLabel = "DIR", description = "Prediction log folder (default: <home>/predictions).")
  Path log;

  @Option(names = "--max-in-flight", defaultValue = "256", description = "Predictions at once before 503s (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--reload-seconds", defaultValue = "10", description = "How often aliases are re-read (default: ${DEFAULT-VALUE}).")
  int reloadSeconds;

  @Option(names = "--ready-file", paramLabel = "FILE", description = "Write the bound port to FILE once serving (for scripts).")
  Path readyFile;

  @Mixin StoreMixin store;

  /** One served name with what is loaded now. */
  private record Live(String name, Router router, Map<String, Long> versions) {}

  @Override
  public Integer call() throws Exception {
    InvalidArgumentException.check(maxInFlight >= 1, "--max-in-flight must be >= 1: %d", maxInFlight);
    InvalidArgumentException.check(reloadSeconds >= 1, "--reload-seconds must be >= 1: %d", reloadSeconds);
    PrintWriter out = spec.commandLine().getOut();
    boolean interrupted = false;
    try (Store s = store.open()) {
      Registry registry = s.registry();
      Path logDir = log != null ? log : s.options().home().resolve("predictions");
      List<ServedModel> served = new ArrayList<>();
      Map<String, ServingMetrics> metrics = new LinkedHashMap<>();
      List<PredictionLogger> loggers = new ArrayList<>();
      List<Live> live = new ArrayList<>();
      for (String name : models) {
        Map<String, Long> versions = new LinkedHashMap<>();
        long champion = ServedVersions.alias(registry, name, "champion").orElseThrow(() -> new InvalidArgumentException(
            "model \"" + name + "\" has no champion alias; set one with: vigil models alias " + name + " champion VERSION"));
        versions.put("champion", champion);
        Served primary = ServedVersions.load(registry, name, champion);
        ServingMetrics m = new ServingMetrics(name);
        PredictionLogger logger = new PredictionLogger(PredictionLogOptions.defaults(logDir), name);
        m.attachLogDrops(logger::dropped);
        Router.Builder b = Router.builder(primary).deadline(Duration.ofMillis(deadlineMs)).listener(m).listener(logger);
        Optional<Long> backup = ServedVersions.alias(registry, name, "backup");
        if (backup.isPresent() && backup.get() != champion) {
          b.fallback(ServedVersions.load(registry, name, backup.get()));
          versions.put("backup", backup.get());
        }
        if (shadowAlias != null) {
          Optional<Long> sv = ServedVersions.alias(registry, name, shadowAlias);
          if (sv.isPresent()) {
            b.shadow(ServedVersions.load(registry, name, sv.get()));
            versions.put(shadowAlias, sv.get());
          }
        }
        if (defaultAnswer != null) {
          b.defaultAnswer(defaultAnswer);
        }
        Router router = b.build();
        served.add(new ServedModel(name, router, primary.predictor().signature()));
        metrics.put(name, m);
        loggers.add(logger);
        live.add(new Live(name, router, versions));
        out.println("serving " + name + " " + versions);
      }
      CountDownLatch stop = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(1);
      VigilServer server = VigilServer.builder().host(host).port(port)
          .module(new InferenceModule(served, metrics, maxInFlight))
          .module(new LabelsModule(logDir, Clock.systemUTC())).start();
      // On SIGTERM the JVM waits for hooks, not for this thread: the hook waits for the cleanup below.
      Thread hook = new Thread(() -> {
        stop.countDown();
        try {
          done.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "vigil-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      out.println("listening on http://" + host + ":" + server.port() + " (prediction log: " + logDir + ")");
      out.flush();
      if (readyFile != null) {
        dev.vigil.io.internal.AtomicFiles.writeString(readyFile, server.port() + "\n");
      }
      try {
        while (!stop.await(reloadSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
          reload(registry, live, spec.commandLine().getErr());
        }
      } catch (InterruptedException e) {
        // Shut down cleanly first (Jetty's graceful stop waits), then restore the flag.
        interrupted = true;
      } finally {
        server.stop();
        for (Live l : live) {
          l.router().close();
        }
        for (PredictionLogger l : loggers) {
          l.close();
        }
        out.println("stopped");
        out.flush();
        done.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
          // already shutting down
        }
      }
    }
    if (interrupted) {
      // Restored only now that the store is closed: its pool's close must not see the flag.
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  /** Loads versions whose alias moved and swaps them in; a version that fails to load is not served. */
  private static void reload(Registry registry, List<Live> live, PrintWriter err) {
    for (Live l : live) {
      try {
        Optional<Long> champion = ServedVersions.alias(registry, l.name(), "champion");
        if (champion.isPresent() && !champion.get().equals(l.versions().get("champion"))) {
          l.router().replacePrimary(ServedVersions.load(registry, l.name(), champion.get()));
          l.versions().put("champion", champion.get());
          err.println("vigil serve: " + l.name() + " champion is now version " + champion.get());
        }
        Optional<Long> backup = ServedVersions.alias(registry, l.name(), "backup");
        if (backup.isPresent() && !backup.get().equals(l.versions().get("backup"))) {
          l.router().replaceFallbacks(List.of(ServedVersions.load(registry, l.name(), backup.get())));
          l.versions().put("backup", backup.get());
          err.println("vigil serve: " + l.name() + " backup is now version " + backup.get());
        }
      } catch (RuntimeException e) {
        err.println("vigil serve: keeping the loaded versions of " + l.name() + ": " + e.getMessage());
      }
      err.flush();
    }
  }
}
