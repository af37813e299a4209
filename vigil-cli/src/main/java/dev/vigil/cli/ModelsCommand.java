package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Field;
import dev.vigil.models.Gates;
import dev.vigil.models.ModelRuntimes;
import dev.vigil.serving.Predictor;
import dev.vigil.pipeline.FeaturePipeline;
import dev.vigil.registry.AliasEvent;
import dev.vigil.registry.AliasState;
import dev.vigil.registry.DeploymentGate;
import dev.vigil.registry.GateRefusedException;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.RegisteredModel;
import dev.vigil.registry.Registration;
import dev.vigil.registry.Registry;
import dev.vigil.registry.Signature;
import dev.vigil.registry.VersionRef;
import dev.vigil.report.Report;
import dev.vigil.report.render.ReportFormat;
import dev.vigil.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil models list|show|register|alias|rollback|history|compare}. JSON shapes: a version is
 * {@code model, version, status, aliases, flavour, artifact_name, artifact_digest, artifact_size,
 * signature {inputs, outputs}, pipeline_digest, golden_digest, run_id, data_digest, profile_digest,
 * metrics, tags, description, created_at, created_by}; an alias event {@code alias, from_version,
 * to_version, kind, actor, reason, at}; gate results {@code gate, passed, detail}.
 */
@Command(name = "models", mixinStandardHelpOptions = true, description = "The model registry: versions, aliases, gates, rollback, history.",
    subcommands = {ModelsCommand.ListCmd.class, ModelsCommand.Show.class, ModelsCommand.Register.class, ModelsCommand.Alias.class,
        ModelsCommand.Rollback.class, ModelsCommand.History.class, ModelsCommand.Compare.class})
