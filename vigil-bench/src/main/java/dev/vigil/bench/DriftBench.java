package dev.vigil.bench;

import dev.vigil.stats.TestResult;
import dev.vigil.stats.TwoSampleTests;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Whole-task timing of two-sample KS and Wasserstein on in-memory columns, the same shape as
 * {@code drift_scipy.py}: {@code rows} reference and {@code rows} current values per column, seeded
 * standard normals (current shifted by 0.01), one test per column, columns in parallel on {@code
 * threads} threads. Prints the best of {@code reps} wall times per method.
 *
 * <pre>java -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.DriftBench 1000000 20 3 2</pre>
 */
public final class DriftBench {
  private DriftBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int cols = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    double[][] ref = new double[cols][];
    double[][] cur = new double[cols][];
    for (int c = 0; c < cols; c++) {
      ref[c] = normal(new SplittableRandom(100 + c), rows, 0);
      cur[c] = normal(new SplittableRandom(200 + c), rows, 0.01);
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    for (String method : new String[] {"ks", "wasserstein"}) {
      double best = Double.POSITIVE_INFINITY;
      double checksum = 0;
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        double[] out = pool.submit(() -> IntStream.range(0, cols).parallel().mapToDouble(c -> {
          TestResult t = method.equals("ks") ? TwoSampleTests.kolmogorovSmirnov(ref[c], cur[c])
              : TwoSampleTests.wasserstein(ref[c], cur[c]);
          return t.statistic();
        }).toArray()).get();
        double s = (System.nanoTime() - t0) / 1e9;
        best = Math.min(best, s);
        checksum = out[0];
      }
      System.out.printf(Locale.ROOT, "%s rows=%d cols=%d threads=%d best=%.3f s (first column statistic %.6g)%n",
          method, rows, cols, threads, best, checksum);
    }
    pool.shutdown();
  }

  static double[] normal(SplittableRandom rng, int n, double shift) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = shift + Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
    return v;
  }
}
