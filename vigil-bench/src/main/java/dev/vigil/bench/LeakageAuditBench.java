package dev.vigil.bench;

import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.leakage.LeakageAudit;
import dev.vigil.leakage.LeakageResult;
import dev.vigil.leakage.PlantedLeaks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Whole-audit timing: the planted-leak benchmark's clean table widened to 30 columns (16 extra
 * Gaussian doubles), TRAIN training rows and TEST test rows, every check on, with group, time,
 * nuisance and one availability declaration. Prints total seconds and each check's share. Also
 * prints the recall of planted leaks and the false findings on clean data at a smaller size.
 *
 * <p>Run: {@code java -Xmx6g -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.LeakageAuditBench 1000000 200000}
 */
public final class LeakageAuditBench {
  private LeakageAuditBench() {}

  public static void main(String[] args) {
    int train = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int test = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    recall(args.length > 2 ? Integer.parseInt(args[2]) : 5_000);
    PlantedLeaks.Case c = PlantedLeaks.clean(Math.max(train, test * 4), 42);
    Table tr = widen(c.train().head(train), 1);
    Table te = widen(c.test().head(test), 2);
    System.out.printf(Locale.ROOT, "audit of %d x %d train and %d x %d test rows%n", tr.rowCount(), tr.columnCount(),
        te.rowCount(), te.columnCount());
    for (int rep = 0; rep < 2; rep++) {
      long t0 = System.nanoTime();
      LeakageResult r = LeakageAudit.run(tr, te, c.options());
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "run %d: %.2f s, %d findings (%d error)%n", rep + 1, s, r.findings().size(),
          r.count(dev.vigil.leakage.Severity.ERROR));
      double total = r.checkMillis().values().stream().mapToDouble(Double::doubleValue).sum();
      for (Map.Entry<String, Double> e : r.checkMillis().entrySet()) {
        System.out.printf(Locale.ROOT, "  %-24s %8.0f ms %5.1f%%%n", e.getKey(), e.getValue(), 100 * e.getValue() / total);
      }
    }
  }

  static Table widen(Table t, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Column> cols = new ArrayList<>(t.columns());
    for (int j = 0; j < 16; j++) {
      double[] v = new double[t.rowCount()];
      for (int i = 0; i < v.length; i++) {
        v[i] = Math.round(r.nextGaussian() * 1e4) / 1e4;
      }
      cols.add(cols.size() - 1, DoubleColumn.of("g" + j, v));
    }
    return Table.of(cols);
  }

  static void recall(int rows) {
    int found = 0;
    for (PlantedLeaks.Kind k : PlantedLeaks.Kind.values()) {
      PlantedLeaks.Case c = PlantedLeaks.planted(k, rows, 11);
      LeakageResult r = LeakageAudit.run(c.train(), c.test(), c.options());
      boolean hit = r.of(k.check()).stream().anyMatch(f -> (k.column().isEmpty() || f.columns().contains(k.column()))
          && f.severity().compareTo(k.severity()) >= 0);
      found += hit ? 1 : 0;
      System.out.printf(Locale.ROOT, "planted %-24s %s%n", k, hit ? "found" : "MISSED");
    }
    int errors = 0;
    int warnings = 0;
    for (long seed = 1; seed <= 5; seed++) {
      PlantedLeaks.Case c = PlantedLeaks.clean(rows, seed);
      LeakageResult r = LeakageAudit.run(c.train(), c.test(), c.options());
      errors += r.count(dev.vigil.leakage.Severity.ERROR);
      warnings += r.count(dev.vigil.leakage.Severity.WARNING);
    }
    System.out.printf(Locale.ROOT, "recall %d/%d planted leaks at %d rows; clean twins (5 seeds): %d error, %d warning findings%n",
        found, PlantedLeaks.Kind.values().length, rows, errors, warnings);
  }
}
