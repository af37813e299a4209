package dev.vigil.serving;

import java.util.List;

/**
 * The canary controller's verdict with its evidence.
 *
 * @param canary the canary model
 * @param outcome promote or abort
 * @param calls canary calls observed
 * @param errorRate share of failed canary calls
 * @param p99Millis 99th-percentile canary latency in milliseconds
 * @param comparedRows rows compared with the primary
 * @param disagreement share of compared rows whose decision differed from the primary's
 * @param meanScoreDifference mean absolute difference of the score against the primary
 * @param scoreDriftStatistic the Kolmogorov–Smirnov distance between the canary's and the primary's
 *     score distributions over the drift window, or NaN when not judged
 * @param scoreDriftPValue its p-value, or NaN when not judged
 * @param reasons the gates breached (empty on promote)
 */
public record CanaryDecision(ModelRef canary, Outcome outcome, long calls, double errorRate, double p99Millis,
    long comparedRows, double disagreement, double meanScoreDifference, double scoreDriftStatistic,
    double scoreDriftPValue, List<String> reasons) {
  public enum Outcome { PROMOTE, ABORT }

  public CanaryDecision {
    reasons = List.copyOf(reasons);
  }
}
