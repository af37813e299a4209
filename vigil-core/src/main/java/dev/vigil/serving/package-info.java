/**
 * Serving: models behind one {@link dev.vigil.serving.Predictor} interface and a
 * {@link dev.vigil.serving.Router} that answers every request it can: canary share, primary,
 * fallbacks (last known good), default answer; shadow copies compared off the request path;
 * deadlines, output validation and circuit breakers per model; listeners that observe and never
 * throw into the request path.
 *
 * <p>Terms: a <b>route</b> is the path that answered; a model is <b>passed over</b> when it threw,
 * missed its deadline, gave an invalid output or its circuit was open; <b>agreement</b> compares the
 * top output of two models on the same row.
 */
package dev.vigil.serving;
