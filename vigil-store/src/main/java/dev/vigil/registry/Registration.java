package dev.vigil.registry;

import dev.vigil.InvalidArgumentException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to register as a new model version. Build with {@link #builder(String, Path)}.
 *
 * @param model model name (created on first registration): letters, digits, {@code . _ -}, 1..200 chars
 * @param artifact the model file; must exist and pass {@code check}
 * @param flavour runtime name
 * @param signature input and output columns
 * @param pipelineJson the fitted pipeline as JSON bytes, when there is one
 * @param goldenJson golden examples as JSON bytes, when there are some
 * @param runId the training run
 * @param dataDigest training data digest
 * @param profileJson training data profile, JSON bytes
 * @param description free text
 * @param createdBy who registers
 * @param metrics evaluation metrics
 * @param tags tags
 * @param check proves the artifact loads
 */
public record Registration(String model, Path artifact, String flavour, Signature signature,
    Optional<byte[]> pipelineJson, Optional<byte[]> goldenJson, Optional<String> runId, Optional<String> dataDigest,
    Optional<byte[]> profileJson, String description, String createdBy, Map<String, Double> metrics,
    Map<String, String> tags, ArtifactCheck check) {

  public Registration {
    Registry.checkModelName(model);
    Objects.requireNonNull(artifact, "artifact");
    InvalidArgumentException.check(flavour != null && flavour.matches("[a-z][a-z0-9_]*"),
        "flavour must be a lower-case word such as tribuo or onnx: %s", flavour);
    metrics = Map.copyOf(metrics);
    tags = Map.copyOf(tags);
  }

  public static Builder builder(String model, Path artifact) {
    return new Builder(model, artifact);
  }

  /** Builds a {@link Registration}; flavour defaults to {@code file}, actor to the OS user. */
  public static final class Builder {
    private final String model;
    private final Path artifact;
    private String flavour = "file";
    private Signature signature = Signature.empty();
    private byte[] pipeline;
    private byte[] golden;
    private String runId;
    private String dataDigest;
    private byte[] profile;
    private String description = "";
    private String createdBy = System.getProperty("user.name", "unknown");
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private ArtifactCheck check = ArtifactCheck.none();

    private Builder(String model, Path artifact) {
      this.model = model;
      this.artifact = artifact;
    }

    public Builder flavour(String f) { this.flavour = f; return this; }
    public Builder signature(Signature s) { this.signature = Objects.requireNonNull(s); return this; }
    public Builder pipelineJson(byte[] b) { this.pipeline = b; return this; }
    public Builder goldenJson(byte[] b) { this.golden = b; return this; }
    public Builder runId(String r) { this.runId = r; return this; }
    public Builder dataDigest(String d) { this.dataDigest = d; return this; }
    public Builder profileJson(byte[] b) { this.profile = b; return this; }
    public Builder description(String d) { this.description = Objects.requireNonNull(d); return this; }
    public Builder createdBy(String a) { this.createdBy = Objects.requireNonNull(a); return this; }
    public Builder metric(String k, double v) { metrics.put(k, v); return this; }
    public Builder metrics(Map<String, Double> m) { metrics.putAll(m); return this; }
    public Builder tag(String k, String v) { tags.put(k, v); return this; }
    public Builder check(ArtifactCheck c) { this.check = Objects.requireNonNull(c); return this; }

    public Registration build() {
      return new Registration(model, artifact, flavour, signature, Optional.ofNullable(pipeline), Optional.ofNullable(golden),
          Optional.ofNullable(runId), Optional.ofNullable(dataDigest), Optional.ofNullable(profile), description, createdBy,
          metrics, tags, check);
    }
  }
}
