package dev.vigil.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Synthetic;
import dev.vigil.data.Table;
import dev.vigil.imbalance.FocalLoss;
import dev.vigil.models.imbalance.XgboostFocalObjective;
import dev.vigil.registry.DeploymentGate;
import dev.vigil.registry.ModelVersion;
import dev.vigil.serving.Predictor;
import dev.vigil.store.Store;
import dev.vigil.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XgboostTrainingTest {
  /** The budget gate runs, with a latency budget no shared CI machine misses (timings belong in vigil-bench). */
  static final Gates.Budget LENIENT = new Gates.Budget(10_000, 512, 20);

  static final Table SCANS = Synthetic.hospitalScans(1500, 7).drop("scan_id", "patient_id", "scan_time");

  @Test
  void trainsThroughTribuoRegistersAnXgboostFileAndPassesTheGates(@TempDir Path dir) {
    try (Store store = Store.open(StoreOptions.embedded(dir.resolve("home")))) {
      TrainingResult r = TrainingJob.run(SCANS, TrainingSpec.of("malignant").withModel("xgboost").withClassWeights("balanced")
          .withRegisterAs("boosted"), store, dir);
      assertThat(r.metrics().get("auc")).isGreaterThan(0.7);
      ModelVersion v = r.version().orElseThrow();
      assertThat(v.flavour()).isEqualTo("xgboost");
      assertThat(store.tracking().details(r.runId()).params()).containsEntry("model", "xgboost").containsEntry("loss", "logloss");
      var moved = store.registry().setAlias("boosted", "champion", v.version(), "ana", "", Gates.standard(LENIENT));
      assertThat(moved.gates()).allMatch(DeploymentGate.GateResult::passed);
      try (Predictor p = ServedVersions.load(store.registry(), "boosted", v.version()).predictor()) {
        assertThat(p.signature().outputNames()).containsExactlyInAnyOrder("0", "1");
        assertThat(p.predict(SCANS.head(3).drop("malignant")).rows()).isEqualTo(3);
      }
    }
  }

  @Test
  void gradientsHandedToXgboostAreFocalLossesTimesTheWeights() throws Exception {
    float[][] margins = {{-2.5f}, {-0.3f}, {0f}, {0.7f}, {3.1f}, {1.2f}};
    float[] y = {0, 1, 0, 1, 1, 0};
    float[] w = {1, 2, 0.5f, 1, 3, 1};
    DMatrix dm = new DMatrix(new float[] {0, 0, 0, 0, 0, 0}, 6, 1, Float.NaN);
    try {
      dm.setLabel(y);
      dm.setWeight(w);
      FocalLoss fl = FocalLoss.binary(2, 0.25);
      List<float[]> gh = new XgboostFocalObjective(2, 0.25, 2).getGradient(margins, dm);
      for (int i = 0; i < 6; i++) {
        assertThat((double) gh.get(0)[i]).isCloseTo(w[i] * fl.gradient(margins[i][0], (int) y[i]), within(1e-6));
        assertThat((double) gh.get(1)[i]).isCloseTo(Math.max(XgboostFocalObjective.MIN_HESSIAN, w[i] * fl.hessian(margins[i][0], (int) y[i])),
            within(1e-6));
      }
    } finally {
      dm.dispose();
    }
  }

  @Test
  void withGammaZeroAndNoAlphaTheGradientIsLogisticLoss() {
    // d/dz of cross-entropy is p - y, its second derivative p (1 - p): independent of FocalLoss's code.
    float[][] margins = {{-1.5f}, {0.2f}, {2.0f}, {-0.4f}};
    float[] y = {0, 1, 1, 0};
    double[][] gh = new XgboostFocalObjective(0, null, 2).gradients(margins, y, new float[0]);
    for (int i = 0; i < 4; i++) {
      double p = 1 / (1 + Math.exp(-margins[i][0]));
      assertThat(gh[0][i]).isCloseTo(p - y[i], within(1e-9));
      assertThat(gh[1][i]).isCloseTo(p * (1 - p), within(1e-9));
    }
  }

  @Test
  void multiClassGradientsAreFocalLossPerMargin() {
    float[][] margins = {{0.1f, -0.2f, 0.5f}, {1f, 0f, -1f}};
    float[] y = {2, 0};
    double[][] gh = new XgboostFocalObjective(1.5, null, 3).gradients(margins, y, new float[0]);
    double[] ones = {1, 1, 1};
    for (int i = 0; i < 2; i++) {
      double[] z = {margins[i][0], margins[i][1], margins[i][2]};
      double[] g = FocalLoss.multiClassGradient(z, (int) y[i], 1.5, ones);
      double[] h = FocalLoss.multiClassHessianDiagonal(z, (int) y[i], 1.5, ones);
      for (int j = 0; j < 3; j++) {
        assertThat(gh[0][i * 3 + j]).isCloseTo(g[j], within(1e-12));
        assertThat(gh[1][i * 3 + j]).isCloseTo(Math.max(XgboostFocalObjective.MIN_HESSIAN, h[j]), within(1e-12));
      }
    }
  }

  @Test
  void focalWithGammaZeroTrainsTheSameModelAsBinaryLogistic() throws Exception {
    Skewed d = skewed(1200, 3);
    Booster builtIn = Trainers.boost(d.x, d.x.columnNames(), d.y, ones(d.y.length), 2, 5, null);
    Booster focal = Trainers.boost(d.x, d.x.columnNames(), d.y, ones(d.y.length), 2, 5, new XgboostFocalObjective(0, null, 2));
    try {
      float[][] a = builtIn.predict(d.matrix());
      float[][] b = focal.predict(d.matrix());
      double worst = 0;
      for (int i = 0; i < a.length; i++) {
        worst = Math.max(worst, Math.abs(a[i][0] - b[i][0]));
      }
      assertThat(worst).isLessThan(1e-5);
    } finally {
      builtIn.dispose();
      focal.dispose();
    }
  }

  @Test
  void focalLossRaisesMinorityRecallOverAnUnweightedModel() {
    Skewed train = skewed(3000, 11);
    Skewed test = skewed(3000, 12);
    String[] labels = train.labels();
    TrainedModel plain = Trainers.train("xgboost", train.x, labels, "none", LossSpec.logLoss(), 1, Clock.systemUTC());
    TrainedModel focal = Trainers.train("xgboost", train.x, labels, "none", LossSpec.focal(2, OptionalDouble.of(0.75)), 1,
        Clock.systemUTC());
    try (Predictor p = plain.predictor(); Predictor f = focal.predictor()) {
      double rp = recall(p, test);
      double rf = recall(f, test);
      assertThat(f.signature().outputNames()).containsExactly("neg", "pos");
      assertThat(focal.params()).containsEntry("loss", "focal(gamma=2.0, alpha=0.75)");
      assertThat(rf).as("focal recall %s vs plain %s", rf, rp).isGreaterThan(rp + 0.03);
    }
  }

  @Test
  void focalLossNeedsXgboostAndAlphaNeedsBinaryLabels() {
    Skewed d = skewed(100, 1);
    assertThatThrownBy(() -> Trainers.train("logistic", d.x, d.labels(), "none", LossSpec.focal(2, OptionalDouble.empty()), 1,
        Clock.systemUTC())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("--model xgboost");
    assertThatThrownBy(() -> new XgboostFocalObjective(2, 0.25, 3)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("binary");
    assertThatThrownBy(() -> LossSpec.focal(-1, OptionalDouble.empty())).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("--focal-gamma");
  }

  private static double recall(Predictor p, Skewed test) {
    Table scored = ModelRuntimes.score(p, test.x);
    int tp = 0;
    int pos = 0;
    for (int i = 0; i < test.y.length; i++) {
      if (test.y[i] == 1) {
        pos++;
        tp += scored.column("label").getObject(i).equals("pos") ? 1 : 0;
      }
    }
    return tp / (double) pos;
  }

  private static float[] ones(int n) {
    float[] w = new float[n];
    java.util.Arrays.fill(w, 1);
    return w;
  }

  /** 5 Gaussian features; the positive class is a noisy linear region holding about 11% of the rows. */
  record Skewed(Table x, float[] y) {
    String[] labels() {
      String[] l = new String[y.length];
      for (int i = 0; i < l.length; i++) {
        l[i] = y[i] == 1 ? "pos" : "neg";
      }
      return l;
    }

    DMatrix matrix() throws Exception {
      int n = y.length;
      int d = x.columnCount();
      float[] v = new float[n * d];
      for (int j = 0; j < d; j++) {
        double[] c = x.doubleColumn(x.columnNames().get(j)).toArray();
        for (int i = 0; i < n; i++) {
          v[i * d + j] = (float) c[i];
        }
      }
      return new DMatrix(v, n, d, Float.NaN);
    }
  }

  static Skewed skewed(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] cols = new double[5][n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < 5; j++) {
        cols[j][i] = gauss(r);
        s += (j + 1) * 0.4 * cols[j][i];
      }
      y[i] = s + 1.5 * gauss(r) > 4.2 ? 1 : 0;
    }
    List<DoubleColumn> cs = new ArrayList<>();
    for (int j = 0; j < 5; j++) {
      cs.add(DoubleColumn.wrap("x" + j, cols[j]));
    }
    return new Skewed(Table.of(cs), y);
  }

  private static double gauss(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
