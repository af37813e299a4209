package dev.vigil.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TableProperties {
  @Property(tries = 200, seed = "7")
  void concatOfSlicesEqualsWhole(@ForAll @Size(max = 300) List<@IntRange(min = -5, max = 5) Integer> values,
      @ForAll @IntRange(min = 1, max = 50) int chunk) {
    DoubleColumn.Builder d = DoubleColumn.builder("d");
    CategoricalColumn.Builder c = CategoricalColumn.builder("c");
    for (int v : values) {
      if (v == 0) {
        d.addMissing();
        c.add(null);
      } else {
        d.add(v == 5 ? Double.NaN : v);
        c.add("k" + Math.abs(v));
      }
    }
    Table whole = Table.of(d.build(), c.build());
    List<Table> parts = new ArrayList<>();
    whole.chunks(chunk).forEach(parts::add);
    Table again = parts.isEmpty() ? whole : Table.concat(parts);
    assertThat(again.rowCount()).isEqualTo(whole.rowCount());
    for (int i = 0; i < whole.rowCount(); i++) {
      assertThat(again.row(i)).isEqualTo(whole.row(i));
    }
    assertThat(again.doubleColumn("d").missingCount()).isEqualTo(whole.doubleColumn("d").missingCount());
  }

  @Property(tries = 200, seed = "7")
  void selectOfAllRowsIsIdentity(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 3) Integer> values) {
    LongColumn.Builder b = LongColumn.builder("n");
    for (int v : values) {
      if (v == 0) {
        b.addMissing();
      } else {
        b.add(v);
      }
    }
    Table t = Table.of(b.build());
    int[] rows = new int[t.rowCount()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    Table s = t.select(rows);
    for (int i = 0; i < rows.length; i++) {
      assertThat(s.row(i)).isEqualTo(t.row(i));
    }
  }
}
