package dev.vigil.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ProfileMergeProperties {
  static final String[] WORDS = {"alpha", "beta", "", " ", "42", "3.5", "2024-01-31", "x@y.org", "gamma", "Δelta"};

  static Table randomTable(long seed, int rows) {
    Random r = new Random(seed);
    DoubleColumn.Builder d = DoubleColumn.builder("d");
    LongColumn.Builder l = LongColumn.builder("l");
    CategoricalColumn.Builder c = CategoricalColumn.builder("c");
    StringColumn.Builder s = StringColumn.builder("s");
    BooleanColumn.Builder b = BooleanColumn.builder("b");
    double scale = Math.pow(10, r.nextInt(7) - 3);
    for (int i = 0; i < rows; i++) {
      int k = r.nextInt(40);
      if (k == 0) {
        d.addMissing();
      } else if (k == 1) {
        d.add(Double.NaN);
      } else {
        d.add(r.nextGaussian() * scale + scale);
      }
      if (k == 2) {
        l.addMissing();
      } else {
        l.add(r.nextInt(200) - 50);
      }
      if (k == 3) {
        c.addMissing();
      } else {
        c.add(WORDS[r.nextInt(WORDS.length)]);
      }
      if (k == 4) {
        s.addMissing();
      } else {
        s.add(WORDS[r.nextInt(WORDS.length)] + (r.nextInt(3) == 0 ? Integer.toString(r.nextInt(1000)) : ""));
      }
      if (k == 5) {
        b.addMissing();
      } else {
        b.add(r.nextBoolean());
      }
    }
    return Table.of(d.build(), l.build(), c.build(), s.build(), b.build());
  }

  @Property(tries = 60, seed = "20261129")
  void mergeOfSplitsEqualsWhole(@ForAll long seed, @ForAll @IntRange(min = 0, max = 1500) int rows,
      @ForAll @IntRange(min = 0, max = 1000) int splitPermille) {
    Table t = randomTable(seed, rows);
    int split = (int) ((long) rows * splitPermille / 1000);
    TableProfile whole = Profiler.profileOf(t);
    TableProfile merged = Profiler.profileOf(t.slice(0, split)).merge(Profiler.profileOf(t.slice(split, rows)));
    assertThat(merged.rows()).isEqualTo(whole.rows());
    for (ColumnProfile w : whole.columns()) {
      ColumnProfile m = merged.column(w.name());
      assertThat(m.count()).isEqualTo(w.count());
      assertThat(m.missing()).isEqualTo(w.missing());
      assertThat(m.nanCount()).isEqualTo(w.nanCount());
      assertThat(m.zeroCount()).isEqualTo(w.zeroCount());
      assertThat(m.negativeCount()).isEqualTo(w.negativeCount());
      assertThat(m.moments().count()).isEqualTo(w.moments().count());
      assertThat(m.moments().min()).isEqualTo(w.moments().min());
      assertThat(m.moments().max()).isEqualTo(w.moments().max());
      double scale = Math.max(Math.abs(w.moments().min()), Math.abs(w.moments().max()));
      assertClose(m.mean(), w.mean(), 1e-12, scale);
      assertClose(m.moments().m2(), w.moments().m2(), 1e-12, 0);
      assertThat(m.lengths().count()).isEqualTo(w.lengths().count());
      assertClose(m.lengths().mean(), w.lengths().mean(), 1e-12, 0);
      assertThat(m.patternCounts()).containsExactly(w.patternCounts());
      // HyperLogLog union is register-wise max: the estimate is within 3 standard errors at worst.
      assertThat((double) m.distinct()).isCloseTo(w.distinct(), org.assertj.core.data.Offset.offset(0.05 * w.distinct() + 1));
      if (w.topIsExact() && m.topIsExact()) {
        assertThat(m.top(100)).isEqualTo(w.top(100));
      }
      if (w.hasQuantiles() && w.moments().count() > 0) {
        double[] sorted = finiteSorted(t, w.name());
        double eps = 2 * org.apache.datasketches.kll.KllSketch.getNormalizedRankError(200, false);
        for (double q : new double[] {0, 0.1, 0.25, 0.5, 0.75, 0.9, 1}) {
          double v = m.quantile(q);
          double lo = rankBelow(sorted, v);
          double hi = rankAtOrBelow(sorted, v);
          // the inclusive q-quantile v satisfies rank(<v) <= q <= rank(<=v), up to the sketch error
          assertThat(lo).isLessThanOrEqualTo(q + eps);
          assertThat(hi).isGreaterThanOrEqualTo(q - eps);
        }
      }
    }
  }

  @Property(tries = 30, seed = "20261129")
  void binaryAndJsonRoundTripsPreserveTheState(@ForAll long seed, @ForAll @IntRange(min = 0, max = 800) int rows) {
    TableProfile p = Profiler.profileOf(randomTable(seed, rows));
    assertSameMetrics(TableProfile.fromBytes(p.toBytes(), "mem"), p);
    assertSameMetrics(TableProfile.fromMap(p.toMap(), "mem"), p);
  }

  @Property(tries = 20, seed = "20261129")
  void mergeIsAssociative(@ForAll long seed) {
    Table t = randomTable(seed, 900);
    TableProfile a = Profiler.profileOf(t.slice(0, 200));
    TableProfile b = Profiler.profileOf(t.slice(200, 500));
    TableProfile c = Profiler.profileOf(t.slice(500, 900));
    TableProfile left = a.merge(b).merge(c);
    TableProfile right = a.merge(b.merge(c));
    for (ColumnProfile l : left.columns()) {
      ColumnProfile r = right.column(l.name());
      assertThat(l.count()).isEqualTo(r.count());
      assertClose(l.mean(), r.mean(), 1e-12, Math.abs(l.moments().max()));
      assertClose(l.moments().m2(), r.moments().m2(), 1e-12, 0);
    }
  }

  static void assertSameMetrics(TableProfile actual, TableProfile expected) {
    assertThat(actual.rows()).isEqualTo(expected.rows());
    assertThat(actual.columnNames()).isEqualTo(expected.columnNames());
    for (int i = 0; i < expected.columns().size(); i++) {
      var a = TableProfile.summary(actual.columns().get(i));
      var e = TableProfile.summary(expected.columns().get(i));
      for (String k : e.keySet()) {
        assertThat(a.get(k)).as("%s.%s", e.get("name"), k).isEqualTo(e.get(k));
      }
    }
  }

  static void assertClose(double a, double b, double rel, double scale) {
    if (Double.isNaN(b)) {
      assertThat(a).isNaN();
      return;
    }
    assertThat(Math.abs(a - b)).isLessThanOrEqualTo(rel * Math.max(Math.max(Math.abs(a), Math.abs(b)), scale) + 1e-300);
  }

  static double[] finiteSorted(Table t, String col) {
    var c = t.column(col);
    double[] v = new double[c.size()];
    int k = 0;
    for (int i = 0; i < c.size(); i++) {
      if (!c.isMissing(i)) {
        double x = ((Number) c.getObject(i)).doubleValue();
        if (Double.isFinite(x)) {
          v[k++] = x;
        }
      }
    }
    v = Arrays.copyOf(v, k);
    Arrays.sort(v);
    return v;
  }

  static double rankBelow(double[] sorted, double v) {
    int i = 0;
    while (i < sorted.length && sorted[i] < v) {
      i++;
    }
    return (double) i / sorted.length;
  }

  static double rankAtOrBelow(double[] sorted, double v) {
    int i = 0;
    while (i < sorted.length && sorted[i] <= v) {
      i++;
    }
    return (double) i / sorted.length;
  }
}
