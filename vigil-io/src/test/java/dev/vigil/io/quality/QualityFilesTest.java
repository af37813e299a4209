package dev.vigil.io.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.profile.Profiler;
import dev.vigil.profile.TableProfile;
import dev.vigil.validate.Check;
import dev.vigil.validate.CheckResult.Outcome;
import dev.vigil.validate.DataSchema;
import dev.vigil.validate.Suggestions;
import dev.vigil.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityFilesTest {
  @TempDir Path dir;
  static final Table T = Table.of(LongColumn.of("start", 1, 2, 3), LongColumn.of("end", 2, 3, 1), DoubleColumn.of("x", 0.5, 1.5, 2.5));

  @Test
  void sqlPredicatesPassAndFailWithTheirRows() {
    try (DuckDbSqlEngine sql = new DuckDbSqlEngine()) {
      Validator v = Validator.of(Check.satisfies("\"start\" < \"end\""), Check.satisfies("x > 0"), Check.satisfies("nope > 1")).withSqlEngine(sql);
      var r = v.validate(T).results();
      assertThat(r.get(0).outcome()).isEqualTo(Outcome.FAILED);
      assertThat(r.get(0).examples()).extracting(e -> e.get("row")).containsExactly(2);
      assertThat(r.get(1).outcome()).isEqualTo(Outcome.PASSED);
      assertThat(r.get(2).outcome()).isEqualTo(Outcome.ERROR);
      assertThat(r.get(2).message()).contains("nope");
    }
  }

  @Test
  void checksSchemasAndProfilesRoundTripThroughTheirFiles() {
    List<Check> checks = List.of(Check.isComplete("x"), Check.isInRange("x", 0.0, 3.0).asWarning(), Check.isLessThan("start", "end"));
    Path c = dir.resolve("checks.yaml");
    QualityFiles.writeTree(QualityFiles.checksTree(checks), c);
    assertThat(QualityFiles.readChecks(c)).isEqualTo(checks);
    Path s = dir.resolve("sugg.json");
    QualityFiles.writeTree(QualityFiles.suggestionsTree(Suggestions.suggest(Profiler.profileOf(T))), s);
    assertThat(QualityFiles.readChecks(s)).isNotEmpty();
    DataSchema schema = DataSchema.infer(Profiler.profileOf(T));
    Path y = dir.resolve("schema.yaml");
    QualityFiles.writeSchema(schema, y);
    assertThat(QualityFiles.readSchema(y)).isEqualTo(schema);
    TableProfile p = Profiler.profileOf(T);
    for (String name : List.of("p.vgp", "p.profile.json")) {
      QualityFiles.writeProfile(p, dir.resolve(name));
      assertThat(QualityFiles.readProfile(dir.resolve(name)).column("x").mean()).isEqualTo(1.5);
    }
  }

  @Test
  void badFilesNameTheFileAndTheEntry() throws Exception {
    Path c = dir.resolve("bad.yaml");
    Files.writeString(c, "checks:\n  - kind: range\n    column: x\n");
    assertThatThrownBy(() -> QualityFiles.readChecks(c)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("bad.yaml: checks[0]").hasMessageContaining("min or max");
    Files.writeString(c, "checks: [\n");
    assertThatThrownBy(() -> QualityFiles.readChecks(c)).isInstanceOf(DataFormatException.class).hasMessageContaining("bad.yaml");
    Path s = dir.resolve("schema.yaml");
    Files.writeString(s, "features:\n  - name: x\n    type: decimalish\n");
    assertThatThrownBy(() -> QualityFiles.readSchema(s)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("features[0] (x)").hasMessageContaining("decimalish");
  }

  @Test
  void historyFileAppendsAndReadsPins() {
    Path h = dir.resolve("m.jsonl");
    var p = new dev.vigil.validate.MetricPoint("d", "rows", java.time.Instant.parse("2026-01-01T00:00:00Z"), 10, java.util.Map.of(), true);
    MetricHistoryFile.append(h, List.of(p), false);
    MetricHistoryFile.append(h, List.of(p), true);
    var read = MetricHistoryFile.read(h);
    assertThat(read.points()).containsExactly(p);
    assertThat(read.pinned("d", "rows", java.util.Map.of())).contains(p);
  }
}
