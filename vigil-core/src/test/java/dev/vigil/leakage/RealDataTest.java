package dev.vigil.leakage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * scikit-learn's bundled breast-cancer (binary) and wine (3 classes) data, exported by
 * src/test/scripts/leakage_real_data.py: a stratified random split is clean (no error finding; strong
 * real features may warn), and a planted copy of the label is an error.
 */
class RealDataTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);

  static Table read(String name) throws IOException {
    try (InputStream in = RealDataTest.class.getResourceAsStream("/leakage/" + name)) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      String[] header = lines[0].trim().split(",");
      int n = lines.length - 1;
      double[][] v = new double[header.length][n];
      for (int i = 0; i < n; i++) {
        String[] cells = lines[i + 1].trim().split(",");
        for (int j = 0; j < header.length; j++) {
          v[j][i] = Double.parseDouble(cells[j]);
        }
      }
      List<Column> cols = new ArrayList<>();
      for (int j = 0; j < header.length - 1; j++) {
        cols.add(DoubleColumn.of(header[j], v[j]));
      }
      long[] y = new long[n];
      for (int i = 0; i < n; i++) {
        y[i] = (long) v[header.length - 1][i];
      }
      cols.add(LongColumn.of("target", y));
      return Table.of(cols);
    }
  }

  static LeakageResult audit(Table t, long seed) {
    Split s = Splits.split(t, SplitOptions.random(0.25, seed, "target"), CLOCK);
    return LeakageAudit.run(s.train(), s.test(), LeakageOptions.builder("target").seed(seed).build());
  }

  @Test
  void breastCancerSplitHasNoErrorButAPlantedLabelCopyIs() throws IOException {
    Table t = read("breast_cancer.csv");
    assertThat(t.rowCount()).isEqualTo(569);
    for (long seed = 1; seed <= 3; seed++) {
      LeakageResult r = audit(t, seed);
      assertThat(r.count(Severity.ERROR)).as("seed %d: %s", seed, r.findings()).isZero();
    }
    LongColumn y = t.longColumn("target");
    double[] copy = new double[t.rowCount()];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = y.get(i) * 10 + (i % 7) * 0.01;
    }
    LeakageResult leaked = audit(t.withColumn(DoubleColumn.of("diagnosis_code", copy)), 1);
    assertThat(leaked.of("target-leak")).anySatisfy(f -> {
      assertThat(f.columns()).containsExactly("diagnosis_code");
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
    });
  }

  @Test
  void wineMulticlassSplitHasNoError() throws IOException {
    Table t = read("wine.csv");
    LeakageResult r = audit(t, 2);
    assertThat(r.count(Severity.ERROR)).as("%s", r.findings()).isZero();
    assertThat(r.checksRun()).hasSize(LeakageAudit.CHECKS.size());
  }
}
