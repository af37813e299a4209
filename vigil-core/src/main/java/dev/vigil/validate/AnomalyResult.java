package dev.vigil.validate;

/**
 * The verdict of an {@link AnomalyDetector} on a metric's new value.
 *
 * @param anomaly true when the value lies outside [{@code lower}, {@code upper}]
 * @param value the new value
 * @param expected what the detector expected (previous value, mean, forecast); NaN when the history is too short
 * @param lower smallest acceptable value ({@code -Infinity} when unbounded)
 * @param upper largest acceptable value ({@code +Infinity} when unbounded)
 * @param detector the detector's name and parameters
 * @param explanation one sentence, e.g. {@code "value 600 is 40.0% below the previous 1000 (limit -30.0%)"}
 */
public record AnomalyResult(boolean anomaly, double value, double expected, double lower, double upper,
    String detector, String explanation) {}
