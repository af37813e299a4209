package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.io.log.PredictionLogOptions;
import dev.vigil.io.log.PredictionLogger;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Request;
import dev.vigil.serving.Response;
import dev.vigil.serving.Route;
import dev.vigil.serving.Router;
import dev.vigil.serving.Served;
import dev.vigil.serving.Signature;
import java.time.Duration;
import java.util.List;
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
  void servingExampleRuns() throws Exception {
    dir = Files.createTempDirectory("vigil-readme-serving");
    java.nio.file.Path logDir = dir.resolve("log");
    Signature sig = new Signature(List.of(Field.of("x", ColumnType.DOUBLE)), Signature.OutputKind.PROBABILITIES,
        List.of("benign", "malignant"));
    Predictor champion = new Fixed(sig, new IllegalStateException("corrupted weights"));
    Predictor backup = new Fixed(sig, null);
    Predictor challenger = new Fixed(sig, null);
    String requestId = "req-1";
    Table features = Table.of(DoubleColumn.of("x", 1.0));
    // README:start
    Router router = Router.builder(new Served(new ModelRef("scans", "7"), champion))
        .fallback(new Served(new ModelRef("scans", "6"), backup))      // last known good
        .defaultAnswer(0.9, 0.1)                                          // when every model fails
        .deadline(Duration.ofMillis(50)).circuitBreaker(5, Duration.ofSeconds(30))
        .shadow(new Served(new ModelRef("scans", "8"), challenger))      // compared, never returned
        .listener(new PredictionLogger(PredictionLogOptions.defaults(logDir), "scans"))
        .build();
    Response r = router.predict(Request.of(requestId, features));       // r.route(): primary|fallback|default|canary
    // README:end
    assertThat(r.route()).isEqualTo(Route.FALLBACK);
    assertThat(r.answeredBy().version()).isEqualTo("6");
    router.close();
  }

  /** Answers 0.25 for every row, or throws {@code failure}. */
  record Fixed(Signature signature, RuntimeException failure) implements Predictor {
    @Override
    public Predictions predict(Table t) {
      if (failure != null) {
        throw failure;
      }
      double[] p = new double[t.rowCount()];
      java.util.Arrays.fill(p, 0.25);
      return Predictions.binary(p);
    }
  }

  @Test
  void readmeShowsExactlyTheseExamples() throws Exception {
    String source = Files.readString(java.nio.file.Path.of("src/test/java/dev/vigil/io/ReadmeExampleTest.java"),
        StandardCharsets.UTF_8);
    String readme = Files.readString(java.nio.file.Path.of("../README.md"), StandardCharsets.UTF_8);
    String start = "// README:start\n";
    int from = 0;
    int found = 0;
    while ((from = source.indexOf(start, from)) >= 0) {
      int end = source.indexOf("    // README:end", from);
      String snippet = source.substring(from + start.length(), end);
      String dedented = snippet.lines().map(l -> l.length() >= 4 ? l.substring(4) : l)
          .reduce("", (a, b) -> a + b + "\n");
      assertThat(readme).contains("```java\n" + dedented + "```");
      from = end;
      found++;
    }
    assertThat(found).isEqualTo(2);
  }
}
