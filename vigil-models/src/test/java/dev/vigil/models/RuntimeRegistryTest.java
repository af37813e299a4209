package dev.vigil.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.DataFormatException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.pipeline.FeaturePipeline;
import dev.vigil.pipeline.PipelineSpec;
import dev.vigil.registry.DeploymentGate;
import dev.vigil.registry.GateRefusedException;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.Registration;
import dev.vigil.registry.Registry;
import dev.vigil.registry.Signature;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Served;
import dev.vigil.store.Store;
import dev.vigil.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX and XGBoost versions through registration, the deployment gates and serving. */
class RuntimeRegistryTest {
  /** The budget gate runs, with a latency budget no shared CI machine misses (timings belong in vigil-bench). */
  static final Gates.Budget LENIENT = new Gates.Budget(10_000, 512, 20);

  @TempDir Path dir;
  Store store;

  @BeforeEach
  void open() {
    store = Store.open(StoreOptions.embedded(dir.resolve("home")));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Golden examples from xgboost's own probabilities (not from Vigil's output). */
  static byte[] golden(String prefix, double shift) {
    Table in = RuntimeFixtures.inputs("xgb_expected.csv", prefix).head(12);
    double[] p = RuntimeFixtures.expected("xgb_expected.csv");
    double[] p0 = new double[12];
    double[] p1 = new double[12];
    for (int i = 0; i < 12; i++) {
      p1[i] = p[i] + (i == 5 ? shift : 0);
      p0[i] = 1 - p1[i];
    }
    return new GoldenExamples(in, Table.of(DoubleColumn.wrap("p_0", p0), DoubleColumn.wrap("p_1", p1)), 1e-5).toJson();
  }

  ModelVersion register(String name, String file, byte[] golden) {
    Path artifact = RuntimeFixtures.file(file);
    String flavour = ModelRuntimes.detectFlavour(artifact);
    try (Predictor p = ModelRuntimes.load(artifact, flavour)) {
      Registration.Builder b = Registration.builder(name, artifact).flavour(flavour)
          .signature(new Signature(p.signature().inputs(), ModelRuntimes.outputFields(p.signature())))
          .check(ModelRuntimes.loadCheck());
      if (golden != null) {
        b.goldenJson(golden);
      }
      return store.registry().register(b.build());
    }
  }

  @Test
  void onnxTreeEnsemblePassesEveryGateAndServes() {
    ModelVersion v = register("trees", "xgb_trees.onnx", golden("input_", 0));
    assertThat(v.flavour()).isEqualTo("onnx");
    assertThat(v.signature().inputs()).hasSize(20);
    assertThat(v.signature().outputs().stream().map(Field::name)).containsExactly("label", "p_0", "p_1");
    Registry.AliasMoveResult r = store.registry().setAlias("trees", "champion", v.version(), "ana", "first",
        Gates.standard(LENIENT));
    assertThat(r.gates()).allMatch(DeploymentGate.GateResult::passed);
    assertThat(r.gates().get(2).detail()).startsWith("12 rows");
    Served s = ServedVersions.load(store.registry(), "trees", v.version());
    try (Predictor p = s.predictor()) {
      Table x = RuntimeFixtures.inputs("xgb_expected.csv", "input_");
      assertThat(p.signature().validate(x)).isEmpty();
      Predictions out = p.predict(x);
      assertThat(out.value(7, 1)).isCloseTo(RuntimeFixtures.expected("xgb_expected.csv")[7], within(1e-5));
    }
  }

  @Test
  void xgboostFilePassesEveryGate() {
    ModelVersion v = register("booster", "xgb_binary.ubj", golden("f", 0));
    assertThat(v.flavour()).isEqualTo("xgboost");
    Registry.AliasMoveResult r = store.registry().setAlias("booster", "champion", v.version(), "ana", "",
        Gates.standard(LENIENT));
    assertThat(r.gates()).allMatch(DeploymentGate.GateResult::passed);
    assertThat(r.gates().get(0).detail()).contains("xgboost model with 20 features and 2 classes");
  }

  @Test
  void aGoldenExampleThatDoesNotReproduceRefusesTheMove() {
    ModelVersion v = register("trees", "xgb_trees.onnx", golden("input_", 1e-3));
    assertThatThrownBy(() -> store.registry().setAlias("trees", "champion", v.version(), "ana", "",
        Gates.standard(LENIENT))).isInstanceOf(GateRefusedException.class)
        .hasMessageContaining("golden_examples").hasMessageContaining("row 5");
  }

  @Test
  void signatureGateRefusesAPipelineThatDoesNotFeedTheModel() {
    Table other = Table.of(DoubleColumn.of("a", 1, 2, 3), DoubleColumn.of("b", 4, 5, 6));
    FeaturePipeline fp = FeaturePipeline.fit(PipelineSpec.auto(other.schema(), List.of()), other);
    byte[] pipe;
    try {
      pipe = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(fp.toMap());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    Path artifact = RuntimeFixtures.file("xgb_binary.json");
    ModelVersion v = store.registry().register(Registration.builder("booster", artifact).flavour("xgboost")
        .signature(new Signature(List.of(Field.of("a", dev.vigil.data.ColumnType.DOUBLE), Field.of("b", dev.vigil.data.ColumnType.DOUBLE)), List.of()))
        .pipelineJson(pipe).check(ModelRuntimes.loadCheck()).build());
    assertThatThrownBy(() -> store.registry().setAlias("booster", "champion", v.version(), "ana", "",
        List.of(Gates.loads(), Gates.signature()))).isInstanceOf(GateRefusedException.class)
        .hasMessageContaining("needs features the pipeline does not produce").hasMessageContaining("f0");
  }

  @Test
  void registrationRefusesAFileThatDoesNotLoad() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
    assertThatThrownBy(() -> store.registry().register(Registration.builder("m", junk).flavour("onnx")
        .check(ModelRuntimes.loadCheck()).build())).isInstanceOf(DataFormatException.class).hasMessageContaining("junk.onnx");
    Path bad = Files.copy(RuntimeFixtures.file("xgb_trees.onnx"), dir.resolve("trees.json"));
    assertThatThrownBy(() -> store.registry().register(Registration.builder("m", bad).flavour("xgboost")
        .check(ModelRuntimes.loadCheck()).build())).isInstanceOf(DataFormatException.class).hasMessageContaining("XGBoost");
    assertThat(store.registry().models()).isEmpty();
  }
}
