package dev.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metrics against scikit-learn 1.2 values (src/test/scripts/eval_fixtures.py). */
class MetricsTest {
  /** Hipparchus' digamma is accurate to about 3e-9 at small integers; scikit-learn adds 1e-10 noise. */
  static final double TOLERANCE_KNN = 1e-7;

  static List<String[]> rows(String name) throws IOException {
    try (InputStream in = MetricsTest.class.getResourceAsStream("/eval/" + name)) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      List<String[]> out = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          out.add(lines[i].trim().split(","));
        }
      }
      return out;
    }
  }

  static double[] doubles(String s) {
    return Arrays.stream(s.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  static int[] ints(String s) {
    return Arrays.stream(s.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
  }

  static boolean[] bools(int[] v) {
    boolean[] b = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = v[i] == 1;
    }
    return b;
  }

  @Test
  void binaryMetricsMatchScikitLearnIncludingTies() throws IOException {
    List<String[]> cases = rows("binary_cases.csv");
    assertThat(cases).hasSize(12);
    for (String[] c : cases) {
      boolean[] y = bools(ints(c[1]));
      double[] s = doubles(c[2]);
      assertThat(Metrics.rocAuc(s, y)).as("auc case %s", c[0]).isCloseTo(Double.parseDouble(c[3]), within(1e-12));
      assertThat(Metrics.logLoss(s, y)).as("log loss case %s", c[0]).isCloseTo(Double.parseDouble(c[4]), within(1e-9));
      assertThat(Metrics.brierScore(s, y)).as("brier case %s", c[0]).isCloseTo(Double.parseDouble(c[5]), within(1e-12));
    }
  }

  @Test
  void aucIsHalfForConstantScoresAndNaNForOneClass() {
    assertThat(Metrics.rocAuc(new double[] {1, 1, 1, 1}, new boolean[] {true, false, true, false})).isEqualTo(0.5);
    assertThat(Metrics.rocAuc(new double[] {1, 2}, new boolean[] {true, true})).isNaN();
    assertThat(Metrics.rocAuc(new double[] {1, 2, 3}, new boolean[] {false, false, true})).isEqualTo(1.0);
  }

  @Test
  void rejectsNaNScoresAndBadProbabilities() {
    assertThatThrownBy(() -> Metrics.rocAuc(new double[] {1, Double.NaN}, new boolean[] {true, false}))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("index 1");
    assertThatThrownBy(() -> Metrics.logLoss(new double[] {1.5}, new boolean[] {true}))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("[0, 1]: 1.5");
  }

  @Test
  void discreteMutualInformationMatchesScikitLearn() throws IOException {
    for (String[] c : rows("mi_discrete.csv")) {
      assertThat(MutualInformation.discrete(ints(c[1]), ints(c[2]))).as("case %s", c[0])
          .isCloseTo(Double.parseDouble(c[3]), within(1e-12));
    }
  }

  @Test
  void continuousDiscreteMutualInformationMatchesScikitLearn() throws IOException {
    for (String[] c : rows("mi_classif.csv")) {
      assertThat(MutualInformation.continuousDiscrete(doubles(c[1]), ints(c[2]), Integer.parseInt(c[3])))
          .as("case %s", c[0]).isCloseTo(Double.parseDouble(c[4]), within(TOLERANCE_KNN));
    }
  }

  @Test
  void continuousContinuousMutualInformationMatchesScikitLearn() throws IOException {
    for (String[] c : rows("mi_regression.csv")) {
      assertThat(MutualInformation.continuousContinuous(doubles(c[1]), doubles(c[2]), Integer.parseInt(c[3])))
          .as("case %s", c[0]).isCloseTo(Double.parseDouble(c[4]), within(TOLERANCE_KNN));
    }
  }

  @Test
  void macroOvrAucAveragesPresentClasses() {
    int[] y = {0, 1, 2, 0, 1, 2};
    double[][] s = {{1, 0, 0, 1, 0, 0}, {0, 1, 0, 0, 1, 0}, {0, 0, 1, 0, 0, 1}};
    assertThat(Metrics.rocAucOvr(s, y)).isEqualTo(1.0);
  }
}
