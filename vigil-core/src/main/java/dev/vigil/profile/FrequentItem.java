package dev.vigil.profile;

/**
 * A frequent value of a column with its estimated count. The true count lies in
 * {@code [lowerBound, upperBound]}; all three are equal while the sketch is exact.
 *
 * @param value the value as text ({@code Double.toString}, decimal long, ISO instant, label)
 * @param count estimated occurrences
 * @param lowerBound guaranteed lower bound of the occurrences
 * @param upperBound guaranteed upper bound of the occurrences
 */
public record FrequentItem(String value, long count, long lowerBound, long upperBound) {}