final class ModelsCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: list, show, register, alias, rollback, history or compare");
  }

  static String actor(String given) {
    return given != null ? given : System.getProperty("user.name", "unknown");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered models with their aliases.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      try (Store s = store.open()) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (RegisteredModel m : s.registry().models()) {
          out.add(dev.vigil.store.StoreJson.model(m));
          rows.add(List.of(m.name(), String.valueOf(m.latestVersion()), m.aliases().toString(), dev.vigil.store.StoreJson.time(m.updatedAt())));
        }
        return output.emit(Report.builder("models", "Registered models").put("models", out)
            .table("Models", List.of("name", "latest", "aliases", "updated"), rows).build(), ReportFormat.TEXT);
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a version: NAME (latest), NAME@ALIAS or NAME/VERSION.")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REF")
    String ref;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      try (Store s = store.open()) {
        ModelVersion v = s.registry().version(VersionRef.parse(ref));
        Report.Builder b = Report.builder("model_version", v.model() + " version " + v.version()).put("version", dev.vigil.store.StoreJson.version(v))
            .keyValues("model", v.model(), "version", String.valueOf(v.version()), "status", v.status().name(),
                "aliases", String.join(", ", v.aliases()), "flavour", v.flavour(), "artifact", v.artifactName(),
                "digest", v.artifactDigest(), "run", v.runId().orElse("-"), "data digest", v.dataDigest().orElse("-"),
                "pipeline", v.pipelineDigest().orElse("-"), "golden examples", v.goldenDigest().orElse("-"),
                "registered", dev.vigil.store.StoreJson.time(v.createdAt()) + " by " + v.createdBy());
        List<List<String>> metrics = new ArrayList<>();
        v.metrics().forEach((k, x) -> metrics.add(List.of(k, Views.num(x))));
        b.table("Metrics", List.of("metric", "value"), metrics);
        List<List<String>> sig = new ArrayList<>();
        v.signature().inputs().forEach(f -> sig.add(List.of("input", f.name(), f.type().jsonName())));
        v.signature().outputs().forEach(f -> sig.add(List.of("output", f.name(), f.type().jsonName())));
        b.table("Signature", List.of("side", "column", "type"), sig);
        return output.emit(b.build(), ReportFormat.TEXT);
      }
    }
  }

  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Register ARTIFACT as a new version of NAME (the artifact must exist and load).")
  static final class Register implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "ARTIFACT")
    Path artifact;

    @Option(names = "--flavour", description = "Runtime that loads ARTIFACT: ${COMPLETION-CANDIDATES} (default: detected from the file).",
        completionCandidates = Flavours.class)
    String flavour;

    @Option(names = "--pipeline", paramLabel = "FILE", description = "Fitted feature pipeline JSON (as stored by vigil train).")
    Path pipeline;

    @Option(names = "--golden", paramLabel = "FILE", description = "Golden examples JSON to replay before alias moves.")
    Path golden;

    @Option(names = "--metric", paramLabel = "KEY=VALUE", description = "An evaluation metric; repeatable.")
    Map<String, Double> metrics = new LinkedHashMap<>();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag (budget.latency_p99_ms, budget.memory_mb set gate budgets); repeatable.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--description", defaultValue = "", description = "Free text.")
    String description;

    @Option(names = "--run-id", paramLabel = "RUN", description = "The training run.")
    String runId;

    @Option(names = "--data-digest", paramLabel = "DIGEST", description = "Content digest of the training data (sha256:...).")
    String dataDigest;

    @Option(names = "--actor", description = "Who registers (default: the OS user).")
    String actor;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      if (!java.nio.file.Files.isRegularFile(artifact)) {
        throw new InvalidArgumentException("artifact " + artifact + " does not exist or is not a file");
      }
      String fl = flavour != null ? flavour : ModelRuntimes.detectFlavour(artifact);
      InvalidArgumentException.check(ModelRuntimes.FLAVOURS.contains(fl), "--flavour must be one of %s: %s", ModelRuntimes.FLAVOURS, fl);
      Registration.Builder b = Registration.builder(name, artifact).flavour(fl).description(description)
          .createdBy(actor(actor)).metrics(metrics).check(ModelRuntimes.loadCheck());
      tags.forEach(b::tag);
      List<Field> outputs;
      List<Field> inputs = new ArrayList<>();
      try (Predictor p = ModelRuntimes.load(artifact, fl)) {
        outputs = ModelRuntimes.outputFields(p.signature());
        if (pipeline != null) {
          byte[] bytes = read(pipeline);
          FeaturePipeline fp = parsePipeline(bytes, pipeline);
          for (String in : fp.inputNames()) {
            boolean categorical = fp.steps().stream().anyMatch(st -> st.spec().column().equals(in)
                && (st.spec().op().equals("onehot") || st.spec().op().equals("ordinal")));
            inputs.add(Field.of(in, categorical ? ColumnType.CATEGORICAL : ColumnType.DOUBLE));
          }
          b.pipelineJson(bytes);
        } else {
          inputs.addAll(p.signature().inputs());
        }
      }
      b.signature(new Signature(inputs, outputs));
      if (golden != null) {
        byte[] g = read(golden);
        dev.vigil.models.GoldenExamples.fromJson(g, golden.toString());
        b.goldenJson(g);
      }
      if (runId != null) {
        try (Store s = store.open()) {
          s.tracking().run(runId);
        }
        b.runId(runId);
      }
      if (dataDigest != null) {
        InvalidArgumentException.check(dataDigest.matches("sha256:[0-9a-f]{64}"), "--data-digest must be sha256:<64 hex>: %s", dataDigest);
        b.dataDigest(dataDigest);
      }
      try (Store s = store.open()) {
        ModelVersion v = s.registry().register(b.build());
        return output.emit(Report.builder("model_version", "Registered " + v.model() + " version " + v.version())
            .put("version", dev.vigil.store.StoreJson.version(v))
            .keyValues("model", v.model(), "version", String.valueOf(v.version()), "digest", v.artifactDigest()).build(), ReportFormat.TEXT);
      }
    }
  }

  static final class Flavours extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Flavours() {
      super(ModelRuntimes.FLAVOURS);
    }
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new dev.vigil.StoreException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static FeaturePipeline parsePipeline(byte[] bytes, Object source) {
    try {
      return FeaturePipeline.fromMap(JSON.readValue(bytes, Map.class));
    } catch (IOException | RuntimeException e) {
      throw DataFormatException.in(String.valueOf(source)).expected("a fitted feature pipeline JSON (format_version 1)")
          .detail("%s", e.getMessage()).build(e);
    }
  }

  @Command(name = "alias", mixinStandardHelpOptions = true,
      description = "Point ALIAS of NAME at VERSION after the deployment gates pass (load, signature, golden examples, budgets).")
  static final class Alias implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "ALIAS")
    String alias;

    @Parameters(index = "2", paramLabel = "VERSION")
    long version;

    @Option(names = "--reason", defaultValue = "", description = "Why (kept in the audit log).")
    String reason;

    @Option(names = "--actor", description = "Who (default: the OS user).")
    String actor;

    @Option(names = "--max-latency-ms", defaultValue = "50", description = "p99 single-row latency budget unless the version's tag sets one (default: ${DEFAULT-VALUE}).")
    double latency;

    @Option(names = "--max-memory-mb", defaultValue = "512", description = "Memory budget unless the version's tag sets one (default: ${DEFAULT-VALUE}).")
    double memory;

    @Option(names = "--smoke-calls", defaultValue = "200", description = "Single-row calls timed by the budget gate (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--skip-gates", description = "Move without running the gates (recorded in the audit log's reason).")
    boolean skip;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      List<DeploymentGate> gates = skip ? List.of() : Gates.standard(new Gates.Budget(latency, memory, calls));
      String why = skip ? (reason.isEmpty() ? "gates skipped" : reason + " (gates skipped)") : reason;
      try (Store s = store.open()) {
        Report.Builder b = Report.builder("alias_move", name + "@" + alias + " -> version " + version);
        try {
          Registry.AliasMoveResult r = s.registry().setAlias(name, alias, version, actor(actor), why, gates);
          b.put("moved", true).put("model", name).put("alias", alias).put("version", version)
              .put("previous_version", r.previous() == 0 ? null : r.previous())
              .put("backup_version", r.backup() == 0 ? null : r.backup()).put("gates", dev.vigil.store.StoreJson.gates(r.gates()));
          b.keyValues("moved", name + "@" + alias + " -> " + version, "previous", r.previous() == 0 ? "-" : String.valueOf(r.previous()),
              "backup", r.backup() == 0 ? "-" : String.valueOf(r.backup()));
          gateTable(b, r.gates());
        } catch (GateRefusedException e) {
          b.status(Report.Status.ERROR).put("moved", false).put("model", name).put("alias", alias).put("version", version)
              .put("gates", dev.vigil.store.StoreJson.gates(e.results())).put("reason", e.getMessage());
          b.notice(Report.Status.ERROR, e.getMessage());
          gateTable(b, e.results());
        }
        return output.emit(b.build(), ReportFormat.TEXT);
      }
    }
  }

  static void gateTable(Report.Builder b, List<DeploymentGate.GateResult> rs) {
    if (!rs.isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      rs.forEach(g -> rows.add(List.of(g.gate(), g.passed() ? "pass" : "FAIL", g.detail())));
      b.table("Gates", List.of("gate", "result", "detail"), rows);
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Move champion back to the last known good version (backup) in one atomic step.")
  static final class Rollback implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--reason", defaultValue = "rollback", description = "Why (kept in the audit log).")
    String reason;

    @Option(names = "--actor", description = "Who (default: the OS user).")
    String actor;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      try (Store s = store.open()) {
        Registry.AliasMoveResult r = s.registry().rollback(name, actor(actor), reason);
        return output.emit(Report.builder("rollback", "Rolled back " + name).put("model", name)
            .put("champion_version", r.version()).put("rolled_back_version", r.previous())
            .put("backup_version", r.backup() == 0 ? null : r.backup())
            .keyValues("champion", String.valueOf(r.version()), "rolled back", String.valueOf(r.previous()),
                "backup now", r.backup() == 0 ? "-" : String.valueOf(r.backup())).build(), ReportFormat.TEXT);
      }
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true,
      description = "The alias audit log of NAME, or with --at which version each alias pointed at then.")
  static final class History implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--at", paramLabel = "TIME", description = "An ISO-8601 instant, date-time (UTC if no offset) or date (its start, UTC).")
    String at;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      try (Store s = store.open()) {
        Report.Builder b = Report.builder("model_history", "Alias history of " + name).put("model", name);
        if (at != null) {
          Instant t = parseTime(at);
          Map<String, AliasState> st = s.registry().aliasesAt(name, t);
          Map<String, Object> out = new LinkedHashMap<>();
          List<List<String>> rows = new ArrayList<>();
          for (AliasState a : st.values()) {
            out.put(a.alias(), Map.of("version", a.version(), "since", dev.vigil.store.StoreJson.time(a.since()), "actor", a.actor(), "reason", a.reason()));
            rows.add(List.of(a.alias(), String.valueOf(a.version()), dev.vigil.store.StoreJson.time(a.since()), a.actor(), a.reason()));
          }
          b.put("at", dev.vigil.store.StoreJson.time(t)).put("aliases", out)
              .table("Aliases at " + dev.vigil.store.StoreJson.time(t), List.of("alias", "version", "since", "actor", "reason"), rows);
        } else {
          List<Map<String, Object>> out = new ArrayList<>();
          List<List<String>> rows = new ArrayList<>();
          for (AliasEvent e : s.registry().history(name)) {
            out.add(dev.vigil.store.StoreJson.event(e));
            rows.add(List.of(dev.vigil.store.StoreJson.time(e.at()), e.alias(), e.fromVersion().isPresent() ? String.valueOf(e.fromVersion().getAsLong()) : "-",
                e.toVersion().isPresent() ? String.valueOf(e.toVersion().getAsLong()) : "-", e.kind(), e.actor(), e.reason()));
          }
          b.put("events", out).table("Alias moves", List.of("at", "alias", "from", "to", "kind", "actor", "reason"), rows);
        }
        return output.emit(b.build(), ReportFormat.TEXT);
      }
    }
  }

  static Instant parseTime(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException ignored) {
      // try the other forms
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the other forms
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the other forms
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidArgumentException("--at must be an ISO-8601 instant, date-time or date such as 2026-03-01T12:00:00Z: " + s, e);
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Compare two versions of NAME: metrics, parameters, data digests, pipeline.")
  static final class Compare implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "V1")
    long v1;

    @Parameters(index = "2", paramLabel = "V2")
    long v2;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      try (Store s = store.open()) {
        ModelVersion a = s.registry().version(new VersionRef(name, Optional.empty(), OptionalLong.of(v1)));
        ModelVersion b = s.registry().version(new VersionRef(name, Optional.empty(), OptionalLong.of(v2)));
        Report.Builder r = Report.builder("model_compare", name + ": version " + v1 + " vs " + v2).put("model", name)
            .put("v1", v1).put("v2", v2);
        List<Map<String, Object>> metrics = new ArrayList<>();
        List<List<String>> mrows = new ArrayList<>();
        for (String k : new TreeSet<>(union(a.metrics().keySet(), b.metrics().keySet()))) {
          Double x = a.metrics().get(k);
          Double y = b.metrics().get(k);
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("metric", k);
          m.put("v1", x);
          m.put("v2", y);
          m.put("delta", x != null && y != null ? y - x : null);
          metrics.add(m);
          mrows.add(List.of(k, x == null ? "-" : Views.num(x), y == null ? "-" : Views.num(y),
              x != null && y != null ? Views.num(y - x) : "-"));
        }
        r.put("metrics", metrics).table("Metrics", List.of("metric", "v" + v1, "v" + v2, "delta"), mrows);
        Map<String, String> pa = a.runId().map(id -> s.tracking().details(id).params()).orElse(Map.of());
        Map<String, String> pb = b.runId().map(id -> s.tracking().details(id).params()).orElse(Map.of());
        List<Map<String, Object>> params = diff(pa, pb);
        r.put("params", params).table("Parameters that differ", List.of("key", "v" + v1, "v" + v2), rows(params));
        Map<String, Object> digests = new LinkedHashMap<>();
        digests.put("v1", a.dataDigest().orElse(null));
        digests.put("v2", b.dataDigest().orElse(null));
        digests.put("same", a.dataDigest().isPresent() && a.dataDigest().equals(b.dataDigest()));
        r.put("data_digests", digests);
        r.keyValues("data v" + v1, a.dataDigest().orElse("-"), "data v" + v2, b.dataDigest().orElse("-"),
            "same data", String.valueOf(digests.get("same")), "same artifact", String.valueOf(a.artifactDigest().equals(b.artifactDigest())));
        r.put("same_artifact", a.artifactDigest().equals(b.artifactDigest()));
        PipelineCommand.addDiff(r, PipelineCommand.pipelineOf(s, a), PipelineCommand.pipelineOf(s, b), "v" + v1, "v" + v2);
        return output.emit(r.build(), ReportFormat.TEXT);
      }
    }

    private static List<Map<String, Object>> diff(Map<String, String> a, Map<String, String> b) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (String k : new TreeSet<>(union(a.keySet(), b.keySet()))) {
        String x = a.get(k);
        String y = b.get(k);
        if (x == null ? y != null : !x.equals(y)) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("key", k);
          m.put("v1", x);
          m.put("v2", y);
          out.add(m);
        }
      }
      return out;
    }

    private static List<List<String>> rows(List<Map<String, Object>> d) {
      List<List<String>> rows = new ArrayList<>();
      for (Map<String, Object> m : d) {
        rows.add(List.of(String.valueOf(m.get("key")), String.valueOf(m.get("v1")), String.valueOf(m.get("v2"))));
      }
      return rows;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
      java.util.Set<String> u = new TreeSet<>(a);
      u.addAll(b);
      return u;
    }
  }
}
