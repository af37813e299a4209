package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import dev.vigil.NotFoundException;
import dev.vigil.StoreException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Field;
import dev.vigil.registry.AliasEvent;
import dev.vigil.registry.DeploymentGate;
import dev.vigil.registry.GateRefusedException;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.Registration;
import dev.vigil.registry.Registry;
import dev.vigil.registry.Signature;
import dev.vigil.registry.VersionRef;
import dev.vigil.registry.VersionStatus;
import dev.vigil.tracking.Experiment;
import dev.vigil.tracking.Metric;
import dev.vigil.tracking.Run;
import dev.vigil.tracking.RunDetails;
import dev.vigil.tracking.RunInput;
import dev.vigil.tracking.RunPage;
import dev.vigil.tracking.RunQuery;
import dev.vigil.tracking.RunStatus;
import dev.vigil.tracking.Tracking;
import dev.vigil.tracking.TrackingLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The behaviour every store dialect must show; subclasses say how to open one. */
abstract class StoreContract {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  Store store;

  /** Options for a fresh, empty store under {@code home}. */
  abstract StoreOptions options(Path home);

  /** Opens a raw connection to the store's database (for append-only checks). */
  abstract Connection rawConnection() throws Exception;

  @BeforeEach
  void open() {
    store = Store.open(options(dir.resolve("home")).withClock(clock));
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  Path artifact(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  ModelVersion register(String model, String content) throws Exception {
    return store.registry().register(Registration.builder(model, artifact(model + "-" + content + ".bin", content)).build());
  }

  @Test
  void registersVersionsWithDigestSignatureMetricsAndTags() throws Exception {
    Signature sig = new Signature(List.of(Field.of("age", ColumnType.DOUBLE)), List.of(Field.of("p", ColumnType.DOUBLE)));
    ModelVersion v = store.registry().register(Registration.builder("churn", artifact("m.bin", "weights"))
        .flavour("tribuo").signature(sig).metric("auc", 0.9).tag("team", "risk").dataDigest("sha256:" + "0".repeat(64))
        .pipelineJson("{\"steps\":[]}".getBytes(StandardCharsets.UTF_8)).createdBy("ana").build());
    assertThat(v.version()).isEqualTo(1);
    assertThat(v.artifactDigest()).isEqualTo(dev.vigil.provenance.Digests.sha256("weights".getBytes(StandardCharsets.UTF_8)));
    assertThat(v.signature()).isEqualTo(sig);
    assertThat(v.metrics()).containsEntry("auc", 0.9);
    assertThat(v.tags()).containsEntry("team", "risk");
    assertThat(v.status()).isEqualTo(VersionStatus.READY);
    assertThat(v.createdBy()).isEqualTo("ana");
    assertThat(store.registry().files(v).pipelineJson()).isPresent();
    assertThat(register("churn", "w2").version()).isEqualTo(2);
    assertThat(store.registry().version(VersionRef.parse("churn")).version()).isEqualTo(2);
    assertThat(store.registry().model("churn").latestVersion()).isEqualTo(2);
  }

  @Test
  void refusesMissingOrUnloadableArtifactsWithoutUsingAVersionNumber() throws Exception {
    assertThatThrownBy(() -> store.registry().register(Registration.builder("m", dir.resolve("nope.onnx")).build()))
        .isInstanceOf(StoreException.class).hasMessageContaining("nope.onnx").hasMessageContaining("does not exist");
    Path bad = artifact("bad.onnx", "garbage");
    assertThatThrownBy(() -> store.registry().register(Registration.builder("m", bad)
        .check((p, f) -> {
          throw new InvalidArgumentException("not an ONNX model: " + p);
        }).build())).isInstanceOf(InvalidArgumentException.class);
    assertThat(register("m", "good").version()).isEqualTo(1);
  }

  @Test
  void unknownModelsVersionsAndAliasesNameWhatIsMissing() throws Exception {
    register("m", "a");
    Registry r = store.registry();
    assertThatThrownBy(() -> r.version(VersionRef.parse("zzz"))).hasMessageContaining("no registered model named 'zzz'");
    assertThatThrownBy(() -> r.version(VersionRef.parse("m/7"))).hasMessageContaining("model 'm' has no version 7");
    assertThatThrownBy(() -> r.version(VersionRef.parse("m@champion"))).hasMessageContaining("has no alias 'champion'");
    assertThatThrownBy(() -> r.setAlias("m", "champion", 9, "ana", "", List.of())).hasMessageContaining("has no version 9");
    assertThatThrownBy(() -> r.setAlias("m", "7up", 1, "ana", "", List.of())).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void tamperedArtifactsAreRefusedOnLoadAndFoundByFsck() throws Exception {
    ModelVersion v = register("m", "weights");
    Files.writeString(store.artifacts().path(v.artifactDigest()), "evil");
    assertThatThrownBy(() -> store.registry().files(v)).isInstanceOf(TamperedArtifactException.class)
        .hasMessageContaining(v.artifactDigest());
    FsckReport r = store.fsck(false, Duration.ZERO);
    assertThat(r.corrupt()).containsExactly("m/1: " + v.artifactDigest());
    assertThat(r.healthy()).isFalse();
  }

  @Test
  void fsckFindsAndRemovesOrphansAndInterruptedWrites() throws Exception {
    register("m", "kept");
    ArtifactRef orphan = store.artifacts().put("left by a crash".getBytes(StandardCharsets.UTF_8));
    Files.writeString(store.artifacts().root().resolve("tmp").resolve("x.part"), "half");
    FsckReport look = store.fsck(false, Duration.ZERO);
    assertThat(look.orphans()).containsExactly(orphan.digest());
    assertThat(look.temporaryFiles()).containsExactly("x.part");
    assertThat(look.healthy()).isTrue();
    FileTime old = FileTime.from(clock.instant().minus(Duration.ofHours(2)));
    Files.setLastModifiedTime(store.artifacts().path(orphan.digest()), old);
    FsckReport young = store.fsck(true, Duration.ofDays(1));
    assertThat(store.artifacts().contains(orphan.digest())).as("kept within the grace period").isTrue();
    assertThat(young.orphans()).hasSize(1);
    Files.setLastModifiedTime(store.artifacts().root().resolve("tmp").resolve("x.part"), old);
    FsckReport fixed = store.fsck(true, Duration.ofHours(1));
    assertThat(fixed.repaired()).isTrue();
    assertThat(store.artifacts().contains(orphan.digest())).isFalse();
    assertThat(store.fsck(false, Duration.ZERO).orphans()).isEmpty();
    assertThat(store.fsck(false, Duration.ZERO).versionsChecked()).isEqualTo(1);
  }

  @Test
  void hundredParallelClientsGetContiguousVersionsAndNoErrors() throws Exception {
    Path a = artifact("shared.bin", "same bytes for all");
    List<Store> clients = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      clients.add(Store.open(options(dir.resolve("home")).withClock(clock).withMaxConnections(25)));
    }
    try {
      ExecutorService pool = Executors.newFixedThreadPool(100);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> fs = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Store s = clients.get(i % clients.size());
        int n = i;
        fs.add(pool.submit(() -> {
          start.await();
          return s.registry().register(Registration.builder("shared", a).tag("client", String.valueOf(n)).build()).version();
        }));
      }
      start.countDown();
      List<Long> versions = new ArrayList<>();
      for (Future<Long> f : fs) {
        versions.add(f.get(120, TimeUnit.SECONDS));
      }
      pool.shutdown();
      Collections.sort(versions);
      assertThat(versions).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
      assertThat(store.registry().versions("shared")).hasSize(100);
    } finally {
      clients.forEach(Store::close);
    }
  }

  @Test
  void concurrentAliasMovesAreSerialisedAndEveryOneIsAudited() throws Exception {
    for (int i = 0; i < 5; i++) {
      register("m", "v" + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(20);
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(40);
    for (int i = 0; i < 40; i++) {
      long v = i % 5 + 1;
      pool.submit(() -> {
        try {
          store.registry().setAlias("m", "challenger", v, "bot", "load test", List.of());
        } catch (Throwable t) {
          errors.add(t);
        } finally {
          done.countDown();
        }
      });
    }
    assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();
    assertThat(errors).isEmpty();
    List<AliasEvent> log = store.registry().history("m");
    assertThat(log).hasSize(40);
    for (int i = 1; i < log.size(); i++) {
      assertThat(log.get(i).fromVersion()).isEqualTo(log.get(i - 1).toVersion());
    }
    assertThat(store.registry().model("m").aliases().get("challenger")).isEqualTo(log.get(39).toVersion().getAsLong());
  }

  @Test
  void championMovesKeepBackupAndRollbackReturnsToLastKnownGood() throws Exception {
    for (int i = 0; i < 4; i++) {
      register("m", "v" + i);
    }
    Registry r = store.registry();
    r.setAlias("m", "champion", 1, "ana", "first", List.of());
    clock.advance(Duration.ofMinutes(1));
    r.setAlias("m", "champion", 2, "ana", "better auc", List.of());
    Instant whenV2 = clock.instant();
    assertThat(r.model("m").aliases()).containsEntry("champion", 2L).containsEntry("backup", 1L);
    assertThat(r.resolveAlias("m", "champion")).isEqualTo(2);
    assertThatThrownBy(() -> r.resolveAlias("m", "nope")).isInstanceOf(NotFoundException.class);
    clock.advance(Duration.ofMinutes(1));
    r.setAlias("m", "champion", 3, "bob", "new features", List.of());
    assertThat(r.model("m").aliases()).containsEntry("backup", 2L);
    clock.advance(Duration.ofMinutes(1));
    Registry.AliasMoveResult rb = r.rollback("m", "oncall", "latency spike");
    assertThat(rb.version()).isEqualTo(2);
    assertThat(rb.previous()).isEqualTo(3);
    assertThat(rb.backup()).isEqualTo(1);
    assertThat(r.model("m").aliases()).containsEntry("champion", 2L).containsEntry("backup", 1L);
    assertThat(r.version(VersionRef.parse("m/3")).status()).isEqualTo(VersionStatus.ROLLED_BACK);
    assertThat(r.aliasesAt("m", whenV2).get("champion").version()).isEqualTo(2);
    assertThat(r.aliasesAt("m", whenV2.plusSeconds(60)).get("champion").version()).isEqualTo(3);
    assertThat(r.aliasesAt("m", Instant.parse("2025-01-01T00:00:00Z"))).isEmpty();
    AliasEvent last = r.history("m").stream().filter(e -> e.kind().equals("rollback")).findFirst().orElseThrow();
    assertThat(last.actor()).isEqualTo("oncall");
    assertThat(last.reason()).isEqualTo("latency spike");
    r.rollback("m", "oncall", "again");
    assertThat(r.model("m").aliases()).containsEntry("champion", 1L).doesNotContainKey("backup");
    assertThatThrownBy(() -> r.rollback("m", "oncall", "third")).hasMessageContaining("no backup version");
  }

  @Test
  void rollbackRefusesACorruptBackup() throws Exception {
    register("m", "a");
    ModelVersion two = register("m", "b");
    store.registry().setAlias("m", "champion", 2, "ana", "", List.of());
    store.registry().setAlias("m", "champion", 1, "ana", "", List.of());
    store.registry().setAlias("m", "champion", 2, "ana", "", List.of());
    ModelVersion one = store.registry().version(VersionRef.parse("m/1"));
    Files.writeString(store.artifacts().path(one.artifactDigest()), "evil");
    assertThatThrownBy(() -> store.registry().rollback("m", "ana", "x")).isInstanceOf(TamperedArtifactException.class);
    assertThat(store.registry().model("m").aliases()).containsEntry("champion", two.version());
  }

  @Test
  void failedGateRefusesTheMoveWithItsReason() throws Exception {
    register("m", "a");
    DeploymentGate slow = new DeploymentGate() {
      @Override
      public String name() {
        return "latency";
      }

      @Override
      public GateResult check(ModelVersion candidate, VersionFiles files) {
        return GateResult.fail("latency", "p99 12.0 ms > budget 5.0 ms");
      }
    };
    assertThatThrownBy(() -> store.registry().setAlias("m", "champion", 1, "ana", "", List.of(slow)))
        .isInstanceOf(GateRefusedException.class).hasMessageContaining("p99 12.0 ms > budget 5.0 ms");
    assertThat(store.registry().model("m").aliases()).isEmpty();
    assertThat(store.registry().history("m")).isEmpty();
  }

  @Test
  void auditLogIsAppendOnly() throws Exception {
    register("m", "a");
    store.registry().setAlias("m", "champion", 1, "ana", "", List.of());
    try (Connection c = rawConnection(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE alias_events SET actor = 'mallory'")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM alias_events")).hasMessageContaining("append-only");
    }
  }

  @Test
  void tracksExperimentsRunsParamsMetricsTagsAndInputs() {
    Tracking t = store.tracking();
    Experiment e = t.createExperiment("churn");
    assertThat(t.experiment("churn").id()).isEqualTo(e.id());
    assertThatThrownBy(() -> t.createExperiment("churn")).hasMessageContaining("already exists");
    Run run = t.startRun(e.id(), "lr", "ana", TrackingLevel.STANDARD);
    assertThat(run.runId()).matches("[0-9a-f]{32}");
    t.logParams(run.runId(), Map.of("c", "1.0"));
    assertThatThrownBy(() -> t.logParams(run.runId(), Map.of("c", "2.0"))).hasMessageContaining("cannot change");
    t.logMetrics(run.runId(), List.of(new Metric("loss", 0.9, 0, clock.instant()), new Metric("loss", 0.5, 1, clock.instant()),
        new Metric("auc", 0.8, 0, clock.instant())));
    t.logMetrics(run.runId(), List.of(new Metric("loss", 0.7, 0, clock.instant())));
    t.setTags(run.runId(), Map.of("git_commit", "abc"));
    t.logInput(run.runId(), new RunInput("train", "sha256:" + "1".repeat(64), Optional.empty()));
    clock.advance(Duration.ofSeconds(5));
    t.endRun(run.runId(), RunStatus.FINISHED);
    RunDetails d = t.details(run.runId());
    assertThat(d.params()).containsEntry("c", "1.0");
    assertThat(d.metrics().get("loss").value()).isEqualTo(0.5);
    assertThat(d.metrics().get("loss").step()).isEqualTo(1);
    assertThat(d.tags()).containsEntry("git_commit", "abc");
    assertThat(d.inputs()).hasSize(1);
    assertThat(d.run().status()).isEqualTo(RunStatus.FINISHED);
    assertThat(d.run().endTime()).contains(clock.instant());
    assertThat(t.metricHistory(run.runId(), "loss")).extracting(Metric::value).containsExactly(0.9, 0.7, 0.5);
    assertThatThrownBy(() -> t.details("nope")).hasMessageContaining("no run with id 'nope'");
  }

  @Test
  void searchesRunsFilteredAndOrderedByAMetricInPages() {
    Tracking t = store.tracking();
    long e = t.experiment("search").id();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Run r = t.startRun(e, "r" + i, "ana", TrackingLevel.MINIMAL);
      ids.add(r.runId());
      t.logMetrics(r.runId(), List.of(new Metric("auc", i / 30.0, 0, clock.instant())));
    }
    t.startRun(e, "no-metric", "ana", TrackingLevel.MINIMAL);
    RunQuery q = RunQuery.of(List.of(e)).filter("auc", ">=", 0.5).orderBy("auc", false);
    RunPage page = t.searchRuns(q.page(5, null));
    assertThat(page.runs()).extracting(Run::runId).containsExactly(ids.get(29), ids.get(28), ids.get(27), ids.get(26), ids.get(25));
    RunPage next = t.searchRuns(q.page(5, page.nextPageToken().orElseThrow()));
    assertThat(next.runs()).extracting(Run::runId).containsExactly(ids.get(24), ids.get(23), ids.get(22), ids.get(21), ids.get(20));
    RunPage last = t.searchRuns(q.page(5, next.nextPageToken().orElseThrow()));
    assertThat(last.runs()).extracting(Run::runId).containsExactly(ids.get(19), ids.get(18), ids.get(17), ids.get(16), ids.get(15));
    assertThat(last.nextPageToken()).isEmpty();
    RunPage all = t.searchRuns(RunQuery.of(List.of(e)).orderBy("auc", true).page(100, null));
    assertThat(all.runs()).hasSize(31).last().extracting(Run::name).isEqualTo("no-metric");
    assertThat(all.nextPageToken()).isEmpty();
  }

  @Test
  void refusesAMalformedOrForeignPageToken() {
    Tracking t = store.tracking();
    long e = t.experiment("tokens").id();
    for (int i = 0; i < 3; i++) {
      Run r = t.startRun(e, "r" + i, "ana", TrackingLevel.MINIMAL);
      t.logMetrics(r.runId(), List.of(new Metric("auc", i, 0, clock.instant())));
    }
    RunQuery q = RunQuery.of(List.of(e)).orderBy("auc", false);
    String token = t.searchRuns(q.page(1, null)).nextPageToken().orElseThrow();
    assertThatThrownBy(() -> t.searchRuns(q.page(1, "not a token!")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("page token 'not a token!'");
    String otherLayout = java.util.Base64.getUrlEncoder().encodeToString("2;abc".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> t.searchRuns(q.page(1, otherLayout)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("unknown layout");
    assertThatThrownBy(() -> t.searchRuns(q.orderBy("auc", true).page(1, token)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("different search");
    assertThatThrownBy(() -> t.searchRuns(RunQuery.of(List.of(e)).page(1, token)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("different search");
    assertThat(t.searchRuns(q.page(5, token)).runs()).hasSize(2);
  }

  @Test
  void pagesNewestFirstWithoutAnOrderMetricAndSkipsNothingWhenRunsArriveBetweenPages() {
    Tracking t = store.tracking();
    long e = t.experiment("newest").id();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(t.startRun(e, "r" + i, "ana", TrackingLevel.MINIMAL).runId());
      if (i % 2 == 0) {
        clock.advance(Duration.ofSeconds(1));
      }
    }
    RunQuery q = RunQuery.of(List.of(e));
    RunPage first = t.searchRuns(q.page(3, null));
    t.startRun(e, "late", "ana", TrackingLevel.MINIMAL);
    List<String> seen = new ArrayList<>(first.runs().stream().map(Run::runId).toList());
    Optional<String> token = first.nextPageToken();
    while (token.isPresent()) {
      RunPage p = t.searchRuns(q.page(3, token.get()));
      p.runs().forEach(r -> seen.add(r.runId()));
      token = p.nextPageToken();
    }
    List<String> expected = new ArrayList<>(ids);
    Collections.reverse(expected);
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void storesNamedArtifactFilesAsFoldersOverTheBlobStore() throws Exception {
    ArtifactFiles f = store.files();
    Tracking t = store.tracking();
    Experiment e = t.experiment("files");
    Run run = t.startRun(e.id(), "r", "ana", TrackingLevel.MINIMAL);
    String root = ArtifactFiles.runFolder(e.id(), run.runId());
    f.put(root + "/model/MLmodel", new java.io.ByteArrayInputStream("flavors: {}".getBytes(StandardCharsets.UTF_8)));
    f.put(root + "/model/model.pkl", new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
    ArtifactRef readme = f.put(root + "/README.md", new java.io.ByteArrayInputStream("v1".getBytes(StandardCharsets.UTF_8)));
    ArtifactRef replaced = f.put(root + "/README.md", new java.io.ByteArrayInputStream("v2!".getBytes(StandardCharsets.UTF_8)));
    assertThat(replaced.digest()).isNotEqualTo(readme.digest());
    assertThat(f.list(root)).extracting(ArtifactFiles.Entry::name, ArtifactFiles.Entry::directory, ArtifactFiles.Entry::size)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("README.md", false, 3L), org.assertj.core.groups.Tuple.tuple("model", true, 0L));
    assertThat(f.list(root + "/model/")).extracting(ArtifactFiles.Entry::path)
        .containsExactly(root + "/model/MLmodel", root + "/model/model.pkl");
    assertThat(f.list(String.valueOf(e.id()))).extracting(ArtifactFiles.Entry::name).containsExactly(run.runId());
    assertThat(f.list("nothing/here")).isEmpty();
    assertThat(new String(store.artifacts().read(f.file(root + "/README.md").orElseThrow().digest()), StandardCharsets.UTF_8)).isEqualTo("v2!");
    assertThat(t.details(run.runId()).artifacts()).containsOnlyKeys("README.md", "model/MLmodel", "model/model.pkl");
    assertThat(store.fsck(false, Duration.ZERO).orphans()).containsExactly(readme.digest());
    assertThat(f.file(root + "/model/model.pkl")).isPresent();

    assertThatThrownBy(() -> f.put(root + "/model", new java.io.ByteArrayInputStream(new byte[0])))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("is a folder");
    assertThatThrownBy(() -> f.put(root + "/README.md/x", new java.io.ByteArrayInputStream(new byte[0])))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("lies under the file");
    for (String bad : List.of("../etc/passwd", "a/../../b", "/etc/passwd", "a//b", "./a", "C:/x", "a\\..\\b", "")) {
      assertThatThrownBy(() -> f.put(bad, new java.io.ByteArrayInputStream(new byte[0])))
          .as(bad).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("artifact path");
    }
    assertThatThrownBy(() -> f.list("../x")).isInstanceOf(InvalidArgumentException.class);

    assertThat(f.delete(root + "/model")).isEqualTo(2);
    assertThat(f.list(root)).extracting(ArtifactFiles.Entry::name).containsExactly("README.md");
    assertThatThrownBy(() -> f.delete(root + "/model")).isInstanceOf(NotFoundException.class).hasMessageContaining(root + "/model");
  }

  @Test
  void keepsTheLatestMetricByStepThenTimeAcrossBatches() {
    Tracking t = store.tracking();
    Run r = t.startRun(t.experiment("latest").id(), "r", "ana", TrackingLevel.MINIMAL);
    Instant t0 = clock.instant();
    t.logMetrics(r.runId(), List.of(new Metric("loss", 0.1, 5, t0), new Metric("acc", 0.7, 0, t0)));
    t.logMetrics(r.runId(), List.of(new Metric("loss", 0.9, 2, t0.plusSeconds(9)), new Metric("acc", 0.8, 1, t0)));
    assertThat(t.details(r.runId()).metrics().get("loss").value()).isEqualTo(0.1);
    assertThat(t.details(r.runId()).metrics().get("acc").value()).isEqualTo(0.8);
    t.logMetrics(r.runId(), List.of(new Metric("loss", 0.2, 5, t0.plusSeconds(1))));
    assertThat(t.details(r.runId()).metrics().get("loss").value()).isEqualTo(0.2);
    assertThat(t.searchRuns(RunQuery.of(List.of(r.experimentId())).filter("loss", "=", 0.2)).runs()).hasSize(1);
    assertThat(t.metricHistory(r.runId(), "loss")).hasSize(3);
  }

  @Test
  void logsTenThousandMetricsInOneBatch() {
    Tracking t = store.tracking();
    Run r = t.startRun(t.experiment("batch").id(), "big", "ana", TrackingLevel.MINIMAL);
    List<Metric> ms = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ms.add(new Metric("m" + (i % 10), i, i / 10, clock.instant()));
    }
    t.logMetrics(r.runId(), ms);
    assertThat(t.details(r.runId()).metrics()).hasSize(10);
    assertThat(t.metricHistory(r.runId(), "m3")).hasSize(1000);
  }
}
