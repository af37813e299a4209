package dev.vigil.imbalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplingStrategyTest {

  @Test
  void resolvesAndRefusesExactlyAsImbalancedLearn() {
    JsonNode ref = Fixtures.reference();
    int checked = 0;
    for (JsonNode c : ref.get("strategies")) {
      JsonNode countsNode = ref.get("class_counts").get(c.get("y").asText());
      List<String> classes = new ArrayList<>();
      long[] counts = new long[countsNode.size()];
      for (int i = 0; i < counts.length; i++) {
        classes.add(Integer.toString(i));
        counts[i] = countsNode.get(i).asLong();
      }
      SamplingKind kind = switch (c.get("kind").asText()) {
        case "over-sampling" -> SamplingKind.OVER;
        case "under-sampling" -> SamplingKind.UNDER;
        default -> SamplingKind.CLEAN;
      };
      JsonNode spec = c.get("spec");
      SamplingStrategy s;
      if (spec.isTextual()) {
        s = SamplingStrategy.parse(spec.asText());
      } else if (spec.isNumber()) {
        s = SamplingStrategy.ratio(spec.asDouble());
      } else if (spec.isObject()) {
        Map<String, Integer> m = new LinkedHashMap<>();
        spec.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asInt()));
        s = SamplingStrategy.counts(m);
      } else {
        List<String> l = new ArrayList<>();
        spec.forEach(n -> l.add(n.asText()));
        s = SamplingStrategy.classes(l);
      }
      String what = c.toString();
      if (c.has("error")) {
        final SamplingStrategy fs = s;
        assertThatThrownBy(() -> fs.resolve(classes, counts, kind)).as(what)
            .isInstanceOf(InvalidArgumentException.class);
      } else {
        Map<String, Integer> expected = new LinkedHashMap<>();
        c.get("ok").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asInt()));
        assertThat(s.resolve(classes, counts, kind)).as(what).containsExactlyEntriesOf(expected);
      }
      checked++;
    }
    assertThat(checked).isEqualTo(72);
  }

  @Test
  void refusesASingleClassNamingIt() {
    assertThatThrownBy(() -> SamplingStrategy.auto().resolve(List.of("a"), new long[] {10}, SamplingKind.OVER))
        .hasMessageContaining("more than 1 class").hasMessageContaining("[a]");
  }

  @Test
  void parsesTheCliSpellings() {
    assertThat(SamplingStrategy.parse("not-minority")).isEqualTo(SamplingStrategy.notMinority());
    assertThat(SamplingStrategy.parse("0.5")).isEqualTo(SamplingStrategy.ratio(0.5));
    assertThat(SamplingStrategy.parse("a=3,b=4")).isEqualTo(SamplingStrategy.counts(Map.of("a", 3, "b", 4)));
    assertThat(SamplingStrategy.parse("a,b")).isEqualTo(SamplingStrategy.classes(List.of("a", "b")));
    assertThatThrownBy(() -> SamplingStrategy.parse("a=x")).hasMessageContaining("\"a\"").hasMessageContaining("x");
    assertThatThrownBy(() -> SamplingStrategy.parse("1.5")).hasMessageContaining("(0, 1]");
  }
}
