package dev.vigil.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import org.junit.jupiter.api.Test;

class CleaningTest {
  static final Table T = Table.of(LongColumn.of("id", 1, 2, 1, 3, 2),
      StringColumn.of("name", "  Ann ", "Bob", "  Ann ", "Ｃａｔ  Two", "Bobby"),
      StringColumn.of("n", "1", "2", "1", "x", "5.5"));

  @Test
  void dedupeExactAndByKeyReportsTheRemovedRows() {
    Cleaning.Result exact = Cleaning.dedupe(T);
    assertThat(exact.table().rowCount()).isEqualTo(4);
    assertThat(exact.affected()).isEqualTo(1);
    assertThat(exact.examples().get(0)).containsEntry("row", 2);
    Cleaning.Result byId = Cleaning.dedupe(T, "id");
    assertThat(byId.table().longColumn("id").toArray()).containsExactly(1, 2, 3);
    assertThat(byId.affected()).isEqualTo(2);
  }

  @Test
  void normalisesWhitespaceWidthAndCase() {
    Cleaning.Result r = Cleaning.normalizeStrings(T, true);
    assertThat(r.table().stringColumn("name").get(0)).isEqualTo("ann");
    assertThat(r.table().stringColumn("name").get(3)).isEqualTo("cat two");
    assertThat(r.affected()).isEqualTo(5);
  }

  @Test
  void castReportsWhatDidNotCast() {
    Cleaning.Result r = Cleaning.cast(T, "n", ColumnType.LONG);
    assertThat(r.table().longColumn("n").get(0)).isEqualTo(1);
    assertThat(r.table().column("n").missingCount()).isEqualTo(2);
    assertThat(r.table().longColumn("n").get(2)).isEqualTo(1);
    assertThat(r.affected()).isEqualTo(2);
    assertThat(r.examples()).extracting(e -> e.get("value")).containsExactly("x", "5.5");
    assertThat(Cleaning.cast(T, "n", ColumnType.DOUBLE).affected()).isEqualTo(1);
    assertThatThrownBy(() -> Cleaning.cast(T, "id", ColumnType.DOUBLE)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("\"id\"").hasMessageContaining("long");
  }
}
