package dev.vigil.leakage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import dev.vigil.eval.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class SplitProperties {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);

  static Table table(int n, int groups, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] g = new String[n];
    long[] t = new long[n];
    long[] y = new long[n];
    long[] id = new long[n];
    for (int i = 0; i < n; i++) {
      g[i] = "g" + r.nextInt(groups);
      t[i] = r.nextInt(1_000) * 3_600_000_000L;
      y[i] = r.nextDouble() < 0.3 ? 1 : 0;
      id[i] = i;
    }
    return Table.of(LongColumn.of("id", id), StringColumn.of("g", g), TimestampColumn.of("t", t), LongColumn.of("y", y));
  }

  static Set<Long> ids(Table t) {
    Set<Long> s = new HashSet<>();
    for (long v : t.longColumn("id").toArray()) {
      s.add(v);
    }
    return s;
  }

  static Set<String> groups(Table t) {
    Set<String> s = new HashSet<>();
    for (int i = 0; i < t.rowCount(); i++) {
      s.add(t.stringColumn("g").get(i));
    }
    return s;
  }

  @Property(tries = 60, seed = "5")
  void groupSplitsPartitionRowsAndNeverShareAGroup(@ForAll @IntRange(min = 20, max = 400) int n,
      @ForAll @IntRange(min = 2, max = 50) int groupCount, @ForAll @DoubleRange(min = 0.05, max = 0.6) double f,
      @ForAll long seed, @ForAll boolean stratified) {
    Table t = table(n, groupCount, seed);
    if (groups(t).size() < 2) {
      return;
    }
    SplitOptions o = stratified ? SplitOptions.stratifiedGroup(f, seed, "g", "y") : SplitOptions.group(f, seed, "g");
    Split s;
    try {
      s = Splits.split(t, o, CLOCK);
    } catch (dev.vigil.InvalidArgumentException e) {
      assertThat(e).hasMessageContaining("empty");
      return;
    }
    Set<Long> a = ids(s.train());
    Set<Long> b = ids(s.test());
    assertThat(a.size() + b.size()).isEqualTo(n);
    a.retainAll(b);
    assertThat(a).isEmpty();
    Set<String> ga = groups(s.train());
    ga.retainAll(groups(s.test()));
    assertThat(ga).isEmpty();
  }

  @Property(tries = 60, seed = "5")
  void timeSplitsOrderSidesAndAccountForEveryRow(@ForAll @IntRange(min = 20, max = 400) int n,
      @ForAll @DoubleRange(min = 0.05, max = 0.6) double f, @ForAll @IntRange(min = 0, max = 48) int gapHours,
      @ForAll long seed) {
    Table t = table(n, 5, seed);
    Split s;
    try {
      s = Splits.split(t, SplitOptions.time(f, "t", Duration.ofHours(gapHours)), CLOCK);
    } catch (dev.vigil.InvalidArgumentException e) {
      assertThat(e).hasMessageContaining("empty");
      return;
    }
    assertThat(s.train().rowCount() + s.test().rowCount() + s.droppedRows()).isEqualTo(n);
    long maxTrain = Long.MIN_VALUE;
    for (int i = 0; i < s.train().rowCount(); i++) {
      maxTrain = Math.max(maxTrain, s.train().timestampColumn("t").getMicros(i));
    }
    for (int i = 0; i < s.test().rowCount(); i++) {
      assertThat(s.test().timestampColumn("t").getMicros(i) - maxTrain).isGreaterThan(gapHours * 3_600_000_000L);
    }
  }

  @Property(tries = 100, seed = "5")
  void aucOfReversedScoresIsOneMinusAuc(@ForAll @IntRange(min = 2, max = 200) int n, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] s = new double[n];
    double[] neg = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      s[i] = r.nextInt(10);
      neg[i] = -s[i];
      y[i] = r.nextBoolean();
    }
    y[0] = true;
    y[1] = false;
    assertThat(Metrics.rocAuc(s, y) + Metrics.rocAuc(neg, y)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
  }
}
