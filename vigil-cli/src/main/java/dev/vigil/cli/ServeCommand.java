package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.io.log.ClosedSegment;
import dev.vigil.io.log.PredictionLogOptions;
import dev.vigil.io.log.PredictionLogs;
import dev.vigil.io.log.PredictionLogger;
import dev.vigil.models.Gates;
import dev.vigil.registry.Registry;
import dev.vigil.server.InferenceModule;
import dev.vigil.server.LabelsModule;
import dev.vigil.server.LogSegmentsModule;
import dev.vigil.server.ReloadMetrics;
import dev.vigil.server.ServedModel;
import dev.vigil.server.ServingMetrics;
import dev.vigil.server.VigilServer;
import dev.vigil.serving.Router;
import dev.vigil.store.LogSegment;
import dev.vigil.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vigil serve --model NAME} or {@code vigil serve --config serve.yaml}: serves registered models
 * over HTTP. By default each model answers with its {@code champion}, falls back to its {@code backup}
 * (the last known good version), then to the {@code --default-answer} if given; {@code --shadow ALIAS}
 * copies traffic to another version. The YAML file ({@link ServeConfig}) sets everything per model:
 * primary and fallbacks (aliases or versions), deadline, default answer, circuit breaker, shadow,
 * canary with its gates, and the server and log settings; a flag given on the command line overrides
 * the file. Each version runs behind its own fitted feature pipeline, and its golden examples are
 * replayed before it serves (a version that fails is refused, see {@link LiveModel}). Every
 * {@code --reload-seconds} the aliases are read again and a moved alias (primary, fallback, shadow or
 * canary) is loaded and swapped in without dropping requests; a canary promoted by its gates is
 * written to the registry (its alias moves, {@code backup} follows). Every answered row goes to the prediction
 * log unless it is off. Stops gracefully on SIGTERM or Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve registered models: Open Inference Protocol v2, JSON predict, labels, /metrics.")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "serve.yaml: models, aliases, deadlines, default answers, "
      + "shadow, canary, circuit breaker, log and server settings; flags override it.")
  Path config;

  @Option(names = "--model", paramLabel = "NAME", description = "A registered model to serve (repeatable; added to the config's models).")
  List<String> models;

  @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--deadline-ms", defaultValue = "1000", description = "Per-call model deadline; 0 = none: the model "
      + "runs on the request's thread, which saves a thread handoff per call but a hung model then hangs its "
      + "requests (default: ${DEFAULT-VALUE}).")
  long deadlineMs;

  @Option(names = "--default-answer", split = ",", paramLabel = "P",
      description = "Outputs answered when every model fails, e.g. 0.9,0.1 (default: none, the request fails with 503).")
  double[] defaultAnswer;

  @Option(names = "--shadow", paramLabel = "ALIAS", description = "Alias whose version gets a shadow copy of each request (e.g. challenger).")
  String shadowAlias;

  @Option(names = "--log", paramLabel = "DIR", description = "Prediction log folder (default: <home>/predictions).")
  Path log;

  @Option(names = "--no-log", description = "Do not write the prediction log.")
  boolean noLog;

  @Option(names = "--log-segment-mb", paramLabel = "MB",
      description = "A log segment closes at about this many MiB of appended data, if no earlier by rows or age (default: 64).")
  Integer logSegmentMb;

  @Option(names = "--max-in-flight", defaultValue = "256", description = "Predictions at once before 503s (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--http-threads", defaultValue = "32", description = "Threads handling requests (default: ${DEFAULT-VALUE}).")
  int httpThreads;

  @Option(names = "--max-queue-wait-ms", defaultValue = "50",
      description = "A prediction that waited longer for a thread gets 503 at once; 0 = never (default: ${DEFAULT-VALUE}).")
  int maxQueueWaitMs;

  @Option(names = "--queue-wait-target-ms", defaultValue = "5",
      description = "Under sustained overload (the queue never younger than this for 100 ms), the wait allowed "
          + "before a 503 drops to this (default: ${DEFAULT-VALUE}).")
  int queueWaitTargetMs;

  @Option(names = "--reload-seconds", defaultValue = "10", description = "How often aliases are re-read (default: ${DEFAULT-VALUE}).")
  int reloadSeconds;

  @Option(names = "--ready-file", paramLabel = "FILE", description = "Write the bound port to FILE once serving (for scripts).")
  Path readyFile;

  @Mixin StoreMixin store;

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** The config file (or the defaults) with the command line's flags applied over it. */
  ServeConfig effectiveConfig() {
    ServeConfig c = config != null ? ServeConfig.read(config)
        : new ServeConfig(ServeConfig.defaultServer(), ServeConfig.DEFAULT_RELOAD_SECONDS, ServeConfig.defaultLog(), List.of());
    if (config == null && (models == null || models.isEmpty())) {
      throw new InvalidArgumentException("name the models to serve with --model NAME or --config serve.yaml");
    }
    ServeConfig.Server s = c.server();
    s = new ServeConfig.Server(given("--host") ? host : s.host(), given("--port") ? port : s.port(),
        given("--max-in-flight") ? maxInFlight : s.maxInFlight(), given("--http-threads") ? httpThreads : s.threads(),
        s.maxQueued(), given("--max-queue-wait-ms") ? Duration.ofMillis(maxQueueWaitMs) : s.maxQueueWait(),
        given("--queue-wait-target-ms") ? Duration.ofMillis(queueWaitTargetMs) : s.queueWaitTarget(), s.maxBodyBytes());
    InvalidArgumentException.check(s.port() >= 0 && s.port() <= 65_535, "--port must be in [0, 65535]: %d", s.port());
    InvalidArgumentException.check(s.maxInFlight() >= 1, "--max-in-flight must be >= 1: %d", s.maxInFlight());
    InvalidArgumentException.check(s.threads() >= 4 && s.threads() <= 1024, "--http-threads must be in [4, 1024]: %d", s.threads());
    InvalidArgumentException.check(!s.maxQueueWait().isNegative(), "--max-queue-wait-ms must be >= 0: %d", maxQueueWaitMs);
    InvalidArgumentException.check(s.queueWaitTarget().toMillis() >= 1, "--queue-wait-target-ms must be >= 1: %d",
        s.queueWaitTarget().toMillis());
    int reload = given("--reload-seconds") ? reloadSeconds : c.reloadSeconds();
    InvalidArgumentException.check(reload >= 1, "--reload-seconds must be >= 1: %d", reload);
    ServeConfig.Log l = c.log();
    l = new ServeConfig.Log(!noLog && l.enabled(), log != null ? log : l.dir(), l.queueCapacity(), l.segmentRows(), l.segmentAge(),
        logSegmentMb != null ? logSegmentMb : l.segmentMb());
    InvalidArgumentException.check(l.segmentMb() >= 1 && l.segmentMb() <= 65_536, "--log-segment-mb must be in [1, 65536]: %d",
        l.segmentMb());
    List<ServeConfig.Model> ms = new ArrayList<>(c.models());
    if (models != null) {
      for (String name : models) {
        if (ms.stream().noneMatch(m -> m.name().equals(name))) {
          ms.add(ServeConfig.defaultModel(name));
        }
      }
    }
    if (given("--deadline-ms")) {
      InvalidArgumentException.check(deadlineMs >= 0, "--deadline-ms must be >= 0 (0: no deadline): %d", deadlineMs);
    }
    List<ServeConfig.Model> out = new ArrayList<>();
    for (ServeConfig.Model m : ms) {
      out.add(new ServeConfig.Model(m.name(), m.primary(), m.fallbacks(),
          given("--deadline-ms") ? (deadlineMs == 0 ? null : Duration.ofMillis(deadlineMs)) : m.deadline(),
          defaultAnswer != null ? defaultAnswer : m.defaultAnswer(), m.breaker(),
          shadowAlias != null ? ServeConfig.Ref.alias(shadowAlias) : m.shadow(), m.canary()));
    }
    return new ServeConfig(s, reload, l, List.copyOf(out));
  }

  @Override
  public Integer call() throws Exception {
    ServeConfig cfg = effectiveConfig();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean interrupted = false;
    try (Store s = store.open()) {
      Registry registry = s.registry();
      Path logDir = cfg.log().dir() != null ? cfg.log().dir() : s.options().home().resolve("predictions");
      List<ServedModel> served = new ArrayList<>();
      Map<String, ServingMetrics> metrics = new LinkedHashMap<>();
      List<PredictionLogger> loggers = new ArrayList<>();
      List<LiveModel> live = new ArrayList<>();
      Catalogue catalogue = new Catalogue(s, err);
      ReloadMetrics reloads = new ReloadMetrics();
      // Reloads and promotion writes run on their own thread: a store that hangs (an outage with long
      // connection time-outs) must not delay a request or a graceful stop, which closes the log's open segments.
      java.util.concurrent.ScheduledExecutorService reloader = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread th = new Thread(r, "vigil-serve-reload");
        th.setDaemon(true);
        return th;
      });
      try {
        for (ServeConfig.Model mc : cfg.models()) {
          String name = mc.name();
          LiveModel lm = new LiveModel(mc, registry, reloads, err, reloader, Gates.Budget.defaults());
          Router.Builder b = lm.builder();
          ServingMetrics m = new ServingMetrics(name);
          b.listener(m);
          if (cfg.log().enabled()) {
            PredictionLogger logger = new PredictionLogger(new PredictionLogOptions(logDir, cfg.log().queueCapacity(),
                cfg.log().segmentRows(), cfg.log().segmentAge(), (long) cfg.log().segmentMb() << 20, Clock.systemUTC()), name);
            m.attachLogDrops(logger::dropped);
            m.attachLogSegmentsFailed(logger::segmentsFailed);
            catalogue.backfill(logDir, name);
            logger.onSegmentClosed(catalogue::record);
            b.listener(logger);
            loggers.add(logger);
          }
          if (mc.canary() != null) {
            b.listener(lm.canaryListener());
          }
          if (mc.defaultAnswer() != null) {
            b.defaultAnswer(mc.defaultAnswer());
          }
          Router router = b.build();
          lm.attach(router);
          live.add(lm);
          m.attachRouter(router::stats);
          // The default answer must fit the primary's outputs (the version served at start).
          ServeConfig.checkDefaultAnswer(mc.defaultAnswer(), router.primarySignature(),
              defaultAnswer != null ? null : config, "models[" + cfg.models().indexOf(mc) + "].default_answer", name,
              Long.parseLong(router.primary().version()));
          served.add(new ServedModel(name, router,
              mc.canary() != null ? mc.canary().keyHeader() : ServedModel.DEFAULT_KEY_HEADER));
          metrics.put(name, m);
          out.println("serving " + name + " " + lm.serving());
        }
      } catch (RuntimeException e) {
        // a model that cannot serve (say, a refused primary without a fallback, or a default answer that
        // does not fit its outputs) stops the start
        reloader.shutdownNow();
        live.forEach(l -> l.router().close());
        loggers.forEach(PredictionLogger::close);
        throw e;
      }
      CountDownLatch stop = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(1);
      ServeConfig.Server sc = cfg.server();
      VigilServer server = VigilServer.builder().host(sc.host()).port(sc.port()).threads(sc.threads())
          .maxQueued(sc.maxQueued()).maxQueueWait(sc.maxQueueWait()).queueWaitTarget(sc.queueWaitTarget())
          .maxBodyBytes(sc.maxBodyBytes())
          .module(new InferenceModule(served, metrics, sc.maxInFlight(), reloads))
          .module(new LabelsModule(logDir, Clock.systemUTC()))
          .module(new LogSegmentsModule(s.logSegments())).start();
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
      out.println("listening on http://" + sc.host() + ":" + server.port()
          + (cfg.log().enabled() ? " (prediction log: " + logDir + ")" : " (prediction log off)"));
      out.flush();
      if (readyFile != null) {
        dev.vigil.io.internal.AtomicFiles.writeString(readyFile, server.port() + "\n");
      }
      reloader.scheduleWithFixedDelay(() -> {
        try {
          reload(live, metrics, err);
          catalogue.flush();
        } catch (RuntimeException | Error e) {
          err.println("vigil serve: reload failed: " + e);
          err.flush();
        }
      }, cfg.reloadSeconds(), cfg.reloadSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      try {
        stop.await();
      } catch (InterruptedException e) {
        // Shut down cleanly first (Jetty's graceful stop waits), then restore the flag.
        interrupted = true;
      } finally {
        reloader.shutdownNow();
        server.stop();
        for (LiveModel l : live) {
          l.router().close();
        }
        for (PredictionLogger l : loggers) {
          l.close();
        }
        // The segments closed just now; bounded, since the store may be unreachable (then they are
        // catalogued at the next start).
        Thread last = new Thread(catalogue::flush, "vigil-serve-catalogue");
        last.setDaemon(true);
        last.start();
        try {
          last.join(10_000);
        } catch (InterruptedException e) {
          interrupted = true;
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

  /**
   * Records closed log segments in the store's catalogue. The log's writer only hands a closed segment
   * over ({@link #record}); the reload thread records it ({@link #flush}), so a store that is slow or
   * unreachable never holds up the log. A segment that cannot be recorded stays on disk and pending,
   * retried at each reload tick; at start, segments on disk that the catalogue lacks (closed during an
   * outage or before a crash) are described and recorded.
   */
  static final class Catalogue {
    private final Store store;
    private final PrintWriter err;
    private final java.util.Set<ClosedSegment> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<ClosedSegment> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Catalogue(Store store, PrintWriter err) {
      this.store = store;
      this.err = err;
    }

    void record(ClosedSegment c) {
      pending.add(c);
    }

    /** Records every pending segment it can. */
    void flush() {
      for (ClosedSegment c : List.copyOf(pending)) {
        try {
          store.logSegments().record(new LogSegment(c.path().toString(), c.model(), c.versions(), c.firstTime(), c.lastTime(),
              c.rows(), c.bytes(), c.digest()));
          pending.remove(c);
          warned.remove(c);
        } catch (RuntimeException e) {
          if (warned.add(c)) {
            err.println("vigil serve: cannot catalogue log segment " + c.path() + " yet (will retry): " + e.getMessage());
            err.flush();
          }
        }
      }
    }

    void backfill(Path logDir, String model) {
      try {
        for (Path f : PredictionLogs.segmentFiles(logDir, model)) {
          if (!store.logSegments().contains(f.toAbsolutePath().toString())) {
            try {
              record(PredictionLogs.describe(f, model));
              flush();
            } catch (dev.vigil.DataFormatException e) {
              err.println("vigil serve: not cataloguing unreadable log segment " + f + ": " + e.getMessage());
            }
          }
        }
      } catch (RuntimeException e) {
        err.println("vigil serve: cannot catalogue the existing log segments of " + model + ": " + e.getMessage());
      }
    }
  }

  /**
   * Reloads every served model ({@link LiveModel#reload}); a store that cannot be reached or read
   * leaves the loaded versions serving. Each failure is printed and counted
   * ({@code vigil_reload_failures_total}).
   */
  private static void reload(List<LiveModel> live, Map<String, ServingMetrics> metrics, PrintWriter err) {
    for (LiveModel l : live) {
      try {
        l.reload();
      } catch (RuntimeException e) {
        metrics.get(l.name()).reloadFailed();
        err.println("vigil serve: keeping the loaded versions of " + l.name() + ": " + e.getMessage());
      }
      err.flush();
    }
  }
}
