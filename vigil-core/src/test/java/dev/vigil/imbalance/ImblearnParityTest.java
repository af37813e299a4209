package dev.vigil.imbalance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The deterministic methods select exactly imbalanced-learn 0.10's samples, in its order. */
class ImblearnParityTest {

  /**
   * Known deviations: (data, method, params) cases where Vigil differs on purpose; each must still
   * differ, so that this list fails once a deviation disappears. CNN: imbalanced-learn 0.10 skips a
   * sample when its position within the class equals the row number of an already stored sample
   * (it mixes the two index spaces); Vigil applies Hart's rule to every sample.
   */
  static final Set<String> KNOWN_DEVIATIONS = Set.of(
      "binary cnn {\"seed\":0}",
      "multi cnn {\"seed\":0}");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : Fixtures.reference().get("cases")) {
      out.add(Arguments.of(c.get("data").asText(), c.get("method").asText(), c.get("params").toString(), c));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} {2} on {0}")
  @MethodSource("cases")
  void selectsTheSameSamplesAsImbalancedLearn(String data, String method, String params, JsonNode c) {
    Table t = Fixtures.table(data);
    ResampleOptions o = ResampleOptions.defaults();
    JsonNode p = c.get("params");
    if (p.has("strategy")) {
      o = o.withStrategy(SamplingStrategy.parse(p.get("strategy").asText()));
    }
    if (p.has("k")) {
      o = o.withK(p.get("k").asInt());
    }
    if (p.has("kind_sel")) {
      o = o.withKindSel(ResampleOptions.KindSel.valueOf(p.get("kind_sel").asText().toUpperCase(Locale.ROOT)));
    }
    if (p.has("allow_minority")) {
      o = o.withAllowMinority(p.get("allow_minority").asBoolean());
    }
    if (p.has("seed")) {
      o = o.withSeed(p.get("seed").asLong());
    }
    if (p.has("seeds_s")) {
      o = o.withSeedsS(p.get("seeds_s").asInt());
    }
    ResampleResult r = Resamplers.create(Method.parse(method), o).resample(t, "y");
    List<Integer> expected = new ArrayList<>();
    c.get("sample_indices").forEach(n -> expected.add(n.asInt()));
    List<Integer> actual = new ArrayList<>();
    for (int s : r.sourceRows()) {
      actual.add(s);
    }
    String key = data + " " + method + " " + params;
    if (KNOWN_DEVIATIONS.contains(key)) {
      assertThat(actual).as(key + " is listed as a known deviation but now matches").isNotEqualTo(expected);
    } else {
      assertThat(actual).as(key).isEqualTo(expected);
    }
  }
}
