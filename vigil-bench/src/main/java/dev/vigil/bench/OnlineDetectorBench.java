package dev.vigil.bench;

import dev.vigil.drift.OnlineDetector;
import dev.vigil.drift.OnlineDriftDetector;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Detection delay and false alarms of each online detector on seeded streams with a known change
 * point: 20 streams of 20,000 values, change at 10,000, abrupt (step) or gradual (linear ramp over
 * 2,000 values). Mean-shift detectors see N(0,1) then N(1,1); error-rate detectors (ddm, eddm) see
 * Bernoulli(0.1) then Bernoulli(0.3). Delay: first alarm at or after the change minus the change
 * (missed when none within the rest of the stream); false alarms per 10,000 values before the change.
 * The ERT-calibrated detectors (mmd, lsdd, cvm) use ERT 1,000 (so about 10 false alarms per 10,000
 * values by design), window 10, default bootstraps, and one seeded reference of 1,000 N(0,1) values
 * per detector (calibrated once, reset before each stream).
 *
 * <pre>java -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.OnlineDetectorBench</pre>
 */
public final class OnlineDetectorBench {
  private OnlineDetectorBench() {}

  public static void main(String[] args) {
    int streams = 20;
    int n = 20_000;
    int change = 10_000;
    System.out.println("| detector | change | mean delay | detected | false alarms per 10,000 |");
    System.out.println("|---|---|---|---|---|");
    for (String name : List.of("adwin", "ph", "kswin", "cusum", "ddm", "eddm", "mmd", "lsdd", "cvm")) {
      boolean errors = name.equals("ddm") || name.equals("eddm");
      OnlineDriftDetector calibrated = null;
      if (OnlineDriftDetector.isCalibrated(name)) {
        SplittableRandom r = new SplittableRandom(99);
        double[][] ref = new double[1000][1];
        for (double[] row : ref) {
          row[0] = r.nextGaussian();
        }
        calibrated = OnlineDriftDetector.named(name, ref, OnlineDriftDetector.Options.of(1000).withSeed(7));
      }
      for (String kind : List.of("abrupt", "gradual")) {
        double delaySum = 0;
        int detected = 0;
        long falseAlarms = 0;
        for (int s = 0; s < streams; s++) {
          SplittableRandom rng = new SplittableRandom(1000L * s + name.length());
          OnlineDetector d;
          if (calibrated != null) {
            calibrated.reset();
            d = calibrated;
          } else {
            d = OnlineDetector.named(name, s);
          }
          long first = -1;
          for (int i = 0; i < n; i++) {
            double w = i < change ? 0 : kind.equals("abrupt") ? 1 : Math.min(1, (i - change) / 2000.0);
            double x = errors ? (rng.nextDouble() < 0.1 + 0.2 * w ? 1 : 0) : rng.nextGaussian() + w;
            boolean fired = d.update(x);
            if (fired && i < change) {
              falseAlarms++;
            }
            if (fired && i >= change && first < 0) {
              first = i;
            }
          }
          if (first >= 0) {
            detected++;
            delaySum += first - change;
          }
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %d/%d | %.2f |%n", name, kind,
            detected == 0 ? "-" : String.format(Locale.ROOT, "%.0f", delaySum / detected), detected, streams,
            falseAlarms * 10_000.0 / ((double) streams * change));
      }
    }
  }
}
