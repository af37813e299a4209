/**
 * Evaluation metrics shared by every Vigil feature: ranking ({@link dev.vigil.eval.Metrics#rocAuc}),
 * probabilistic ({@link dev.vigil.eval.Metrics#logLoss}, {@link dev.vigil.eval.Metrics#brierScore}) and
 * information-theoretic ({@link dev.vigil.eval.MutualInformation}).
 *
 * <p>Terms used throughout:
 *
 * <ul>
 *   <li><b>label</b>: a {@code boolean} (positive = {@code true}) for binary metrics, an {@code int} class
 *       code in {@code [0, k)} for discrete metrics.
 *   <li><b>score</b>: any real number where larger means "more likely positive"; only its order matters
 *       for ROC AUC.
 *   <li>Logarithms are natural (nats), as in scikit-learn.
 * </ul>
 *
 * <p>Each metric is defined as scikit-learn 1.2 defines it and is tested against values produced by
 * scikit-learn (fixtures under {@code src/test/resources/eval}). NaN scores are rejected with an
 * {@link dev.vigil.InvalidArgumentException} naming the index: a metric over NaN is a bug upstream.
 */
package dev.vigil.eval;
