package dev.vigil.imbalance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.data.Table;
import dev.vigil.imbalance.Fixtures;
import dev.vigil.imbalance.Method;
import dev.vigil.imbalance.ResampleOptions;
import dev.vigil.imbalance.ResampleResult;
import dev.vigil.imbalance.Resamplers;
import dev.vigil.neighbors.NeighborIndex;
import dev.vigil.neighbors.Neighbors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The kernel SVM behind SVM-SMOTE against scikit-learn's SVC (src/test/scripts/svc_fixtures.py). */
class KernelSvmTest {
  private static final JsonNode REF = reference();

  private static JsonNode reference() {
    try (var in = KernelSvmTest.class.getResourceAsStream("/imbalance/svc_reference.json")) {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int[] labels(Table t) {
    int[] y = new int[t.rowCount()];
    for (int i = 0; i < y.length; i++) {
      y[i] = (int) t.longColumn("y").get(i);
    }
    return y;
  }

  @Test
  void gammaScaleIsScikitLearns() {
    for (JsonNode c : REF.get("cases")) {
      double[][] x = Fixtures.features(Fixtures.table(c.get("data").asText()));
      assertThat(KernelSvm.scaleGamma(x)).isCloseTo(c.get("gamma").asDouble(), within(1e-14));
    }
  }

  @Test
  void supportVectorsAndDualCoefficientsEqualScikitLearnsSvc() {
    for (JsonNode c : REF.get("cases")) {
      Table t = Fixtures.table(c.get("data").asText());
      double[][] x = Fixtures.features(t);
      int[] y = labels(t);
      double gamma = c.get("gamma").asDouble();
      for (JsonNode p : c.get("pairs")) {
        int lo = p.get("classes").get(0).asInt();
        int hi = p.get("classes").get(1).asInt();
        List<Integer> rows = new ArrayList<>();
        for (int cls : new int[] {lo, hi}) {
          for (int i = 0; i < y.length; i++) {
            if (y[i] == cls) {
              rows.add(i);
            }
          }
        }
        int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
        boolean[] pos = new boolean[r.length];
        for (int i = 0; i < r.length; i++) {
          pos[i] = y[r[i]] == lo;
        }
        // a tiny cache (a few rows) must give the same answer as a large one
        for (long cache : new long[] {200L << 20, 3L * 4 * r.length}) {
          KernelSvm.Solution s = KernelSvm.solve(x, r, pos, gamma, 1.0, 1e-3, cache, true);
          Map<Integer, Double> expected = new HashMap<>();
          for (int i = 0; i < p.get("support").size(); i++) {
            expected.put(p.get("support").get(i).asInt(), p.get("dual_coef").get(i).asDouble());
          }
          Map<Integer, Double> actual = new HashMap<>();
          for (int i = 0; i < s.support().length; i++) {
            actual.put(s.support()[i], s.dualCoef()[i]);
          }
          assertThat(actual.keySet()).as("%s pair %d-%d", c.get("data"), lo, hi).isEqualTo(expected.keySet());
          for (Map.Entry<Integer, Double> e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as("dual coefficient of row %d", e.getKey())
                .isCloseTo(e.getValue(), within(1e-6));
          }
          assertThat(s.intercept()).isCloseTo(p.get("intercept").asDouble(), within(1e-6));
        }
      }
    }
  }

  @Test
  void supportOfAClassIsTheUnionOverItsOneVsOnePairs() {
    for (JsonNode c : REF.get("cases")) {
      Table t = Fixtures.table(c.get("data").asText());
      double[][] x = Fixtures.features(t);
      int[] y = labels(t);
      int k = c.get("n_support").size();
      for (int cls = 0; cls < k; cls++) {
        TreeSet<Integer> expected = new TreeSet<>();
        for (JsonNode s : c.get("support")) {
          if (y[s.asInt()] == cls) {
            expected.add(s.asInt());
          }
        }
        assertThat(expected).hasSize(c.get("n_support").get(cls).asInt());
        int[] got = KernelSvm.supportOfClass(x, y, k, cls, c.get("gamma").asDouble(), 1.0, 1e-3, 200L << 20, true);
        assertThat(java.util.Arrays.stream(got).boxed().toList()).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void svmSmoteReachesImbalancedLearnsClassCounts() {
    for (JsonNode c : REF.get("cases")) {
      Table t = Fixtures.table(c.get("data").asText());
      ResampleResult r = Resamplers.create(Method.SVM_SMOTE, ResampleOptions.defaults()).resample(t, "y");
      c.get("svmsmote_counts").fields().forEachRemaining(e ->
          assertThat(r.after().get(e.getKey())).as("class %s", e.getKey()).isEqualTo(e.getValue().asLong()));
    }
  }

  /**
   * Every synthetic sample lies on the line from a support vector a of its class through one of a's
   * k = 5 nearest same-class neighbours b, at a gap in [-0.5, 1] (danger: towards b, safe: away).
   */
  @Property(tries = 6)
  void svmSmoteSamplesLieOnSegmentsFromSupportVectors(@ForAll @IntRange(min = 0, max = 10_000) int seed) {
    Table t = Fixtures.table("binary");
    ResampleResult r = Resamplers.create(Method.SVM_SMOTE, ResampleOptions.defaults().withSeed(seed)).resample(t, "y");
    double[][] x = Fixtures.features(t);
    int[] y = labels(t);
    int[] sv = KernelSvm.supportOfClass(x, y, 2, 1, KernelSvm.scaleGamma(x), 1.0, 1e-3, 200L << 20, true);
    List<double[]> min = new ArrayList<>();
    Map<Integer, Integer> pos = new HashMap<>();
    for (int i = 0; i < y.length; i++) {
      if (y[i] == 1) {
        pos.put(i, min.size());
        min.add(x[i]);
      }
    }
    double[][] mins = min.toArray(new double[0][]);
    Neighbors nb = NeighborIndex.build(mins).queryMembers(5);
    double[][] out = Fixtures.features(r.table());
    int synthetic = 0;
    for (int i = 0; i < out.length; i++) {
      if (r.sourceRows()[i] >= 0) {
        continue;
      }
      synthetic++;
      boolean found = false;
      for (int a : sv) {
        int ai = pos.get(a);
        for (int j = 0; j < 5 && !found; j++) {
          found = onLine(out[i], mins[ai], mins[nb.index(ai, j)]);
        }
      }
      assertThat(found).as("synthetic row %d", i).isTrue();
    }
    assertThat(synthetic).isEqualTo(250 - min.size()); // imbalanced-learn: 250 of each class
  }

  private static boolean onLine(double[] p, double[] a, double[] b) {
    double len = 0;
    double dot = 0;
    for (int j = 0; j < p.length; j++) {
      len += (b[j] - a[j]) * (b[j] - a[j]);
      dot += (p[j] - a[j]) * (b[j] - a[j]);
    }
    if (len == 0) {
      return false;
    }
    double g = dot / len;
    if (g < -0.5 - 1e-12 || g > 1 + 1e-12) {
      return false;
    }
    double off = 0;
    for (int j = 0; j < p.length; j++) {
      double d = p[j] - (a[j] + g * (b[j] - a[j]));
      off += d * d;
    }
    return off <= 1e-18 * Math.max(1, len);
  }
}
