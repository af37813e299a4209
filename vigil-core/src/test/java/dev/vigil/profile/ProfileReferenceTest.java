package dev.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.data.DoubleColumn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Moments and quantiles against NumPy/SciPy (src/test/scripts/profile_reference.py). */
class ProfileReferenceTest {
  static List<String> lines(String resource) throws IOException {
    try (InputStream in = ProfileReferenceTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  static Map<String, Map<String, Double>> reference() throws IOException {
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (String line : lines("/fixtures/profile/reference.csv").subList(1, 141)) {
      String[] p = line.split(",");
      out.computeIfAbsent(p[0], k -> new HashMap<>()).put(p[1], Double.parseDouble(p[2]));
    }
    return out;
  }

  static Map<String, double[]> values() throws IOException {
    List<String> ls = lines("/fixtures/profile/values.csv");
    String[] names = ls.get(0).split(",");
    Map<String, double[]> out = new HashMap<>();
    for (int c = 0; c < names.length; c++) {
      double[] v = new double[ls.size() - 1];
      for (int i = 1; i < ls.size(); i++) {
        v[i - 1] = Double.parseDouble(ls.get(i).split(",")[c]);
      }
      out.put(names[c], v);
    }
    return out;
  }

  @Test
  void momentsMatchNumpyIncludingAfterChunkedMerge() throws IOException {
    Map<String, Map<String, Double>> ref = reference();
    for (Map.Entry<String, double[]> e : values().entrySet()) {
      Map<String, Double> r = ref.get(e.getKey());
      DoubleColumn col = DoubleColumn.of(e.getKey(), e.getValue());
      ColumnProfile whole = ColumnProfile.of(col);
      ColumnProfile chunked = ColumnProfile.of(col.slice(0, 1000))
          .merge(ColumnProfile.of(col.slice(1000, 1777))).merge(ColumnProfile.of(col.slice(1777, 3000)));
      for (ColumnProfile p : List.of(whole, chunked)) {
        assertThat(p.count()).isEqualTo(r.get("count").longValue());
        assertThat(p.mean()).isCloseTo(r.get("mean"), within(1e-12 * Math.abs(r.get("mean"))));
        assertThat(p.moments().variance()).isCloseTo(r.get("variance"), within(1e-9 * r.get("variance")));
        assertThat(p.std()).isCloseTo(r.get("std"), within(1e-9 * r.get("std")));
        assertThat(p.min()).isEqualTo(r.get("min"));
        assertThat(p.max()).isEqualTo(r.get("max"));
        // 3000 values, HLL lgK=12: within 3 relative standard errors (1.6% each)
        assertThat((double) p.distinct()).isCloseTo(r.get("distinct"), within(0.05 * r.get("distinct")));
      }
    }
  }

  @Test
  void quantilesLieWithinTheKllRankBoundOfNumpy() throws IOException {
    Map<String, Map<String, Double>> ref = reference();
    for (Map.Entry<String, double[]> e : values().entrySet()) {
      Map<String, Double> r = ref.get(e.getKey());
      ColumnProfile p = ColumnProfile.of(DoubleColumn.of(e.getKey(), e.getValue()));
      for (String q : List.of("0.0", "0.01", "0.05", "0.25", "0.5", "0.75", "0.95", "0.99", "1.0")) {
        double v = p.quantile(Double.parseDouble(q));
        assertThat(v).as("%s q%s", e.getKey(), q)
            .isBetween(r.get("q" + q + "_lower"), r.get("q" + q + "_upper"));
      }
      assertThat(p.quantile(0)).isEqualTo(r.get("q0.0_exact"));
      assertThat(p.quantile(1)).isEqualTo(r.get("q1.0_exact"));
    }
  }

  @Test
  void quantilesAreExactWhileTheSketchHoldsEveryValue() throws IOException {
    double[] v = values().get("normal");
    double[] first = java.util.Arrays.copyOf(v, 150);
    ColumnProfile p = ColumnProfile.of(DoubleColumn.of("x", first));
    double[] sorted = first.clone();
    java.util.Arrays.sort(sorted);
    for (double q : new double[] {0.1, 0.5, 0.9}) {
      // inverted CDF: the smallest value whose rank is >= q
      int idx = (int) Math.ceil(q * sorted.length) - 1;
      assertThat(p.quantile(q)).isEqualTo(sorted[idx]);
    }
    assertThat(p.quantileRankError()).isZero();
    List<Double> counts = new ArrayList<>();
    for (double c : p.histogram(5).counts()) {
      counts.add(c);
    }
    assertThat(counts.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(150, within(1e-9));
  }

  @Test
  void aSentinelInAContinuousColumnIsAHeavyHitterAndNoiseIsNot() {
    java.util.Random r = new java.util.Random(5);
    double[] v = new double[100_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i % 10 == 0 ? -999 : r.nextGaussian();
    }
    ColumnProfile p = ColumnProfile.of(DoubleColumn.of("x", v));
    assertThat(p.topIsExact()).isFalse();
    List<FrequentItem> top = p.top(5);
    assertThat(top).hasSize(1);
    assertThat(top.get(0).value()).isEqualTo("-999.0");
    assertThat(top.get(0).lowerBound()).isLessThanOrEqualTo(10_000);
    assertThat(top.get(0).upperBound()).isGreaterThanOrEqualTo(10_000);
  }
}
