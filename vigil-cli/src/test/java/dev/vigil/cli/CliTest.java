package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Synthetic;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private Path csv(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void versionAndHelpExitZero() {
    assertThat(CliRunner.run("--version").out()).startsWith("vigil ");
    CliRunner.Result h = CliRunner.run("schema", "--help");
    assertThat(h.code()).isZero();
    assertThat(h.out()).contains("--on-bad-row").contains("--format").contains("--out");
  }

  @Test
  void usageErrorsExitTwo() {
    CliRunner.Result r = CliRunner.run("schema");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Missing required parameter: 'DATA'");
    assertThat(CliRunner.run("nosuchcommand").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRunner.run("head", "x.csv", "--on-bad-row", "maybe").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRunner.run().code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void badInputExitsThreeWithThePlaceInTheMessage() throws Exception {
    Path p = csv("bad.csv", "a,b\n1,2\n3\n");
    CliRunner.Result r = CliRunner.run("schema", p.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).startsWith("vigil: error: " + p + ": line 3").contains("ragged line");
    assertThat(CliRunner.run("head", dir.resolve("absent.csv").toString()).code()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void skipPolicyReportsSkippedRows() throws Exception {
    Path p = csv("bad.csv", "a,b\n1,2\n3\n4,5\n");
    CliRunner.Result r = CliRunner.run("schema", p.toString(), "--on-bad-row", "skip");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("1 bad row(s) skipped");
    JsonNode n = json.readTree(r.out());
    assertThat(n.get("rows").asLong()).isEqualTo(2);
    assertThat(n.get("rows_skipped").asLong()).isEqualTo(1);
  }

  @Test
  void schemaPrintsAReusableSchemaFile() throws Exception {
    Path p = csv("d.csv", "id,score,site\n1,0.5,a\n2,,b\n3,1.5,a\n4,2,a\n");
    CliRunner.Result r = CliRunner.run("schema", p.toString());
    assertThat(r.code()).isZero();
    JsonNode n = json.readTree(r.out());
    assertThat(n.get("kind").asText()).isEqualTo("schema");
    assertThat(n.get("format_version").asInt()).isEqualTo(1);
    assertThat(n.get("rows").asLong()).isEqualTo(4);
    assertThat(n.get("fields").get(1).get("name").asText()).isEqualTo("score");
    assertThat(n.get("fields").get(1).get("type").asText()).isEqualTo("double");
    assertThat(n.get("fields").get(1).get("nullable").asBoolean()).isTrue();
    assertThat(n.get("fields").get(0).get("nullable").asBoolean()).isFalse();

    Path schema = dir.resolve("schema.json");
    Files.writeString(schema, r.out().replace("\"long\"", "\"string\""));
    CliRunner.Result h = CliRunner.run("head", p.toString(), "--schema", schema.toString(), "--format", "json");
    assertThat(json.readTree(h.out()).get("columns").get(0).get("type").asText()).isEqualTo("string");
  }

  @Test
  void headShowsRowsAsTextAndJson() throws Exception {
    Path p = csv("d.csv", "id,name\n1,x\n2,\n3,z\n");
    CliRunner.Result t = CliRunner.run("head", p.toString(), "-n", "2");
    assertThat(t.code()).isZero();
    assertThat(t.out()).contains("id  name").contains("1   x").doesNotContain("3   z");
    JsonNode j = json.readTree(CliRunner.run("head", p.toString(), "--format", "json").out());
    assertThat(j.get("rows")).hasSize(3);
    assertThat(j.get("rows").get(1).get("name").isNull()).isTrue();
  }

  @Test
  void convertsBetweenEveryFormat() throws Exception {
    Table data = Synthetic.hospitalScans(300, 3);
    Path src = dir.resolve("scans.parquet");
    Tables.write(data, src);
    Path jsonl = dir.resolve("scans.jsonl");
    Path tsv = dir.resolve("scans.tsv");
    assertThat(CliRunner.run("convert", src.toString(), jsonl.toString(), "--chunk-rows", "64").code()).isZero();
    assertThat(CliRunner.run("convert", jsonl.toString(), tsv.toString()).code()).isZero();
    Path back = dir.resolve("back.parquet");
    CliRunner.Result r = CliRunner.run("convert", tsv.toString(), back.toString(), "--format", "json");
    assertThat(json.readTree(r.out()).get("rows").asLong()).isEqualTo(300);
    Table again = Tables.read(back);
    assertThat(DemoCommand.firstDifference(data.project("scan_id", "age", "pack_years", "malignant", "scan_time"),
        again.project("scan_id", "age", "pack_years", "malignant", "scan_time"))).isNull();
  }

  @Test
  void outWritesTheReportAtomicallyInTheFormatOfItsExtension() throws Exception {
    Path p = csv("d.csv", "a\n1\n2\n");
    Path html = dir.resolve("r/schema.html");
    CliRunner.Result r = CliRunner.run("schema", p.toString(), "--out", html.toString());
    assertThat(r.code()).isZero();
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
    assertThat(r.err()).contains("wrote " + html);
  }

  @Test
  void demoRunsEndToEnd() throws Exception {
    Path out = dir.resolve("demo");
    CliRunner.Result r = CliRunner.run("demo", "--dir", out.toString(), "--rows", "800");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("CSV identical, Parquet identical").contains("HTML reports:")
        .contains("grouped split: leakage:").contains("gates 4/4 passed").contains("0 failed")
        .contains("SMOTE on the numeric features").contains("features drifted").contains("mean_hu (").contains("Data quality: 16 columns profiled");
    assertThat(Files.exists(out.resolve("scans.csv"))).isTrue();
    assertThat(Files.exists(out.resolve("scans.parquet"))).isTrue();
    assertThat(Files.readString(out.resolve("demo-report.html"))).contains("Label rate by site");
  }

  @Test
  void readsSqliteThroughAJdbcUrl() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("app.db");
    try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
      st.execute("CREATE TABLE t (a INTEGER, b TEXT)");
      st.execute("INSERT INTO t VALUES (1, 'x'), (2, 'y')");
    }
    CliRunner.Result r = CliRunner.run("head", url, "--query", "SELECT * FROM t", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(json.readTree(r.out()).get("rows")).hasSize(2);
    assertThat(CliRunner.run("head", url).code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void labelsAddWritesALabelFileBesideTheLog() throws Exception {
    Path labels = csv("labels.csv", "request_id,label\nr1,1\nr2,0\n");
    Path log = dir.resolve("predictions");
    CliRunner.Result r = CliRunner.run("labels", "add", labels.toString(), "--log", log.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(json.readTree(r.out()).get("added").asInt()).isEqualTo(2);
    try (var files = Files.list(log.resolve("labels"))) {
      assertThat(files.count()).isEqualTo(1);
    }
    Path bad = csv("bad.csv", "id,label\nr1,1\n");
    CliRunner.Result b = CliRunner.run("labels", "add", bad.toString(), "--log", log.toString());
    assertThat(b.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(b.err()).contains("labels need columns request_id and label");
  }
}
