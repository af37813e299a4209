package dev.vigil.serving;

import java.util.Map;

/**
 * Counters of a router since it started, for metrics endpoints and tests.
 *
 * @param responses responses by route
 * @param modelFailures failed calls by model ({@code name/version})
 * @param breakerStates circuit state by model: closed, open or half_open
 * @param shadowCalls shadow calls completed (success or failure)
 * @param shadowFailures shadow calls that failed
 * @param shadowDropped shadow calls dropped because the queue was full
 * @param shadowAgreement share of rows of successful shadow calls that agreed with the
 *     served answer ({@link OutputComparison}), NaN before any
 * @param shadowMeanScoreDifference mean absolute score difference per row, shadow vs served, NaN
 *     before any
 * @param defaultAnswers requests answered with the default answer
 * @param unanswered requests that failed with no default answer
 * @param canaryComparisonsDropped canary requests not compared with the primary because the canary
 *     comparison queue was full
 */
public record RouterStats(Map<Route, Long> responses, Map<String, Long> modelFailures, Map<String, String> breakerStates,
    long shadowCalls, long shadowFailures, long shadowDropped, double shadowAgreement, double shadowMeanScoreDifference,
    long defaultAnswers, long unanswered, long canaryComparisonsDropped) {
  public RouterStats {
    responses = Map.copyOf(responses);
    modelFailures = Map.copyOf(modelFailures);
    breakerStates = Map.copyOf(breakerStates);
  }
}
