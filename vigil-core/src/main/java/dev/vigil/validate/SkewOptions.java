package dev.vigil.validate;

import dev.vigil.InvalidArgumentException;

/**
 * Thresholds of a training/serving skew comparison.
 *
 * @param linfThreshold L-infinity distance above which a categorical feature is skewed (TFDV's
 *     {@code infinity_norm.threshold}; default 0.1)
 * @param jsThreshold Jensen–Shannon divergence (base 2, in [0, 1]) above which a numeric feature is
 *     skewed (TFDV's {@code jensen_shannon_divergence.threshold}; default 0.1)
 * @param alpha false-alarm rate of the sample-size noise floor in (0, 0.5] (default 0.01): a
 *     distance is flagged only when it also exceeds what sampling alone produces with probability
 *     {@code alpha} at the two sample sizes, so that 10 serving rows do not look like drift
 * @param bins bins of the numeric comparison (equal-mass bins of the training data, default 10)
 */
public record SkewOptions(double linfThreshold, double jsThreshold, double alpha, int bins) {
  public static final SkewOptions DEFAULTS = new SkewOptions(0.1, 0.1, 0.01, 10);

  public SkewOptions {
    InvalidArgumentException.check(linfThreshold >= 0 && linfThreshold <= 1, "linfThreshold must be in [0, 1]: %s", linfThreshold);
    InvalidArgumentException.check(jsThreshold >= 0 && jsThreshold <= 1, "jsThreshold must be in [0, 1]: %s", jsThreshold);
    InvalidArgumentException.check(alpha > 0 && alpha <= 0.5, "alpha must be in (0, 0.5]: %s", alpha);
    InvalidArgumentException.check(bins >= 2 && bins <= 100, "bins must be in [2, 100]: %d", bins);
  }
}
