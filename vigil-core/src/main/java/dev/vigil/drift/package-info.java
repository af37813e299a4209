/**
 * Drift detection: is the current data distributed like the reference?
 *
 * <p>Entry points: {@link dev.vigil.drift.Drift#compare} (reference table or stored {@link
 * dev.vigil.drift.DriftReference} against a current table, with {@link dev.vigil.drift.DriftOptions})
 * returning a {@link dev.vigil.drift.DriftResult} whose {@code toReport()} is the {@code drift}
 * report; {@link dev.vigil.drift.MultivariateDrift} (MMD over all numeric features);
 * {@link dev.vigil.drift.OnlineDetector} (one value at a time); {@link
 * dev.vigil.drift.OnlineDriftDetector} (online MMD, LSDD and Cramér–von Mises with thresholds
 * calibrated to an Expected Run Time); {@link dev.vigil.drift.ReferenceWindows}
 * (fixed, sliding and seasonal reference periods); {@link dev.vigil.drift.DriftCalibrator} (thresholds
 * against a false-alarm budget, leave-chunk-out); {@link dev.vigil.drift.Compat} and {@link
 * dev.vigil.drift.PeerMetrics} (a peer's numbers); {@link dev.vigil.drift.ReferenceChunkThresholds}
 * (NannyML's thresholds from reference chunks, and the leave-chunk-out variant).
 *
 * <p><b>Peers' fixtures reproduced</b> (inputs, expected values and sources in {@code
 * src/test/resources/drift/README.md}): Evidently's {@code tests/stattests/test_stattests.py} and
 * five smaller test files (40 cases and one documented deviation, {@code EvidentlyFixturesTest});
 * NannyML's {@code tests/drift/test_univariate_drift_methods.py} (16 cases, {@code PeerFixturesTest}
 * and {@code NannymlChunkThresholdsTest}) and its {@code StandardDeviationThreshold} examples; TFDV's
 * {@code anomalies/metrics_test.cc} (L-infinity and Jensen–Shannon divergence, {@code
 * PeerFixturesTest}); alibi-detect's {@code cd/tests/test_chisquare.py} ({@code AlibiFixturesTest}).
 * Inputs the peers draw with {@code np.random.seed} are replayed by NumPy's legacy generator ({@code
 * internal.NumpyRandomState}).
 *
 * <p>Terms:
 *
 * <ul>
 *   <li><b>feature</b>: one column compared on both sides; <b>numeric</b> (double, long) or
 *       <b>categorical</b> (categorical, string, boolean). Timestamp columns are not compared and
 *       are listed as skipped, never dropped silently.
 *   <li><b>missing</b>: for drift, a missing value, a NaN and an infinity all count as missing; they
 *       are removed before the distribution test and tested on their own (missing-rate signal).
 *   <li><b>unseen category</b>: a category present in the current data and absent from the reference;
 *       tested on its own and never folded into a chi-square.
 *   <li><b>distribution drift</b>: a test's (corrected) p-value below alpha, or a distance at or above
 *       its threshold (0.1 for every distance unless set; {@code auto} calibrates it to alpha, and
 *       under a correction to the corrected level, see {@link dev.vigil.drift.Drift}).
 *   <li><b>dataset drift</b>: the share of features with any signal reaches the drift share (0.5).
 *   <li><b>output and label drift</b>: scores, predicted classes and labels are columns like any
 *       other; compare them by naming them in {@link dev.vigil.drift.DriftOptions#columns()}.
 * </ul>
 *
 * <p>Definitions of each statistic, p-value and effect size: {@code dev.vigil.stats}. The automatic
 * choice, binning and edge cases: {@link dev.vigil.drift.Drift}.
 */
package dev.vigil.drift;
