package dev.vigil.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OutputComparisonTest {
  @Test
  void regressionAgreesOnlyWithinTheRelativeTolerance() {
    Predictions served = Predictions.single(1000.0, 0.2, 3.0);
    Predictions other = Predictions.single(1000.0009, 0.2000005, 3.6);
    OutputComparison c = OutputComparison.of(Signature.OutputKind.REGRESSION, served, other);
    // 0.0009 <= 1e-6 * 1000 and 5e-7 <= 1e-6 * max(1, 0.2); 0.6 is not, although both are above 0.5
    assertThat(c.rows()).isEqualTo(3);
    assertThat(c.agreeingRows()).isEqualTo(2);
    assertThat(c.allAgree()).isFalse();
    assertThat(c.meanScoreDifference()).isCloseTo((0.0009 + 0.0000005 + 0.6) / 3, within(1e-12));
  }

  @Test
  void aSingleScoreAgreesBySideOfOneHalf() {
    OutputComparison c = OutputComparison.of(Signature.OutputKind.SCORE, Predictions.single(0.5, 0.49, 0.9),
        Predictions.single(0.99, 0.51, 0.6));
    assertThat(c.agreeingRows()).isEqualTo(2);
  }

  @Test
  void severalOutputsAgreeByTopClassAndDifferentWidthsNever() {
    Predictions a = Predictions.of(2, 3, new double[] {0.2, 0.5, 0.3, 0.6, 0.3, 0.1});
    Predictions b = Predictions.of(2, 3, new double[] {0.1, 0.45, 0.45, 0.3, 0.6, 0.1});
    assertThat(OutputComparison.of(Signature.OutputKind.PROBABILITIES, a, b).agreeingRows()).isEqualTo(1);
    assertThat(OutputComparison.agree(Signature.OutputKind.PROBABILITIES, Predictions.binary(0.7), Predictions.single(0.7), 0))
        .isFalse();
  }
}
