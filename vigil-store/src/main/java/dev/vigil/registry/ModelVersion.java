package dev.vigil.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One registered version of a model. Versions are numbered 1, 2, 3... per model without gaps.
 *
 * @param model the model's name
 * @param version its number, &ge; 1
 * @param artifactName the source file name at registration
 * @param artifactDigest {@code sha256:} digest of the artifact; loads verify it
 * @param artifactSize bytes
 * @param flavour the runtime that loads it ({@code tribuo}, {@code onnx}, ...)
 * @param signature input and output columns
 * @param pipelineDigest the fitted feature pipeline (JSON artifact), when one was registered
 * @param goldenDigest golden examples (JSON artifact) replayed by the gate, when registered
 * @param runId the training run, when known
 * @param dataDigest content digest of the training data, when known
 * @param profileDigest the training data profile artifact, when kept
 * @param description free text
 * @param status {@link VersionStatus}
 * @param createdAt registration time
 * @param createdBy who registered it
 * @param metrics evaluation metrics
 * @param tags tags by key
 * @param aliases aliases that point at this version now
 */
public record ModelVersion(String model, long version, String artifactName, String artifactDigest, long artifactSize,
    String flavour, Signature signature, Optional<String> pipelineDigest, Optional<String> goldenDigest,
    Optional<String> runId, Optional<String> dataDigest, Optional<String> profileDigest, String description,
    VersionStatus status, Instant createdAt, String createdBy, Map<String, Double> metrics,
    Map<String, String> tags, List<String> aliases) {}
