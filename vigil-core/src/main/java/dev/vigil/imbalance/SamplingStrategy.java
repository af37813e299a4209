package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which classes a resampler touches and how many samples each gets, exactly as imbalanced-learn's
 * {@code check_sampling_strategy} (version 0.10) defines it: the same arithmetic and the same
 * refusals.
 *
 * <p>Classes are ordered as imbalanced-learn orders them ({@code np.unique}: ascending label);
 * "the majority" and "the minority" are the first class in that order with the largest or smallest
 * count. {@link #resolve} returns, per targeted class in that order:
 *
 * <ul>
 *   <li>for {@link SamplingKind#OVER}: the number of samples to add;
 *   <li>for {@link SamplingKind#UNDER}: the number of samples to keep;
 *   <li>for {@link SamplingKind#CLEAN}: the minority count (imbalanced-learn's value, unused by the
 *       cleaning rules; only the key matters).
 * </ul>
 *
 * <p>Named strategies: {@code auto} (over: not majority; under/clean: not minority), {@code
 * minority} (over only), {@code majority} (under/clean only), {@code not minority}, {@code not
 * majority}, {@code all}. A ratio in (0, 1] is for two classes and over- or under-sampling only:
 * over-sampling makes each non-majority class {@code int(n_majority * ratio)} (refused when that
 * would remove samples), under-sampling keeps {@code int(n_minority / ratio)} of each non-minority
 * class (refused when that exceeds the class). Explicit counts are final counts per class (not for
 * cleaning); a list of classes is for cleaning only.
 */
public sealed interface SamplingStrategy {

  /** The named strategies. */
  enum Named {
    AUTO("auto"), MINORITY("minority"), MAJORITY("majority"), NOT_MINORITY("not minority"),
    NOT_MAJORITY("not majority"), ALL("all");

    private final String text;

    Named(String text) {
      this.text = text;
    }

    /** The imbalanced-learn spelling, e.g. {@code "not minority"}. */
    public String text() {
      return text;
    }
  }

  /** A named strategy. */
  record Keyword(Named name) implements SamplingStrategy {
    @Override
    public String toString() {
      return name.text();
    }
  }

  /** A ratio in (0, 1] for two classes. */
  record Ratio(double ratio) implements SamplingStrategy {
    public Ratio {
      InvalidArgumentException.check(ratio > 0 && ratio <= 1,
          "sampling strategy ratio must be in (0, 1]: %s", ratio);
    }

    @Override
    public String toString() {
      return Double.toString(ratio);
    }
  }

  /** The final number of samples wanted per class. */
  record Counts(Map<String, Integer> counts) implements SamplingStrategy {
    public Counts {
      counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
      return sb.toString();
    }
  }

  /** The classes a cleaning method cleans. */
  record Classes(List<String> classes) implements SamplingStrategy {
    public Classes {
      classes = List.copyOf(classes);
    }

    @Override
    public String toString() {
      return String.join(",", classes);
    }
  }

  static SamplingStrategy auto() {
    return new Keyword(Named.AUTO);
  }

  static SamplingStrategy minority() {
    return new Keyword(Named.MINORITY);
  }

  static SamplingStrategy majority() {
    return new Keyword(Named.MAJORITY);
  }

  static SamplingStrategy notMinority() {
    return new Keyword(Named.NOT_MINORITY);
  }

  static SamplingStrategy notMajority() {
    return new Keyword(Named.NOT_MAJORITY);
  }

  static SamplingStrategy all() {
    return new Keyword(Named.ALL);
  }

  static SamplingStrategy ratio(double ratio) {
    return new Ratio(ratio);
  }

  static SamplingStrategy counts(Map<String, Integer> counts) {
    return new Counts(counts);
  }

  static SamplingStrategy classes(List<String> classes) {
    return new Classes(classes);
  }

  /**
   * Parses the CLI spelling: a keyword ({@code auto}, {@code minority}, {@code majority}, {@code
   * not-minority} or {@code "not minority"}, {@code not-majority}, {@code all}), a number (ratio),
   * {@code label=count,...} (counts) or {@code label,label,...} (classes to clean).
   *
   * @throws InvalidArgumentException naming the text when a count is not an integer
   */
  static SamplingStrategy parse(String text) {
    String t = text.trim();
    String key = t.toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
    for (Named n : Named.values()) {
      if (n.text().equals(key)) {
        return new Keyword(n);
      }
    }
    if (t.contains("=")) {
      Map<String, Integer> m = new LinkedHashMap<>();
      for (String part : t.split(",")) {
        int eq = part.indexOf('=');
        InvalidArgumentException.check(eq > 0, "sampling strategy %s: expected label=count, got \"%s\"", t, part);
        String count = part.substring(eq + 1).trim();
        try {
          m.put(part.substring(0, eq).trim(), Integer.parseInt(count));
        } catch (NumberFormatException e) {
          throw new InvalidArgumentException("sampling strategy " + t + ": count of class \""
              + part.substring(0, eq).trim() + "\" must be an integer: " + count, e);
        }
      }
      return new Counts(m);
    }
    try {
      return new Ratio(Double.parseDouble(t));
    } catch (NumberFormatException notANumber) {
      List<String> cls = new ArrayList<>();
      for (String part : t.split(",")) {
        if (!part.isBlank()) {
          cls.add(part.trim());
        }
      }
      InvalidArgumentException.check(!cls.isEmpty(), "sampling strategy must not be empty");
      return new Classes(cls);
    }
  }

  /**
   * The targets for data whose classes (ascending, as imbalanced-learn orders them) have the given
   * counts.
   *
   * @param classes class labels in ascending order
   * @param counts samples per class, same order
   * @return targeted class to number (see the type's documentation), in class order
   * @throws InvalidArgumentException with imbalanced-learn's refusal, naming the class and counts:
   *     fewer than two classes, a keyword not valid for the kind, a ratio with more than two classes
   *     or for cleaning, a ratio that would remove (over) or add (under) samples, an unknown class,
   *     a negative count, a count below (over) or above (under) the class size, counts for cleaning,
   *     a list for over- or under-sampling
   */
  default Map<String, Integer> resolve(List<String> classes, long[] counts, SamplingKind kind) {
    return dev.vigil.imbalance.internal.Strategies.resolve(this, classes, counts, kind);
  }
}
