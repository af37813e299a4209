package dev.vigil.io.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Request;
import dev.vigil.serving.Response;
import dev.vigil.serving.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionLoggerTest {
  @TempDir Path dir;

  private static Response answer(double p, int rows) {
    double[] v = new double[rows];
    java.util.Arrays.fill(v, p);
    return new Response(Predictions.binary(v), new ModelRef("churn", "3"), Route.PRIMARY, Duration.ofMillis(2), List.of());
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
  }

  @Test
  void everyRowIsLoggedInClosedSegmentsRolledByRowCount() throws IOException {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    PredictionLogger log = new PredictionLogger(new PredictionLogOptions(dir, 10_000, 100, Duration.ofHours(1), clock), "churn");
    for (int i = 0; i < 250; i++) {
      Table f = Table.of(DoubleColumn.of("tenure", i, i + 0.5), CategoricalColumn.of("route", "a", "b"));
      log.onResponse(Request.of("r" + i, f), answer(0.25, 2));
    }
    log.close();
    assertThat(log.dropped()).isZero();
    assertThat(log.written()).isEqualTo(500);
    List<Path> files = segments();
    assertThat(files).hasSize(5);
    assertThat(files.get(0).getParent().getFileName().toString()).isEqualTo("model=churn");
    assertThat(Tables.read(files.get(0)).column("model").getObject(0)).isEqualTo("churn");
    List<Table> parts = new ArrayList<>();
    for (Path p : files) {
      parts.add(Tables.read(p));
    }
    Table all = Table.concat(parts);
    assertThat(all.rowCount()).isEqualTo(500);
    assertThat(all.columnNames()).containsExactly("request_id", "row", "time", "model", "version", "route",
        "latency_us", "error", "tenure", "feature_route", "out_0", "out_1");
    assertThat(all.column("error").isMissing(0)).isTrue();
    assertThat(all.column("request_id").getObject(3)).isEqualTo("r1");
    assertThat(all.longColumn("row").get(3)).isEqualTo(1);
    assertThat(all.doubleColumn("tenure").get(3)).isEqualTo(1.5);
    assertThat(all.doubleColumn("out_1").get(0)).isEqualTo(0.25);
    assertThat(all.column("version").getObject(0)).isEqualTo("3");
    assertThat(all.column("route").getObject(0)).isEqualTo("primary");
    assertThat(all.longColumn("latency_us").get(0)).isEqualTo(2000);
  }

  @Test
  void eachClosedSegmentIsReportedAsTheFileOnDiskDescribesIt() throws Exception {
    Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
    MutableTime clock = new MutableTime(t0);
    PredictionLogger log = new PredictionLogger(new PredictionLogOptions(dir, 10_000, 4, Duration.ofHours(1), clock), "churn");
    List<ClosedSegment> closed = new java.util.concurrent.CopyOnWriteArrayList<>();
    log.onSegmentClosed(closed::add);
    for (int i = 0; i < 6; i++) {
      clock.now = t0.plusSeconds(i);
      Response r = i == 5 ? new Response(Predictions.binary(new double[] {0.9}), null, Route.DEFAULT, Duration.ofMillis(1), List.of())
          : answer(0.25, 1);
      log.onResponse(Request.of("r" + i, Table.of(DoubleColumn.of("tenure", i))), r);
    }
    log.close();
    // Four rows of version 3 roll by count; at close, the fifth row of version 3 and the default
    // answer, each in its own version's segment.
    assertThat(closed).hasSize(3);
    for (ClosedSegment c : closed) {
      ClosedSegment onDisk = PredictionLogs.describe(c.path(), "churn");
      assertThat(c).isEqualTo(onDisk);
    }
    assertThat(closed.get(0).rows()).isEqualTo(4);
    assertThat(closed.get(0).firstTime()).isEqualTo(t0);
    assertThat(closed.get(0).lastTime()).isEqualTo(t0.plusSeconds(3));
    assertThat(closed.get(1).versions()).containsExactly("3");
    assertThat(closed.get(2).versions()).containsExactly("default");
    assertThat(closed.get(2).rows()).isEqualTo(1);
    assertThat(closed.get(1).digest()).startsWith("sha256:").hasSize(71);
    assertThat(PredictionLogs.segmentFiles(dir, "churn")).containsExactlyElementsOf(closed.stream().map(ClosedSegment::path).toList());
  }

  /** A clock the test moves. */
  static final class MutableTime extends Clock {
    volatile Instant now;

    MutableTime(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A served version whose "pipeline" doubles x into z and whose model answers p = z / 10. */
  private static class PipelinePredictor implements dev.vigil.serving.Predictor {
    final double shift;

    PipelinePredictor(double shift) {
      this.shift = shift;
    }

    @Override
    public dev.vigil.serving.Signature signature() {
      return new dev.vigil.serving.Signature(List.of(dev.vigil.data.Field.of("x", dev.vigil.data.ColumnType.DOUBLE)),
          dev.vigil.serving.Signature.OutputKind.PROBABILITIES, List.of("0", "1"));
    }

    @Override
    public Predictions predict(Table features) {
      DoubleColumn x = features.doubleColumn("x");
      double[] z = new double[x.size()];
      double[] p = new double[x.size()];
      for (int i = 0; i < z.length; i++) {
        z[i] = 2 * x.get(i);
        p[i] = z[i] / 10 + shift;
      }
      Table in = Table.of(DoubleColumn.of("z", z), CategoricalColumn.of("band", z.length == 0 ? new String[0] : bands(z)));
      return Predictions.binary(p).withModelInput(in);
    }

    private static String[] bands(double[] z) {
      String[] b = new String[z.length];
      for (int i = 0; i < z.length; i++) {
        b[i] = z[i] < 3 ? "low" : "high";
      }
      return b;
    }
  }

  @Test
  void shadowOutputsAndPipelineOutputsAreLoggedBesideTheServedRows() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    PredictionLogger log = new PredictionLogger(new PredictionLogOptions(dir, 1000, 1000, Duration.ofHours(1), clock), "churn");
    dev.vigil.serving.Router ok = dev.vigil.serving.Router.builder(new dev.vigil.serving.Served(new ModelRef("churn", "1"),
        new PipelinePredictor(0))).shadow(new dev.vigil.serving.Served(new ModelRef("churn", "2"), new PipelinePredictor(0.05)))
        .listener(log).build();
    ok.predict(Request.of("a", Table.of(DoubleColumn.of("x", 1.0, 2.0))));
    assertThat(ok.awaitBackground(Duration.ofSeconds(10))).isTrue();
    dev.vigil.serving.Predictor broken = new PipelinePredictor(0) {
      @Override
      public Predictions predict(Table features) {
        throw new IllegalStateException("challenger exploded");
      }
    };
    dev.vigil.serving.Router bad = dev.vigil.serving.Router.builder(new dev.vigil.serving.Served(new ModelRef("churn", "1"),
        new PipelinePredictor(0))).shadow(new dev.vigil.serving.Served(new ModelRef("churn", "3"), broken)).listener(log).build();
    bad.predict(Request.of("b", Table.of(DoubleColumn.of("x", 3.0))));
    assertThat(bad.awaitBackground(Duration.ofSeconds(10))).isTrue();
    log.close();
    ok.close();
    bad.close();
    assertThat(log.dropped()).isZero();
    assertThat(log.written()).isEqualTo(2 + 2 + 1 + 1);
    // One segment per answering version: churn/1 (a, b), churn/2 (shadow of a), churn/3 (failed shadow of b).
    assertThat(PredictionLogs.segmentFiles(dir, "churn")).hasSize(3);
    Table t = PredictionLogs.read(dir, "churn");
    assertThat(t.columnNames()).containsExactly("request_id", "row", "time", "model", "version", "route", "latency_us",
        "error", "x", "pipe_z", "pipe_band", "out_0", "out_1", "label");
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
      rows.add(t.column("request_id").getObject(i) + "/" + t.column("row").getObject(i) + " " + t.column("version").getObject(i)
          + " " + t.column("route").getObject(i) + " x=" + t.column("x").getObject(i) + " z=" + t.column("pipe_z").getObject(i)
          + " band=" + t.column("pipe_band").getObject(i) + " p=" + t.column("out_1").getObject(i)
          + " error=" + t.column("error").getObject(i));
    }
    assertThat(rows).containsExactlyInAnyOrder(
        "a/0 1 primary x=1.0 z=2.0 band=low p=0.2 error=null",
        "a/1 1 primary x=2.0 z=4.0 band=high p=0.4 error=null",
        "a/0 2 shadow x=1.0 z=2.0 band=low p=0.25 error=null",
        "a/1 2 shadow x=2.0 z=4.0 band=high p=0.45 error=null",
        "b/0 1 primary x=3.0 z=6.0 band=high p=0.6 error=null",
        "b/0 3 shadow x=3.0 z=null band=null p=null error=threw java.lang.IllegalStateException: challenger exploded");
  }

  @Test
  void aFailedShadowCallInASegmentOfAllDoublePipelineOutputHasItsPipelineOutputMissing() throws Exception {
    PredictionLogger log = new PredictionLogger(PredictionLogOptions.defaults(dir), "churn");
    ModelRef shadow = new ModelRef("churn", "2");
    Table f = Table.of(DoubleColumn.of("x", 1.0));
    Predictions ok = Predictions.binary(new double[] {0.3}).withModelInput(Table.of(DoubleColumn.of("u", 2.0), DoubleColumn.of("w", 3.0)));
    Response served = answer(0.2, 1);
    log.onShadow(Request.of("a", f), shadow, ok, null, served, Duration.ofMillis(1));
    log.onShadow(Request.of("b", f), shadow, null, "threw boom", served, Duration.ofMillis(1));
    log.close();
    assertThat(PredictionLogs.segmentFiles(dir, "churn")).as("the failed call fits the shadow's open segment").hasSize(1);
    Table t = PredictionLogs.read(dir, "churn");
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
      rows.add(t.column("request_id").getObject(i) + " u=" + t.column("pipe_u").getObject(i) + " w=" + t.column("pipe_w").getObject(i)
          + " p=" + t.column("out_1").getObject(i) + " error=" + t.column("error").getObject(i));
    }
    assertThat(rows).containsExactlyInAnyOrder("a u=2.0 w=3.0 p=0.3 error=null", "b u=null w=null p=null error=threw boom");
  }

  @Test
  void aModelInputThatIsTheRequestItselfIsNotLoggedTwice() throws IOException {
    PredictionLogger log = new PredictionLogger(PredictionLogOptions.defaults(dir), "m");
    Table f = Table.of(DoubleColumn.of("x", 1));
    log.onResponse(Request.of("a", f), new Response(Predictions.binary(0.5).withModelInput(f), new ModelRef("m", "1"),
        Route.PRIMARY, Duration.ofMillis(1), List.of()));
    log.close();
    assertThat(Tables.read(segments().get(0)).columnNames()).containsExactly("request_id", "row", "time", "model", "version",
        "route", "latency_us", "error", "x", "out_0", "out_1");
  }

  @Test
  void segmentsAlsoRollByTheApproximateSizeOfTheirData() throws IOException {
    // Each row counts 8 bytes for row, time and latency_us, 8 for x, 8 for each of 2 outputs, and one
    // per character of request_id ("r0".."r9": 2), model ("churn": 5), version ("3": 1) and route
    // ("primary": 7): 63 bytes. A 200-byte bound closes a segment at its fourth row (252 >= 200).
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    PredictionLogger log = new PredictionLogger(new PredictionLogOptions(dir, 1000, 1_000_000, Duration.ofHours(1), 200, clock),
        "churn");
    for (int i = 0; i < 10; i++) {
      log.onResponse(Request.of("r" + i, Table.of(DoubleColumn.of("x", i))), answer(0.5, 1));
    }
    log.close();
    List<Long> sizes = new ArrayList<>();
    for (Path p : segments()) {
      sizes.add((long) Tables.read(p).rowCount());
    }
    assertThat(sizes).containsExactly(4L, 4L, 2L);
  }

  @Test
  void aChangeOfFeatureColumnsStartsANewSegment() throws IOException {
    PredictionLogger log = new PredictionLogger(PredictionLogOptions.defaults(dir), "m");
    log.onResponse(Request.of("a", Table.of(DoubleColumn.of("x", 1))), answer(0.5, 1));
    log.onResponse(Request.of("b", Table.of(DoubleColumn.of("y", 1))), answer(0.5, 1));
    log.close();
    assertThat(segments()).hasSize(2);
    assertThat(log.segmentsClosed()).isEqualTo(2);
  }

  @Test
  void nothingIsAcceptedSilentlyAfterClose() {
    PredictionLogger log = new PredictionLogger(PredictionLogOptions.defaults(dir), "m");
    log.close();
    log.onResponse(Request.of("late", Table.of(DoubleColumn.of("x", 1))), answer(0.5, 1));
    assertThat(log.dropped()).isEqualTo(1);
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
    PredictionLogger log = new PredictionLogger(new PredictionLogOptions(dir, 1, 1_000_000, Duration.ofHours(1),
        Clock.systemUTC()), "m");
    Table f = Table.of(DoubleColumn.of("x", 1));
    int sent = 50_000;
    for (int i = 0; i < sent; i++) {
      log.onResponse(Request.of("q" + i, f), answer(0.5, 1));
    }
    log.close();
    assertThat(log.dropped()).isPositive();
    assertThat(log.dropped() + log.written()).isEqualTo(sent);
  }

  @Test
  void lateLabelsAreJoinedByRequestAndRowAndTheLatestWins() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    PredictionLogger log = new PredictionLogger(new PredictionLogOptions(dir, 100, 1000, Duration.ofHours(1), clock), "m");
    for (int i = 0; i < 3; i++) {
      log.onResponse(Request.of("r" + i, Table.of(DoubleColumn.of("x", i, i + 10))), answer(0.5, 2));
    }
    log.close();
    PredictionLogs.addLabels(dir, Table.of(dev.vigil.data.StringColumn.of("request_id", "r0", "r2"),
        dev.vigil.data.LongColumn.of("label", 1, 0)), clock);
    PredictionLogs.addLabels(dir, Table.of(dev.vigil.data.StringColumn.of("request_id", "r2"),
        dev.vigil.data.LongColumn.of("row", 1), dev.vigil.data.BooleanColumn.of("label", true)), clock);
    Table t = PredictionLogs.read(dir, "m");
    assertThat(t.rowCount()).isEqualTo(6);
    DoubleColumn y = t.doubleColumn("label");
    assertThat(y.get(0)).isEqualTo(1.0);
    assertThat(y.isMissing(1)).isTrue();
    assertThat(y.isMissing(2)).isTrue();
    assertThat(y.get(4)).isEqualTo(0.0);
    assertThat(y.get(5)).isEqualTo(1.0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PredictionLogs.read(dir, "other"))
        .isInstanceOf(dev.vigil.NotFoundException.class).hasMessageContaining("\"other\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PredictionLogs.addLabels(dir,
        Table.of(dev.vigil.data.StringColumn.of("id", "r0")), clock))
        .isInstanceOf(dev.vigil.SchemaMismatchException.class).hasMessageContaining("request_id and label");
  }
}
