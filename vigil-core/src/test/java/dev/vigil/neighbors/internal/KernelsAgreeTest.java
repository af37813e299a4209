package dev.vigil.neighbors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.neighbors.Distance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The Vector-API kernel ({@link VectorKernel}) and the auto-vectorised loops of {@link FloatFilter}
 * return the same neighbours, distances and counts, bit for bit, on data with ties, duplicates and
 * extreme scales; and a JVM without {@code jdk.incubator.vector} (or with the kernel switched off)
 * runs the loops without loading the Vector API. The tests run with the module (see vigil-core's
 * POM), so that the first property compares both kernels for real.
 */
class KernelsAgreeTest {

  static double[][] rows(int n, int dims, SplittableRandom r, boolean grid, double scale) {
    double[][] x = new double[n][dims];
    for (double[] row : x) {
      for (int j = 0; j < dims; j++) {
        row[j] = (grid ? r.nextInt(3) : r.nextGaussian()) * scale;
      }
    }
    return x;
  }

  @Test
  void theVectorKernelIsActiveInTheseTests() {
    assertThat(VectorKernels.active()).as("run with --add-modules jdk.incubator.vector on a CPU with AVX2 or wider")
        .isTrue();
    assertThat(FloatFilter.VECTOR).isInstanceOf(VectorKernel.class);
  }

  @Property(tries = 60)
  void searchAndCountAreBitIdentical(@ForAll @IntRange(min = 4, max = 24) int dims,
      @ForAll @IntRange(min = 1, max = 1300) int n, @ForAll @IntRange(min = 1, max = 300) int nq,
      @ForAll @IntRange(min = 1, max = 8) int k, @ForAll @IntRange(min = 0, max = 8) int cap,
      @ForAll @IntRange(min = 0, max = 10_000) int seed, @ForAll boolean grid, @ForAll boolean self,
      @ForAll @IntRange(min = 0, max = 3) int scaleChoice) {
    double scale = new double[] {1, 1e-25, 1e15, 3e-3}[scaleChoice];
    SplittableRandom r = new SplittableRandom(seed);
    double[][] ref = rows(n, dims, r, grid, scale);
    // queries: reference rows themselves (excluded by row, as queryMembers does) or new points
    double[][] q = self ? java.util.Arrays.copyOf(ref, Math.min(nq, n)) : rows(nq, dims, r, grid, scale);
    int[] exclude = null;
    if (self) {
      exclude = new int[q.length];
      for (int i = 0; i < exclude.length; i++) {
        exclude[i] = i;
      }
    }
    int kk = Math.min(k, n - (self ? 1 : 0));
    FloatFilter scalar = new FloatFilter(ref, null);
    FloatFilter vector = new FloatFilter(ref, FloatFilter.VECTOR);
    Distance d = Distance.euclidean();
    double[] limits = new double[q.length];
    for (int i = 0; i < q.length; i++) {
      // the distance to some row: exact ties at the limit on the grid
      limits[i] = d.reduced(q[i], ref[r.nextInt(n)], Double.POSITIVE_INFINITY);
    }
    for (int from = 0; from < q.length; from += FloatFilter.B) {
      int to = Math.min(q.length, from + FloatFilter.B);
      if (kk >= 1) {
        KBest[] a = bests(to - from, kk);
        KBest[] b = bests(to - from, kk);
        scalar.search(q, exclude, from, to, a);
        vector.search(q, exclude, from, to, b);
        for (int i = 0; i < to - from; i++) {
          assertThat(b[i].idx).as("query %d", from + i).containsExactly(a[i].idx);
          assertThat(b[i].d).as("query %d", from + i).containsExactly(a[i].d);
        }
      }
      int[] ca = new int[q.length];
      int[] cb = new int[q.length];
      scalar.count(q, exclude, limits, cap, from, to, ca);
      vector.count(q, exclude, limits, cap, from, to, cb);
      assertThat(cb).isEqualTo(ca);
    }
  }

  private static KBest[] bests(int m, int k) {
    KBest[] b = new KBest[m];
    for (int i = 0; i < m; i++) {
      b[i] = new KBest(k);
    }
    return b;
  }

  @Test
  void withoutTheModuleOrWhenDisabledTheLoopsRunAndAgree() throws Exception {
    assertThat(probe(List.of())).isEqualTo("scalar " + probeAnswer());
    assertThat(probe(List.of("--add-modules", "jdk.incubator.vector", "-D" + VectorKernels.PROPERTY + "=false")))
        .isEqualTo("scalar " + probeAnswer());
    assertThat(probe(List.of("--add-modules", "jdk.incubator.vector"))).isEqualTo("vector " + probeAnswer());
  }

  /** What {@link KernelProbe} prints after the kernel name, computed in this JVM. */
  private static String probeAnswer() {
    return KernelProbe.answer();
  }

  private static String probe(List<String> jvmArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:auto");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(KernelProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("probe failed: %s", err).isZero();
    return out;
  }
}
