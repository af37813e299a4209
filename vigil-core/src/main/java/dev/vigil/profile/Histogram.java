package dev.vigil.profile;

/**
 * An equal-width histogram: bin {@code i} covers {@code [edges[i], edges[i+1])}, the last bin also
 * holds its upper edge. Counts are estimated from the quantile sketch (exact while the sketch is
 * exact, else within its rank error times the total count).
 *
 * @param edges {@code bins + 1} increasing edges
 * @param counts {@code bins} estimated counts, summing to the number of finite values
 */
public record Histogram(double[] edges, double[] counts) {}
