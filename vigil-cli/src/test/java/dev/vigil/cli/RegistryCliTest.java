package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Synthetic;
import dev.vigil.io.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracking and registry commands end to end on one store. */
class RegistryCliTest {
  @TempDir static Path dir;
  static Path data;
  static String home;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void trainTwoVersions() throws Exception {
    data = dir.resolve("scans.parquet");
    Tables.write(Synthetic.hospitalScans(1200, 3), data);
    home = dir.resolve("store").toString();
    CliRunner.Result r1 = CliRunner.run("train", data.toString(), "--label", "malignant", "--drop", "scan_id,patient_id,scan_time",
        "--register", "nodules", "--experiment", "lung", "--home", home, "--format", "json");
    assertThat(r1.code()).as(r1.err()).isZero();
    Path spec = dir.resolve("pipe.yaml");
    Files.writeString(spec, "steps:\n  - {op: impute, column: nodule_diameter_mm, strategy: median}\n"
        + "  - {op: log, column: nodule_diameter_mm}\n  - {op: impute, column: site}\n  - {op: onehot, column: site}\n");
    CliRunner.Result r2 = CliRunner.run("train", data.toString(), "--label", "malignant", "--pipeline", spec.toString(),
        "--drop", "scan_id,patient_id,scan_time", "--class-weights", "balanced", "--register", "nodules", "--experiment", "lung", "--home", home, "--format", "json");
    assertThat(r2.code()).as(r2.err()).isZero();
  }

  static JsonNode json(String... args) throws Exception {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--home";
    all[args.length + 1] = home;
    all[args.length + 2] = "--format";
    all[args.length + 3] = "json";
    CliRunner.Result r = CliRunner.run(all);
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void listsAndShowsExperimentsRunsAndModels() throws Exception {
    JsonNode ex = json("experiments", "list");
    assertThat(ex.get("experiments").get(0).get("name").asText()).isEqualTo("lung");
    JsonNode runs = json("runs", "list", "--experiment", "lung", "--order-by", "auc");
    assertThat(runs.get("runs")).hasSize(2);
    String runId = runs.get("runs").get(0).get("run_id").asText();
    JsonNode run = json("runs", "show", runId).get("run");
    assertThat(run.get("metrics").get("auc").get("value").asDouble()).isBetween(0.5, 1.0);
    assertThat(run.get("inputs").get(0).get("digest").asText()).startsWith("sha256:");
    assertThat(json("runs", "list", "--filter", "auc>=2").get("runs")).isEmpty();
    assertThat(json("experiments", "show", "lung").get("runs")).hasSize(2);
    JsonNode models = json("models", "list");
    assertThat(models.get("models").get(0).get("latest_version").asInt()).isEqualTo(2);
    JsonNode v = json("models", "show", "nodules/1").get("version");
    assertThat(v.get("artifact_digest").asText()).startsWith("sha256:");
    assertThat(v.get("flavour").asText()).isEqualTo("tribuo");
    assertThat(v.get("signature").get("outputs").get(0).get("name").asText()).isEqualTo("label");
  }

  @Test
  void runsListPagesWithTheNextPageTokenAndRefusesABadOne() throws Exception {
    JsonNode first = json("runs", "list", "--experiment", "lung", "--order-by", "auc", "--max", "1");
    assertThat(first.get("runs")).hasSize(1);
    String token = first.get("next_page_token").asText();
    JsonNode second = json("runs", "list", "--experiment", "lung", "--order-by", "auc", "--max", "1", "--page-token", token);
    assertThat(second.get("runs")).hasSize(1);
    assertThat(second.get("runs").get(0).get("run_id").asText()).isNotEqualTo(first.get("runs").get(0).get("run_id").asText());
    assertThat(second.get("next_page_token").isNull()).isTrue();
    CliRunner.Result text = CliRunner.run("runs", "list", "--experiment", "lung", "--order-by", "auc", "--max", "1", "--home", home);
    assertThat(text.out()).contains("--page-token " + token);
    CliRunner.Result bad = CliRunner.run("runs", "list", "--experiment", "lung", "--page-token", token, "--home", home);
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("different search");
  }

  @Test
  void aliasRollbackHistoryAndCompare() throws Exception {
    JsonNode a1 = json("models", "alias", "nodules", "champion", "1", "--reason", "first");
    assertThat(a1.get("moved").asBoolean()).isTrue();
    assertThat(a1.get("gates")).hasSize(4);
    json("models", "alias", "nodules", "champion", "2", "--reason", "balanced weights");
    assertThat(json("models", "show", "nodules@backup").get("version").get("version").asInt()).isEqualTo(1);
    JsonNode rb = json("models", "rollback", "nodules", "--reason", "recall dropped");
    assertThat(rb.get("champion_version").asInt()).isEqualTo(1);
    assertThat(json("models", "show", "nodules@champion").get("version").get("version").asInt()).isEqualTo(1);
    JsonNode h = json("models", "history", "nodules");
    assertThat(h.get("events").findValuesAsText("kind")).contains("set", "auto_backup", "rollback");
    assertThat(json("models", "history", "nodules", "--at", "2000-01-01").get("aliases").size()).isZero();
    JsonNode c = json("models", "compare", "nodules", "1", "2");
    assertThat(c.get("data_digests").get("same").asBoolean()).isTrue();
    assertThat(c.get("params").findValuesAsText("key")).contains("class_weights");
    assertThat(c.get("pipeline_diff").size()).isPositive();
    assertThat(json("store", "fsck").get("healthy").asBoolean()).isTrue();
  }

  @Test
  void registerChecksTheArtifactAndRefusesJunk() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.bin"), "not a model");
    CliRunner.Result r = CliRunner.run("models", "register", "other", junk.toString(), "--home", home);
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("junk.bin").contains("Tribuo");
    CliRunner.Result missing = CliRunner.run("models", "show", "nope@champion", "--home", home);
    assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err()).contains("no registered model named 'nope'");
    CliRunner.Result badAlias = CliRunner.run("models", "alias", "nodules", "champion", "99", "--home", home);
    assertThat(badAlias.err()).contains("has no version 99");
  }

  @Test
  void aFailedGateRefusesTheMoveWithExitOne() throws Exception {
    CliRunner.Result r = CliRunner.run("models", "alias", "nodules", "challenger", "2", "--max-latency-ms", "0.000001",
        "--home", home, "--format", "json");
    assertThat(r.code()).isEqualTo(ExitCodes.PROBLEM_FOUND);
    JsonNode n = JSON.readTree(r.out());
    assertThat(n.get("moved").asBoolean()).isFalse();
    assertThat(n.get("reason").asText()).contains("budget").contains("p99");
  }
}
