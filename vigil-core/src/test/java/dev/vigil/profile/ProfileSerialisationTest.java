package dev.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.DataFormatException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProfileSerialisationTest {
  /** 100 rows whose statistics are known by construction. */
  static Table goldenTable() {
    DoubleColumn.Builder d = DoubleColumn.builder("x");
    LongColumn.Builder l = LongColumn.builder("n");
    CategoricalColumn.Builder c = CategoricalColumn.builder("colour");
    StringColumn.Builder s = StringColumn.builder("code");
    BooleanColumn.Builder b = BooleanColumn.builder("flag");
    TimestampColumn.Builder t = TimestampColumn.builder("at", java.time.ZoneOffset.UTC);
    for (int i = 0; i < 100; i++) {
      if (i % 10 == 9) {
        d.addMissing();
      } else {
        d.add(i);
      }
      l.add(i % 7);
      c.add(i % 4 == 0 ? "red" : "blue");
      s.add(i % 2 == 0 ? "A" + i : Integer.toString(i));
      b.add(i < 30);
      t.addMicros(1_700_000_000_000_000L + i * 1_000_000L);
    }
    return Table.of(d.build(), l.build(), c.build(), s.build(), b.build(), t.build());
  }

  static void checkGoldenMetrics(TableProfile p) {
    assertThat(p.rows()).isEqualTo(100);
    ColumnProfile x = p.column("x");
    assertThat(x.missing()).isEqualTo(10);
    // 0..99 without 9, 19, ..., 99: sum 4950 - 540 = 4410 over 90 values
    assertThat(x.mean()).isCloseTo(4410.0 / 90, within(1e-12));
    assertThat(x.min()).isEqualTo(0);
    assertThat(x.max()).isEqualTo(98);
    assertThat(x.distinct()).isEqualTo(90);
    assertThat(p.column("n").distinct()).isEqualTo(7);
    assertThat(p.column("colour").top(2)).extracting(FrequentItem::value, FrequentItem::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("blue", 75L), org.assertj.core.groups.Tuple.tuple("red", 25L));
    ColumnProfile code = p.column("code");
    assertThat(code.patternCounts()[PatternClass.ALPHANUMERIC.ordinal()]).isEqualTo(50);
    assertThat(code.patternCounts()[PatternClass.INTEGER.ordinal()]).isEqualTo(50);
    assertThat(code.conformity(dev.vigil.data.ColumnType.LONG)).isEqualTo(0.5);
    assertThat(p.column("flag").mean()).isCloseTo(0.3, within(1e-15));
    assertThat(p.column("at").min()).isEqualTo(1.7e15);
    // 100 distinct instants overflow the 96 exact slots: no value is a heavy hitter
    assertThat(p.column("at").topIsExact()).isFalse();
    assertThat(p.column("at").top(5)).isEmpty();
    assertThat(TableProfile.summary(p.column("at"))).containsEntry("min_time", "2023-11-14T22:13:20Z");
    assertThat(p.column("n").top(1).get(0).value()).isEqualTo("0");
  }

  @Test
  void goldenVersion1FileReadsBackWithItsMetrics() throws IOException {
    Path golden = Path.of("src/test/resources/golden/profile-v1.bin");
    if (Boolean.getBoolean("vigil.writeGolden")) {
      Files.write(golden, Profiler.profileOf(goldenTable()).toBytes());
    }
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/golden/profile-v1.bin")) {
      bytes = in.readAllBytes();
    }
    TableProfile p = TableProfile.fromBytes(bytes, "profile-v1.bin");
    checkGoldenMetrics(p);
    // today's writer still produces the version-1 bytes for the same table
    assertThat(Profiler.profileOf(goldenTable()).toBytes()).isEqualTo(bytes);
  }

  @Test
  void jsonFormCarriesReadableMetricsAndTheState() {
    TableProfile p = Profiler.profileOf(goldenTable());
    var m = p.toMap();
    assertThat(m.get("rows")).isEqualTo(100L);
    @SuppressWarnings("unchecked")
    var cols = (java.util.List<java.util.Map<String, Object>>) m.get("columns");
    assertThat(cols.get(0)).containsKeys("name", "type", "count", "missing", "distinct", "mean", "std", "min", "max", "quantiles", "top", "state");
    checkGoldenMetrics(TableProfile.fromMap(m, "mem"));
  }

  @Test
  void rejectsBytesThatAreNotAProfile() {
    assertThatThrownBy(() -> TableProfile.fromBytes("hello world".getBytes(), "notes.txt"))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("notes.txt").hasMessageContaining("VGPF");
    byte[] ok = Profiler.profileOf(goldenTable()).toBytes();
    assertThatThrownBy(() -> TableProfile.fromBytes(java.util.Arrays.copyOf(ok, ok.length / 2), "cut.bin"))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("cut.bin");
  }

  @Test
  void serialisedSizeStaysBoundedRegardlessOfRowCount() {
    java.util.Random r = new java.util.Random(7);
    int n = 200_000;
    double[] v = new double[n];
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian();
      s[i] = "user-" + r.nextInt(1_000_000) + "-" + "x".repeat(r.nextInt(300));
    }
    TableProfile p = Profiler.profileOf(Table.of(DoubleColumn.of("v", v), StringColumn.of("s", s)));
    assertThat(p.toBytes().length / 2).isLessThan(50 * 1024);
  }
}
