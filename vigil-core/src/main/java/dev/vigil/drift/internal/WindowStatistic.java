package dev.vigil.drift.internal;

/**
 * A two-sample statistic between a reference (rows 0..n−1 held by the implementation) and a sliding
 * test window, computed incrementally. Used by the ERT-calibrated online detectors: {@link #simulate}
 * replays bootstrap splits of the reference for the calibration, {@link #start} runs on a stream.
 */
public interface WindowStatistic {
  /** Number of reference rows. */
  int size();

  /**
   * Calibration: the reference without the rows {@code e} is the sub-reference; {@code e} is a test
   * stream. Writes into {@code out[t]}, t = 0..e.length − w, the statistic of the window {@code e[t ..
   * t + w)}.
   */
  void simulate(int[] e, int w, double[] out);

  /** A stream state against the whole reference, with an empty window of {@code w} rows. */
  State start(int w);

  /** The mutable state of one stream. */
  interface State {
    /**
     * Pushes a row (already in the statistic's units), dropping the oldest once the window is full;
     * returns the statistic, or NaN while the window is not yet full.
     */
    double push(double[] x);

    /** Empties the window. */
    void reset();
  }
}
