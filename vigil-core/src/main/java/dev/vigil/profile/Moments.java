package dev.vigil.profile;

import java.util.Locale;

/**
 * Count, mean, sum of squared deviations ({@code m2}), minimum and maximum of a set of finite
 * numbers: a mergeable state. Merging uses Chan et al.'s pairwise update, so the mean and variance
 * of merged parts equal those of the whole up to rounding (relative error about 1e-15 per merge).
 *
 * <p>The empty state has {@code count == 0}, mean and variance NaN, min {@code +Infinity} and max
 * {@code -Infinity}. Values given to the factories must be finite; callers filter NaN and infinities.
 *
 * <p>The mean is held as {@code shift + shiftedMean}, where {@code shift} is the first value seen
 * (the first part's, after merges): data far from zero with a small spread (1e9 +- 1e-3) then keeps
 * full precision through merges, where a plain mean would lose the spread to rounding.
 *
 * @param count number of values, {@code >= 0}
 * @param shift the pivot the mean is held relative to (0 when empty)
 * @param shiftedMean mean minus {@code shift}, NaN when empty
 * @param m2 sum of squared deviations from the mean, {@code >= 0}
 * @param min smallest value, {@code +Infinity} when empty
 * @param max largest value, {@code -Infinity} when empty
 */
public record Moments(long count, double shift, double shiftedMean, double m2, double min, double max) {
  /** The identity of {@link #merge}. */
  public static final Moments EMPTY = new Moments(0, 0, Double.NaN, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

  /** Moments of {@code values[from, to)} by the two-pass algorithm (all values finite). */
  public static Moments of(double[] values, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return EMPTY;
    }
    double shift = values[from];
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      double v = values[i];
      sum += v - shift;
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
    }
    double mean = sum / n;
    double m2 = 0;
    double comp = 0;
    for (int i = from; i < to; i++) {
      double d = (values[i] - shift) - mean;
      m2 += d * d;
      comp += d;
    }
    // Corrected two-pass (Chan, Golub, LeVeque): removes the rounding error of the mean.
    m2 -= comp * comp / n;
    mean += comp / n;
    return new Moments(n, shift, mean, Math.max(m2, 0), min, max);
  }

  /** Moments of all of {@code values}. */
  public static Moments of(double... values) {
    return of(values, 0, values.length);
  }

  /** Moments of {@code count} copies of {@code value} (finite). */
  public static Moments ofRepeated(double value, long count) {
    return count <= 0 ? EMPTY : new Moments(count, value, 0, 0, value, value);
  }

  /** The moments of the union of both multisets (associative and commutative). */
  public Moments merge(Moments o) {
    if (o.count == 0) {
      return this;
    }
    if (count == 0) {
      return o;
    }
    long n = count + o.count;
    double otherMean = (o.shift - shift) + o.shiftedMean;
    double delta = otherMean - shiftedMean;
    double newMean = shiftedMean + delta * ((double) o.count / n);
    double newM2 = m2 + o.m2 + delta * delta * ((double) count * o.count / n);
    return new Moments(n, shift, newMean, newM2, Math.min(min, o.min), Math.max(max, o.max));
  }

  /** The arithmetic mean; NaN when empty. */
  public double mean() {
    return count == 0 ? Double.NaN : shift + shiftedMean;
  }

  /** Sample variance ({@code m2 / (count - 1)}); NaN when {@code count < 2}. */
  public double variance() {
    return count < 2 ? Double.NaN : m2 / (count - 1);
  }

  /** Population variance ({@code m2 / count}); NaN when empty. */
  public double populationVariance() {
    return count == 0 ? Double.NaN : m2 / count;
  }

  /** Sample standard deviation; NaN when {@code count < 2}. */
  public double std() {
    return Math.sqrt(variance());
  }

  /** Sum of the values (mean times count); 0 when empty. */
  public double sum() {
    return count == 0 ? 0 : mean() * count;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Moments[n=%d, mean=%g, std=%g, min=%g, max=%g]", count, mean(), std(), min, max);
  }
}
