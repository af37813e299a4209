package dev.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineDiffTest {
  private static final PipelineSpec SPEC = new PipelineSpec(List.of(
      StepSpec.of("impute", "x", "strategy", "mean"), StepSpec.of("scale", "x", "method", "standard"),
      StepSpec.of("onehot", "site")));

  @Test
  void aPipelineDiffersFromItselfInNothing() {
    FeaturePipeline p = FeaturePipeline.fit(SPEC, Table.of(DoubleColumn.of("x", 1, 2, 3), CategoricalColumn.of("site", "a", "b", "a")));
    PipelineDiff d = PipelineDiff.between(p, FeaturePipeline.fromMap(p.toMap()));
    assertThat(d.isEmpty()).isTrue();
    assertThat(d.toMap()).containsEntry("identical", true);
  }

  @Test
  void refitOnOtherDataShowsNewStatisticsAndCategories() {
    FeaturePipeline a = FeaturePipeline.fit(SPEC, Table.of(DoubleColumn.of("x", 1, 2, 3), CategoricalColumn.of("site", "a", "b", "a")));
    FeaturePipeline b = FeaturePipeline.fit(SPEC, Table.of(DoubleColumn.of("x", 2, 4, 6, 8), CategoricalColumn.of("site", "a", "c", "c", "a")));
    PipelineDiff d = PipelineDiff.between(a, b);
    assertThat(d.isEmpty()).isFalse();
    assertThat(d.outputsAdded()).containsExactly("site=c");
    assertThat(d.outputsRemoved()).containsExactly("site=b");
    assertThat(d.stepsAdded()).isEmpty();
    // means by hand: (1+2+3)/3 = 2 and (2+4+6+8)/4 = 5
    PipelineDiff.Change imputed = change(d, "impute(x)", "value");
    assertThat(((Number) imputed.before()).doubleValue()).isEqualTo(2.0);
    assertThat(((Number) imputed.after()).doubleValue()).isEqualTo(5.0);
    assertThat(imputed.delta()).isEqualTo(3.0);
    PipelineDiff.Change centre = change(d, "scale(x)", "center");
    assertThat(centre.delta()).isEqualTo(3.0);
    // population standard deviations: sqrt(2/3) and sqrt(5)
    PipelineDiff.Change scale = change(d, "scale(x)", "scale");
    assertThat(((Number) scale.before()).doubleValue()).isCloseTo(Math.sqrt(2.0 / 3), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(((Number) scale.after()).doubleValue()).isCloseTo(Math.sqrt(5.0), org.assertj.core.data.Offset.offset(1e-12));
    PipelineDiff.Change cats = change(d, "onehot(site)", "categories");
    assertThat(cats.added()).containsExactly("c");
    assertThat(cats.removed()).containsExactly("b");
  }

  @Test
  void stepsAndOptionsAddedOrRemovedAreNamed() {
    Table t = Table.of(DoubleColumn.of("x", 1, 2, 3, 10), DoubleColumn.of("y", 0, 1, 0, 1), CategoricalColumn.of("site", "a", "b", "a", "a"));
    FeaturePipeline a = FeaturePipeline.fit(SPEC, t);
    FeaturePipeline b = FeaturePipeline.fit(new PipelineSpec(List.of(
        StepSpec.of("impute", "x", "strategy", "median"), StepSpec.of("clip", "x", "lower", "0", "upper", "5"),
        StepSpec.of("scale", "x", "method", "standard"), StepSpec.of("scale", "y", "method", "minmax"))), t);
    PipelineDiff d = PipelineDiff.between(a, b);
    assertThat(d.inputsAdded()).containsExactly("y");
    assertThat(d.inputsRemoved()).containsExactly("site");
    assertThat(d.stepsAdded()).containsExactly("clip(x)", "scale(y)");
    assertThat(d.stepsRemoved()).containsExactly("onehot(site)");
    PipelineDiff.Change strategy = change(d, "impute(x)", "strategy");
    assertThat(strategy.kind()).isEqualTo("option");
    assertThat(strategy.before()).isEqualTo("mean");
    assertThat(strategy.after()).isEqualTo("median");
    Map<String, Object> m = d.toMap();
    assertThat(m).containsEntry("identical", false).containsEntry("steps_removed", List.of("onehot(site)"));
  }

  private static PipelineDiff.Change change(PipelineDiff d, String step, String key) {
    return d.changes().stream().filter(c -> c.step().equals(step) && c.key().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no change of " + step + " " + key + " in " + d.changes()));
  }
}
