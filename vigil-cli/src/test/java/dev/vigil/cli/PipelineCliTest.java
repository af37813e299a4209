package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Synthetic;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.pipeline.FeaturePipeline;
import dev.vigil.pipeline.PipelineSpec;
import dev.vigil.pipeline.StepSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCliTest {
  @TempDir Path dir;

  @Test
  void diffsTwoPipelineFiles() throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(StepSpec.of("scale", "x", "method", "standard"), StepSpec.of("onehot", "site")));
    FeaturePipeline a = FeaturePipeline.fit(spec, Table.of(DoubleColumn.of("x", 1, 2, 3), CategoricalColumn.of("site", "a", "b", "a")));
    FeaturePipeline b = FeaturePipeline.fit(spec, Table.of(DoubleColumn.of("x", 1, 2, 6), CategoricalColumn.of("site", "a", "d", "a")));
    ObjectMapper m = new ObjectMapper();
    Path fa = dir.resolve("a.json");
    Path fb = dir.resolve("b.json");
    m.writeValue(fa.toFile(), a.toMap());
    m.writeValue(fb.toFile(), b.toMap());
    CliRunner.Result r = CliRunner.run("pipeline", "diff", fa.toString(), fb.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode d = m.readTree(r.out()).get("pipeline_diff");
    assertThat(d.get("identical").asBoolean()).isFalse();
    assertThat(d.get("outputs_added").get(0).asText()).isEqualTo("site=d");
    JsonNode centre = null;
    for (JsonNode c : d.get("changes")) {
      if (c.get("step").asText().equals("scale(x)") && c.get("key").asText().equals("center")) {
        centre = c;
      }
    }
    assertThat(centre).isNotNull();
    assertThat(centre.get("delta").asDouble()).isEqualTo(1.0); // means 2 and 3
    CliRunner.Result text = CliRunner.run("pipeline", "diff", fa.toString(), fb.toString());
    assertThat(text.out()).contains("onehot(site)").contains("categories").contains("+[d] -[b]");
  }

  @Test
  void diffsTwoRegisteredVersions() throws Exception {
    String home = dir.resolve("home").toString();
    for (int seed = 1; seed <= 2; seed++) {
      Path data = dir.resolve("s" + seed + ".parquet");
      Tables.write(Synthetic.hospitalScans(300, seed), data);
      CliRunner.Result t = CliRunner.run("train", data.toString(), "--label", "malignant", "--model", "logistic",
          "--drop", "scan_id,patient_id,scan_time", "--register", "nodules", "--home", home);
      assertThat(t.code()).as(t.err()).isZero();
    }
    CliRunner.Result r = CliRunner.run("pipeline", "diff", "nodules", "1", "2", "--home", home, "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode d = new ObjectMapper().readTree(r.out()).get("pipeline_diff");
    assertThat(d.get("identical").asBoolean()).as("refitted on other data").isFalse();
    assertThat(d.get("changes").findValuesAsText("key")).contains("center", "scale");
    CliRunner.Result same = CliRunner.run("pipeline", "diff", "nodules/1", "nodules/1", "--home", home);
    assertThat(same.out()).contains("identical");
    CliRunner.Result missing = CliRunner.run("pipeline", "diff", "nodules", "1", "9", "--home", home);
    assertThat(missing.code()).isNotZero();
  }
}
