package dev.vigil.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.profile.Profiler;
import dev.vigil.profile.TableProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SkewTest {
  static Table sample(long seed, int n, double shift, double redShare, boolean withLabel) {
    Random r = new Random(seed);
    double[] x = new double[n];
    String[] c = new String[n];
    double[] label = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian() + shift;
      c[i] = r.nextDouble() < redShare ? "red" : (r.nextBoolean() ? "green" : "blue");
      label[i] = r.nextInt(2);
    }
    Table t = Table.of(DoubleColumn.of("x", x), CategoricalColumn.of("colour", c));
    return withLabel ? t.withColumn(DoubleColumn.of("label", label)) : t;
  }

  static FeatureSkew find(List<FeatureSkew> l, String name) {
    return l.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void jensenShannonMatchesScipy() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/fixtures/skew/js.csv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
      for (String line : lines) {
        String[] p = line.split(",");
        double[] a = Arrays.stream(p[0].split(";")).mapToDouble(Double::parseDouble).toArray();
        double[] b = Arrays.stream(p[1].split(";")).mapToDouble(Double::parseDouble).toArray();
        assertThat(Skew.jensenShannon(a, b)).isCloseTo(Double.parseDouble(p[2]), within(1e-12));
      }
    }
  }

  @Test
  void sameDistributionIsNotSkewedAndAShiftIs() {
    TableProfile train = Profiler.profileOf(sample(1, 20000, 0, 0.3, true));
    List<FeatureSkew> same = Skew.compare(train, Profiler.profileOf(sample(2, 5000, 0, 0.3, true)), null, "training", "serving", SkewOptions.DEFAULTS);
    assertThat(same).allSatisfy(f -> assertThat(f.skewed()).as(f.toString()).isFalse());
    List<FeatureSkew> moved = Skew.compare(train, Profiler.profileOf(sample(3, 5000, 1.5, 0.7, true)), null, "training", "serving", SkewOptions.DEFAULTS);
    assertThat(find(moved, "x").skewed()).isTrue();
    assertThat(find(moved, "x").measure()).isEqualTo("jensen_shannon");
    assertThat(find(moved, "x").outOfRange()).isPositive();
    assertThat(find(moved, "colour").skewed()).isTrue();
    assertThat(find(moved, "colour").distance()).isCloseTo(0.4, within(0.05));
  }

  @Test
  void tenServingRowsDoNotLookLikeDriftButTheDistanceIsStillReported() {
    TableProfile train = Profiler.profileOf(sample(1, 20000, 0, 0.3, true));
    List<FeatureSkew> few = Skew.compare(train, Profiler.profileOf(sample(4, 10, 0, 0.3, true)), null, "training", "serving", SkewOptions.DEFAULTS);
    FeatureSkew x = find(few, "x");
    assertThat(x.distance()).isGreaterThan(x.threshold());
    assertThat(x.noiseFloor()).isGreaterThan(x.distance());
    assertThat(x.skewed()).isFalse();
  }

  @Test
  void theLabelMayBeAbsentAtServingWhenTheSchemaSaysSo() {
    Table train = sample(1, 2000, 0, 0.3, true);
    TableProfile tp = Profiler.profileOf(train);
    TableProfile sp = Profiler.profileOf(sample(2, 2000, 0, 0.3, false));
    assertThat(find(Skew.compare(tp, sp, null, "training", "serving", SkewOptions.DEFAULTS), "label").skewed()).isTrue();
    DataSchema schema = DataSchema.infer(tp).withEnvironments("label", Set.of("training"));
    FeatureSkew label = find(Skew.compare(tp, sp, schema, "training", "serving", SkewOptions.DEFAULTS), "label");
    assertThat(label.skewed()).isFalse();
    assertThat(label.presence()).isEqualTo("training_only");
  }

  @Test
  void joinSkewCountsPerFeatureMismatchesOfTheSameExample() {
    Table train = Table.of(LongColumn.of("id", 1, 2, 3, 4), DoubleColumn.of("x", 1.0, 2.0, 3.0, 4.0),
        CategoricalColumn.of("c", "a", "b", "a", "b"));
    Table serve = Table.of(LongColumn.of("id", 4, 3, 2, 9), DoubleColumn.of("x", 4.0, 3.0000001, 20.0, 5.0),
        CategoricalColumn.of("c", "b", "b", "b", "a"));
    JoinSkew j = Skew.joinSkew(train, serve, "id", 1e-6, 5);
    assertThat(j.joined()).isEqualTo(3);
    JoinSkew.Feature x = j.features().get(0);
    assertThat(x.mismatches()).isEqualTo(1);
    assertThat(x.examples().get(0)).containsEntry("id", "2").containsEntry("training", "2.0").containsEntry("serving", "20.0");
    assertThat(j.features().get(1).mismatches()).isEqualTo(1);
    assertThat(j.features().get(1).examples().get(0)).containsEntry("id", "3");
  }
}
