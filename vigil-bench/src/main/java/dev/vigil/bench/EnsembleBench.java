package dev.vigil.bench;

import dev.vigil.data.Column;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.models.imbalance.BalancedEnsembles;
import dev.vigil.models.internal.TribuoPredictor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Training time of Vigil's balanced ensembles (imbalanced-learn's defaults, seed 0) on a CSV, the
 * counterpart of {@code src/main/python/imblearn_ensembles_bench.py}. The first 80 % of rows train,
 * the last 20 % score (balanced accuracy and minority recall, a sanity check that both sides learn
 * alike). The file is read once (not timed); each ensemble is trained once after one warm-up fit of
 * a single member, and the wall time of the whole fit is printed as CSV:
 * {@code ensemble,train_s,balanced_accuracy,minority_recall}.
 *
 * <p>Usage: {@code java -cp vigil-bench.jar dev.vigil.bench.EnsembleBench FILE LABEL ENSEMBLE...}
 */
public final class EnsembleBench {
  private EnsembleBench() {}

  public static void main(String[] args) {
    Table t = Tables.read(Path.of(args[0]));
    String label = args[1];
    Column y = t.column(label);
    int n = t.rowCount();
    int cut = (int) (n * 0.8);
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      labels[i] = String.valueOf(y.getObject(i));
    }
    Table x = t.drop(label);
    Table train = x.select(IntStream.range(0, cut).toArray());
    Table test = x.select(IntStream.range(cut, n).toArray());
    String[] trainY = java.util.Arrays.copyOfRange(labels, 0, cut);
    String minority = minority(trainY);
    System.out.println("ensemble,train_s,balanced_accuracy,minority_recall");
    for (int a = 2; a < args.length; a++) {
      BalancedEnsembles.Kind kind = BalancedEnsembles.Kind.parse(args[a]);
      BalancedEnsembles.Options o = BalancedEnsembles.Options.defaults(kind).withSeed(0);
      BalancedEnsembles.train(kind, train, trainY, null, o.withEstimators(2), Clock.systemUTC()); // warm-up
      long t0 = System.nanoTime();
      BalancedEnsembles.Fit f = BalancedEnsembles.train(kind, train, trainY, null, o, Clock.systemUTC());
      double secs = (System.nanoTime() - t0) / 1e9;
      Table out = dev.vigil.models.ModelRuntimes.score(new TribuoPredictor(f.model()), test);
      java.util.Map<String, int[]> hits = new java.util.TreeMap<>();
      for (int i = cut; i < n; i++) {
        int[] h = hits.computeIfAbsent(labels[i], k -> new int[2]);
        h[1]++;
        h[0] += labels[i].equals(String.valueOf(out.column("label").getObject(i - cut))) ? 1 : 0;
      }
      double ba = hits.values().stream().mapToDouble(h -> h[0] / (double) h[1]).average().orElse(Double.NaN);
      int[] m = hits.get(minority);
      System.out.println(String.format(Locale.ROOT, "%s,%.3f,%.4f,%.4f", kind.cliName(), secs, ba, m[0] / (double) m[1]));
    }
  }

  private static String minority(String[] y) {
    java.util.Map<String, Integer> c = new java.util.TreeMap<>();
    for (String v : y) {
      c.merge(v, 1, Integer::sum);
    }
    return c.entrySet().stream().min(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
  }
}
