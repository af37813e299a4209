package dev.vigil.bench;

import dev.vigil.neighbors.Distance;
import dev.vigil.neighbors.NeighborIndex;
import dev.vigil.neighbors.NeighborOptions;
import dev.vigil.neighbors.Neighbors;
import dev.vigil.neighbors.internal.VectorKernels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Pair rate of the exact Euclidean brute-force search on one thread, measured in thread CPU time
 * (robust on a shared machine): Gaussian reference rows, queries shifted by 0.5. Run it with and
 * without {@code --add-modules jdk.incubator.vector} (or with {@code -Dvigil.neighbors.vector=false})
 * to compare the two kernels; the answer's checksum must be the same in both runs.
 *
 * <p>Usage: {@code java [--add-modules jdk.incubator.vector] -cp vigil-bench.jar
 * dev.vigil.bench.KnnKernelBench REFS QUERIES DIMS K REPEATS}; prints
 * {@code kernel,refs,queries,dims,k,best_cpu_s,g_pairs_per_s,checksum}.
 */
public final class KnnKernelBench {
  private KnnKernelBench() {}

  public static void main(String[] args) {
    int nr = Integer.parseInt(args[0]);
    int nq = Integer.parseInt(args[1]);
    int d = Integer.parseInt(args[2]);
    int k = Integer.parseInt(args[3]);
    int repeats = Integer.parseInt(args[4]);
    SplittableRandom r = new SplittableRandom(1);
    double[][] ref = new double[nr][d];
    double[][] q = new double[nq][d];
    for (double[] x : ref) {
      for (int j = 0; j < d; j++) {
        x[j] = r.nextGaussian();
      }
    }
    for (double[] x : q) {
      for (int j = 0; j < d; j++) {
        x[j] = r.nextGaussian() + 0.5;
      }
    }
    NeighborIndex index = NeighborIndex.build(ref, Distance.euclidean(),
        new NeighborOptions(NeighborOptions.Algorithm.BRUTE, 1, 40));
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    double best = Double.POSITIVE_INFINITY;
    int checksum = 0;
    for (int i = 0; i <= repeats; i++) { // run 0 warms up
      long c0 = bean.getCurrentThreadCpuTime();
      Neighbors nb = index.query(q, k);
      double s = (bean.getCurrentThreadCpuTime() - c0) / 1e9;
      if (i > 0) {
        best = Math.min(best, s);
      }
      checksum = Arrays.hashCode(nb.indices());
    }
    System.out.println("kernel,refs,queries,dims,k,best_cpu_s,g_pairs_per_s,checksum");
    System.out.println(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.3f,%.3f,%08x",
        VectorKernels.active() ? "vector" : "portable", nr, nq, d, k, best, (double) nr * nq / best / 1e9, checksum));
  }
}
