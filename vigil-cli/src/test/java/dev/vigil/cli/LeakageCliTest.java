package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.leakage.PlantedLeaks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakageCliTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private Path write(String name, Table t) {
    Path p = dir.resolve(name);
    Tables.write(t, p);
    return p;
  }

  @Test
  void plantedTargetLeakExitsOneWithTheFindingInJson() throws Exception {
    PlantedLeaks.Case c = PlantedLeaks.planted(PlantedLeaks.Kind.TARGET_LEAK, 800, 1);
    CliRunner.Result r = CliRunner.run("leakage", "--train", write("train.parquet", c.train()).toString(),
        "--test", write("test.parquet", c.test()).toString(), "--label", "y", "--group", "patient",
        "--time", "event_time", "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.PROBLEM_FOUND);
    JsonNode n = json.readTree(r.out());
    assertThat(n.get("kind").asText()).isEqualTo("leakage");
    assertThat(n.get("status").asText()).isEqualTo("error");
    boolean found = false;
    for (JsonNode f : n.get("findings")) {
      if (f.get("check").asText().equals("target-leak") && f.get("columns").get(0).asText().equals("leak")) {
        found = true;
        assertThat(f.get("severity").asText()).isEqualTo("error");
        assertThat(f.get("evidence").get("oof_auc").asDouble()).isGreaterThan(0.99);
        assertThat(f.get("fix").asText()).isNotBlank();
      }
    }
    assertThat(found).isTrue();
  }

  @Test
  void cleanDataExitsZeroAndAvailabilityYamlIsRead() throws Exception {
    PlantedLeaks.Case c = PlantedLeaks.clean(800, 2);
    Path avail = dir.resolve("availability.yaml");
    Files.writeString(avail, "# when each feature is known\nlab_value: lab_time\n", StandardCharsets.UTF_8);
    CliRunner.Result r = CliRunner.run("leakage", "--train", write("train.csv", c.train()).toString(),
        "--test", write("test.csv", c.test()).toString(), "--label", "y", "--group", "patient",
        "--time", "event_time", "--nuisance", "site", "--availability", avail.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("error");
  }

  @Test
  void differentSchemasExitThree() {
    PlantedLeaks.Case c = PlantedLeaks.clean(400, 2);
    CliRunner.Result r = CliRunner.run("leakage", "--train", write("a.parquet", c.train()).toString(),
        "--test", write("b.parquet", c.test().drop("x1")).toString(), "--label", "y");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("\"x1\"");
  }

  @Test
  void groupSplitWritesBothSidesAndAuditsThem() throws Exception {
    PlantedLeaks.Case c = PlantedLeaks.clean(800, 3);
    Path in = write("all.parquet", c.train());
    Path tr = dir.resolve("tr.parquet");
    Path te = dir.resolve("te.parquet");
    CliRunner.Result r = CliRunner.run("split", in.toString(), "--strategy", "group", "--group", "patient",
        "--label", "y", "--test-fraction", "0.25", "--seed", "4", "--train-out", tr.toString(), "--test-out", te.toString(),
        "--checks", "group-overlap,duplicate-rows", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode n = json.readTree(r.out());
    assertThat(n.get("split").get("test_rows").asInt()).isEqualTo(Tables.read(te).rowCount());
    assertThat(n.get("provenance").get("seed").asLong()).isEqualTo(4);
    assertThat(n.get("provenance").get("config").get("strategy").asText()).isEqualTo("group");
    assertThat(n.get("counts").get("error").asInt()).isZero();
  }

  @Test
  void pitJoinIsStrictByDefault() throws Exception {
    Path ev = dir.resolve("events.csv");
    Files.writeString(ev, "user,t,y\na,2024-01-02T00:00:00Z,1\nb,2024-01-02T00:00:00Z,0\n", StandardCharsets.UTF_8);
    Path fe = dir.resolve("features.csv");
    Files.writeString(fe, "user,ft,spend\na,2024-01-01T00:00:00Z,1.5\na,2024-01-02T00:00:00Z,9.0\nb,2023-12-01T00:00:00Z,2.0\n",
        StandardCharsets.UTF_8);
    Path out = dir.resolve("joined.csv");
    CliRunner.Result r = CliRunner.run("pit-join", "--events", ev.toString(), "--features", fe.toString(), "--key", "user",
        "--event-time", "t", "--feature-time", "ft", "--ttl", "7d", "--joined-out", out.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode n = json.readTree(r.out());
    assertThat(n.get("matched").asInt()).isEqualTo(1);
    assertThat(n.get("expired_by_ttl").asInt()).isEqualTo(1);
    assertThat(n.get("feature_rows_at_event_instant_excluded").asInt()).isEqualTo(1);
    Table j = Tables.read(out);
    assertThat(j.doubleColumn("spend").get(0)).isEqualTo(1.5);
    assertThat(j.column("spend").isMissing(1)).isTrue();
  }

  @Test
  void nestedAvailabilityYamlIsBadInputAndHtmlRenders() throws Exception {
    PlantedLeaks.Case c = PlantedLeaks.planted(PlantedLeaks.Kind.FEATURE_AVAILABILITY, 400, 5);
    Path tr = write("tr.parquet", c.train());
    Path te = write("te.parquet", c.test());
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "lab_value:\n  column: lab_time\n", StandardCharsets.UTF_8);
    CliRunner.Result r = CliRunner.run("leakage", "--train", tr.toString(), "--test", te.toString(), "--label", "y",
        "--time", "event_time", "--availability", bad.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("bad.yaml").contains("lab_value");
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, "lab_value: lab_time   # recorded when the lab reports\n", StandardCharsets.UTF_8);
    Path html = dir.resolve("report.html");
    CliRunner.Result h = CliRunner.run("leakage", "--train", tr.toString(), "--test", te.toString(), "--label", "y",
        "--time", "event_time", "--availability", good.toString(), "--checks", "temporal-leak", "--out", html.toString());
    assertThat(h.code()).isEqualTo(ExitCodes.PROBLEM_FOUND);
    assertThat(Files.readString(html)).contains("<html").contains("temporal-leak").contains("lab_value");
  }

  @Test
  void pipelineJsonFeedsThePreprocessingCheck() throws Exception {
    PlantedLeaks.Case c = PlantedLeaks.clean(400, 6);
    double sum = 0;
    int n = 0;
    for (Table t : new Table[] {c.train(), c.test()}) {
      for (double v : t.doubleColumn("x0").toArray()) {
        sum += v;
        n++;
      }
    }
    Path p = dir.resolve("pipeline.json");
    Files.writeString(p, "{\"format_version\":1,\"inputs\":[\"x0\"],\"outputs\":[\"x0\"],\"steps\":[{\"op\":\"impute\","
        + "\"column\":\"x0\",\"options\":{\"strategy\":\"mean\"},\"params\":{\"value\":" + (sum / n) + "}}]}",
        StandardCharsets.UTF_8);
    CliRunner.Result r = CliRunner.run("leakage", "--train", write("a.parquet", c.train()).toString(), "--test",
        write("b.parquet", c.test()).toString(), "--label", "y", "--pipeline", p.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.PROBLEM_FOUND);
    assertThat(r.out()).contains("preprocessing-leak");
  }
}
