package dev.vigil.bench;

import dev.vigil.stats.TestResult;
import dev.vigil.stats.TwoSampleTests;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The canary's score-drift gate: one two-sample Kolmogorov–Smirnov test (exact p-value, both samples
 * of the window's size) as the router runs it on the canary comparison thread, once per 5% of the
 * window's rows. The cost per compared row is this time divided by window / 20.
 *
 * <p>Run: {@code java -jar vigil-bench/target/vigil-bench.jar CanaryDriftBench -f 1 -wi 3 -w 1s -i 5 -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CanaryDriftBench {
  @Param({"1000", "10000"})
  int window;

  double[] primary;
  double[] canary;

  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(7);
    primary = new double[window];
    canary = new double[window];
    for (int i = 0; i < window; i++) {
      primary[i] = r.nextDouble();
      canary[i] = Math.min(1, r.nextDouble() * 1.02);
    }
  }

  @Benchmark
  public TestResult ksOverTheWindow() {
    return TwoSampleTests.kolmogorovSmirnov(primary, canary);
  }
}
