package dev.vigil.io.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.profile.Profiler;
import dev.vigil.profile.TableProfile;
import dev.vigil.validate.Check;
import dev.vigil.validate.CheckResult;
import dev.vigil.validate.DataSchema;
import dev.vigil.validate.ValidationResult;
import dev.vigil.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's data-quality example is the code between the markers, verbatim, and it runs. */
class QualityReadmeExampleTest {
  private static java.nio.file.Path dir;

  /** Stands in for java.nio.file.Path inside the example. */
  static final class Path {
    static java.nio.file.Path of(String name) {
      return dir.resolve(name);
    }
  }

  @Test
  void readmeQualityExampleRuns() throws Exception {
    dir = Files.createTempDirectory("vigil-readme-quality");
    Tables.write(Table.of(LongColumn.of("id", 1, 2, 3, 4), DoubleColumn.of("amount", 10, 20, 30, 40),
        LongColumn.of("ordered_at", 1, 2, 3, 4), LongColumn.of("shipped_at", 2, 3, 4, 5)), dir.resolve("orders.csv"));
    Tables.write(Table.of(LongColumn.of("id", 5, 5, 6), DoubleColumn.of("amount", 50, -1, 60_000),
        LongColumn.of("ordered_at", 5, 6, 7), LongColumn.of("shipped_at", 6, 5, 8)), dir.resolve("today.csv"));
    // README:start
    TableProfile profile = Profiler.create().threads(2).profile(Tables.read(Path.of("orders.csv")));
    DataSchema schema = DataSchema.infer(profile);              // edit and keep it: QualityFiles.writeSchema
    List<Check> checks = List.of(
        Check.isPrimaryKey("id"),
        Check.isInRange("amount", 0.0, 10_000.0).asWarning(),
        Check.satisfies("shipped_at >= ordered_at"));            // SQL, evaluated by DuckDB
    ValidationResult result;
    try (DuckDbSqlEngine sql = new DuckDbSqlEngine()) {
      result = Validator.of(schema.checks(null)).plus(checks).withSqlEngine(sql).validate(Tables.read(Path.of("today.csv")));
    }
    List<String> problems = result.results().stream().filter(CheckResult::failed)
        .map(r -> r.check().name() + ": " + r.message() + ", e.g. " + r.examples()).toList();
    // README:end
    assertThat(result.status()).isEqualTo(dev.vigil.report.Report.Status.ERROR);
    assertThat(problems).anyMatch(p -> p.contains("primary key")).anyMatch(p -> p.contains("sql"));
  }

  @Test
  void readmeShowsExactlyThisExample() throws Exception {
    String source = Files.readString(java.nio.file.Path.of("src/test/java/dev/vigil/io/quality/QualityReadmeExampleTest.java"),
        StandardCharsets.UTF_8);
    String readme = Files.readString(java.nio.file.Path.of("../README.md"), StandardCharsets.UTF_8);
    String start = "// README:start\n";
    int from = source.indexOf(start);
    int end = source.indexOf("    // README:end", from);
    String dedented = source.substring(from + start.length(), end).lines().map(l -> l.length() >= 4 ? l.substring(4) : l)
        .reduce("", (a, b) -> a + b + "\n");
    assertThat(readme).contains("```java\n" + dedented + "```");
  }
}
