package dev.vigil.leakage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every planted leak is found at its severity; the clean twin has no finding above info. */
class PlantedLeaksTest {
  static final int ROWS = 2_000;
  static final long SEED = 7;

  private static LeakageResult clean;

  static synchronized LeakageResult clean() {
    if (clean == null) {
      PlantedLeaks.Case c = PlantedLeaks.clean(ROWS, SEED);
      clean = LeakageAudit.run(c.train(), c.test(), c.options());
    }
    return clean;
  }

  @ParameterizedTest
  @EnumSource(PlantedLeaks.Kind.class)
  void findsEveryPlantedLeak(PlantedLeaks.Kind kind) {
    PlantedLeaks.Case c = PlantedLeaks.planted(kind, ROWS, SEED);
    LeakageResult r = LeakageAudit.run(c.train(), c.test(), c.options().toBuilder().checks(List.of(kind.check())).build());
    List<Finding> hits = r.of(kind.check()).stream()
        .filter(f -> kind.column().isEmpty() || f.columns().contains(kind.column()))
        .filter(f -> f.severity().compareTo(kind.severity()) >= 0)
        .toList();
    assertThat(hits).as("%s findings: %s", kind, r.findings()).isNotEmpty();
    assertThat(hits.get(0).fix()).isNotBlank();
    assertThat(hits.get(0).evidence()).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(PlantedLeaks.Kind.class)
  void cleanTwinHasNoFindingOfThatCheck(PlantedLeaks.Kind kind) {
    LeakageResult r = clean();
    assertThat(r.of(kind.check()).stream().filter(f -> f.severity() != Severity.INFO))
        .as("clean data, %s", kind.check()).isEmpty();
  }

  @Test
  void cleanTwinHasNoErrorOverSeveralSeeds() {
    for (long seed = 1; seed <= 2; seed++) {
      PlantedLeaks.Case c = PlantedLeaks.clean(ROWS, seed);
      LeakageResult r = LeakageAudit.run(c.train(), c.test(), c.options());
      assertThat(r.count(Severity.ERROR)).as("seed %d: %s", seed, r.findings()).isZero();
    }
  }
}
