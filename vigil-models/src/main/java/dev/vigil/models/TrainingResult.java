package dev.vigil.models;

import dev.vigil.pipeline.FeaturePipeline;
import dev.vigil.registry.ModelVersion;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@link TrainingJob#run}.
 *
 * @param runId the tracked run
 * @param metrics held-out metrics: {@code accuracy}, {@code macro_f1}, {@code log_loss} (natural log,
 *     probabilities clipped to [1e-15, 1]) and {@code auc} (binary: ROC AUC of the second class in sorted
 *     order; more classes: macro one-vs-rest), all on the test split
 * @param dataDigest content digest of the whole input table
 * @param pipeline the fitted pipeline
 * @param trainRows rows trained on
 * @param testRows rows evaluated on
 * @param version the registered version, when asked
 */
public record TrainingResult(String runId, Map<String, Double> metrics, String dataDigest, FeaturePipeline pipeline,
    int trainRows, int testRows, Optional<ModelVersion> version) {}
