/**
 * Statistical tests, distances and their null distributions, shared by drift detection and any
 * feature that compares samples.
 *
 * <p>Terms:
 *
 * <ul>
 *   <li><b>reference</b> and <b>current</b>: the two samples compared; the reference is the baseline
 *       (training data, an earlier window). Numeric samples are {@code double[]} of finite values:
 *       missing values are removed by the caller and reported separately, NaN and infinities are
 *       rejected. Category data are aligned {@code long[]} counts per category.
 *   <li><b>{@link dev.vigil.stats.TestResult}</b>: statistic, float64 p-value (NaN when the method
 *       has none, never 0 from a division by zero), effect size, and how the p-value was obtained.
 *   <li><b>two-sided</b>: every test here is two-sided.
 *   <li><b>proportion vector</b>: per-bin or per-category share of a sample, empty bins replaced by
 *       {@link dev.vigil.stats.Binning#EMPTY_BIN_PROPORTION} = 1e-4; divergences use natural logs.
 * </ul>
 *
 * <p>Exact definitions (each checked against SciPy 1.10 to 1e-6 relative in {@code
 * ScipyReferenceTest}):
 *
 * <table>
 *   <caption>methods</caption>
 *   <tr><th>method</th><th>statistic</th><th>p-value</th><th>effect size</th></tr>
 *   <tr><td>ks</td><td>sup |F_ref − F_cur|</td><td>exact if max(n) ≤ 10,000, else kstwo.sf(D, round(n1n2/(n1+n2)))</td><td>D</td></tr>
 *   <tr><td>cvm</td><td>Anderson's T</td><td>exact if max(n) ≤ 20, else limiting</td><td>W1/sd_ref</td></tr>
 *   <tr><td>ad</td><td>standardised A2akN (midranks)</td><td>interpolated, in [0.001, 0.25]</td><td>W1/sd_ref</td></tr>
 *   <tr><td>mannwhitney</td><td>U1 of the reference</td><td>exact if min(n) ≤ 8 and no ties, else normal with tie and continuity corrections</td><td>|rank-biserial r|</td></tr>
 *   <tr><td>t</td><td>Welch's t</td><td>Student t with Welch df</td><td>|Cohen's d|</td></tr>
 *   <tr><td>es</td><td>Epps–Singleton W, t = (0.4, 0.8)</td><td>chi-square</td><td>W1/sd_ref</td></tr>
 *   <tr><td>energy</td><td>sqrt(2)·L2 distance of ECDFs</td><td>none</td><td>distance/sd_ref</td></tr>
 *   <tr><td>wasserstein</td><td>∫|F_ref − F_cur|</td><td>none</td><td>itself</td></tr>
 *   <tr><td>wasserstein_norm</td><td>W1 / max(sd_ref, 0.001), sd with ddof 0</td><td>none</td><td>itself</td></tr>
 *   <tr><td>chi2</td><td>Pearson χ² of the 2×K table, no Yates</td><td>χ², K−1 df</td><td>Cramér's V</td></tr>
 *   <tr><td>gof</td><td>χ² of current counts vs reference shares (seen categories)</td><td>χ², K−1 df</td><td>Cohen's w</td></tr>
 *   <tr><td>g</td><td>2 Σ O ln(O/E)</td><td>χ², K−1 df</td><td>sqrt(G/N)</td></tr>
 *   <tr><td>fisher</td><td>sample odds ratio</td><td>exact, two-sided</td><td>|ln OR| (+0.5 per cell)</td></tr>
 *   <tr><td>ztest</td><td>pooled two-proportion z</td><td>normal, two-sided</td><td>Cohen's h</td></tr>
 *   <tr><td>psi</td><td>Σ (cur − ref) ln(cur/ref)</td><td>none</td><td>itself</td></tr>
 *   <tr><td>kl</td><td>Σ ref ln(ref/cur), normalised vectors</td><td>none</td><td>itself</td></tr>
 *   <tr><td>js</td><td>sqrt of JS divergence (nats), in [0, sqrt(ln 2)]</td><td>none</td><td>itself</td></tr>
 *   <tr><td>hellinger</td><td>sqrt(½ Σ(√p − √q)²), in [0, 1]</td><td>none</td><td>itself</td></tr>
 *   <tr><td>tvd</td><td>½ Σ|p − q|, in [0, 1]</td><td>none</td><td>itself</td></tr>
 * </table>
 *
 * <p>Numeric samples are binned for divergences by {@link dev.vigil.stats.Binning#sturgesEdges}
 * (numpy's Sturges rule over both samples). Permutation p-values, where a method uses them, are
 * (k + 1)/(B + 1), never 0.
 */
package dev.vigil.stats;
