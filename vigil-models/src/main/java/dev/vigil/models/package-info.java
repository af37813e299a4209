/**
 * Model runtimes, trainers and deployment gates.
 *
 * <p>A {@link dev.vigil.models.Predictor} scores a table of features (the output of a fitted
 * {@link dev.vigil.pipeline.FeaturePipeline}) and returns, per row, the predicted label and one
 * probability column {@code p_<class>} per class. {@link dev.vigil.models.ModelRuntimes} loads an
 * artifact by flavour: {@code tribuo} (a Tribuo 4.3 protobuf model file). {@link dev.vigil.models.Trainers}
 * trains classifiers through Tribuo: {@code logistic} (multinomial logistic regression by SGD with
 * AdaGrad, seeded), {@code tree} (CART), and the balanced ensembles {@code balanced-rf}, {@code
 * balanced-bagging}, {@code easy-ensemble} and {@code rusboost} ({@link
 * dev.vigil.models.imbalance.BalancedEnsembles}). {@link dev.vigil.models.TrainingJob} runs a whole training:
 * seeded stratified hold-out split, pipeline fit, training, evaluation, a tracked run and an optional
 * registration with golden examples. {@link dev.vigil.models.Gates} are the deployment gates the
 * registry runs before an alias moves.
 *
 * <p>Golden examples: a JSON artifact {@code {"format_version":1,"tolerance":t,"rows":[{"inputs":{..},
 * "outputs":{"p_<class>":p,..}}]}} of raw input rows (before the pipeline) and the probabilities the
 * model gave at registration; the gate replays them through the stored pipeline and model and
 * requires every probability within {@code t} (absolute).
 */
package dev.vigil.models;
