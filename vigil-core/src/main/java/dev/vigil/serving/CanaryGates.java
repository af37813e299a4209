package dev.vigil.serving;

import dev.vigil.InvalidArgumentException;
import java.time.Duration;

/**
 * When a canary is promoted or aborted. After at least {@code minCalls} canary calls, the canary is
 * aborted as soon as any gate is breached, and promoted when every gate holds at {@code promoteCalls}
 * calls. Error rate and latency are judged on the canary's calls. Disagreement, mean score difference
 * and score drift compare the canary with the primary on the same requests (the primary is run again
 * off the request path, on the canary comparison queue) and are judged once {@code minCalls} requests
 * were compared; promotion waits for them too.
 *
 * <p><b>Score drift</b> is a two-sample Kolmogorov–Smirnov test (SciPy's {@code ks_2samp}, exact
 * p-value up to 10,000 rows a side) of the canary's scores against the primary's scores over the last
 * {@code scoreDriftWindow} compared rows; the score is the last output (the positive-class
 * probability of a binary classifier, the value of a regressor). It is breached when the p-value is
 * below {@code minScoreDriftPValue}. It compares distributions, so a canary that ranks rows
 * differently but scores the population alike passes it (the disagreement gate judges rows); a
 * canary whose scores shift, sharpen or flatten fails it. The two samples come from the same
 * requests, which makes them positively dependent: the test is then conservative (fewer false
 * aborts) than for independent samples. The test is repeated as rows arrive (every 5% of the window),
 * so a p-value threshold well below the wanted false-abort rate (e.g. 0.001) allows for the repeated
 * looks. With window W the smallest KS distance that can fail it at p 0.001 is about 1.95·sqrt(2/W)
 * (0.087 at 1,000 rows).
 *
 * @param minCalls calls before any decision, at least 1
 * @param promoteCalls calls after which a canary that holds every gate is promoted, at least minCalls
 * @param maxErrorRate largest share of failed canary calls, in [0, 1]
 * @param maxP99 largest 99th-percentile canary latency (of the last 10,000 calls)
 * @param maxDisagreement largest share of compared rows whose decision differs from the primary's
 *     ({@link OutputComparison}), in [0, 1]
 * @param minScoreDriftPValue smallest KS p-value of the score distributions, in [0, 1]; 0 turns the
 *     gate off
 * @param scoreDriftWindow compared rows the drift test looks at (the most recent), in [1, 100,000]
 * @param maxMeanScoreDifference largest mean absolute difference of the score on the same rows, at
 *     least 0; {@link Double#POSITIVE_INFINITY} turns the gate off
 */
public record CanaryGates(int minCalls, int promoteCalls, double maxErrorRate, Duration maxP99,
    double maxDisagreement, double minScoreDriftPValue, int scoreDriftWindow, double maxMeanScoreDifference) {
  /** Largest {@link #scoreDriftWindow}. */
  public static final int MAX_SCORE_DRIFT_WINDOW = 100_000;

  public CanaryGates {
    InvalidArgumentException.check(minCalls >= 1 && promoteCalls >= minCalls,
        "canary gates need 1 <= minCalls <= promoteCalls: %d, %d", minCalls, promoteCalls);
    InvalidArgumentException.check(maxErrorRate >= 0 && maxErrorRate <= 1, "maxErrorRate must be in [0, 1]: %s", maxErrorRate);
    InvalidArgumentException.check(maxDisagreement >= 0 && maxDisagreement <= 1, "maxDisagreement must be in [0, 1]: %s", maxDisagreement);
    InvalidArgumentException.check(minScoreDriftPValue >= 0 && minScoreDriftPValue <= 1,
        "minScoreDriftPValue must be in [0, 1]: %s", minScoreDriftPValue);
    InvalidArgumentException.check(scoreDriftWindow >= 1 && scoreDriftWindow <= MAX_SCORE_DRIFT_WINDOW,
        "scoreDriftWindow must be in [1, %d]: %d", MAX_SCORE_DRIFT_WINDOW, scoreDriftWindow);
    InvalidArgumentException.check(maxMeanScoreDifference >= 0, "maxMeanScoreDifference must be >= 0: %s", maxMeanScoreDifference);
    InvalidArgumentException.check(maxP99 != null && !maxP99.isNegative(), "maxP99 must be >= 0");
  }
}
