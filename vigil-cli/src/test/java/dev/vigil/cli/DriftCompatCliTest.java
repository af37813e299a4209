package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.stats.internal.NumpyRandomState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peers' fixtures through the CLI: {@code --compat evidently}, {@code --compat nannyml --chunk-number}. */
class DriftCompatCliTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private Path column(String name, String header, Object... values) throws Exception {
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (Object v : values) {
      sb.append(v).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
    return p;
  }

  private static Object[] repeat(String[] labels, int[] counts) {
    java.util.List<Object> out = new java.util.ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      for (int j = 0; j < counts[i]; j++) {
        out.add(labels[i]);
      }
    }
    return out.toArray();
  }

  @Test
  void evidentlysTvdIsItsPermutationPValue() throws Exception {
    String[] l = {"a", "b", "c", "d", "e", "f"};
    Path ref = column("ref.csv", "site", repeat(l, new int[] {16, 18, 16, 14, 12, 12}));
    Path cur = column("cur.csv", "site", repeat(l, new int[] {10, 10, 24, 24, 10, 10}));
    CliRunner.Result r = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
        "--compat", "evidently", "--method", "tvd", "--format", "json");
    // Evidently's tests/stattests/test_stattests.py, test_tvd_stattest: p = 0.085, drift at 0.1
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.PROBLEM_FOUND);
    JsonNode f = json.readTree(r.out()).get("features").get(0);
    assertThat(f.get("p_value").asDouble()).isCloseTo(0.085, within(1e-12));
    assertThat(f.get("drift").asBoolean()).isTrue();
  }

  @Test
  void nannymlChunkThresholdsThroughTheCli() throws Exception {
    JsonNode fx = json.readTree(Path.of("../vigil-core/src/test/resources/drift/nannyml_chunk_fixtures.json").toFile());
    JsonNode js10 = null;
    for (JsonNode t : fx.get("thresholds")) {
      if (t.get("method").asText().equals("js") && t.get("chunking").path("chunk_number").asInt() == 10) {
        js10 = t;
      }
    }
    NumpyRandomState rs = new NumpyRandomState(1);
    double[] r = rs.normal(0, 1, 10_000);
    double[] c = rs.normal(0, 1, 1000);
    Object[] rv = new Object[r.length];
    Object[] cv = new Object[c.length];
    for (int i = 0; i < r.length; i++) {
      rv[i] = Double.toString(r[i]);
    }
    for (int i = 0; i < c.length; i++) {
      cv[i] = Double.toString(c[i] + fx.get("reference").get("shift").asDouble());
    }
    Path ref = column("ref.csv", "x", rv);
    Path cur = column("cur.csv", "x", cv);
    CliRunner.Result in = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
        "--compat", "nannyml", "--chunk-number", "10", "--format", "json");
    assertThat(in.code()).as(in.err()).isEqualTo(ExitCodes.PROBLEM_FOUND);
    JsonNode f = json.readTree(in.out()).get("features").get(0);
    assertThat(f.get("method").asText()).isEqualTo("js");
    assertThat(f.get("threshold").asDouble()).isCloseTo(js10.get("in_sample_upper").asDouble(), within(1e-9));
    assertThat(f.get("statistic").asDouble()).isCloseTo(js10.get("current_shifted").asDouble(), within(1e-9));
    CliRunner.Result out = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
        "--compat", "nannyml", "--chunk-number", "10", "--chunk-scoring", "leave-chunk-out", "--format", "json");
    assertThat(json.readTree(out.out()).get("features").get(0).get("threshold").asDouble())
        .isCloseTo(js10.get("leave_out_upper").asDouble(), within(1e-9));
    CliRunner.Result bad = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
        "--compat", "nannyml", "--chunk-size", "5", "--chunk-number", "10");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("choose one of --chunk-size and --chunk-number");
  }
}
