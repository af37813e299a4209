/**
 * Model runtimes, trainers and deployment gates.
 *
 * <p>Every runtime is a serving {@link dev.vigil.serving.Predictor} (thread-safe, {@code AutoCloseable}:
 * ONNX sessions and XGBoost boosters hold native memory and are freed on close, after in-flight calls
 * end; a call after close fails with {@link java.lang.IllegalStateException}). It scores a table of
 * features (the output of a fitted {@link dev.vigil.pipeline.FeaturePipeline}) and returns, per row,
 * class probabilities in {@code signature().outputNames()} order or regression values.
 * {@link dev.vigil.models.ModelRuntimes#score} turns them into the table that training, gates and
 * golden examples use: {@code label} and one probability column {@code p_<class>} per class (or one
 * column per regression output). {@link dev.vigil.models.ModelRuntimes} loads an artifact by flavour:
 * {@code tribuo} (a Tribuo 4.3 protobuf model file), {@code onnx} (ONNX Runtime 1.20, one session per
 * version, one intra-op thread) and {@code xgboost} (an XGBoost JSON, UBJSON or legacy binary model
 * file, xgboost4j 1.6.2), and detects the flavour of a file from its content.
 *
 * <p>{@link dev.vigil.models.Trainers} trains classifiers through Tribuo: {@code logistic}
 * (multinomial logistic regression by SGD with AdaGrad, seeded), {@code tree} (CART), {@code xgboost}
 * (Tribuo's XGBoost trainer, or xgboost4j with {@link dev.vigil.models.imbalance.XgboostFocalObjective}
 * for {@code --loss focal}), and the balanced ensembles {@code balanced-rf}, {@code balanced-bagging},
 * {@code easy-ensemble} and {@code rusboost} ({@link dev.vigil.models.imbalance.BalancedEnsembles}). {@link dev.vigil.models.TrainingJob} runs a whole training: seeded
 * stratified hold-out split, pipeline fit, training, evaluation, a tracked run and an optional
 * registration with golden examples. {@link dev.vigil.models.Gates} are the deployment gates the
 * registry runs before an alias moves.
 *
 * <p>Golden examples: a JSON artifact {@code {"format_version":1,"tolerance":t,"rows":[{"inputs":{..},
 * "outputs":{"p_<class>":p,..}}]}} of raw input rows (before the pipeline) and the outputs the model
 * gave at registration (or that a reference tool computed); the gate replays them through the stored
 * pipeline (if any) and model and requires every output within {@code t} (absolute).
 */
package dev.vigil.models;
