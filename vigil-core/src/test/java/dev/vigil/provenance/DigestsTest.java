package dev.vigil.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestsTest {
  @Test
  void sha256MatchesTheStandardTestVector() {
    assertThat(Digests.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void tableDigestDependsOnValuesNotStorage() {
    Table a = Table.of(CategoricalColumn.of("c", "x", "y", "x"), DoubleColumn.of("d", 1, 2, 3));
    Table whole = Table.of(CategoricalColumn.of("c", "y", "x", "y", "x"), DoubleColumn.of("d", 0, 1, 2, 3));
    assertThat(Digests.of(whole.slice(1, 4))).isEqualTo(Digests.of(a));
    Table b = Table.of(CategoricalColumn.of("c", "x", "y", "x"), DoubleColumn.of("d", 1, 2, 3.0000001));
    assertThat(Digests.of(b)).isNotEqualTo(Digests.of(a));
    Table m = Table.of(CategoricalColumn.of("c", "x", "y", "x"),
        DoubleColumn.of("d", new double[] {1, 2, 3}, new boolean[] {false, false, true}));
    assertThat(Digests.of(m)).isNotEqualTo(Digests.of(a));
  }

  @Test
  void provenanceTakesTimeFromTheClock() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    Provenance p = Provenance.builder("resample", clock).seed(7).config("k", 5).input("train", "sha256:00").build();
    assertThat(p.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(p.seed()).hasValue(7);
    assertThat(p.config()).containsEntry("k", "5");
    assertThat(List.copyOf(p.inputs().keySet())).containsExactly("train");
    assertThat(p.javaVersion()).startsWith(System.getProperty("java.version"));
  }
}
