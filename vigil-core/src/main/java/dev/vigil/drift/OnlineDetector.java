package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import dev.vigil.drift.internal.Adwin;
import dev.vigil.drift.internal.Cusum;
import dev.vigil.drift.internal.Ddm;
import dev.vigil.drift.internal.Eddm;
import dev.vigil.drift.internal.Kswin;
import dev.vigil.drift.internal.PageHinkley;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A change detector fed one value at a time. After it fires, the next {@link #update} starts it
 * afresh (as river does), so one detector reports every change of a stream. Not thread-safe.
 *
 * <p>Detectors and their defaults (river's where river has the detector):
 *
 * <ul>
 *   <li>{@code adwin}: ADaptive WINdowing (Bifet and Gavaldà 2007), delta 0.002, clock 32, 5
 *       buckets per level, minimum sub-window 5, grace period 10.
 *   <li>{@code ph}: Page–Hinkley on the running mean, min instances 30, delta 0.005, threshold 50,
 *       forgetting factor 1 − 1e-4, both directions.
 *   <li>{@code ddm}: Drift Detection Method (Gama et al. 2004) on a 0/1 error stream: fires when
 *       p + s &gt; p_min + 3 s_min after 30 values.
 *   <li>{@code eddm}: Early DDM (Baena-García et al. 2006) on a 0/1 error stream: distances between
 *       errors; fires when (m + 2s)/(m + 2s)_max &lt; 0.9 after 30 errors.
 *   <li>{@code kswin}: KS on a sliding window of 100: a seeded random sample of 30 of its first 70
 *       values against its last 30; fires when the SciPy-exact p-value is below 0.005 and D &gt; 0.1,
 *       keeping the last 30 values.
 *   <li>{@code cusum}: two-sided tabular CUSUM on values standardised by the mean and standard
 *       deviation of the first 30 values, k = 0.5, h = 5 (in standard deviations).
 * </ul>
 */
public interface OnlineDetector {
  /** Feeds {@code x}; true when a change is detected at this value. NaN is rejected. */
  boolean update(double x);

  /** The detector's CLI name ({@code adwin}, {@code ph}, ...). */
  String name();

  /** A detected change: the 0-based index of the value at which the detector fired, and the value. */
  record ChangePoint(long index, double value, String detector) {}

  static OnlineDetector adwin() {
    return new Adwin(0.002, 32, 5, 5, 10);
  }

  static OnlineDetector pageHinkley() {
    return new PageHinkley(30, 0.005, 50.0, 1 - 0.0001);
  }

  static OnlineDetector ddm() {
    return new Ddm(30, 3.0);
  }

  static OnlineDetector eddm() {
    return new Eddm(30, 0.9);
  }

  static OnlineDetector kswin(long seed) {
    return new Kswin(0.005, 100, 30, seed);
  }

  static OnlineDetector cusum() {
    return new Cusum(30, 0.5, 5.0);
  }

  /** The detector called {@code name} with its defaults; {@code seed} is used by kswin only. */
  static OnlineDetector named(String name, long seed) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "adwin" -> adwin();
      case "ph", "page-hinkley", "pagehinkley" -> pageHinkley();
      case "ddm" -> ddm();
      case "eddm" -> eddm();
      case "kswin" -> kswin(seed);
      case "cusum" -> cusum();
      default -> throw new InvalidArgumentException(
          "unknown online detector \"" + name + "\": expected one of adwin, ph, ddm, eddm, kswin, cusum"
              + " (mmd, lsdd and cvm need a reference and an ERT: OnlineDriftDetector)");
    };
  }

  /** Runs {@code detector} over {@code values} and returns every change point, in order. */
  static List<ChangePoint> run(OnlineDetector detector, double[] values) {
    List<ChangePoint> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      InvalidArgumentException.check(!Double.isNaN(values[i]), "online detector %s: value at index %d is NaN",
          detector.name(), i);
      if (detector.update(values[i])) {
        out.add(new ChangePoint(i, values[i], detector.name()));
      }
    }
    return out;
  }
}
