package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.ColumnType;
import dev.vigil.data.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReadTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  @Test
  void readsHeaderQuotingEscapesAndBom() throws IOException {
    Path p = file("q.csv", "\uFEFFid,name,score\n1,\"a \"\"q\"\" b\",1.5\n2,\"line\nbreak\",\n3,\"\",NaN\n4,,2\n");
    Table t = Tables.read(p);
    assertThat(t.columnNames()).containsExactly("id", "name", "score");
    assertThat(t.schema().field("id").type()).isEqualTo(ColumnType.LONG);
    assertThat(t.column("name").getObject(0)).isEqualTo("a \"q\" b");
    assertThat(t.column("name").getObject(1)).isEqualTo("line\nbreak");
    assertThat(t.column("name").getObject(2)).as("a quoted empty field is an empty string").isEqualTo("");
    assertThat(t.column("name").isMissing(3)).as("an empty field is missing").isTrue();
    assertThat(t.doubleColumn("score").isMissing(1)).isTrue();
    assertThat(Double.isNaN(t.doubleColumn("score").get(2))).isTrue();
    assertThat(t.doubleColumn("score").isMissing(2)).isFalse();
  }

  @Test
  void reportsNaNCountsInTheSummary() throws IOException {
    Path p = file("n.csv", "x\n1\nNaN\nnan\n2\n");
    try (TableReader r = Tables.open(p, ReadOptions.defaults())) {
      Table t = r.readAll();
      assertThat(t.doubleColumn("x").nanCount()).isEqualTo(2);
      assertThat(r.summary().nanCounts()).containsEntry("x", 2L);
      assertThat(r.summary().rowsRead()).isEqualTo(4);
    }
  }

  @Test
  void infersTypesAndHonoursOverrides() throws IOException {
    Path p = file("t.csv", "a,b,c,d,e\n1,x,true,2024-01-02 03:04:05,0.5\n2,x,false,2024-01-03 00:00:00,1\n3,y,true,,2\n4,x,false,2024-02-01 00:00:00,3\n");
    Table t = Tables.read(p);
    assertThat(t.schema().fields()).extracting(f -> f.type()).containsExactly(
        ColumnType.LONG, ColumnType.CATEGORICAL, ColumnType.BOOLEAN, ColumnType.TIMESTAMP, ColumnType.DOUBLE);
    assertThat(t.timestampColumn("d").format(0)).isEqualTo("2024-01-02T03:04:05Z");
    assertThat(t.timestampColumn("d").isMissing(2)).isTrue();

    Table o = Tables.read(p, ReadOptions.builder().type("a", ColumnType.DOUBLE).type("b", ColumnType.STRING).build());
    assertThat(o.schema().field("a").type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(o.schema().field("b").type()).isEqualTo(ColumnType.STRING);
  }

  @Test
  void nearUniqueTextIsStringAndRepeatedTextIsCategorical() throws IOException {
    StringBuilder s = new StringBuilder("id,grp\n");
    for (int i = 0; i < 100; i++) {
      s.append("u").append(i).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
    }
    Table t = Tables.read(file("u.csv", s.toString()));
    assertThat(t.schema().field("id").type()).isEqualTo(ColumnType.STRING);
    assertThat(t.schema().field("grp").type()).isEqualTo(ColumnType.CATEGORICAL);
  }

  @Test
  void readsTsvAndProjectsColumns() throws IOException {
    Path p = file("t.tsv", "a\tb\tc\n1\t2\t3\n4\t5\t6\n");
    Table t = Tables.read(p, ReadOptions.builder().columns(List.of("c", "a")).build());
    assertThat(t.columnNames()).containsExactly("c", "a");
    assertThat(t.longColumn("c").toArray()).containsExactly(3, 6);
  }

  @Test
  void chunkedReadingEqualsWholeRead() throws IOException {
    StringBuilder s = new StringBuilder("x,k\n");
    for (int i = 0; i < 1000; i++) {
      s.append(i % 7 == 0 ? "" : String.valueOf(i * 0.25)).append(',').append("k").append(i % 4).append('\n');
    }
    Path p = file("c.csv", s.toString());
    Table whole = Tables.read(p);
    List<Table> chunks = new ArrayList<>();
    try (TableReader r = Tables.open(p, ReadOptions.builder().chunkRows(64).build())) {
      r.forEachRemaining(chunks::add);
    }
    assertThat(chunks).hasSize(16);
    assertThat(chunks).allMatch(c -> c.rowCount() <= 64);
    Table again = Table.concat(chunks);
    for (int i = 0; i < whole.rowCount(); i++) {
      assertThat(again.row(i)).isEqualTo(whole.row(i));
    }
  }

  @Test
  void headerOnlyFileIsAnEmptyTable() throws IOException {
    Table t = Tables.read(file("h.csv", "a,b\n"), ReadOptions.builder().type("a", ColumnType.DOUBLE).build());
    assertThat(t.rowCount()).isZero();
    assertThat(t.columnNames()).containsExactly("a", "b");
  }
}
