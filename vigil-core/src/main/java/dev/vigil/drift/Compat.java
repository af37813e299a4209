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
 *       towards the verdict. Evidently's own definitions where they differ from Vigil's ({@link
 *       PeerMetrics}): one-sided Mann–Whitney ({@code alternative="less"}), Student's pooled t, the
 *       goodness-of-fit G test, its Hellinger distance, binning and empty-bin shares for {@code psi},
 *       {@code kl} and {@code js}, {@code tvd} as its seeded 1,000-permutation p-value (drift when p &lt;
 *       the threshold, 0.1), energy distance alerting strictly above the threshold. Checked against 40
 *       published fixtures of Evidently's tests ({@code EvidentlyFixturesTest}); one documented
 *       deviation: Evidently's z-test counts a missing reference value as a second category, Vigil
 *       removes missing values from every test.
 *   <li>{@link #ALIBI}: alibi-detect's tabular defaults: numeric features by KS with the
 *       <em>asymptotic</em> p-value whatever the sample size, categorical features by the chi-square
 *       contingency test over the reference's categories only (SciPy's {@code chi2_contingency} with
 *       Yates' correction when it has one degree of freedom), Bonferroni correction at 0.05, and the
 *       data set drifts when any feature does.
 *   <li>{@link #NANNYML}: NannyML's univariate methods with its binning and alert rules ({@link
 *       PeerMetrics}): {@code auto} is its default, Jensen–Shannon distance (base 2, Doane bins on the
 *       reference, out-of-range and unseen shares as one extra bin) for every feature; {@code ks},
 *       {@code chi2}, {@code hellinger}, {@code wasserstein} (raw), {@code linf} follow NannyML; p-value
 *       methods alert below alpha (NannyML: 0.05), distances strictly above their threshold: fixed
 *       (0.1, and 1 for Wasserstein, or {@code --threshold}, or {@code vigil drift calibrate}'s), or
 *       NannyML's own, data-driven, from reference chunks with {@link ReferenceChunkThresholds} ({@code
 *       --chunk-size} / {@code --chunk-number}; NannyML itself always chunks, 10 chunks by default, so
 *       {@code --chunk-number 10} is its default): mean + 3 sd of the chunks' distances, each chunk
 *       scored against the whole reference as NannyML does, or leave-chunk-out. No correction; the data
 *       set drifts when any feature alerts (NannyML has no data-set verdict).
 *   <li>{@link #TFDV}: TensorFlow Data Validation's drift/skew comparators: {@code auto} is
 *       L-infinity for categorical features and Jensen–Shannon divergence (base 2, TFDV's standard
 *       10-bucket histograms re-bucketed onto common boundaries) for numeric ones; {@code js} and
 *       {@code jsd} both mean that divergence. TFDV has no default threshold, so a threshold is
 *       required ({@code --threshold} or per column); an anomaly when the value exceeds it (strictly).
 *       No correction; the data set drifts when any feature does.
 * </ul>
 */
public enum Compat {
  NONE, EVIDENTLY, ALIBI, NANNYML, TFDV;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code none}, {@code evidently}, {@code alibi}, {@code nannyml} or {@code tfdv}. */
  public static Compat parse(String s) {
    String n = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "none", "vigil" -> NONE;
      case "evidently" -> EVIDENTLY;
      case "alibi", "alibi-detect" -> ALIBI;
      case "nannyml" -> NANNYML;
      case "tfdv", "tensorflow-data-validation" -> TFDV;
      default -> throw new InvalidArgumentException("unknown compatibility mode \"" + s
          + "\": expected one of none, evidently, alibi, nannyml, tfdv");
    };
  }
}
