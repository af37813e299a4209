package dev.vigil.leakage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);
  static final Table DATA = PlantedLeaks.clean(2_000, 3).train();

  static Set<String> values(Table t, String c) {
    Set<String> s = new HashSet<>();
    for (int i = 0; i < t.rowCount(); i++) {
      s.add(t.column(c).format(i));
    }
    return s;
  }

  @Test
  void groupSplitPutsEachGroupOnOneSideAndPassesTheAudit() {
    Split s = Splits.split(DATA, SplitOptions.group(0.25, 11, "patient"), CLOCK);
    Set<String> shared = values(s.train(), "patient");
    shared.retainAll(values(s.test(), "patient"));
    assertThat(shared).isEmpty();
    assertThat(s.test().rowCount()).isBetween(480, 520);
    LeakageResult r = LeakageAudit.run(s.train(), s.test(), LeakageOptions.builder("y").group("patient")
        .checks(List.of("group-overlap")).build());
    assertThat(r.findings()).isEmpty();
    assertThat(s.provenance().seed()).hasValue(11);
    assertThat(s.provenance().config()).containsEntry("strategy", "group");
  }

  @Test
  void randomSplitLeaksRepeatPatientsWhichTheAuditFinds() {
    Split s = Splits.split(DATA, SplitOptions.random(0.25, 11, "y"), CLOCK);
    LeakageResult r = LeakageAudit.run(s.train(), s.test(), LeakageOptions.builder("y").group("patient")
        .checks(List.of("group-overlap")).build());
    assertThat(r.of("group-overlap")).hasSize(1).allMatch(f -> f.severity() == Severity.ERROR);
  }

  @Test
  void stratifiedGroupSplitKeepsClassSharesAndGroupsApart() {
    Split s = Splits.split(DATA, SplitOptions.stratifiedGroup(0.2, 5, "patient", "y"), CLOCK);
    Set<String> shared = values(s.train(), "patient");
    shared.retainAll(values(s.test(), "patient"));
    assertThat(shared).isEmpty();
    double all = share(DATA);
    assertThat(share(s.test())).isCloseTo(all, org.assertj.core.data.Offset.offset(0.01));
    assertThat(s.test().rowCount()).isBetween(390, 410);
  }

  static double share(Table t) {
    long p = 0;
    for (int i = 0; i < t.rowCount(); i++) {
      p += t.longColumn("y").get(i);
    }
    return (double) p / t.rowCount();
  }

  @Test
  void timeSplitWithGapDropsTheEmbargoAndOrdersSides() {
    Split s = Splits.split(DATA, SplitOptions.time(0.25, "event_time", Duration.ofHours(10)), CLOCK);
    long lastTrain = s.train().timestampColumn("event_time").getMicros(s.train().rowCount() - 1);
    long firstTest = s.test().timestampColumn("event_time").getMicros(0);
    assertThat(firstTest - lastTrain).isGreaterThan(Duration.ofHours(10).toNanos() / 1000);
    assertThat(s.droppedRows()).isEqualTo(60); // one event per 10 minutes
    assertThat(s.train().rowCount() + s.test().rowCount() + s.droppedRows()).isEqualTo(2_000);
  }

  @Test
  void sameSeedSameSplitDifferentSeedDifferentSplit() {
    Split a = Splits.split(DATA, SplitOptions.group(0.3, 1, "patient"), CLOCK);
    Split b = Splits.split(DATA, SplitOptions.group(0.3, 1, "patient"), CLOCK);
    Split c = Splits.split(DATA, SplitOptions.group(0.3, 2, "patient"), CLOCK);
    assertThat(values(a.test(), "patient")).isEqualTo(values(b.test(), "patient"));
    assertThat(values(a.test(), "patient")).isNotEqualTo(values(c.test(), "patient"));
  }

  @Test
  void rejectsMissingColumnsAndBadFractions() {
    assertThatThrownBy(() -> Splits.split(DATA, SplitOptions.group(0.3, 1, "nope"), CLOCK))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("\"nope\"");
    assertThatThrownBy(() -> SplitOptions.random(1.5, 1, null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("(0, 1): 1.5");
  }
}
