package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Synthetic;
import dev.vigil.data.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The README's library example is the code between the markers below, verbatim, and it runs. The
 * nested {@code Path} resolves the example's relative file names in a temporary folder.
 */
class ReadmeExampleTest {
  private static java.nio.file.Path dir;

  /** Stands in for java.nio.file.Path inside the example. */
  static final class Path {
    static java.nio.file.Path of(String name) {
      return dir.resolve(name);
    }
  }

  @Test
  void readmeExampleRuns() throws Exception {
    dir = Files.createTempDirectory("vigil-readme");
    Tables.write(Synthetic.hospitalScans(5000, 1), dir.resolve("scans.csv"));
    Tables.write(Synthetic.hospitalScans(300, 2), dir.resolve("big.parquet"));
    // README:start
    Table scans = Tables.read(Path.of("scans.csv"));
    DoubleColumn age = scans.doubleColumn("age");
    int missing = age.missingCount();
    Table train = scans.slice(0, 4000);                         // shares storage
    try (TableReader r = Tables.open(Path.of("big.parquet"), ReadOptions.builder().chunkRows(100_000).build())) {
      while (r.hasNext()) {
        Table chunk = r.next();
      }
    }
    Tables.write(train, Path.of("train.parquet"));
    // README:end
    assertThat(missing).isPositive();
    assertThat(Tables.read(dir.resolve("train.parquet")).rowCount()).isEqualTo(4000);
  }

  @Test
  void readmeShowsExactlyThisExample() throws Exception {
    String source = Files.readString(java.nio.file.Path.of("src/test/java/dev/vigil/io/ReadmeExampleTest.java"),
        StandardCharsets.UTF_8);
    String snippet = source.substring(source.indexOf("// README:start\n") + "// README:start\n".length(),
        source.indexOf("    // README:end"));
    String dedented = snippet.lines().map(l -> l.length() >= 4 ? l.substring(4) : l)
        .reduce("", (a, b) -> a + b + "\n");
    String readme = Files.readString(java.nio.file.Path.of("../README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains("```java\n" + dedented + "```");
  }
}
