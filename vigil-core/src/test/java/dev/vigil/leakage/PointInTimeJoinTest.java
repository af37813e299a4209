package dev.vigil.leakage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointInTimeJoinTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);
  static final long H = 3_600_000_000L;

  static final Table EVENTS = Table.of(StringColumn.of("user", "a", "a", "b", "c"),
      TimestampColumn.of("t", 10 * H, 20 * H, 10 * H, 10 * H), LongColumn.of("y", 1, 0, 1, 0));
  static final Table FEATURES = Table.of(StringColumn.of("user", "a", "a", "a", "b", "b"),
      TimestampColumn.of("ft", 1 * H, 10 * H, 15 * H, 2 * H, 12 * H),
      DoubleColumn.of("spend", 1, 2, 3, 4, 5));

  @Test
  void strictBoundTakesTheLatestValueBeforeTheEvent() {
    PointInTimeJoin.Result r = PointInTimeJoin.join(EVENTS, FEATURES, PitJoinOptions.of(List.of("user"), "t", "ft"), CLOCK);
    DoubleColumn spend = r.table().doubleColumn("spend");
    assertThat(spend.get(0)).isEqualTo(1); // the value stamped at 10h is not used for the event at 10h
    assertThat(spend.get(1)).isEqualTo(3);
    assertThat(spend.get(2)).isEqualTo(4);
    assertThat(spend.isMissing(3)).isTrue();
    assertThat(r.summary()).containsEntry("matched", 3).containsEntry("feature_rows_at_event_instant_excluded", 1);
    assertThat(r.provenance().config()).containsEntry("bound", "feature_time < event_time");
  }

  @Test
  void inclusiveBoundUsesTheValueAtTheEventInstant() {
    PointInTimeJoin.Result r = PointInTimeJoin.join(EVENTS, FEATURES,
        PitJoinOptions.of(List.of("user"), "t", "ft").withInclusive(true), CLOCK);
    assertThat(r.table().doubleColumn("spend").get(0)).isEqualTo(2);
  }

  @Test
  void timeToLiveDropsStaleValues() {
    PointInTimeJoin.Result r = PointInTimeJoin.join(EVENTS, FEATURES,
        PitJoinOptions.of(List.of("user"), "t", "ft").withTtl(Duration.ofHours(6)), CLOCK);
    DoubleColumn spend = r.table().doubleColumn("spend");
    assertThat(spend.isMissing(0)).isTrue(); // 9 h old
    assertThat(spend.get(1)).isEqualTo(3); // 5 h old
    assertThat(spend.isMissing(2)).isTrue(); // 8 h old
    assertThat(r.summary()).containsEntry("expired_by_ttl", 2);
  }

  @Test
  void joinedDataPassesTheAvailabilityAudit() {
    PointInTimeJoin.Result r = PointInTimeJoin.join(EVENTS, FEATURES.withColumn(TimestampColumn.of("ft_copy",
        1 * H, 10 * H, 15 * H, 2 * H, 12 * H)), PitJoinOptions.of(List.of("user"), "t", "ft"), CLOCK);
    Table t = r.table();
    LeakageResult audit = LeakageAudit.run(t, t, LeakageOptions.builder("y").predictionTime("t")
        .availability("spend", Availability.column("ft_copy")).checks(List.of("temporal-leak")).build());
    assertThat(audit.findings()).isEmpty();
  }

  @Test
  void rejectsCollidingNamesAndMissingKeys() {
    assertThatThrownBy(() -> PointInTimeJoin.join(EVENTS, FEATURES.withColumn(LongColumn.of("y", 1, 1, 1, 1, 1)),
        PitJoinOptions.of(List.of("user"), "t", "ft"), CLOCK))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("\"y\"").hasMessageContaining("prefix");
    assertThatThrownBy(() -> PointInTimeJoin.join(EVENTS, FEATURES, PitJoinOptions.of(List.of("account"), "t", "ft"), CLOCK))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("\"account\"");
  }
}
