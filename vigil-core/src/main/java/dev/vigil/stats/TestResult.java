package dev.vigil.stats;

import java.util.Objects;

/**
 * The outcome of one statistical test or distance.
 *
 * @param method stable snake_case name of the method, e.g. {@code ks}, {@code psi}
 * @param statistic the test statistic or distance, as defined in the method's Javadoc
 * @param pValue a float64 p-value in [0, 1], or NaN for a distance that has no p-value
 * @param effectSize a non-negative size of the difference whose definition the method's Javadoc
 *     states (for distances, the distance itself)
 * @param detail how the p-value was obtained ({@code exact}, {@code asymptotic}, {@code
 *     interpolated}, {@code none}, ...)
 */
public record TestResult(String method, double statistic, double pValue, double effectSize, String detail) {
  public TestResult {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(detail, "detail");
  }

  /** True when the method yields a p-value. */
  public boolean hasPValue() {
    return !Double.isNaN(pValue);
  }
}
