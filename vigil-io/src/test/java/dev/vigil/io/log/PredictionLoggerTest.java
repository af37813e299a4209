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
  void everyRowIsLoggedInClosedSegmentsRolledBySize() throws IOException {
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
        "latency_us", "tenure", "feature_route", "out_0", "out_1");
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
    assertThat(closed).hasSize(2);
    for (ClosedSegment c : closed) {
      ClosedSegment onDisk = PredictionLogs.describe(c.path(), "churn");
      assertThat(c).isEqualTo(onDisk);
    }
    assertThat(closed.get(0).rows()).isEqualTo(4);
    assertThat(closed.get(0).firstTime()).isEqualTo(t0);
    assertThat(closed.get(0).lastTime()).isEqualTo(t0.plusSeconds(3));
    assertThat(closed.get(1).versions()).containsExactly("3", "default");
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
