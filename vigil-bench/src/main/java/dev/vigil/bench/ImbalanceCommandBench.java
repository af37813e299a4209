package dev.vigil.bench;

import dev.vigil.data.Table;
import dev.vigil.imbalance.Method;
import dev.vigil.imbalance.ResampleOptions;
import dev.vigil.imbalance.ResampleResult;
import dev.vigil.imbalance.Resamplers;
import dev.vigil.io.Tables;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whole-method timing of Vigil's resamplers on a CSV, the counterpart of
 * {@code src/main/python/imblearn_bench.py} (imbalanced-learn on the same file). The file is read
 * once (not timed); each method is timed {@code repeats} times after one warm-up run (only the
 * warm-up run counts when it took more than 60 s, as on the Python side), and the best
 * and median wall times are printed as CSV: {@code method,best_s,median_s,rows_out,cpu_s,recall}, where
 * cpu_s is the least CPU time of the whole process (all threads, JIT and GC included) over the timed
 * runs: on a shared machine it moves far less with the load than wall time does.
 * A method written {@code METHOD@R} (e.g. {@code smote@0.99}) runs in the approximate-neighbour mode
 * at target recall R (seed 0); {@code recall} is then the achieved recall from the provenance (the
 * lowest over the method's searches), else 1.
 *
 * <p>With {@code --warmup N} (after the other arguments or anywhere among the methods) each method
 * first runs N untimed calls instead of one, so that the timed runs measure the JIT's steady state
 * (a long-lived process such as {@code vigil serve} or a training loop) rather than the first calls.
 *
 * <p>Usage: {@code java -cp vigil-bench.jar dev.vigil.bench.ImbalanceCommandBench FILE LABEL REPEATS
 * [--warmup N] METHOD[@R]...}
 */
public final class ImbalanceCommandBench {
  private ImbalanceCommandBench() {}

  public static void main(String[] args) {
    Table t = Tables.read(Path.of(args[0]));
    String label = args[1];
    int repeats = Integer.parseInt(args[2]);
    System.out.println("method,best_s,median_s,rows_out,cpu_s,recall");
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    int warmups = 1;
    java.util.List<String> methods = new java.util.ArrayList<>();
    for (int a = 3; a < args.length; a++) {
      if (args[a].equals("--warmup")) {
        warmups = Integer.parseInt(args[++a]);
        if (warmups < 1) {
          throw new IllegalArgumentException("--warmup must be >= 1: " + warmups);
        }
      } else {
        methods.add(args[a]);
      }
    }
    for (String method : methods) {
      String[] spec = method.split("@", 2);
      Method m = Method.parse(spec[0]);
      ResampleOptions o = ResampleOptions.defaults().withSeed(0);
      if (spec.length == 2) {
        o = o.withNeighbors(dev.vigil.neighbors.NeighborOptions.approximate(Double.parseDouble(spec[1])).withSeed(0));
      }
      long w0 = System.nanoTime();
      long c0 = os.getProcessCpuTime();
      ResampleResult warm = Resamplers.create(m, o).resample(t, label); // warm-up
      int rows = warm.table().rowCount();
      String recall = warm.provenance().parameters().getOrDefault("achieved_recall", "1");
      double first = (System.nanoTime() - w0) / 1e9;
      double cpu = (os.getProcessCpuTime() - c0) / 1e9;
      for (int wu = 1; wu < warmups && first <= 60; wu++) {
        Resamplers.create(m, o).resample(t, label);
      }
      double[] times = new double[first > 60 ? 1 : repeats];
      times[0] = first;
      for (int r = 0; r < times.length && first <= 60; r++) {
        long t0 = System.nanoTime();
        long u0 = os.getProcessCpuTime();
        ResampleResult res = Resamplers.create(m, o).resample(t, label);
        times[r] = (System.nanoTime() - t0) / 1e9;
        cpu = Math.min(r == 0 ? Double.POSITIVE_INFINITY : cpu, (os.getProcessCpuTime() - u0) / 1e9);
        rows = res.table().rowCount();
        recall = res.provenance().parameters().getOrDefault("achieved_recall", "1");
      }
      java.util.Arrays.sort(times);
      System.out.println(String.format(Locale.ROOT, "%s,%.3f,%.3f,%d,%.3f,%s", method, times[0],
          times[times.length / 2], rows, cpu, recall));
    }
  }
}
