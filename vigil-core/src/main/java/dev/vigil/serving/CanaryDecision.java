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
 * @param disagreement share of compared requests whose top output differed from the primary's
 * @param meanScoreDifference mean absolute difference of the last output against the primary
 * @param reasons the gates breached (empty on promote)
 */
public record CanaryDecision(ModelRef canary, Outcome outcome, long calls, double errorRate, double p99Millis,
    double disagreement, double meanScoreDifference, List<String> reasons) {
  public enum Outcome { PROMOTE, ABORT }

  public CanaryDecision {
    reasons = List.copyOf(reasons);
  }
}
