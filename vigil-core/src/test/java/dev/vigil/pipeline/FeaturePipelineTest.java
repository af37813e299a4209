package dev.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FeaturePipeline against scikit-learn references (src/test/scripts/pipeline_reference.py). */
class FeaturePipelineTest {
  private static final double TOL = 1e-9;
  private static Map<String, List<String>> ref;
  private static Table data;

  @BeforeAll
  static void load() throws Exception {
    ref = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        FeaturePipelineTest.class.getResourceAsStream("/pipeline/reference.csv"), StandardCharsets.UTF_8))) {
      String[] header = r.readLine().split(",", -1);
      for (String h : header) {
        ref.put(h, new ArrayList<>());
      }
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < header.length; i++) {
          ref.get(header[i]).add(f[i]);
        }
      }
    }
    DoubleColumn.Builder x = DoubleColumn.builder("x");
    CategoricalColumn.Builder site = CategoricalColumn.builder("site");
    for (int i = 0; i < ref.get("x").size(); i++) {
      String v = ref.get("x").get(i);
      if (v.isEmpty()) {
        x.addMissing();
      } else {
        x.add(Double.parseDouble(v));
      }
      String s = ref.get("site").get(i);
      if (s.isEmpty()) {
        site.addMissing();
      } else {
        site.add(s);
      }
    }
    data = Table.of(x.build(), site.build());
  }

  private static double[] expected(String name) {
    return ref.get(name).stream().mapToDouble(Double::parseDouble).toArray();
  }

  private static double[] fitTransform(StepSpec... steps) {
    FeaturePipeline p = FeaturePipeline.fit(new PipelineSpec(List.of(steps)), data);
    return p.transform(data).doubleColumn("x").toArray();
  }

  private static final StepSpec MEDIAN = StepSpec.of("impute", "x", "strategy", "median");

  @Test
  void imputesLikeSimpleImputer() {
    assertThat(fitTransform(MEDIAN)).containsExactly(expected("median_imputed"), within(TOL));
    assertThat(fitTransform(StepSpec.of("impute", "x", "strategy", "mean"))).containsExactly(expected("mean_imputed"), within(TOL));
  }

  @Test
  void scalesLikeStandardAndMinMaxScaler() {
    assertThat(fitTransform(MEDIAN, StepSpec.of("scale", "x"))).containsExactly(expected("standard"), within(TOL));
    assertThat(fitTransform(MEDIAN, StepSpec.of("scale", "x", "method", "minmax"))).containsExactly(expected("minmax"), within(TOL));
  }

  @Test
  void clipsAtFittedQuantilesAndLogsLikeNumpy() {
    assertThat(fitTransform(MEDIAN, StepSpec.of("clip", "x", "lower_quantile", "0.05", "upper_quantile", "0.95")))
        .containsExactly(expected("clip_5_95"), within(TOL));
    assertThat(fitTransform(MEDIAN, StepSpec.of("log", "x"))).containsExactly(expected("log1p"), within(TOL));
  }

  @Test
  void bucketsLikeKBinsDiscretizer() {
    assertThat(fitTransform(MEDIAN, StepSpec.of("bucket", "x", "bins", "4"))).containsExactly(expected("quantile_buckets_4"), within(TOL));
    assertThat(fitTransform(MEDIAN, StepSpec.of("bucket", "x", "bins", "5", "method", "uniform")))
        .containsExactly(expected("uniform_buckets_5"), within(TOL));
  }

  @Test
  void encodesLikeOneHotAndOrdinalEncoder() {
    StepSpec imp = StepSpec.of("impute", "site", "strategy", "most_frequent");
    FeaturePipeline p = FeaturePipeline.fit(new PipelineSpec(List.of(imp, StepSpec.of("onehot", "site"))), data);
    assertThat(p.outputNames()).containsExactly("site=a", "site=b", "site=c");
    Table t = p.transform(data);
    for (String c : List.of("a", "b", "c")) {
      assertThat(t.doubleColumn("site=" + c).toArray()).containsExactly(expected("onehot_" + c), within(0.0));
    }
    FeaturePipeline o = FeaturePipeline.fit(new PipelineSpec(List.of(imp, StepSpec.of("ordinal", "site"))), data);
    assertThat(o.transform(data).doubleColumn("site").toArray()).containsExactly(expected("ordinal"), within(0.0));
  }

  @Test
  void unseenCategoriesGiveZerosOrMinusOne() {
    Table serving = Table.of(DoubleColumn.of("x", 1.0), CategoricalColumn.of("site", "zzz"));
    FeaturePipeline p = FeaturePipeline.fit(PipelineSpec.auto(data.schema(), List.of()), data);
    Table t = p.transform(serving);
    assertThat(t.doubleColumn("site=a").get(0)).isZero();
    assertThat(t.doubleColumn("site=b").get(0)).isZero();
    FeaturePipeline o = FeaturePipeline.fit(new PipelineSpec(List.of(StepSpec.of("ordinal", "site"))), data);
    assertThat(o.transform(serving).doubleColumn("site").get(0)).isEqualTo(-1.0);
  }

  @Test
  void roundTripsThroughItsMapAndTransformsTheSame() {
    FeaturePipeline p = FeaturePipeline.fit(PipelineSpec.auto(data.schema(), List.of()), data);
    FeaturePipeline back = FeaturePipeline.fromMap(p.toMap());
    assertThat(back).isEqualTo(p);
    Table a = p.transform(data);
    Table b = back.transform(data);
    for (String n : p.outputNames()) {
      assertThat(b.doubleColumn(n).toArray()).containsExactly(a.doubleColumn(n).toArray());
    }
    assertThat(PipelineSpec.fromMap(p.spec().toMap())).isEqualTo(p.spec());
  }

  @Test
  void derivesColumnsFromExpressionsOverRawInputs() {
    Table t = Table.of(DoubleColumn.of("a", new double[] {6, 1, 0, 4}, new boolean[] {false, false, true, false}), DoubleColumn.of("b", 3, 0, 2, 8),
        CategoricalColumn.of("c", "x", "y", "x", "y"));
    PipelineSpec spec = new PipelineSpec(List.of(
        StepSpec.of("derive", "ratio", "expression", "a / b"),
        StepSpec.of("impute", "ratio", "strategy", "constant", "value", "-1"),
        StepSpec.of("derive", "mix", "expression", "log1p(max(a, b)) * -2 + `b`"),
        StepSpec.of("onehot", "c")));
    FeaturePipeline p = FeaturePipeline.fit(spec, t);
    assertThat(p.inputNames()).containsExactly("a", "b", "c");
    assertThat(p.outputNames()).containsExactly("ratio", "mix", "c=x", "c=y");
    Table out = p.transform(t);
    // 6/3 = 2; 1/0 -> missing -> -1; missing a -> missing -> -1; 4/8 = 0.5
    assertThat(out.doubleColumn("ratio").toArray()).containsExactly(2.0, -1.0, -1.0, 0.5);
    assertThat(out.doubleColumn("mix").get(0)).isCloseTo(Math.log1p(6) * -2 + 3, within(1e-12));
    assertThat(out.doubleColumn("mix").isMissing(2)).isTrue();
    assertThat(FeaturePipeline.fromMap(p.toMap()).transform(t).doubleColumn("ratio").toArray()).containsExactly(2.0, -1.0, -1.0, 0.5);
    assertThatThrownBy(() -> StepSpec.of("derive", "z", "expression", "a / (b"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("expected ')'");
    assertThatThrownBy(() -> StepSpec.of("derive", "z", "expression", "pow(a)")).hasMessageContaining("unknown function pow");
    assertThatThrownBy(() -> FeaturePipeline.fit(new PipelineSpec(List.of(StepSpec.of("derive", "z", "expression", "a + nope"))), t))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("'nope'");
    assertThatThrownBy(() -> FeaturePipeline.fit(new PipelineSpec(List.of(StepSpec.of("derive", "z", "expression", "a + c"))), t))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("categorical");
    assertThatThrownBy(() -> FeaturePipeline.fit(new PipelineSpec(List.of(StepSpec.of("derive", "a", "expression", "b * 2"))), t))
        .hasMessageContaining("overwrite column 'a'");
  }

  @Test
  void badSpecsNameTheColumnAndTheProblem() {
    assertThatThrownBy(() -> FeaturePipeline.fit(new PipelineSpec(List.of(StepSpec.of("scale", "nope"))), data))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("'nope'");
    assertThatThrownBy(() -> FeaturePipeline.fit(new PipelineSpec(List.of(StepSpec.of("scale", "site"))), data))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("'site'").hasMessageContaining("categorical");
    assertThatThrownBy(() -> FeaturePipeline.fit(new PipelineSpec(List.of(StepSpec.of("impute", "site"))), data))
        .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("add an onehot or ordinal step");
    assertThatThrownBy(() -> StepSpec.of("normalise", "x")).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("normalise");
    assertThatThrownBy(() -> FeaturePipeline.fit(new PipelineSpec(List.of(StepSpec.of("bucket", "x", "bins", "1"))), data))
        .hasMessageContaining("bins must be an integer in [2, 1000]");
    Table neg = Table.of(DoubleColumn.of("x", -3.0, 1.0));
    assertThatThrownBy(() -> FeaturePipeline.fit(new PipelineSpec(List.of(StepSpec.of("log", "x"))), neg))
        .hasMessageContaining("needs values >= -1").hasMessageContaining("-3.0");
    FeaturePipeline p = FeaturePipeline.fit(new PipelineSpec(List.of(MEDIAN)), data);
    assertThatThrownBy(() -> p.transform(Table.of(DoubleColumn.of("y", 1.0)))).isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("input column 'x' is missing");
  }
}
