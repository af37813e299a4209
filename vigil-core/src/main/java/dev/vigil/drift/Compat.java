package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import java.util.Locale;

/**
 * Compatibility modes: reproduce a peer's numbers so that a team can migrate and compare.
 *
 * <ul>
 *   <li>{@link #NONE}: Vigil's own rules (see {@link Drift}).
 *   <li>{@link #EVIDENTLY}: Evidently's automatic choice, including its goodness-of-fit chi-square
 *       ({@code chi_stat_test}: expected = reference counts × n_cur/n_ref over the categories of both
 *       sides, so an unseen category gives χ² = ∞ and p = 0), no multiple-testing correction, dataset
 *       drift at a drifted share of 0.5. Missing and unseen signals are still reported but do not count
 *       towards the verdict.
 *   <li>{@link #ALIBI}: alibi-detect's tabular defaults: numeric features by KS with the
 *       <em>asymptotic</em> p-value whatever the sample size, categorical features by the chi-square
 *       contingency test over the reference's categories only (SciPy's {@code chi2_contingency} with
 *       Yates' correction when it has one degree of freedom), Bonferroni correction at 0.05, and the
 *       data set drifts when any feature does.
 * </ul>
 */
public enum Compat {
  NONE, EVIDENTLY, ALIBI;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code none}, {@code evidently} or {@code alibi}. */
  public static Compat parse(String s) {
    String n = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "none", "vigil" -> NONE;
      case "evidently" -> EVIDENTLY;
      case "alibi", "alibi-detect" -> ALIBI;
      default -> throw new InvalidArgumentException("unknown compatibility mode \"" + s
          + "\": expected one of none, evidently, alibi (nannyml and tfdv are not available)");
    };
  }
}
