package dev.vigil.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.DataFormatException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.Table;
import dev.vigil.models.ModelRuntimes;
import dev.vigil.models.RuntimeFixtures;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Signature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XgboostPredictorTest {
  static final Table X = RuntimeFixtures.inputs("xgb_expected.csv", "f");
  static final double[] P = RuntimeFixtures.expected("xgb_expected.csv");

  @ParameterizedTest
  @ValueSource(strings = {"xgb_binary.json", "xgb_binary.ubj", "xgb_binary.bin"})
  void reproducesXgboostsOwnProbabilitiesFromEachFileFormat(String file) {
    try (XgboostPredictor p = XgboostPredictor.load(RuntimeFixtures.file(file))) {
      assertThat(p.objective()).isEqualTo("binary:logistic");
      Signature s = p.signature();
      assertThat(s.kind()).isEqualTo(Signature.OutputKind.PROBABILITIES);
      assertThat(s.outputNames()).containsExactly("0", "1");
      assertThat(s.inputs()).hasSize(20);
      assertThat(s.inputs().get(19).name()).isEqualTo("f19");
      Predictions out = p.predict(X);
      assertThat(out.rows()).isEqualTo(P.length);
      for (int i = 0; i < P.length; i++) {
        assertThat(out.value(i, 1)).as("row %d", i).isCloseTo(P[i], within(1e-5));
        assertThat(out.value(i, 0)).isCloseTo(1 - P[i], within(1e-5));
      }
      assertThat(s.invalidOutput(out, P.length)).isNull();
    }
  }

  @Test
  void fixtureHasMissingValuesSoTheMissingBranchIsExercised() {
    int missing = 0;
    for (var c : X.columns()) {
      missing += c.missingCount();
    }
    assertThat(missing).isGreaterThan(10);
  }

  @Test
  void singleRowsEqualTheBatch() {
    try (XgboostPredictor p = XgboostPredictor.load(RuntimeFixtures.file("xgb_binary.json"))) {
      for (int i = 0; i < 5; i++) {
        assertThat(p.predict(X.slice(i, i + 1)).value(0, 1)).isCloseTo(P[i], within(1e-5));
      }
      assertThat(p.predict(X.slice(0, 0)).rows()).isZero();
    }
  }

  @Test
  void concurrentCallersGetTheSameAnswers() throws Exception {
    try (XgboostPredictor p = XgboostPredictor.load(RuntimeFixtures.file("xgb_binary.ubj"))) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<double[]>> fs = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
          int row = t % P.length;
          fs.add(pool.submit(() -> p.predict(X.slice(row, row + 1)).row(0)));
        }
        for (int t = 0; t < fs.size(); t++) {
          assertThat(fs.get(t).get()[1]).isCloseTo(P[t % P.length], within(1e-5));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aClosedModelRefusesCallsInsteadOfCrashing() {
    XgboostPredictor p = XgboostPredictor.load(RuntimeFixtures.file("xgb_binary.json"));
    p.close();
    p.close();
    assertThatThrownBy(() -> p.predict(X.slice(0, 1))).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void aMissingFeatureColumnIsNamed() {
    try (XgboostPredictor p = XgboostPredictor.load(RuntimeFixtures.file("xgb_binary.json"))) {
      assertThatThrownBy(() -> p.predict(X.drop("f7"))).isInstanceOf(SchemaMismatchException.class).hasMessageContaining("'f7'");
    }
  }

  @Test
  void refusesAFileThatIsNotAModel(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.json"), "{\"not\": \"a model\"}");
    assertThatThrownBy(() -> XgboostPredictor.load(junk)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("junk.json").hasMessageContaining("XGBoost model");
    Path bin = Files.write(dir.resolve("junk.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertThatThrownBy(() -> ModelRuntimes.load(bin, "xgboost")).isInstanceOf(DataFormatException.class);
    assertThatThrownBy(() -> ModelRuntimes.detectFlavour(bin)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("Tribuo, ONNX or XGBoost").hasMessageContaining("--flavour");
  }

  @ParameterizedTest
  @ValueSource(strings = {"xgb_binary.json", "xgb_binary.ubj", "xgb_binary.bin"})
  void flavourIsDetectedFromTheContent(String file, @TempDir Path dir) throws Exception {
    assertThat(ModelRuntimes.detectFlavour(RuntimeFixtures.file(file))).isEqualTo("xgboost");
    Path renamed = Files.copy(RuntimeFixtures.file(file), dir.resolve("model.data"));
    assertThat(ModelRuntimes.detectFlavour(renamed)).isEqualTo("xgboost");
  }
}
