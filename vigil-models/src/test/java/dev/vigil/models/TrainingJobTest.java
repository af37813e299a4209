package dev.vigil.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.DataFormatException;
import dev.vigil.data.Synthetic;
import dev.vigil.data.Table;
import dev.vigil.pipeline.PipelineSpec;
import dev.vigil.pipeline.StepSpec;
import dev.vigil.registry.GateRefusedException;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.Registration;
import dev.vigil.registry.Registry;
import dev.vigil.store.Store;
import dev.vigil.store.StoreOptions;
import dev.vigil.tracking.RunDetails;
import dev.vigil.tracking.RunStatus;
import dev.vigil.tracking.TrackingLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingJobTest {
  @TempDir Path dir;
  Store store;
  static final Table DATA = Synthetic.hospitalScans(1500, 7).drop("scan_id", "patient_id", "scan_time");

  @BeforeEach
  void open() {
    store = Store.open(StoreOptions.embedded(dir.resolve("home")));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void trainsTracksAndRegistersALogisticRegression() {
    TrainingResult r = TrainingJob.run(DATA, TrainingSpec.of("malignant").withRegisterAs("nodules").withExperiment("lung")
        .withClassWeights("balanced").withDataName("scans.csv"), store, dir);
    assertThat(r.metrics()).containsKeys("accuracy", "auc", "log_loss", "macro_f1");
    assertThat(r.metrics().get("auc")).isGreaterThan(0.7);
    assertThat(r.trainRows() + r.testRows()).isEqualTo(1500);
    RunDetails d = store.tracking().details(r.runId());
    assertThat(d.run().status()).isEqualTo(RunStatus.FINISHED);
    assertThat(d.params()).containsEntry("model", "logistic").containsEntry("class_weights", "balanced");
    assertThat(d.tags()).containsKeys("vigil.version", "java.version", "os").containsEntry("registered.version", "1");
    assertThat(d.inputs().get(0).digest()).isEqualTo(r.dataDigest());
    assertThat(d.artifacts()).containsKeys("pipeline.json", "profile.json", "model.tribuo");
    ModelVersion v = r.version().orElseThrow();
    assertThat(v.runId()).contains(r.runId());
    assertThat(v.dataDigest()).contains(r.dataDigest());
    assertThat(v.signature().outputs().get(0).name()).isEqualTo("label");
    Registry.AliasMoveResult move = store.registry().setAlias("nodules", "champion", 1, "ana", "first model",
        Gates.standard(Gates.Budget.defaults()));
    assertThat(move.gates()).hasSize(4).allMatch(g -> g.passed());
  }

  @Test
  void fullTrackingKeepsASnapshotAndMinimalKeepsOnlyDigests() {
    TrainingResult full = TrainingJob.run(DATA, TrainingSpec.of("malignant").withLevel(TrackingLevel.FULL).withModel("tree"), store, dir);
    assertThat(store.tracking().details(full.runId()).artifacts()).containsKey("data.parquet");
    TrainingResult min = TrainingJob.run(DATA, TrainingSpec.of("malignant").withLevel(TrackingLevel.MINIMAL), store, dir);
    assertThat(store.tracking().details(min.runId()).artifacts()).doesNotContainKeys("data.parquet", "profile.json");
    assertThat(store.tracking().details(min.runId()).inputs()).hasSize(1);
  }

  @Test
  void declaredPipelineIsUsed() {
    PipelineSpec spec = new PipelineSpec(List.of(StepSpec.of("impute", "nodule_diameter_mm"), StepSpec.of("log", "nodule_diameter_mm"),
        StepSpec.of("impute", "site"), StepSpec.of("onehot", "site")));
    TrainingResult r = TrainingJob.run(DATA, TrainingSpec.of("malignant").withPipeline(spec), store, dir);
    assertThat(r.pipeline().inputNames()).containsExactly("nodule_diameter_mm", "site");
    assertThat(store.tracking().details(r.runId()).params()).containsEntry("pipeline", "declared");
  }

  @Test
  void goldenExamplesThatNoLongerReproduceRefuseTheMove() throws Exception {
    TrainingResult r = TrainingJob.run(DATA, TrainingSpec.of("malignant").withRegisterAs("nodules"), store, dir);
    ModelVersion v1 = r.version().orElseThrow();
    // Version 2: the same model and golden examples but a different pipeline (features rescaled).
    TrainingResult other = TrainingJob.run(DATA, TrainingSpec.of("malignant").withSplit(0.3, 99), store, dir);
    var files = store.registry().files(v1);
    Path model = dir.resolve("m.tribuo");
    Files.copy(files.artifact(), model);
    byte[] otherPipeline = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(other.pipeline().toMap());
    ModelVersion v2 = store.registry().register(Registration.builder("nodules", model).flavour("tribuo").signature(v1.signature())
        .pipelineJson(otherPipeline).goldenJson(Files.readAllBytes(files.goldenJson().orElseThrow()))
        .check(ModelRuntimes.loadCheck()).build());
    assertThatThrownBy(() -> store.registry().setAlias("nodules", "champion", v2.version(), "ana", "",
        List.of(Gates.goldenExamples()))).isInstanceOf(GateRefusedException.class).hasMessageContaining("golden_examples")
        .hasMessageContaining("max |diff|");
    assertThatThrownBy(() -> store.registry().setAlias("nodules", "champion", v1.version(), "ana", "",
        List.of(Gates.budget(new Gates.Budget(1e-6, 512, 20))))).isInstanceOf(GateRefusedException.class)
        .hasMessageContaining("p99");
  }

  @Test
  void registrationRefusesAMalformedArtifact() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.tribuo"), "not a model");
    assertThatThrownBy(() -> store.registry().register(Registration.builder("m", junk).flavour("tribuo")
        .check(ModelRuntimes.loadCheck()).build())).isInstanceOf(DataFormatException.class).hasMessageContaining("Tribuo");
    assertThat(store.registry().models()).isEmpty();
  }

  @Test
  void aRegisteredModelServesThroughTheRoutersPredictor() {
    TrainingResult r = TrainingJob.run(DATA, TrainingSpec.of("malignant").withRegisterAs("served"), store, dir);
    ModelVersion v = r.version().orElseThrow();
    var files = store.registry().files(v);
    dev.vigil.serving.Predictor p = ModelRuntimes.load(files.artifact(), v.flavour());
    Table features = Gates.pipeline(files.pipelineJson().orElseThrow()).transform(DATA.head(5));
    assertThat(p.signature().validate(features)).isEmpty();
    dev.vigil.serving.Predictions out = p.predict(features);
    assertThat(out.rows()).isEqualTo(5);
    assertThat(out.width()).isEqualTo(2);
    assertThat(out.value(0, 0) + out.value(0, 1)).isCloseTo(1.0, within(1e-6));
    assertThat(p.signature().invalidOutput(out, 5)).isNull();
  }

  @Test
  void aucMatchesScikitLearnsDocumentedExample() {
    // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    assertThat(TrainingJob.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new String[] {"0", "0", "1", "1"}, "1")).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void splitIsStratifiedAndSeeded() {
    String[] y = new String[100];
    for (int i = 0; i < y.length; i++) {
      y[i] = i < 10 ? "yes" : "no";
    }
    int[][] a = TrainingJob.stratifiedSplit(y, 0.2, 1);
    assertThat(a[1]).hasSize(20);
    assertThat(java.util.Arrays.stream(a[1]).filter(i -> i < 10).count()).isEqualTo(2);
    assertThat(TrainingJob.stratifiedSplit(y, 0.2, 1)[1]).containsExactly(a[1]);
  }
}
