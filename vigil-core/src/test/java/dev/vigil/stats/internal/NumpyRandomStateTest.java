package dev.vigil.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NumPy's legacy RandomState, draw for draw against numpy 1.24's output (evidently_fixtures.json). */
class NumpyRandomStateTest {
  static JsonNode np;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = NumpyRandomStateTest.class.getResourceAsStream("/drift/evidently_fixtures.json")) {
      np = new ObjectMapper().readTree(in).get("numpy_random");
    }
  }

  static int[] ints(JsonNode a) {
    int[] v = new int[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asInt();
    }
    return v;
  }

  @Test
  void permutationAndChoiceMatchNumpy() {
    assertThat(new NumpyRandomState(0).permutation(10)).containsExactly(ints(np.get("permutation_seed0_10")));
    assertThat(new NumpyRandomState(0).choiceWithoutReplacement(200, 88))
        .containsExactly(ints(np.get("choice_seed0_200_88")));
  }

  @Test
  void uniformDoublesMatchNumpyBitForBit() {
    NumpyRandomState rs = new NumpyRandomState(0);
    for (JsonNode v : np.get("random_sample_seed0_3")) {
      assertThat(rs.nextDouble()).isEqualTo(v.asDouble());
    }
  }

  @Test
  void normalsMatchNumpy() {
    double[] v = new NumpyRandomState(1).normal(0, 1, 7);
    for (int i = 0; i < v.length; i++) {
      assertThat(v[i]).isCloseTo(np.get("normal_seed1_7").get(i).asDouble(), within(1e-15));
    }
    double[] big = new NumpyRandomState(1).normal(0, 1, 100_000);
    double s = 0;
    for (double x : big) {
      s += x;
    }
    assertThat(s).isCloseTo(np.get("normal_seed1_100000_sum").asDouble(), within(1e-8));
    assertThat(big[big.length - 1]).isCloseTo(np.get("normal_seed1_100000_last").asDouble(), within(1e-14));
    assertThat(new NumpyRandomState(0).standardNormal())
        .isCloseTo(np.get("norm_rvs_random_state0_first").asDouble(), within(1e-15));
  }
}
