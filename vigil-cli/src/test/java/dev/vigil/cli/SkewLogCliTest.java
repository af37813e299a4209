package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.Synthetic;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.io.log.PredictionLogOptions;
import dev.vigil.io.log.PredictionLogger;
import dev.vigil.models.ServedVersions;
import dev.vigil.registry.VersionRef;
import dev.vigil.serving.Request;
import dev.vigil.serving.Router;
import dev.vigil.store.Store;
import dev.vigil.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil skew --model}: a registered version served through the real router with its fitted
 * pipeline, its traffic logged (raw features, pipeline output, outputs, a shadow copy), then the
 * logged features compared with the training profile stored with the version. A day of traffic like
 * the training data, then a day where {@code age} moved up by 25 years.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SkewLogCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant DAY2 = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir static Path dir;
  private String home;
  private Path log;
  private List<String> inputs;

  /** A clock the test moves. */
  static final class MovedClock extends Clock {
    volatile Instant now;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeAll
  void trainServeAndLog() throws Exception {
    Path data = dir.resolve("scans.parquet");
    Tables.write(Synthetic.hospitalScans(1500, 5), data);
    home = dir.resolve("home").toString();
    assertThat(CliRunner.run("train", data.toString(), "--label", "malignant", "--model", "logistic",
        "--drop", "scan_id,patient_id,scan_time", "--register", "nodules", "--home", home).code()).isZero();
    assertThat(CliRunner.run("models", "alias", "nodules", "champion", "1", "--home", home).code()).isZero();
    log = dir.resolve("log");
    MovedClock clock = new MovedClock();
    try (Store s = Store.open(StoreOptions.embedded(Path.of(home)))) {
      inputs = s.registry().version(VersionRef.parse("nodules/1")).signature().inputs().stream().map(Field::name).toList();
      PredictionLogger logger = new PredictionLogger(new PredictionLogOptions(log, 10_000, 100_000, Duration.ofDays(7), clock),
          "nodules");
      try (Router router = Router.builder(ServedVersions.load(s.registry(), "nodules", 1))
          .shadow(ServedVersions.load(s.registry(), "nodules", 1)).listener(logger).build()) {
        Table day1 = Synthetic.hospitalScans(1500, 11).project(inputs);
        Table day2 = older(Synthetic.hospitalScans(1500, 12).project(inputs), 25);
        clock.now = DAY1;
        send(router, day1, "d1-");
        assertThat(router.awaitBackground(Duration.ofSeconds(60))).isTrue();
        clock.now = DAY2;
        send(router, day2, "d2-");
        assertThat(router.awaitBackground(Duration.ofSeconds(60))).isTrue();
      }
      logger.close();
      assertThat(logger.dropped()).isZero();
    }
  }

  private static void send(Router router, Table t, String prefix) {
    for (int start = 0; start < t.rowCount(); start += 50) {
      int[] rows = new int[Math.min(50, t.rowCount() - start)];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = start + i;
      }
      router.predict(Request.of(prefix + start, t.select(rows)));
    }
  }

  /** {@code t} with {@code years} added to every age. */
  private static Table older(Table t, double years) {
    DoubleColumn age = t.doubleColumn("age");
    DoubleColumn.Builder b = DoubleColumn.builder("age");
    for (int i = 0; i < age.size(); i++) {
      b.addObject(age.isMissing(i) ? null : age.get(i) + years);
    }
    List<Column> cols = new ArrayList<>();
    for (Column c : t.columns()) {
      cols.add(c.name().equals("age") ? b.build() : c);
    }
    return Table.of(cols.toArray(new Column[0]));
  }

  private JsonNode skew(int expectedCode, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("skew", "--model", "nodules", "--log", log.toString(), "--home", home,
        "--format", "json"));
    args.addAll(List.of(extra));
    CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
    assertThat(r.code()).as(r.err() + r.out()).isEqualTo(expectedCode);
    return JSON.readTree(r.out());
  }

  private static List<String> skewed(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("features").forEach(f -> {
      if (f.get("skewed").asBoolean()) {
        out.add(f.get("name").asText());
      }
    });
    return out;
  }

  @Test
  void aDayLikeTrainingShowsNoSkewAndOnlyTheSignatureFeaturesAreCompared() throws Exception {
    JsonNode r = skew(0, "--until", "2026-03-02T00:00:00Z");
    List<String> names = new ArrayList<>();
    r.get("features").forEach(f -> names.add(f.get("name").asText()));
    // Not request_id, time, route, latency_us, error, pipe_*, out_*, nor the label or dropped columns.
    assertThat(names).containsExactlyInAnyOrderElementsOf(inputs);
    r.get("features").forEach(f -> assertThat(f.get("presence").asText()).as(f.toString()).isEqualTo("both"));
    // Each request once: the shadow's copies are left out.
    assertThat(r.get("features").get(0).get("serving_count").asLong()).isLessThanOrEqualTo(1500);
    assertThat(r.get("training").asText()).isEqualTo("nodules/1 training profile");
  }

  @Test
  void theDayAgeMovedShowsSkewInAgeOnly() throws Exception {
    JsonNode r = skew(1, "--since", "2026-03-02T00:00:00Z", "--version", "champion");
    assertThat(skewed(r)).containsExactly("age");
  }

  @Test
  void aTrainingFileCanStandInForTheStoredProfileAndBadTimesAreRefused() throws Exception {
    Path training = dir.resolve("train.parquet");
    Tables.write(Synthetic.hospitalScans(1500, 5), training);
    JsonNode r = skew(1, "--training", training.toString(), "--since", "2026-03-02T00:00:00Z");
    assertThat(skewed(r)).containsExactly("age");
    CliRunner.Result bad = CliRunner.run("skew", "--model", "nodules", "--log", log.toString(), "--home", home, "--since", "yesterday");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--since must be an ISO-8601 instant");
    CliRunner.Result none = CliRunner.run("skew", "--model", "nodules", "--log", log.toString(), "--home", home,
        "--since", "2027-01-01T00:00:00Z");
    assertThat(none.err()).contains("no logged rows for model \"nodules\"");
  }

  @Test
  void aVersionWithoutAUsableStoredProfileAsksForTheTrainingData() throws Exception {
    try (Store s = Store.open(StoreOptions.embedded(Path.of(home)))) {
      dev.vigil.registry.ModelVersion v = s.registry().version(VersionRef.parse("nodules/1"));
      Path artifact = s.registry().files(v).artifact();
      // A profile as Vigil stored it before it kept column states: readable metrics only.
      byte[] summary = "{\"format_version\": 1, \"rows\": 3, \"columns\": [{\"name\": \"age\", \"type\": \"double\"}]}"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      s.registry().register(dev.vigil.registry.Registration.builder("legacy", artifact).flavour(v.flavour())
          .signature(v.signature()).profileJson(summary).build());
      s.registry().register(dev.vigil.registry.Registration.builder("minimal", artifact).flavour(v.flavour())
          .signature(v.signature()).build());
    }
    CliRunner.Result legacy = CliRunner.run("skew", "--model", "legacy", "--log", log.toString(), "--home", home);
    assertThat(legacy.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(legacy.err()).contains("legacy/1's stored profile is a summary without column states").contains("--training FILE");
    CliRunner.Result minimal = CliRunner.run("skew", "--model", "minimal", "--log", log.toString(), "--home", home);
    assertThat(minimal.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(minimal.err()).contains("minimal/1 has no stored training profile").contains("--training FILE");
    CliRunner.Result both = CliRunner.run("skew", "--model", "nodules", "--serving", "x.csv", "--home", home);
    assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).contains("--serving and --model both name the serving side");
  }
}
