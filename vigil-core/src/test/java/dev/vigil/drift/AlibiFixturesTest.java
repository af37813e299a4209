package dev.vigil.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.Table;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * alibi-detect's {@code alibi_detect/cd/tests/test_chisquare.py} (@ 22af47f9c23d7c43f56e473b8b9e29e5baae4ad9)
 * in {@code --compat alibi}: 6 categorical features, categories 0..4 tiled 20 times; the reference
 * against itself does not drift, against itself + 1 (a new category 5, category 0 gone) it does, at
 * alibi-detect's Bonferroni threshold p_val / n_features. alibi-detect's other {@code cd} tests assert
 * verdicts on unseeded random data only; its formulas are checked against SciPy in {@code CompatTest}.
 */
class AlibiFixturesTest {
  static Table tiled(int shift) {
    List<Column> cols = new ArrayList<>();
    for (int f = 0; f < 6; f++) {
      String[] v = new String[100];
      for (int i = 0; i < 100; i++) {
        v[i] = Integer.toString(i % 5 + shift);
      }
      cols.add(CategoricalColumn.of("f" + f, v));
    }
    return Table.of(cols.toArray(new Column[0]));
  }

  @Test
  void alibisChiSquareDriftTestIsReproduced() {
    DriftOptions alibi = DriftOptions.defaults().withCompat(Compat.ALIBI);
    DriftResult same = Drift.compare(tiled(0), tiled(0), alibi);
    assertThat(same.drift()).isFalse();
    assertThat(same.features()).allSatisfy(f -> assertThat(f.pValue()).isCloseTo(1.0, within(1e-12)));
    DriftResult shifted = Drift.compare(tiled(0), tiled(1), alibi);
    assertThat(shifted.drift()).isTrue();
    assertThat(shifted.driftedFeatures()).isEqualTo(6);
    for (FeatureDrift f : shifted.features()) {
      // SciPy chi2_contingency([[20]*5, [0, 20, 20, 20, 20]]): 18.0, p = 0.0012340980408667957, 4 dof;
      // the new category 5 is not one of the reference's, so alibi-detect does not count it
      assertThat(f.method()).isEqualTo(DriftMethod.CHI2);
      assertThat(f.statistic()).isCloseTo(18.0, within(1e-9));
      assertThat(f.pValue()).isCloseTo(0.0012340980408667957, within(1e-12));
      assertThat(f.pValue()).isLessThan(0.05 / 6);
      assertThat(f.adjustedPValue()).isCloseTo(6 * 0.0012340980408667957, within(1e-12));
    }
  }
}
