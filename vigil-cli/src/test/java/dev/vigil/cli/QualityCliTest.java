package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  Path csv(String name, String... lines) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, String.join("\n", lines) + "\n");
    return p;
  }

  Path good() throws Exception {
    return csv("good.csv", "id,age,colour,email,start,end",
        "1,20,red,a@x.org,1,2", "2,35,blue,b@x.org,2,3", "3,41,red,c@y.com,3,4",
        "4,50,green,d@y.com,4,5", "5,63,blue,e@z.net,5,6", "6,70,red,f@z.net,6,7");
  }

  Path bad() throws Exception {
    return csv("bad.csv", "id,age,colour,email,start,end",
        "1,20,red,a@x.org,1,2", "2,-3,purple,nope,2,3", "2,41,red,c@y.com,9,4",
        "4,150,green,d@y.com,4,5", "5,,blue,e@z.net,5,6", "6,70,red,f@z.net,6,7");
  }

  @Test
  void profilePrintsTheDocumentedJsonFields() throws Exception {
    CliRunner.Result r = CliRunner.run("profile", good().toString(), "--format", "json", "--save", dir.resolve("p.vgp").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("rows").asLong()).isEqualTo(6);
    JsonNode age = j.get("columns").get(1);
    for (String f : new String[] {"name", "type", "count", "missing", "distinct", "mean", "std", "min", "max", "quantiles", "top"}) {
      assertThat(age.has(f)).as(f).isTrue();
    }
    assertThat(age.get("mean").asDouble()).isEqualTo(279.0 / 6);
    assertThat(Files.exists(dir.resolve("p.vgp"))).isTrue();
    CliRunner.Result html = CliRunner.run("profile", dir.resolve("p.vgp").toString(), "--out", dir.resolve("p.html").toString());
    assertThat(html.code()).as(html.err()).isZero();
    assertThat(Files.readString(dir.resolve("p.html"))).contains("Histogram of age");
  }

  @Test
  void inferredSchemaAndSuggestedChecksPassOnTheirDataAndFailOnBadDataWithQuarantine() throws Exception {
    Path schema = dir.resolve("schema.yaml");
    Path checks = dir.resolve("checks.yaml");
    CliRunner.Result s = CliRunner.run("schema", "infer", good().toString(), "--out", schema.toString());
    assertThat(s.code()).as(s.err()).isZero();
    assertThat(Files.readString(schema)).contains("features:").contains("domain:");
    CliRunner.Result g = CliRunner.run("suggest", good().toString(), "--out", checks.toString());
    assertThat(g.code()).as(g.err()).isZero();
    assertThat(Files.readString(checks)).contains("evidence:").contains("kind: completeness");
    CliRunner.Result ok = CliRunner.run("validate", good().toString(), "--schema", schema.toString(), "--checks", checks.toString(), "--format", "json");
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    Path q = dir.resolve("quarantine.csv");
    CliRunner.Result ko = CliRunner.run("validate", bad().toString(), "--schema", schema.toString(), "--checks", checks.toString(),
        "--quarantine", q.toString(), "--format", "json");
    assertThat(ko.code()).isEqualTo(1);
    JsonNode j = JSON.readTree(ko.out());
    assertThat(j.get("failed").asLong()).isPositive();
    assertThat(j.get("results").get(0).has("examples")).isTrue();
    // Rows 2 (domain, pattern), 3 (duplicate id, end < start) and 5 (missing age) fail error checks;
    // age 150 is outside the inferred range, which is judged as a warning and not quarantined.
    assertThat(j.get("quarantined_rows").asLong()).isEqualTo(3);
    assertThat(Files.readAllLines(q)).hasSize(4);
  }

  @Test
  void aSchemaColumnTheDataLacksAndAMistypedValueAreFailedChecksNotAbortedRuns() throws Exception {
    Path schema = dir.resolve("schema.yaml");
    Files.writeString(schema, String.join("\n", "format_version: 1", "features:",
        "  - {name: id, type: long, nullable: false}",
        "  - {name: zip, type: long, nullable: false}",
        "  - {name: age, type: double, nullable: true, min: 0, max: 120}", ""));
    Path data = csv("typed.csv", "id,age", "1,20", "2,30A", "3,41");
    CliRunner.Result r = CliRunner.run("validate", data.toString(), "--schema", schema.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode res = JSON.readTree(r.out()).get("results");
    StringBuilder all = new StringBuilder();
    res.forEach(n -> all.append(n.get("outcome").asText()).append(' ').append(n.get("message").asText()).append('\n'));
    assertThat(all).contains("column \"zip\" not found").contains("\"age\" (string): 1 value(s) cannot be read as double");
  }

  @Test
  void checksFileWithSqlAndABadRegexReportsEveryCheck() throws Exception {
    Path checks = csv("checks.yaml", "format_version: 1", "checks:",
        "  - kind: sql", "    predicate: \"start < \\\"end\\\"\"",
        "  - kind: pattern", "    column: email", "    regex: \"([a-z\"",
        "  - kind: completeness", "    column: nope", "    severity: warning",
        "  - kind: range", "    column: age", "    min: 0", "    max: 120");
    CliRunner.Result r = CliRunner.run("validate", bad().toString(), "--checks", checks.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode res = JSON.readTree(r.out()).get("results");
    assertThat(res).hasSize(4);
    assertThat(res.get(0).get("outcome").asText()).isEqualTo("failed");
    assertThat(res.get(0).get("failing_rows").asLong()).isEqualTo(1);
    assertThat(res.get(1).get("outcome").asText()).isEqualTo("error");
    assertThat(res.get(1).get("message").asText()).contains("invalid regular expression");
    assertThat(res.get(2).get("message").asText()).contains("\"nope\"");
    assertThat(res.get(3).get("failing_rows").asLong()).isEqualTo(2);
  }

  @Test
  void skewComparesTrainingAndServingAndJoinsOnAnId() throws Exception {
    CliRunner.Result r = CliRunner.run("skew", "--training", good().toString(), "--serving", bad().toString(), "--id", "id", "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("features")).isNotEmpty();
    assertThat(j.get("join").get("joined").asLong()).isEqualTo(6);
  }

  @Test
  void historyFlagsADropInRowsAndNeverTakesTheFailedRunAsBaseline() throws Exception {
    Path h = dir.resolve("m.jsonl");
    StringBuilder big = new StringBuilder("x\n");
    for (int i = 0; i < 100; i++) {
      big.append(i).append('\n');
    }
    Path full = dir.resolve("full.csv");
    Files.writeString(full, big);
    StringBuilder small = new StringBuilder("x\n");
    for (int i = 0; i < 55; i++) {
      small.append(i).append('\n');
    }
    Path part = dir.resolve("part.csv");
    Files.writeString(part, small);
    String[] base = {"--history", h.toString(), "--dataset", "daily", "--format", "json"};
    assertThat(CliRunner.run(concat(new String[] {"history", "add", full.toString(), "--time", "2026-01-01T00:00:00Z"}, base)).code()).isZero();
    assertThat(CliRunner.run(concat(new String[] {"history", "add", full.toString(), "--time", "2026-01-02T00:00:00Z"}, base)).code()).isZero();
    CliRunner.Result drop = CliRunner.run(concat(new String[] {"history", "add", part.toString(), "--time", "2026-01-03T00:00:00Z"}, base));
    assertThat(drop.code()).isEqualTo(1);
    assertThat(drop.out()).contains("45.0% below");
    CliRunner.Result again = CliRunner.run(concat(new String[] {"history", "add", part.toString(), "--time", "2026-01-04T00:00:00Z"}, base));
    assertThat(again.code()).as("the failed run is not the baseline").isEqualTo(1);
    CliRunner.Result show = CliRunner.run("history", "show", "--history", h.toString(), "--dataset", "daily", "--metric", "rows", "--format", "json");
    assertThat(JSON.readTree(show.out()).get("series").get(0).get("points")).hasSize(4);
    assertThat(CliRunner.run("history", "pin", "--history", h.toString(), "--dataset", "daily").code()).isZero();
  }

  @Test
  void cleanReportsEachStepAndWritesTheResult() throws Exception {
    Path in = csv("dirty.csv", "id,name,n", "1,  Ann ,1", "2,Bob,x", "1,  Ann ,1");
    Path out = dir.resolve("clean.csv");
    CliRunner.Result r = CliRunner.run("clean", in.toString(), "--to", out.toString(), "--normalize", "--cast", "n=long", "--dedupe",
        "--types", "n=string", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("rows_out").asLong()).isEqualTo(2);
    assertThat(j.get("steps").get(1).get("affected").asLong()).isEqualTo(1);
    assertThat(Files.readAllLines(out)).hasSize(3);
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
