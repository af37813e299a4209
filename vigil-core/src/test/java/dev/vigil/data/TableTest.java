package dev.vigil.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  private static Table sample() {
    return Table.of(
        DoubleColumn.of("x", new double[] {1.5, Double.NaN, 3, 4}, new boolean[] {false, false, true, false}),
        LongColumn.of("n", 1, 2, 3, 4),
        BooleanColumn.of("b", new boolean[] {true, false, true, false}, new boolean[] {false, true, false, false}),
        CategoricalColumn.of("c", "a", null, "b", "a"),
        StringColumn.of("s", "x", "y", null, ""),
        TimestampColumn.of("t", 0L, 1_000_000L, 2_000_000L, -1L));
  }

  @Test
  void keepsNaNDistinctFromMissing() {
    DoubleColumn x = sample().doubleColumn("x");
    assertThat(x.isMissing(1)).isFalse();
    assertThat(Double.isNaN(x.get(1))).isTrue();
    assertThat(x.isMissing(2)).isTrue();
    assertThat(x.missingCount()).isEqualTo(1);
    assertThat(x.nanCount()).isEqualTo(1);
    assertThat(x.getObject(2)).isNull();
  }

  @Test
  void schemaMarksNullableExactlyWhereValuesAreMissing() {
    Schema s = sample().schema();
    assertThat(s.field("x").nullable()).isTrue();
    assertThat(s.field("n").nullable()).isFalse();
    assertThat(s.field("c").type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(s.names()).containsExactly("x", "n", "b", "c", "s", "t");
  }

  @Test
  void sliceSharesValuesAndShiftsMask() {
    Table t = sample().slice(1, 3);
    assertThat(t.rowCount()).isEqualTo(2);
    assertThat(t.doubleColumn("x").isMissing(0)).isFalse();
    assertThat(t.doubleColumn("x").isMissing(1)).isTrue();
    assertThat(t.categoricalColumn("c").get(0)).isNull();
    assertThat(t.categoricalColumn("c").get(1)).isEqualTo("b");
    assertThat(t.stringColumn("s").get(1)).isNull();
  }

  @Test
  void selectCopiesRowsInOrderWithRepeats() {
    Table t = sample().select(new int[] {3, 0, 3});
    assertThat(t.longColumn("n").toArray()).containsExactly(4, 1, 4);
    assertThat(t.stringColumn("s").get(0)).isEqualTo("");
    assertThat(t.timestampColumn("t").get(0)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    assertThat(t.booleanColumn("b").isMissing(0)).isFalse();
  }

  @Test
  void projectKeepsOrderAndRejectsUnknownNames() {
    assertThat(sample().project("s", "x").columnNames()).containsExactly("s", "x");
    assertThatThrownBy(() -> sample().project("x", "nope"))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("\"nope\"").hasMessageContaining("[x, n, b, c, s, t]");
  }

  @Test
  void typedAccessorNamesExpectedAndFoundType() {
    assertThatThrownBy(() -> sample().doubleColumn("n"))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessage("column \"n\": expected double, found long");
  }

  @Test
  void concatMergesCategoricalDictionaries() {
    Table a = Table.of(CategoricalColumn.of("c", "x", "y"));
    Table b = Table.of(CategoricalColumn.of("c", "z", null, "x"));
    CategoricalColumn c = Table.concat(List.of(a, b)).categoricalColumn("c");
    assertThat(c.size()).isEqualTo(5);
    assertThat(List.of(c.get(0), c.get(1), c.get(2), c.get(4))).containsExactly("x", "y", "z", "x");
    assertThat(c.isMissing(3)).isTrue();
    assertThat(c.dictionary()).containsExactly("x", "y", "z");
  }

  @Test
  void concatRejectsDifferentSchemas() {
    Table a = Table.of(DoubleColumn.of("x", 1));
    Table b = Table.of(LongColumn.of("x", 1));
    assertThatThrownBy(() -> Table.concat(List.of(a, b)))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("\"x\" (long), expected \"x\" (double)");
  }

  @Test
  void rejectsColumnsOfDifferentLengthsAndDuplicateNames() {
    assertThatThrownBy(() -> Table.of(DoubleColumn.of("x", 1, 2), DoubleColumn.of("y", 1)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("\"y\" has 1 rows");
    assertThatThrownBy(() -> Table.of(DoubleColumn.of("x", 1), LongColumn.of("x", 1)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("duplicate column name \"x\"");
  }

  @Test
  void chunksCoverEveryRowOnceWithoutCopying() {
    Table t = Synthetic.gaussian(1001, 3, 1);
    List<Table> chunks = new ArrayList<>();
    t.chunks(100).forEach(chunks::add);
    assertThat(chunks).hasSize(11);
    assertThat(chunks.get(10).rowCount()).isEqualTo(1);
    assertThat(Table.concat(chunks).doubleColumn("x2").toArray()).containsExactly(t.doubleColumn("x2").toArray());
    assertThatThrownBy(() -> t.chunks(0)).isInstanceOf(InvalidArgumentException.class)
        .hasMessage("chunkRows must be >= 1: 0");
  }

  @Test
  void categoricalOfCodesRejectsCodesPastDictionary() {
    assertThatThrownBy(() -> CategoricalColumn.ofCodes("c", new int[] {0, 2}, List.of("a", "b")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("code 2 at row 1");
  }

  @Test
  void builderParsesTextValuesAndNamesTheColumnOnFailure() {
    assertThat(DoubleColumn.builder("x").addObject(" 2.5 ").build().get(0)).isEqualTo(2.5);
    assertThatThrownBy(() -> LongColumn.builder("n").addObject("2.5x"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("expected an integer for column \"n\", found \"2.5x\"");
    assertThat(TimestampColumn.builder("t", java.time.ZoneOffset.UTC).addObject("2024-03-01 10:00:00").build().format(0))
        .isEqualTo("2024-03-01T10:00:00Z");
  }

  @Test
  void syntheticScansAreDeterministicAndImbalanced() {
    Table a = Synthetic.hospitalScans(2000, 42);
    Table b = Synthetic.hospitalScans(2000, 42);
    assertThat(a.doubleColumn("mean_hu").toArray()).containsExactly(b.doubleColumn("mean_hu").toArray());
    long pos = 0;
    for (long v : a.longColumn("malignant").toArray()) {
      pos += v;
    }
    assertThat(pos).isBetween(60L, 300L);
    assertThat(a.categoricalColumn("site").dictionarySize()).isEqualTo(5);
    assertThat(a.doubleColumn("age").missingCount()).isPositive();
  }
}
