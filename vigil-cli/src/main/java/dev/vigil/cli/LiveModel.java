package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.StoreException;
import dev.vigil.models.Gates;
import dev.vigil.models.ServedVersions;
import dev.vigil.registry.GateRefusedException;
import dev.vigil.registry.Registry;
import dev.vigil.server.ReloadMetrics;
import dev.vigil.serving.CanaryDecision;
import dev.vigil.serving.Router;
import dev.vigil.serving.Served;
import dev.vigil.serving.ServingListener;
import dev.vigil.store.TamperedArtifactException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One model name served by {@code vigil serve}, kept current with the registry.
 *
 * <p>At start and at each reload, every configured reference (primary, fallbacks, shadow, canary; an
 * alias or a fixed version) is resolved. A version not loaded yet is loaded behind its fitted feature
 * pipeline after its deployment gates pass ({@link ServedVersions#load}: it loads, its signature
 * matches its pipeline, its golden examples reproduce). A version that fails is <b>refused</b>: it is
 * not served, the refusal is printed (naming the version, the gate and, for golden examples, the row
 * and output that differ) and counted ({@link ReloadMetrics}), and the part of the chain it would have
 * taken keeps what it served before. Registered versions are immutable, so a refused version is not
 * tried again until restart. At start, a refused primary is replaced by the first fallback that
 * loads; with none, serving is refused.
 *
 * <p>A moved alias swaps its part of the router for new requests ({@link Router#replacePrimary},
 * {@link Router#replaceFallbacks}, {@link Router#replaceShadow}, {@link Router#replaceCanary}); calls
 * in flight finish on the version they started on, so nothing is dropped or failed. A moved canary
 * alias starts a new canary experiment judged from zero; a deleted shadow or canary alias stops it.
 *
 * <p>When the router promotes the canary, the promotion is written to the registry through the same
 * call as {@code vigil models alias} ({@link Registry#setAlias} with the standard deployment gates):
 * the primary's alias moves to the canary version, and for {@code champion} the registry moves
 * {@code backup} to the champion it replaced; the alias audit log records the move with actor
 * {@value #ACTOR} and the canary's figures as its reason. The write runs on the reload thread, never
 * on a request. If the store is unreachable the promoted version keeps serving and the write is
 * retried at each reload; if a gate refuses it, or someone moved the alias meanwhile, it is not
 * retried (the promotion then lasts until the alias moves or the server restarts).
 *
 * <p>Everything but {@link #canaryListener}'s callback runs on the thread that builds the server and
 * then on the single reload thread, so the bookkeeping here needs no locks.
 */
final class LiveModel {
  /** The actor recorded in the registry's audit log for promotions written by the server. */
  static final String ACTOR = "vigil-serve";

  private record Promotion(String alias, long version, Long from, String reason) {}

  private final ServeConfig.Model config;
  private final String name;
  private final Registry registry;
  private final ReloadMetrics metrics;
  private final PrintWriter err;
  private final Executor reloadThread;
  private final Gates.Budget promotionBudget;
  /** The version each reference named when last acted on, by "role ref" (e.g. "primary @champion"). */
  private final Map<String, Long> seen = new LinkedHashMap<>();
  /** Versions refused, with why. */
  private final Map<Long, String> refused = new HashMap<>();
  /** Versions held in some role now, so that a version moving between roles is not loaded twice. */
  private final Map<Long, Served> loaded = new HashMap<>();
  /** What each fallback reference serves now (absent: nothing). */
  private final Map<String, Served> fallbackServed = new LinkedHashMap<>();
  /** What is served now by role, for the start line. */
  private final Map<String, Long> serving = new LinkedHashMap<>();
  private List<Served> chain = List.of();
  private Served shadow;
  private Served canary;
  private Router router;
  private Promotion pending;

  LiveModel(ServeConfig.Model config, Registry registry, ReloadMetrics metrics, PrintWriter err, Executor reloadThread,
      Gates.Budget promotionBudget) {
    this.config = config;
    this.name = config.name();
    this.registry = registry;
    this.metrics = metrics;
    this.err = err;
    this.reloadThread = reloadThread;
    this.promotionBudget = promotionBudget;
  }

  /** What is served now by role ("primary @champion" to version), as printed at start. */
  Map<String, Long> serving() {
    return serving;
  }

  String name() {
    return name;
  }

  Router router() {
    return router;
  }

  private static String key(String role, ServeConfig.Ref ref) {
    return role + " " + ref;
  }

  private Optional<Long> resolve(ServeConfig.Ref ref) {
    return ref.alias() != null ? ServedVersions.alias(registry, name, ref.alias()) : Optional.of(ref.version());
  }

  /**
   * Resolves and loads the configured versions and returns a router builder with the primary,
   * fallbacks, shadow, canary, deadline and circuit breaker set; the caller adds listeners and the
   * default answer, builds it and hands it to {@link #attach}.
   *
   * @throws InvalidArgumentException when the primary's alias is unset, the canary names no version,
   *     or the primary is refused and no fallback can serve
   */
  Router.Builder builder() {
    ServeConfig.Ref pref = config.primary();
    long pv = resolve(pref).orElseThrow(() -> new InvalidArgumentException(
        "model \"" + name + "\" has no " + pref.alias() + " alias; set one with: vigil models alias " + name + " "
            + pref.alias() + " VERSION"));
    seen.put(key("primary", pref), pv);
    Served primary = obtain("primary", pv);
    String primaryKey = key("primary", pref);
    for (ServeConfig.Ref f : config.fallbacks()) {
      String k = key("fallback", f);
      Optional<Long> v = resolve(f);
      if (v.isEmpty()) {
        err.println("vigil serve: " + name + " has no " + f.alias() + " alias yet; no fallback from it");
        continue;
      }
      seen.put(k, v.get());
      // Kept even when it is the primary's version: the chain leaves that out, until the primary moves.
      Served s = obtain("fallback", v.get());
      if (s != null) {
        fallbackServed.put(k, s);
      }
    }
    if (primary == null) {
      Map.Entry<String, Served> first = fallbackServed.entrySet().stream().findFirst().orElseThrow(() ->
          new InvalidArgumentException("refusing to serve " + name + ": its primary " + pref + " names version " + pv
              + ", which was refused (" + refused.get(pv) + "), and no fallback can serve instead"));
      primary = first.getValue();
      primaryKey = "primary " + first.getKey().substring("fallback ".length());
      err.println("vigil serve: " + name + " serves its fallback " + primary.ref() + " as primary until " + pref
          + " names a version that passes its gates");
    }
    serving.put(primaryKey, Long.parseLong(primary.ref().version()));
    Router.Builder b = Router.builder(primary).deadline(config.deadline())
        .circuitBreaker(config.breaker().failures(), config.breaker().openFor());
    chain = chain(Long.parseLong(primary.ref().version()));
    for (Served s : chain) {
      b.fallback(s);
      fallbackServed.forEach((k, v) -> {
        if (v == s) {
          serving.put(k, Long.parseLong(s.ref().version()));
        }
      });
    }
    if (config.shadow() != null) {
      Optional<Long> v = resolve(config.shadow());
      if (v.isPresent()) {
        seen.put(key("shadow", config.shadow()), v.get());
        shadow = obtain("shadow", v.get());
        if (shadow != null) {
          b.shadow(shadow);
          serving.put(key("shadow", config.shadow()), v.get());
        }
      } else {
        err.println("vigil serve: " + name + " has no " + config.shadow().alias() + " alias; no shadow");
      }
    }
    if (config.canary() != null) {
      ServeConfig.Canary cc = config.canary();
      long cv = resolve(cc.model()).orElseThrow(() -> new InvalidArgumentException(
          "model \"" + name + "\": the canary " + cc.model() + " names no version"));
      seen.put(key("canary", cc.model()), cv);
      canary = obtain("canary", cv);
      b.canary(canary, cc.share(), cc.gates().toCanaryGates());
      if (canary != null) {
        serving.put(key("canary", cc.model()), cv);
      }
    }
    return b;
  }

  /** Takes the router built from {@link #builder}. */
  void attach(Router built) {
    this.router = built;
  }

  /** The fallbacks to serve behind {@code primaryVersion}: each reference's version once, in order, not the primary. */
  private List<Served> chain(long primaryVersion) {
    List<Served> out = new ArrayList<>();
    for (Served s : fallbackServed.values()) {
      long v = Long.parseLong(s.ref().version());
      if (v != primaryVersion && out.stream().noneMatch(o -> o.ref().version().equals(s.ref().version()))) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The loaded version, loading it (gates first) when no role holds it yet; null when it is refused.
   *
   * @throws StoreException when the store cannot be read (nothing is refused then)
   */
  private Served obtain(String role, long version) {
    Served s = loaded.get(version);
    if (s != null) {
      return s;
    }
    if (refused.containsKey(version)) {
      return null;
    }
    try {
      s = ServedVersions.load(registry, name, version);
    } catch (StoreException e) {
      if (!(e instanceof TamperedArtifactException)) {
        throw e;
      }
      return refuse(role, version, e);
    } catch (RuntimeException e) {
      return refuse(role, version, e);
    }
    metrics.versionLoad(name, role, version, false);
    loaded.put(version, s);
    return s;
  }

  private Served refuse(String role, long version, RuntimeException e) {
    String why = e.getMessage() == null ? e.toString() : e.getMessage();
    refused.put(version, why);
    metrics.versionLoad(name, role, version, true);
    err.println("vigil serve: " + name + "/" + version + " refused as " + role + " (not served; not retried until restart): " + why);
    err.flush();
    return null;
  }

  /**
   * Re-reads the aliases and swaps in what moved (see the class comment), after retrying a promotion
   * that could not be recorded yet. Store errors propagate (the caller prints and counts them); the
   * loaded versions keep serving.
   */
  void reload() {
    try {
      writePromotion();
      reloadOnce();
    } finally {
      err.flush();
    }
  }

  private void reloadOnce() {
    long primaryVersion = Long.parseLong(router.primary().version());
    boolean primaryChanged = false;
    ServeConfig.Ref pref = config.primary();
    if (pref.alias() != null) {
      Optional<Long> v = resolve(pref);
      String k = key("primary", pref);
      if (v.isPresent() && !v.get().equals(seen.get(k))) {
        seen.put(k, v.get());
        if (v.get() != primaryVersion) {
          Served s = obtain("primary", v.get());
          if (s != null) {
            router.replacePrimary(s);
            primaryVersion = v.get();
            primaryChanged = true;
            err.println("vigil serve: " + name + " " + pref + " is now version " + v.get());
          } else {
            err.println("vigil serve: " + name + " keeps serving version " + primaryVersion + " as primary");
          }
        }
      }
    }
    boolean fallbacksMoved = primaryChanged;
    for (ServeConfig.Ref f : config.fallbacks()) {
      String k = key("fallback", f);
      Optional<Long> v = resolve(f);
      if (v.isEmpty()) {
        fallbacksMoved |= seen.remove(k) != null | fallbackServed.remove(k) != null;
      } else if (!v.get().equals(seen.get(k))) {
        seen.put(k, v.get());
        fallbacksMoved = true;
        Served s = obtain("fallback", v.get());
        if (s != null) {
          fallbackServed.put(k, s);
        }
      }
    }
    if (fallbacksMoved) {
      List<Served> next = chain(primaryVersion);
      if (!versions(next).equals(versions(chain))) {
        router.replaceFallbacks(next);
        chain = next;
        err.println("vigil serve: " + name + " fallbacks are now " + versions(next));
      }
    }
    if (config.shadow() != null) {
      String k = key("shadow", config.shadow());
      Optional<Long> v = resolve(config.shadow());
      if (v.isEmpty()) {
        if (seen.remove(k) != null && shadow != null) {
          shadow = null;
          router.replaceShadow(null);
          err.println("vigil serve: " + name + " " + config.shadow() + " is gone; no shadow");
        }
      } else if (!v.get().equals(seen.get(k))) {
        seen.put(k, v.get());
        Served s = obtain("shadow", v.get());
        if (s != null) {
          shadow = s;
          router.replaceShadow(s);
          err.println("vigil serve: " + name + " shadow " + config.shadow() + " is now version " + v.get());
        }
      }
    }
    if (config.canary() != null) {
      ServeConfig.Ref cref = config.canary().model();
      String k = key("canary", cref);
      Optional<Long> v = resolve(cref);
      if (v.isEmpty()) {
        if (seen.remove(k) != null && canary != null) {
          canary = null;
          router.replaceCanary(null);
          err.println("vigil serve: " + name + " canary " + cref + " is gone; no canary");
        }
      } else if (!v.get().equals(seen.get(k))) {
        seen.put(k, v.get());
        Served s = obtain("canary", v.get());
        if (s != null) {
          canary = s;
          router.replaceCanary(s);
          err.println("vigil serve: " + name + " canary " + cref + " is now version " + v.get() + " (a new canary, judged from zero)");
        }
      }
    }
    // Forget versions no role holds any more (their runtimes are closed once calls in flight end).
    List<Long> held = new ArrayList<>(versions(chain));
    held.add(Long.parseLong(router.primary().version()));
    fallbackServed.values().forEach(s -> held.add(Long.parseLong(s.ref().version())));
    if (shadow != null) {
      held.add(Long.parseLong(shadow.ref().version()));
    }
    if (canary != null) {
      held.add(Long.parseLong(canary.ref().version()));
    }
    loaded.keySet().retainAll(held);
  }

  private static List<Long> versions(List<Served> served) {
    return served.stream().map(s -> Long.parseLong(s.ref().version())).toList();
  }

  /**
   * A listener that prints canary decisions and hands a promotion to the reload thread, which writes it
   * to the registry (never on the request that triggered it).
   */
  ServingListener canaryListener() {
    return new ServingListener() {
      @Override
      public void onCanaryDecision(CanaryDecision d) {
        err.println("vigil serve: " + name + " canary " + d.canary() + " " + d.outcome().name().toLowerCase(Locale.ROOT)
            + (d.reasons().isEmpty() ? "" : ": " + d.reasons()));
        err.flush();
        if (d.outcome() != CanaryDecision.Outcome.PROMOTE) {
          return;
        }
        long v = Long.parseLong(d.canary().version());
        String reason = String.format(Locale.ROOT, "canary promoted by vigil serve after %d calls: error rate %.4f, "
            + "p99 %.3f ms, disagreement %.4f, mean score difference %.4f", d.calls(), d.errorRate(), d.p99Millis(),
            d.disagreement(), d.meanScoreDifference());
        try {
          reloadThread.execute(() -> promote(v, reason));
        } catch (RejectedExecutionException e) {
          err.println("vigil serve: " + name + " is stopping; the promotion of version " + v + " is not recorded in the registry");
          err.flush();
        }
      }
    };
  }

  /** Records a promotion the router made: the primary's alias moves to {@code version}. */
  void promote(long version, String reason) {
    ServeConfig.Ref pref = config.primary();
    if (pref.alias() == null) {
      metrics.promotionWrite(name, version, "skipped");
      err.println("vigil serve: " + name + " primary is pinned to " + pref + " in the config; the promotion of version "
          + version + " lasts until restart and the registry is not changed");
      err.flush();
      return;
    }
    pending = new Promotion(pref.alias(), version, seen.get(key("primary", pref)), reason);
    try {
      writePromotion();
    } catch (RuntimeException e) {
      // already counted and printed; retried at the next reload
    }
  }

  /** Writes the pending promotion, if any; a store failure leaves it pending and propagates. */
  private void writePromotion() {
    Promotion p = pending;
    if (p == null) {
      return;
    }
    String k = key("primary", ServeConfig.Ref.alias(p.alias()));
    String what = name + "@" + p.alias() + " -> version " + p.version();
    try {
      Optional<Long> now = ServedVersions.alias(registry, name, p.alias());
      if (now.isPresent() && now.get() == p.version()) {
        seen.put(k, p.version());
        pending = null;
        metrics.promotionWrite(name, p.version(), "superseded");
        err.println("vigil serve: " + what + " was already set in the registry");
        return;
      }
      if (!Objects.equals(now.orElse(null), p.from())) {
        pending = null;
        metrics.promotionWrite(name, p.version(), "superseded");
        err.println("vigil serve: not recording the promotion " + what + ": " + p.alias() + " was moved to "
            + now.map(String::valueOf).orElse("nothing") + " meanwhile");
        return;
      }
      Registry.AliasMoveResult r = registry.setAlias(name, p.alias(), p.version(), ACTOR, p.reason(),
          Gates.standard(promotionBudget));
      seen.put(k, p.version());
      pending = null;
      metrics.promotionWrite(name, p.version(), "recorded");
      err.println("vigil serve: recorded the canary promotion in the registry: " + what
          + (r.previous() == 0 ? "" : " (was " + r.previous() + ")") + (r.backup() == 0 ? "" : ", backup -> version " + r.backup()));
    } catch (GateRefusedException e) {
      pending = null;
      metrics.promotionWrite(name, p.version(), "refused");
      err.println("vigil serve: the registry refused the canary promotion " + what + " (version " + p.version()
          + " keeps serving until restart): " + e.getMessage());
    } catch (RuntimeException e) {
      metrics.promotionWrite(name, p.version(), "failed");
      err.println("vigil serve: cannot record the canary promotion " + what + " in the registry yet (version "
          + p.version() + " keeps serving; retried at the next reload): " + e.getMessage());
      throw e;
    } finally {
      err.flush();
    }
  }
}
