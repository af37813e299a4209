package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.DataFormatException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.StoreException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad-input case names the file, the line or row, the column and what was expected. */
class BadInputTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  @Test
  void unparseableValueForDeclaredTypeNamesLineColumnAndExpectation() throws IOException {
    Path p = file("v.csv", "a,b\n1,x\n2,y\nabc,z\n4,w\n");
    assertThatThrownBy(() -> Tables.read(p, ReadOptions.builder().type("a", ColumnType.DOUBLE).build()))
        .isInstanceOfSatisfying(DataFormatException.class, e -> {
          assertThat(e.source()).isEqualTo(p.toString());
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.column()).contains("a");
          assertThat(e.expected()).hasValueSatisfying(x -> assertThat(x).contains("double"));
          assertThat(e.found()).contains("abc");
        })
        .hasMessageStartingWith(p + ": line 4, column \"a\": expected double");
  }

  @Test
  void raggedLinesNameTheLineAndTheFieldCounts() throws IOException {
    Path p = file("r.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n");
    assertThatThrownBy(() -> Tables.read(p))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(p + ": line 3")
        .hasMessageContaining("expected 3 fields, found \"2 fields: 4,5\"")
        .hasMessageContaining("ragged line");
    Path q = file("r2.csv", "a,b,c\n1,2,3\n4,5,6,7\n");
    assertThatThrownBy(() -> Tables.read(q))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(q + ": line 3").hasMessageContaining("expected 3 fields, found \"4 fields");
  }

  @Test
  void malformedQuotingIsABadRow() throws IOException {
    Path p = file("m.csv", "a,b\n1,\"open\n2,x\n");
    assertThatThrownBy(() -> Tables.read(p)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining(p.toString()).hasMessageContaining("line 2");
  }

  @Test
  void emptyFileIsAnError() throws IOException {
    Path p = file("e.csv", "");
    assertThatThrownBy(() -> Tables.read(p)).isInstanceOf(DataFormatException.class)
        .hasMessage(p + ": expected a header line (the file is empty)");
    Path j = file("e.jsonl", "");
    assertThatThrownBy(() -> Tables.read(j)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("expected at least one JSON object");
  }

  @Test
  void unknownColumnsAreNamedWithTheColumnsThatExist() throws IOException {
    Path p = file("u.csv", "a,b\n1,2\n");
    assertThatThrownBy(() -> Tables.read(p, ReadOptions.builder().type("zz", ColumnType.DOUBLE).build()))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining(p.toString()).hasMessageContaining("\"zz\"").hasMessageContaining("[a, b]");
    assertThatThrownBy(() -> Tables.read(p, ReadOptions.builder().columns(List.of("a", "nope")).build()))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("unknown column \"nope\"");
  }

  @Test
  void missingFileIsAStoreError() {
    Path p = dir.resolve("absent.csv");
    assertThatThrownBy(() -> Tables.read(p)).isInstanceOf(StoreException.class)
        .hasMessage(p + ": no such file");
  }

  @Test
  void skipDropsAndCountsBadRows() throws IOException {
    Path p = file("s.csv", "a,b\n1,x\nbad,y\n3\n4,z\n");
    try (TableReader r = Tables.open(p, ReadOptions.builder().type("a", ColumnType.LONG).badRows(BadRowPolicy.SKIP).build())) {
      Table t = r.readAll();
      assertThat(t.longColumn("a").toArray()).containsExactly(1, 4);
      assertThat(r.summary().rowsSkipped()).isEqualTo(2);
      assertThat(r.summary().problems()).hasSize(2);
      assertThat(r.summary().problems().get(0)).contains("line 3").contains("column \"a\"");
    }
  }

  @Test
  void quarantineWritesEveryBadRowWithItsPlace() throws IOException {
    Path p = file("s.csv", "a,b\n1,x\nbad,y\n3\n4,z\n");
    Path q = dir.resolve("quarantine.csv");
    try (TableReader r = Tables.open(p, ReadOptions.builder().type("a", ColumnType.LONG)
        .badRows(BadRowPolicy.quarantine(q)).build())) {
      assertThat(r.readAll().rowCount()).isEqualTo(2);
      assertThat(r.summary().rowsSkipped()).isEqualTo(2);
    }
    List<String> lines = Files.readAllLines(q);
    assertThat(lines.get(0)).isEqualTo("source,line,row,column,error,raw");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains(",3,,a,").endsWith("bad,y\"");
    assertThat(lines.get(2)).contains(",4,,").contains("ragged line");
  }

  @Test
  void malformedJsonLineIsNamedByLine() throws IOException {
    Path p = file("b.jsonl", "{\"a\":1}\n{\"a\":2}\n{\"a\":3\n{\"a\":4}\n");
    assertThatThrownBy(() -> Tables.read(p)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining(p + ": line 3").hasMessageContaining("expected one JSON object per line");
    try (TableReader r = Tables.open(p, ReadOptions.builder().badRows(BadRowPolicy.SKIP).build())) {
      assertThat(r.readAll().longColumn("a").toArray()).containsExactly(1, 2, 4);
      assertThat(r.summary().rowsSkipped()).isEqualTo(1);
    }
  }

  @Test
  void jsonValueThatDoesNotCastNamesRowAndColumn() throws IOException {
    Path p = file("c.jsonl", "{\"a\":\"1\"}\n{\"a\":\"two\"}\n{\"a\":\"3\"}\n");
    assertThatThrownBy(() -> Tables.read(p, ReadOptions.builder().type("a", ColumnType.LONG).build()))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(p + ": row 2, column \"a\": expected long, found \"two\"");
  }

  @Test
  void corruptParquetIsNamed() throws IOException {
    Path p = file("x.parquet", "this is not parquet at all");
    assertThatThrownBy(() -> Tables.read(p)).isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(p + ":");
  }

  @Test
  void unknownExtensionAsksForAFormat() throws IOException {
    Path p = file("x.dat", "a\n1\n");
    assertThatThrownBy(() -> Tables.read(p)).hasMessageContaining("cannot tell the format of " + p);
    assertThat(Tables.read(p, ReadOptions.builder().format(DataFormat.CSV).build()).rowCount()).isEqualTo(1);
  }

  @Test
  void schemaFileErrorsNameTheField() {
    assertThatThrownBy(() -> SchemaJson.fromJson("{\"fields\":[{\"name\":\"a\",\"type\":\"decimal\"}]}", "s.json"))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("s.json: column \"fields[0].type\": expected double, long, boolean, categorical, string or timestamp, found \"decimal\"");
  }
}
