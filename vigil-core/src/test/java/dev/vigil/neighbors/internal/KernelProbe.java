package dev.vigil.neighbors.internal;

import dev.vigil.neighbors.NeighborIndex;
import dev.vigil.neighbors.Neighbors;
import java.util.SplittableRandom;

/**
 * Run in a child JVM by {@link KernelsAgreeTest}: prints which kernel this JVM chose ("vector" or
 * "scalar") and the 3 nearest neighbours of a few rows found through the public API.
 */
public final class KernelProbe {
  private KernelProbe() {}

  public static void main(String[] args) {
    System.out.println((VectorKernels.active() ? "vector " : "scalar ") + answer());
  }

  static String answer() {
    SplittableRandom r = new SplittableRandom(7);
    double[][] x = new double[700][12];
    for (double[] row : x) {
      for (int j = 0; j < row.length; j++) {
        row[j] = r.nextInt(4) + r.nextGaussian() * 0.01;
      }
    }
    Neighbors nb = NeighborIndex.build(x).queryMembers(3);
    StringBuilder s = new StringBuilder();
    for (int q = 0; q < x.length; q += 97) {
      s.append(java.util.Arrays.toString(nb.row(q)));
    }
    return s.toString();
  }
}
