package dev.vigil.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.DataFormatException;
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

class OnnxPredictorTest {
  static final double[] P_XGB = RuntimeFixtures.expected("xgb_expected.csv");

  @ParameterizedTest
  @ValueSource(strings = {"xgb_trees.onnx", "xgb_trees_tensor.onnx"})
  void treeEnsembleConvertedFromXgboostReproducesXgboostsProbabilities(String file) {
    // No vigil.features metadata: the [N, 20] input "input" takes input_0 .. input_19.
    Table x = RuntimeFixtures.inputs("xgb_expected.csv", "input_");
    try (OnnxPredictor p = OnnxPredictor.load(RuntimeFixtures.file(file))) {
      Signature s = p.signature();
      assertThat(s.kind()).isEqualTo(Signature.OutputKind.PROBABILITIES);
      assertThat(s.outputNames()).containsExactly("0", "1");
      assertThat(p.featureNames()).hasSize(20).startsWith("input_0").endsWith("input_19");
      assertThat(s.inputs()).allMatch(dev.vigil.data.Field::nullable);
      Predictions out = p.predict(x);
      for (int i = 0; i < P_XGB.length; i++) {
        assertThat(out.value(i, 1)).as("row %d", i).isCloseTo(P_XGB[i], within(1e-5));
        assertThat(out.value(i, 0)).as("row %d", i).isCloseTo(1 - P_XGB[i], within(1e-5));
      }
      assertThat(s.invalidOutput(out, P_XGB.length)).isNull();
    }
  }

  @Test
  void logisticRegressionBuiltNodeByNodeMatchesNumpy() {
    Table x = RuntimeFixtures.inputs("logistic_expected.csv", "f");
    double[] p1 = RuntimeFixtures.expected("logistic_expected.csv");
    try (OnnxPredictor p = OnnxPredictor.load(RuntimeFixtures.file("logistic.onnx"))) {
      assertThat(p.featureNames()).hasSize(20).startsWith("f0").endsWith("f19");
      assertThat(p.signature().kind()).isEqualTo(Signature.OutputKind.REGRESSION);
      assertThat(p.signature().outputNames()).containsExactly("p1");
      // not a tree ensemble: a missing value would give NaN, so the signature refuses it
      assertThat(p.signature().inputs()).noneMatch(dev.vigil.data.Field::nullable);
      Predictions out = p.predict(x);
      for (int i = 0; i < p1.length; i++) {
        assertThat(out.value(i, 0)).as("row %d", i).isCloseTo(p1[i], within(1e-5));
      }
      assertThat(p.predict(x.slice(3, 4)).value(0, 0)).isCloseTo(p1[3], within(1e-5));
    }
  }

  @Test
  void regressorGivesItsSingleFloatOutput() {
    Table x = RuntimeFixtures.inputs("linreg_expected.csv", "f");
    double[] y = RuntimeFixtures.expected("linreg_expected.csv");
    try (OnnxPredictor p = OnnxPredictor.load(RuntimeFixtures.file("linreg.onnx"))) {
      assertThat(p.signature().outputNames()).containsExactly("y");
      Table scored = ModelRuntimes.score(p, x);
      assertThat(scored.columnNames()).containsExactly("y");
      for (int i = 0; i < y.length; i++) {
        // float32 arithmetic inside ONNX Runtime: 1e-5 relative to the value's size
        assertThat(scored.doubleColumn("y").get(i)).as("row %d", i).isCloseTo(y[i], within(1e-5 * Math.max(1, Math.abs(y[i]))));
      }
    }
  }

  @Test
  void perColumnIntegerAndStringInputsAsSkl2onnxExportsThem() throws Exception {
    List<String> lines = Files.readAllLines(RuntimeFixtures.file("mixed_expected.csv"));
    int n = lines.size() - 1;
    long[] age = new long[n];
    String[] site = new String[n];
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      String[] c = lines.get(i + 1).split(",");
      age[i] = Long.parseLong(c[0]);
      site[i] = c[1];
      score[i] = Double.parseDouble(c[2]);
    }
    try (OnnxPredictor p = OnnxPredictor.load(RuntimeFixtures.file("mixed.onnx"))) {
      assertThat(p.signature().inputs()).containsExactly(new dev.vigil.data.Field("age", dev.vigil.data.ColumnType.LONG, false),
          new dev.vigil.data.Field("site", dev.vigil.data.ColumnType.CATEGORICAL, false));
      Table x = Table.of(dev.vigil.data.LongColumn.of("age", age), dev.vigil.data.CategoricalColumn.of("site", site));
      Predictions out = p.predict(x);
      for (int i = 0; i < n; i++) {
        assertThat(out.value(i, 0)).as("row %d", i).isCloseTo(score[i], within(1e-5));
      }
      Table strings = Table.of(dev.vigil.data.LongColumn.of("age", age), dev.vigil.data.StringColumn.of("site", site));
      assertThat(p.predict(strings).value(2, 0)).isCloseTo(score[2], within(1e-5));
      Table doubles = Table.of(dev.vigil.data.DoubleColumn.of("age", 34.0), dev.vigil.data.StringColumn.of("site", "north"));
      assertThatThrownBy(() -> p.predict(doubles)).isInstanceOf(dev.vigil.SchemaMismatchException.class)
          .hasMessageContaining("'age'").hasMessageContaining("long");
    }
  }

  @Test
  void concurrentCallersGetTheSameAnswers() throws Exception {
    Table x = RuntimeFixtures.inputs("xgb_expected.csv", "input_");
    try (OnnxPredictor p = OnnxPredictor.load(RuntimeFixtures.file("xgb_trees.onnx"))) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<double[]>> fs = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
          int row = t % P_XGB.length;
          fs.add(pool.submit(() -> p.predict(x.slice(row, row + 1)).row(0)));
        }
        for (int t = 0; t < fs.size(); t++) {
          assertThat(fs.get(t).get()[1]).isCloseTo(P_XGB[t % P_XGB.length], within(1e-5));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aClosedSessionRefusesCalls() {
    Table x = RuntimeFixtures.inputs("logistic_expected.csv", "f");
    OnnxPredictor p = OnnxPredictor.load(RuntimeFixtures.file("logistic.onnx"));
    p.close();
    assertThatThrownBy(() -> p.predict(x)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void refusesAFileThatIsNotAnOnnxModel(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
    assertThatThrownBy(() -> ModelRuntimes.load(junk, "onnx")).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("junk.onnx").hasMessageContaining("ONNX");
  }

  @Test
  void flavourIsDetected(@TempDir Path dir) throws Exception {
    assertThat(ModelRuntimes.detectFlavour(RuntimeFixtures.file("xgb_trees.onnx"))).isEqualTo("onnx");
    Path renamed = Files.copy(RuntimeFixtures.file("logistic.onnx"), dir.resolve("model.data"));
    assertThat(ModelRuntimes.detectFlavour(renamed)).isEqualTo("onnx");
    Path empty = Files.write(dir.resolve("empty.data"), new byte[0]);
    assertThatThrownBy(() -> ModelRuntimes.detectFlavour(empty)).isInstanceOf(DataFormatException.class).hasMessageContaining("empty");
  }
}
