package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.DataFormatException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftReferenceTest {
  static Table table(int n, long seed) {
    double[] v = DriftTest.normal(seed, n, 0);
    boolean[] miss = new boolean[n];
    boolean[] b = new boolean[n];
    for (int i = 0; i < n; i++) {
      miss[i] = i % 7 == 3;
      b[i] = v[i] > 0.3;
    }
    String[] c = DriftTest.cats(seed, n, new String[] {"a", "b", "c"}, new double[] {0.2, 0.3, 0.5});
    return Table.of(DoubleColumn.of("x", v, miss), CategoricalColumn.of("c", c), BooleanColumn.of("b", b));
  }

  @Property(tries = 50)
  void mergeOfSplitsEqualsWhole(@ForAll @IntRange(min = 0, max = 120) int split) {
    Table t = table(120, 9);
    DriftReference whole = DriftReference.of(t);
    DriftReference left = DriftReference.of(t.slice(0, split));
    DriftReference right = DriftReference.of(t.slice(split, 120));
    assertThat(left.merge(right)).isEqualTo(whole);
    assertThat(right.merge(left)).isEqualTo(whole);
    assertThat(DriftReference.empty().merge(whole)).isEqualTo(whole);
  }

  @Test
  void roundTripsThroughBytesAndFiles(@TempDir Path dir) {
    DriftReference r = DriftReference.of(table(200, 3));
    assertThat(DriftReference.fromBytes(r.toBytes())).isEqualTo(r);
    Path f = dir.resolve("ref.vigil");
    r.write(f);
    assertThat(DriftReference.isReferenceFile(f)).isTrue();
    assertThat(DriftReference.read(f)).isEqualTo(r);
    assertThat(r.missing("x")).isEqualTo(29);
  }

  @Test
  void storedReferenceGivesTheSameResultAsTheTable() {
    Table ref = table(300, 1);
    Table cur = table(250, 2);
    DriftResult a = Drift.compare(ref, cur, DriftOptions.defaults());
    DriftResult b = Drift.compare(DriftReference.fromBytes(DriftReference.of(ref).toBytes()), cur, DriftOptions.defaults());
    assertThat(b.toReport().data()).isEqualTo(a.toReport().data());
  }

  @Test
  void rejectsOtherFormatsAndVersions() {
    assertThatThrownBy(() -> DriftReference.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("VGDR");
    byte[] b = DriftReference.of(table(10, 1)).toBytes();
    b[7] = 99;
    assertThatThrownBy(() -> DriftReference.fromBytes(b)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("format version 1").hasMessageContaining("99");
  }

  /** The bytes written by format version 1 stay readable and mean the same reference. */
  @Test
  void readsTheGoldenVersionOneFile() throws Exception {
    byte[] golden;
    try (java.io.InputStream in = DriftReferenceTest.class.getResourceAsStream("/golden/drift-reference-v1.vigil")) {
      golden = in.readAllBytes();
    }
    Table t = Table.of(DoubleColumn.of("x", new double[] {1.5, -2.0, 3.25, 0.0, 7.0}, new boolean[] {false, false, true, false, false}),
        CategoricalColumn.of("c", "a", "b", "a", "c", "a"), BooleanColumn.of("b", true, false, true, true, false));
    DriftReference r = DriftReference.fromBytes(golden);
    assertThat(r).isEqualTo(DriftReference.of(t));
    assertThat(r.rows()).isEqualTo(5);
    assertThat(r.missing("x")).isEqualTo(1);
    assertThat(r.kind("c")).isEqualTo(FeatureKind.CATEGORICAL);
  }
}
