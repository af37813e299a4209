package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCliTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private Path data(String name, long seed, int n, double shift, String[] sites) throws Exception {
    SplittableRandom rng = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("age,score,site\n");
    for (int i = 0; i < n; i++) {
      double z = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
      sb.append(String.format(Locale.ROOT, "%d,%.6f,%s%n", 20 + rng.nextInt(50), z + shift, sites[rng.nextInt(sites.length)]));
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void driftExitsOneWhenTheDatasetDriftsAndReportsEveryFeature() throws Exception {
    Path ref = data("ref.csv", 1, 400, 0, new String[] {"a", "b"});
    Path cur = data("cur.csv", 2, 300, 1.0, new String[] {"a", "b", "c"});
    CliRunner.Result r = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.PROBLEM_FOUND);
    JsonNode j = json.readTree(r.out());
    assertThat(j.get("kind").asText()).isEqualTo("drift");
    assertThat(j.get("drift").asBoolean()).isTrue();
    assertThat(j.get("features")).hasSize(3);
    JsonNode score = null;
    JsonNode site = null;
    for (JsonNode f : j.get("features")) {
      if (f.get("name").asText().equals("score")) {
        score = f;
      }
      if (f.get("name").asText().equals("site")) {
        site = f;
      }
    }
    assertThat(score.get("method").asText()).isEqualTo("ks");
    assertThat(score.get("drift").asBoolean()).isTrue();
    assertThat(site.get("unseen").get("categories").get(0).asText()).isEqualTo("c");
    assertThat(site.get("unseen").get("drift").asBoolean()).isTrue();
  }

  @Test
  void noDriftExitsZero() throws Exception {
    Path ref = data("ref.csv", 1, 400, 0, new String[] {"a", "b"});
    Path cur = data("cur.csv", 2, 300, 0, new String[] {"a", "b"});
    CliRunner.Result r = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
        "--correction", "bonferroni");
    assertThat(r.code()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("Dataset drift").contains("score");
  }

  @Test
  void storedReferenceGivesTheSameFeaturesAsTheData() throws Exception {
    Path ref = data("ref.csv", 1, 400, 0, new String[] {"a", "b"});
    Path cur = data("cur.csv", 2, 300, 0.3, new String[] {"a", "b"});
    Path stored = dir.resolve("ref.vigil");
    CliRunner.Result b = CliRunner.run("drift", "reference", "build", ref.toString(), "--out", stored.toString(),
        "--format", "json");
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(json.readTree(b.out()).get("rows").asLong()).isEqualTo(400);
    CliRunner.Result a = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--format", "json");
    CliRunner.Result s = CliRunner.run("drift", "--reference", stored.toString(), "--current", cur.toString(), "--format", "json");
    assertThat(json.readTree(s.out()).get("features")).isEqualTo(json.readTree(a.out()).get("features"));
    assertThat(s.code()).isEqualTo(a.code());
  }

  @Test
  void compactReferenceBuiltInColumnGroupsComparesLikeTheData() throws Exception {
    Path ref = data("ref.csv", 1, 3000, 0, new String[] {"a", "b"});
    Path cur = data("cur.csv", 2, 2000, 0.3, new String[] {"a", "b"});
    Path stored = dir.resolve("ref.vigil");
    CliRunner.Result b = CliRunner.run("drift", "reference", "build", ref.toString(), "--out", stored.toString(),
        "--exact-values", "1000", "--quantiles", "500", "--sample", "1000", "--columns-per-pass", "2", "--format", "json");
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(json.readTree(b.out()).get("columns")).hasSize(3);
    assertThat(Files.size(stored)).isLessThan(3000L * 8 * 2);
    CliRunner.Result a = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
        "--method", "ks", "--columns", "score", "--format", "json");
    CliRunner.Result s = CliRunner.run("drift", "--reference", stored.toString(), "--current", cur.toString(),
        "--method", "ks", "--columns", "score", "--format", "json");
    assertThat(s.code()).as(s.err()).isEqualTo(a.code());
    double exact = json.readTree(a.out()).get("features").get(0).get("statistic").asDouble();
    double compact = json.readTree(s.out()).get("features").get(0).get("statistic").asDouble();
    assertThat(Math.abs(compact - exact)).isLessThanOrEqualTo(1.0 / 500 + 1.0 / 3000);
  }

  @Test
  void methodAndColumnsAreHonoured() throws Exception {
    Path ref = data("ref.csv", 1, 200, 0, new String[] {"a", "b"});
    Path cur = data("cur.csv", 2, 200, 0, new String[] {"a", "b"});
    CliRunner.Result r = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
        "--columns", "score", "--method", "psi", "--format", "json");
    JsonNode f = json.readTree(r.out()).get("features");
    assertThat(f).hasSize(1);
    assertThat(f.get(0).get("method").asText()).isEqualTo("psi");
    assertThat(f.get(0).get("p_value").isNull()).isTrue();
  }

  @Test
  void badInvocationsExitWithUsageOrBadInput() throws Exception {
    Path ref = data("ref.csv", 1, 50, 0, new String[] {"a"});
    assertThat(CliRunner.run("drift", "--reference", ref.toString()).code()).isEqualTo(ExitCodes.USAGE);
    CliRunner.Result m = CliRunner.run("drift", "--reference", ref.toString(), "--current", ref.toString(), "--method", "nope");
    assertThat(m.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(m.err()).contains("unknown drift method \"nope\"");
    CliRunner.Result k = CliRunner.run("drift", "--reference", ref.toString(), "--current", ref.toString(), "--method", "ks",
        "--columns", "site");
    assertThat(k.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(k.err()).contains("\"site\" is categorical");
  }

  @Test
  void driftStreamPrintsChangePointsWhereRiverDocumentsThem() throws Exception {
    Path p = dir.resolve("stream.csv");
    try (var in = DriftCliTest.class.getResourceAsStream("/drift/river_stream.csv")) {
      Files.write(p, in.readAllBytes());
    }
    CliRunner.Result r = CliRunner.run("drift-stream", p.toString(), "--column", "x", "--detector", "adwin", "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.PROBLEM_FOUND);
    JsonNode cps = json.readTree(r.out()).get("change_points");
    assertThat(cps).hasSize(1);
    assertThat(cps.get(0).get("index").asLong()).isEqualTo(1023);
    CliRunner.Result ph = CliRunner.run("drift-stream", p.toString(), "--column", "x", "--detector", "ph", "--format", "json");
    assertThat(json.readTree(ph.out()).get("change_points").get(0).get("index").asLong()).isEqualTo(1006);
  }

  @Test
  void calibratedStreamDetectorsFireAfterTheShiftAndReportTheirThresholds() throws Exception {
    SplittableRandom rng = new SplittableRandom(5);
    StringBuilder sb = new StringBuilder("a,b,note\n");
    for (int i = 0; i < 1500; i++) {
      double shift = i >= 1300 ? 2 : 0;
      String a = i == 1100 ? "" : String.format(Locale.ROOT, "%.6f", rng.nextGaussian() + shift);
      sb.append(a).append(',').append(String.format(Locale.ROOT, "%.6f", rng.nextGaussian() + shift)).append(",x\n");
    }
    Path p = dir.resolve("stream.csv");
    Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
    for (String det : new String[] {"mmd", "lsdd", "cvm"}) {
      CliRunner.Result r = CliRunner.run("drift-stream", p.toString(), "--columns", "a,b", "--detector", det, "--ert", "300",
          "--window-size", "10", "--format", "json");
      assertThat(r.code()).as(det + ": " + r.err()).isEqualTo(ExitCodes.PROBLEM_FOUND);
      JsonNode j = json.readTree(r.out());
      assertThat(j.get("stream_start").asInt()).isEqualTo(1000);
      assertThat(j.get("skipped_missing").asInt()).as(det).isEqualTo(1);
      assertThat(j.get("thresholds")).hasSize(20);
      JsonNode cps = j.get("change_points");
      boolean found = false;
      for (JsonNode c : cps) {
        found |= c.get("index").asInt() >= 1300 && c.get("index").asInt() < 1330;
        assertThat(c.get("statistic").asDouble()).isGreaterThan(c.get("threshold").asDouble());
      }
      assertThat(found).as(det + " " + cps).isTrue();
    }
    CliRunner.Result bad = CliRunner.run("drift-stream", p.toString(), "--column", "a", "--detector", "mmd", "--format", "json");
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--ert");
  }

  @Test
  void mmdComparesAllNumericColumnsAtOnce() throws Exception {
    Path ref = data("ref.csv", 1, 200, 0, new String[] {"a", "b"});
    Path cur = data("cur.csv", 2, 200, 0.8, new String[] {"a", "b"});
    CliRunner.Result r = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--method", "mmd",
        "--permutations", "49", "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.PROBLEM_FOUND);
    JsonNode j = json.readTree(r.out());
    assertThat(j.get("p_value").asDouble()).isEqualTo(0.02);
    assertThat(j.get("columns")).hasSize(2);
    CliRunner.Result l = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--method", "lsdd",
        "--permutations", "49", "--format", "json");
    assertThat(l.code()).as(l.err()).isEqualTo(ExitCodes.PROBLEM_FOUND);
    assertThat(json.readTree(l.out()).get("method").asText()).isEqualTo("lsdd");
  }

  @Test
  void calibrateSuggestsThresholdsThatDriftAccepts() throws Exception {
    Path ref = data("ref.csv", 1, 3000, 0, new String[] {"a", "b"});
    CliRunner.Result c = CliRunner.run("drift", "calibrate", ref.toString(), "--window-rows", "150", "--format", "json");
    assertThat(c.code()).as(c.err()).isZero();
    JsonNode j = json.readTree(c.out());
    assertThat(j.get("windows").asInt()).isEqualTo(20);
    String thresholds = j.get("column_thresholds").asText();
    Path cur = data("cur.csv", 2, 150, 0, new String[] {"a", "b"});
    CliRunner.Result d = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
        "--column-threshold", thresholds, "--format", "json");
    assertThat(d.code()).as(d.err()).isIn(ExitCodes.OK, ExitCodes.PROBLEM_FOUND);
    assertThat(json.readTree(d.out()).get("features")).hasSize(3);
  }

  @Test
  void seasonalReferenceComparesWithTheSameHoursOfEarlierWeeks() throws Exception {
    StringBuilder hist = new StringBuilder("ts,load\n");
    java.time.Instant t0 = java.time.Instant.parse("2026-11-02T00:00:00Z");
    for (int h = 0; h < 21 * 24; h++) {
      int hourOfDay = h % 24;
      hist.append(t0.plus(java.time.Duration.ofHours(h))).append(',').append(hourOfDay >= 9 && hourOfDay < 17 ? 100 + h % 5 : 10 + h % 5)
          .append('\n');
    }
    Path history = dir.resolve("history.csv");
    Files.writeString(history, hist.toString());
    StringBuilder cur = new StringBuilder("ts,load\n");
    java.time.Instant c0 = java.time.Instant.parse("2026-11-23T09:00:00Z");
    for (int h = 0; h < 8; h++) {
      cur.append(c0.plus(java.time.Duration.ofHours(h))).append(',').append(100 + h % 5).append('\n');
    }
    Path current = dir.resolve("current.csv");
    Files.writeString(current, cur.toString());
    CliRunner.Result seasonal = CliRunner.run("drift", "--reference", history.toString(), "--current", current.toString(),
        "--time-column", "ts", "--seasonal", "hour-of-week", "--cycles", "3", "--format", "json");
    assertThat(seasonal.code()).as(seasonal.err() + seasonal.out()).isZero();
    CliRunner.Result plain = CliRunner.run("drift", "--reference", history.toString(), "--current", current.toString(),
        "--columns", "load", "--format", "json");
    assertThat(plain.code()).as(plain.err()).isEqualTo(ExitCodes.PROBLEM_FOUND);
  }

  @Test
  void pcaReportsTheReconstructionErrorAndItsBand() throws Exception {
    Path ref = data("ref.csv", 1, 2000, 0, new String[] {"a", "b"});
    Path cur = data("cur.csv", 2, 200, 0, new String[] {"a", "b"});
    CliRunner.Result r = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--method", "pca",
        "--format", "json");
    assertThat(r.code()).as(r.err()).isIn(ExitCodes.OK, ExitCodes.PROBLEM_FOUND);
    JsonNode j = json.readTree(r.out());
    assertThat(j.get("method").asText()).isEqualTo("pca");
    assertThat(j.get("reference_chunk_errors")).hasSize(10);
    assertThat(j.get("upper_threshold").asDouble()).isGreaterThan(j.get("lower_threshold").asDouble());
  }

  @Test
  void classifierReportsAnOutOfFoldAuc() throws Exception {
    Path ref = data("ref.csv", 1, 600, 0, new String[] {"a", "b"});
    Path cur = data("cur.csv", 2, 400, 1.0, new String[] {"a", "b"});
    CliRunner.Result r = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--method",
        "classifier", "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.PROBLEM_FOUND);
    assertThat(json.readTree(r.out()).get("statistic").asDouble()).isGreaterThan(0.6);
  }
}
