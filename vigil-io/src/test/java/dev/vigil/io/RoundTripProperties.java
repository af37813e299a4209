package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** CSV → Parquet → JSON Lines → CSV keeps every value and every missing value. */
class RoundTripProperties {
  private static Path dir;

  @BeforeContainer
  static void makeDir() throws IOException {
    dir = Files.createTempDirectory("vigil-roundtrip");
  }

  @AfterContainer
  static void removeDir() throws IOException {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property(tries = 25, seed = "20261129")
  void csvParquetJsonlCsvPreservesValuesAndMissing(@ForAll("tables") Table original) {
    ReadOptions typed = ReadOptions.builder().schema(original.schema()).build();
    Path csv = dir.resolve("a.csv");
    Path parquet = dir.resolve("b.parquet");
    Path jsonl = dir.resolve("c.jsonl");
    Path csv2 = dir.resolve("d.csv");
    Tables.write(original, csv);
    Table t1 = Tables.read(csv, typed);
    Tables.write(t1, parquet);
    Table t2 = Tables.read(parquet, typed);
    Tables.write(t2, jsonl);
    Table t3 = Tables.read(jsonl, typed);
    Tables.write(t3, csv2);
    Table back = Tables.read(csv2, typed);
    assertSameValues(original, back);
  }

  static void assertSameValues(Table a, Table b) {
    assertThat(b.columnNames()).isEqualTo(a.columnNames());
    assertThat(b.rowCount()).isEqualTo(a.rowCount());
    for (int j = 0; j < a.columnCount(); j++) {
      Column x = a.column(j);
      Column y = b.column(j);
      assertThat(y.type()).as(x.name()).isEqualTo(x.type());
      for (int i = 0; i < a.rowCount(); i++) {
        assertThat(y.isMissing(i)).as("%s row %d missing", x.name(), i).isEqualTo(x.isMissing(i));
        if (!x.isMissing(i)) {
          if (x instanceof DoubleColumn dx) {
            assertThat(Double.compare(dx.get(i), ((DoubleColumn) y).get(i)))
                .as("%s row %d: %s vs %s", x.name(), i, dx.get(i), ((DoubleColumn) y).get(i)).isZero();
          } else {
            assertThat(y.getObject(i)).as("%s row %d", x.name(), i).isEqualTo(x.getObject(i));
          }
        }
      }
    }
  }

  @Provide
  Arbitrary<Table> tables() {
    return Arbitraries.integers().between(1, 40).flatMap(n -> {
      Arbitrary<double[]> d = Arbitraries.oneOf(
              Arbitraries.doubles().between(-1e12, 1e12),
              Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 1e-300, 1e300,
                  Double.MIN_VALUE, Double.MAX_VALUE, 123456789.123456789))
          .array(double[].class).ofSize(n);
      Arbitrary<long[]> l = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(Long.MIN_VALUE + 1, Long.MAX_VALUE, 0L))
          .array(long[].class).ofSize(n);
      Arbitrary<boolean[]> masks = Arbitraries.of(true, false, false, false).array(boolean[].class).ofSize(n);
      Arbitrary<String[]> text = Arbitraries.oneOf(
              Arbitraries.strings().ofMinLength(0).ofMaxLength(12).withChars("ab ,\"\n\t;é漢'"),
              Arbitraries.of("", "NA", "null", "1", "true", "2024-01-01"))
          .array(String[].class).ofSize(n);
      Arbitrary<String[]> cats = Arbitraries.of("red", "green", "blue", "with,comma", "q\"uote")
          .array(String[].class).ofSize(n);
      Arbitrary<long[]> ts = Arbitraries.longs().between(-2_208_988_800_000_000L, 4_102_444_800_000_000L)
          .array(long[].class).ofSize(n);
      return Combinators.combine(d, l, masks, text, cats, ts, masks, masks).as((dv, lv, m, sv, cv, tv, m2, m3) -> {
        boolean[] bv = new boolean[n];
        for (int i = 0; i < n; i++) {
          bv[i] = (lv[i] & 1) == 0;
          if (m2[i]) {
            sv[i] = null;
          }
          if (m3[i]) {
            cv[i] = null;
          }
        }
        return Table.of(
            DoubleColumn.of("d", dv, m),
            LongColumn.of("l", lv, m2),
            BooleanColumn.of("b", bv, m3),
            StringColumn.of("s", sv),
            CategoricalColumn.of("c", cv),
            TimestampColumn.of("t", tv, m, java.time.ZoneOffset.UTC));
      });
    });
  }

  @Property(tries = 1)
  void allMissingColumnsSurvive() {
    Table t = Table.of(DoubleColumn.of("d", new double[] {0, 0}, new boolean[] {true, true}),
        StringColumn.of("s", null, null));
    csvParquetJsonlCsvPreservesValuesAndMissing(t);
  }

  @SuppressWarnings("unused")
  private static List<String> names(Table t) {
    return t.columnNames();
  }
}
