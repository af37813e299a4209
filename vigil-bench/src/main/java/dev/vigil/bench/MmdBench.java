package dev.vigil.bench;

import dev.vigil.drift.MultivariateDrift;
import dev.vigil.stats.TestResult;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * MMD with B permutations on n vs n rows of dimension d (seeded normals, current shifted by 0.05 in
 * every dimension); prints wall time and the JVM's peak used heap.
 *
 * <pre>java -Xmx1g -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.MmdBench 10000 50 100</pre>
 */
public final class MmdBench {
  private MmdBench() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int d = Integer.parseInt(args[1]);
    int b = Integer.parseInt(args[2]);
    double[][] x = new double[n][d];
    double[][] y = new double[n][d];
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        x[i][k] = rng.nextGaussian();
        y[i][k] = rng.nextGaussian() + 0.05;
      }
    }
    long t0 = System.nanoTime();
    TestResult r = MultivariateDrift.mmd(x, y, b, 11);
    double s = (System.nanoTime() - t0) / 1e9;
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "mmd n=%d per side d=%d permutations=%d time=%.1f s mmd2=%.6g p=%.4g heap_used=%.0f MB max_heap=%.0f MB%n",
        n, d, b, s, r.statistic(), r.pValue(), (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1e6);
  }
}
