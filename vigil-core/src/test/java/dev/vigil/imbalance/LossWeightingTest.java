package dev.vigil.imbalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LossWeightingTest {

  @Test
  void balancedWeightsEqualScikitLearnsComputeClassWeight() {
    for (JsonNode c : Fixtures.reference().get("class_weights")) {
      long[] counts = new long[c.get("counts").size()];
      List<String> classes = new ArrayList<>();
      for (int i = 0; i < counts.length; i++) {
        counts[i] = c.get("counts").get(i).asLong();
        classes.add("c" + i);
      }
      ClassWeights w = ClassWeights.balanced(classes, counts);
      for (int i = 0; i < counts.length; i++) {
        assertThat(w.weights()[i]).isCloseTo(c.get("balanced").get(i).asDouble(), within(1e-12));
      }
    }
  }

  @Test
  void balancedWeightsFromATableUseAscendingClassOrder() {
    Table t = Table.of(StringColumn.of("y", "b", "a", "a", "a"));
    ClassWeights w = ClassWeights.balanced(t, "y");
    assertThat(w.classes()).containsExactly("a", "b");
    assertThat(w.weight("b")).isCloseTo(2.0, within(1e-15));
    assertThat(w.sampleWeights(t, "y", "w", null).toArray()).containsExactly(2.0, 4.0 / 6, 4.0 / 6, 4.0 / 6);
  }

  @Test
  void effectiveNumberGoesFromEqualToInverseFrequency() {
    List<String> cl = List.of("a", "b");
    long[] n = {900, 100};
    assertThat(ClassWeights.effectiveNumber(cl, n, 0).weights()).containsExactly(1.0, 1.0);
    double[] w = ClassWeights.effectiveNumber(cl, n, 0.999999).weights();
    assertThat(w[1] / w[0]).isCloseTo(9.0, within(0.01));
    double[] mid = ClassWeights.effectiveNumber(cl, n, 0.99).weights();
    assertThat(mid[0] + mid[1]).isCloseTo(2.0, within(1e-12));
    double en0 = (1 - Math.pow(0.99, 900)) / 0.01;
    double en1 = (1 - Math.pow(0.99, 100)) / 0.01;
    assertThat(mid[1] / mid[0]).isCloseTo(en0 / en1, within(1e-12));
    assertThatThrownBy(() -> ClassWeights.effectiveNumber(cl, n, 1.0)).hasMessageContaining("beta must be in [0, 1)");
  }

  @Test
  void costMatrixWeighsClassesByTheirMisclassificationCost() {
    ClassWeights w = ClassWeights.fromCostMatrix(List.of("ok", "fraud"), new double[][] {{0, 1}, {9, 0}});
    assertThat(w.weights()).containsExactly(0.2, 1.8);
  }

  @Property(tries = 200)
  void binaryFocalGradientAndHessianMatchFiniteDifferences(@ForAll @DoubleRange(min = -6, max = 6) double z,
      @ForAll @DoubleRange(min = 0, max = 5) double gamma, @ForAll @DoubleRange(min = 0.05, max = 0.95) double alpha,
      @ForAll @IntRange(min = 0, max = 1) int y) {
    FocalLoss f = FocalLoss.binary(gamma, alpha);
    double h = 1e-5;
    double g = (f.loss(z + h, y) - f.loss(z - h, y)) / (2 * h);
    assertThat(f.gradient(z, y)).isCloseTo(g, within(1e-6 * Math.max(1, Math.abs(g))));
    double hh = (f.gradient(z + h, y) - f.gradient(z - h, y)) / (2 * h);
    assertThat(f.hessian(z, y)).isCloseTo(hh, within(1e-5 * Math.max(1, Math.abs(hh))));
  }

  @Property(tries = 200)
  void multiClassFocalGradientAndHessianMatchFiniteDifferences(@ForAll @DoubleRange(min = -4, max = 4) double z0,
      @ForAll @DoubleRange(min = -4, max = 4) double z1, @ForAll @DoubleRange(min = -4, max = 4) double z2,
      @ForAll @DoubleRange(min = 0, max = 4) double gamma, @ForAll @IntRange(min = 0, max = 2) int y) {
    double[] z = {z0, z1, z2};
    double[] a = {0.2, 0.3, 0.5};
    double[] g = FocalLoss.multiClassGradient(z, y, gamma, a);
    double[] hd = FocalLoss.multiClassHessianDiagonal(z, y, gamma, a);
    double h = 1e-5;
    for (int j = 0; j < 3; j++) {
      double[] zp = z.clone();
      double[] zm = z.clone();
      zp[j] += h;
      zm[j] -= h;
      double fd = (FocalLoss.multiClassLoss(zp, y, gamma, a) - FocalLoss.multiClassLoss(zm, y, gamma, a)) / (2 * h);
      assertThat(g[j]).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
      double fd2 = (FocalLoss.multiClassGradient(zp, y, gamma, a)[j] - FocalLoss.multiClassGradient(zm, y, gamma, a)[j])
          / (2 * h);
      assertThat(hd[j]).isCloseTo(fd2, within(1e-5 * Math.max(1, Math.abs(fd2))));
    }
  }

  @Property(tries = 100)
  void gammaZeroIsWeightedCrossEntropy(@ForAll @DoubleRange(min = -8, max = 8) double z,
      @ForAll @DoubleRange(min = 0, max = 1) double alpha) {
    FocalLoss f = FocalLoss.binary(0, alpha);
    double p = 1 / (1 + Math.exp(-z));
    assertThat(f.loss(z, 1)).isCloseTo(-alpha * Math.log(p), within(1e-9));
    assertThat(f.loss(z, 0)).isCloseTo(-(1 - alpha) * Math.log(1 - p), within(1e-9));
    assertThat(f.gradient(z, 1)).isCloseTo(alpha * (p - 1), within(1e-9));
    assertThat(FocalLoss.multiClassLoss(new double[] {0, z}, 1, 0, new double[] {1, 1})).isCloseTo(-Math.log(p), within(1e-9));
  }

  @Test
  void focalLossRejectsNegativeGamma() {
    assertThatThrownBy(() -> FocalLoss.binary(-1, 0.5)).hasMessageContaining("gamma must be finite and >= 0: -1");
  }

  @Test
  void priorCorrectionUndoesUnderSampling() {
    // trained on 50/50 after under-sampling a 90/10 population: a 0.5 score is the population prior 0.1
    PriorCorrection pc = PriorCorrection.ofCounts(List.of("ok", "fraud"), new double[] {100, 100}, new double[] {900, 100});
    assertThat(pc.correctBinary(0.5)).isCloseTo(0.1, within(1e-12));
    assertThat(pc.correctBinary(0.9)).isCloseTo(0.9 / 9 / (0.9 / 9 + 0.1), within(1e-12));
    ClassWeights w = ClassWeights.balanced(List.of("ok", "fraud"), new long[] {900, 100});
    assertThat(PriorCorrection.afterWeighting(w).correctBinary(0.5)).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void thresholdMovingMinimisesCost() {
    assertThat(CostThreshold.bayesThreshold(1, 9)).isCloseTo(0.1, within(1e-15));
    CostThreshold.Choice c = CostThreshold.optimise(new double[] {0.9, 0.8, 0.3, 0.2, 0.1},
        new boolean[] {true, false, true, false, false}, 1, 10);
    assertThat(c.threshold()).isEqualTo(0.3);
    assertThat(c.cost()).isEqualTo(1.0);
    assertThat(CostThreshold.decide(new double[] {0.8, 0.2}, new double[][] {{0, 1}, {9, 0}})).isEqualTo(1);
  }

  @Test
  void schedulerRaisesTheWeightOfTheWorstRecalledClass() {
    ClassWeightScheduler s = ClassWeightScheduler.start(List.of("a", "b", "c"), new double[] {1, 1, 1}, 1.0, 0.1, 10);
    double[] w = s.update(new double[] {0.9, 0.5, Double.NaN});
    assertThat(w[1]).isGreaterThan(w[0]);
    assertThat(w[0] + w[1] + w[2]).isCloseTo(3.0, within(1e-12));
    assertThat(s.history()).hasSize(2);
    assertThatThrownBy(() -> s.update(new double[] {2, 0, 0})).hasMessageContaining("class \"a\"");
  }

  @Test
  void metricsMatchScikitLearnAndImbalancedLearn() {
    JsonNode m = Fixtures.reference().get("metrics");
    int n = m.get("y").size();
    int[] y = new int[n];
    int[] p = new int[n];
    double[][] s = new double[n][3];
    for (int i = 0; i < n; i++) {
      y[i] = m.get("y").get(i).asInt();
      p[i] = m.get("pred").get(i).asInt();
      for (int c = 0; c < 3; c++) {
        s[i][c] = m.get("scores").get(i).get(c).asDouble();
      }
    }
    ClassificationReport r = ClassificationReport.of(List.of("0", "1", "2"), y, p, s);
    for (int c = 0; c < 3; c++) {
      assertThat(r.precision()[c]).isCloseTo(m.get("precision").get(c).asDouble(), within(1e-12));
      assertThat(r.recall()[c]).isCloseTo(m.get("recall").get(c).asDouble(), within(1e-12));
      assertThat(r.f1()[c]).isCloseTo(m.get("f1").get(c).asDouble(), within(1e-12));
      assertThat(r.specificity()[c]).isCloseTo(m.get("specificity").get(c).asDouble(), within(1e-12));
      assertThat(r.geometricMean()[c]).isCloseTo(m.get("gmean").get(c).asDouble(), within(1e-12));
      assertThat(r.iba()[c]).isCloseTo(m.get("iba").get(c).asDouble(), within(1e-12));
      assertThat(r.rocAuc()[c]).isCloseTo(m.get("roc_auc").get(c).asDouble(), within(1e-12));
      assertThat(r.prAuc()[c]).isCloseTo(m.get("ap").get(c).asDouble(), within(1e-12));
    }
    assertThat(r.balancedAccuracy()).isCloseTo(m.get("balanced_accuracy").asDouble(), within(1e-12));
    assertThat(r.matthews()).isCloseTo(m.get("mcc").asDouble(), within(1e-12));
  }
}
