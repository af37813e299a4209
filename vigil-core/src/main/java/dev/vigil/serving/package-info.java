/**
 * Serving: models behind one {@link dev.vigil.serving.Predictor} interface and a
 * {@link dev.vigil.serving.Router} that answers every request it can: canary share, primary,
 * fallbacks (last known good), default answer; shadow copies compared off the request path;
 * deadlines, output validation and circuit breakers per model; listeners that observe and never
 * throw into the request path.
 *
 * <p>Terms: a <b>route</b> is the path that answered; a model is <b>passed over</b> when it threw,
 * missed its deadline, gave an invalid output or its circuit was open; <b>agreement</b> and the
 * <b>score difference</b> compare two models' outputs on the same row, as defined once in
 * {@link dev.vigil.serving.OutputComparison}; <b>score drift</b> compares the distributions of the
 * canary's and the primary's scores (a two-sample Kolmogorov–Smirnov test, see
 * {@link dev.vigil.serving.CanaryGates}).
 */
package dev.vigil.serving;
