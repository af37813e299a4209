package dev.vigil.serving;

import dev.vigil.InvalidArgumentException;
import java.time.Duration;

/**
 * When a canary is promoted or aborted. After at least {@code minCalls} canary calls, the canary is
 * aborted as soon as any gate is breached, and promoted when every gate holds at {@code promoteCalls}
 * calls. Disagreement and score difference are measured against the primary on the same requests
 * (the primary is run off the request path for canary requests).
 *
 * @param minCalls calls before any decision, at least 1
 * @param promoteCalls calls after which a canary that holds every gate is promoted, at least minCalls
 * @param maxErrorRate largest share of failed canary calls, in [0, 1]
 * @param maxP99 largest 99th-percentile canary latency
 * @param maxDisagreement largest share of requests whose top output differs from the primary's, in [0, 1]
 * @param maxMeanScoreDifference largest mean absolute difference of the last output (the positive-class
 *     probability for binary models), at least 0
 */
public record CanaryGates(int minCalls, int promoteCalls, double maxErrorRate, Duration maxP99,
    double maxDisagreement, double maxMeanScoreDifference) {
  public CanaryGates {
    InvalidArgumentException.check(minCalls >= 1 && promoteCalls >= minCalls,
        "canary gates need 1 <= minCalls <= promoteCalls: %d, %d", minCalls, promoteCalls);
    InvalidArgumentException.check(maxErrorRate >= 0 && maxErrorRate <= 1, "maxErrorRate must be in [0, 1]: %s", maxErrorRate);
    InvalidArgumentException.check(maxDisagreement >= 0 && maxDisagreement <= 1, "maxDisagreement must be in [0, 1]: %s", maxDisagreement);
    InvalidArgumentException.check(maxMeanScoreDifference >= 0, "maxMeanScoreDifference must be >= 0: %s", maxMeanScoreDifference);
    InvalidArgumentException.check(maxP99 != null && !maxP99.isNegative(), "maxP99 must be >= 0");
  }
}
