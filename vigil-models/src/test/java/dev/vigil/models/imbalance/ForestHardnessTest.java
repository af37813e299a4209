package dev.vigil.models.imbalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.imbalance.Method;
import dev.vigil.imbalance.ResampleOptions;
import dev.vigil.imbalance.ResampleResult;
import dev.vigil.imbalance.Resamplers;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Instance hardness threshold with the forest against imbalanced-learn's (src/test/scripts/iht_fixture.py). */
class ForestHardnessTest {

  static Table fixture() throws Exception {
    try (InputStream in = ForestHardnessTest.class.getResourceAsStream("/imbalance/iht.csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.readLine();
      List<double[]> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] p = line.split(",");
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
          v[i] = Double.parseDouble(p[i]);
        }
        rows.add(v);
      }
      List<Column> cols = new ArrayList<>();
      for (int j = 0; j < 4; j++) {
        double[] c = new double[rows.size()];
        for (int i = 0; i < c.length; i++) {
          c[i] = rows.get(i)[j];
        }
        cols.add(DoubleColumn.of("x" + j, c));
      }
      long[] y = new long[rows.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = (long) rows.get(i)[4];
      }
      cols.add(LongColumn.of("y", y));
      return Table.of(cols);
    }
  }

  private static double jaccard(Set<Integer> a, Set<Integer> b) {
    Set<Integer> i = new HashSet<>(a);
    i.retainAll(b);
    Set<Integer> u = new HashSet<>(a);
    u.addAll(b);
    return i.size() / (double) u.size();
  }

  private static Set<Integer> kept(ResampleResult r) {
    Set<Integer> s = new HashSet<>();
    for (int v : r.sourceRows()) {
      s.add(v);
    }
    return s;
  }

  private static double meanOverlap(List<Set<Integer>> ours, List<Set<Integer>> theirs) {
    double sum = 0;
    for (Set<Integer> a : ours) {
      for (Set<Integer> b : theirs) {
        sum += jaccard(a, b);
      }
    }
    return sum / (ours.size() * theirs.size());
  }

  @Test
  void forestSelectsLikeImbalancedLearnsDefaultAndCloserThanKnn() throws Exception {
    Table t = fixture();
    JsonNode ref = new ObjectMapper().readTree(ForestHardnessTest.class.getResourceAsStream("/imbalance/iht_reference.json"));
    List<Set<Integer>> theirs = new ArrayList<>();
    for (JsonNode run : ref.get("sample_indices")) {
      Set<Integer> s = new HashSet<>();
      run.forEach(v -> s.add(v.asInt()));
      theirs.add(s);
    }
    List<Set<Integer>> forest = new ArrayList<>();
    List<Set<Integer>> knn = new ArrayList<>();
    for (long seed = 0; seed < 3; seed++) {
      ResampleOptions o = ResampleOptions.defaults().withSeed(seed);
      ResampleResult f = Resamplers.instanceHardness(o, new ForestHardness()).resample(t, "y");
      assertThat(f.provenance().parameters().get("estimator")).startsWith("random forest (100 trees");
      assertThat(f.after().get("1")).isEqualTo(50L); // the minority is not targeted by auto
      forest.add(kept(f));
      knn.add(kept(Resamplers.create(Method.IHT, o).resample(t, "y")));
    }
    double f = meanOverlap(forest, theirs);
    double k = meanOverlap(knn, theirs);
    // imbalanced-learn's own runs with different seeds overlap 0.76-0.80 (its forest is random too);
    // measured here: forest 0.76, k-NN 0.64
    assertThat(f).as("forest %s vs knn %s", f, k).isGreaterThan(0.7).isGreaterThan(k);
  }

  @Test
  void probabilitiesSumToOneAndFollowTheSeed() {
    double[][] x = new double[80][2];
    int[] y = new int[80];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 80; i++) {
      y[i] = i % 3;
      x[i][0] = r.nextGaussian() + y[i];
      x[i][1] = r.nextGaussian();
    }
    ForestHardness h = new ForestHardness(20);
    double[][] a = h.fitPredictProba(x, y, 3, x, 5);
    double[][] b = h.fitPredictProba(x, y, 3, x, 5);
    double[][] c = h.fitPredictProba(x, y, 3, x, 6);
    assertThat(a).isDeepEqualTo(b);
    assertThat(java.util.Arrays.deepEquals(a, c)).isFalse();
    for (double[] p : a) {
      assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-9));
    }
  }
}
