package dev.vigil.models;

import dev.vigil.InvalidArgumentException;
import dev.vigil.NotFoundException;
import dev.vigil.VigilException;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.pipeline.FeaturePipeline;
import dev.vigil.registry.DeploymentGate;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.Registry;
import dev.vigil.registry.VersionRef;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Served;
import dev.vigil.serving.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads registered versions for serving: the artifact in its runtime with the version's fitted
 * {@link FeaturePipeline} in front (the same {@code transform} that produced its training features),
 * after replaying its golden examples. A version whose golden examples do not reproduce is refused.
 * The predictions it returns carry the pipeline's output as their {@link Predictions#modelInput()}
 * (the request's own table when the version has no pipeline), for the prediction log.
 * The returned predictor owns the runtime's native resources: close it when it no longer serves, or
 * let it become unreachable (a version swapped out of a router on hot reload), after which a cleaner
 * closes the runtime.
 */
public final class ServedVersions {
  /** Frees a runtime's native memory once its served wrapper is unreachable (replaced on hot reload and idle). */
  private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

  private ServedVersions() {}

  /**
   * The version an alias points at, or empty when the alias is not set.
   *
   * @throws NotFoundException when the model is unknown
   */
  public static Optional<Long> alias(Registry registry, String model, String alias) {
    registry.model(model);
    try {
      return Optional.of(registry.resolveAlias(model, alias));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Loads {@code model} version {@code version} for serving.
   *
   * @throws VigilException when it does not load, or its golden examples do not reproduce
   */
  public static Served load(Registry registry, String model, long version) {
    ModelVersion v = registry.version(VersionRef.parse(model + "/" + version));
    DeploymentGate.VersionFiles files = registry.files(v);
    for (DeploymentGate gate : List.of(Gates.loads(), Gates.signature(), Gates.goldenExamples())) {
      DeploymentGate.GateResult r = gate.check(v, files);
      if (!r.passed()) {
        throw new InvalidArgumentException("refusing to serve " + model + "/" + version + ": gate " + r.gate()
            + " failed: " + r.detail());
      }
    }
    dev.vigil.serving.Predictor model0 = ModelRuntimes.load(files.artifact(), v.flavour());
    FeaturePipeline pipeline = files.pipelineJson().map(Gates::pipeline).orElse(null);
    List<Field> inputs = new ArrayList<>(v.signature().inputs());
    if (inputs.isEmpty()) {
      inputs.addAll(model0.signature().inputs());
    }
    Signature sig = new Signature(inputs, model0.signature().kind(), model0.signature().outputNames());
    dev.vigil.serving.Predictor withPipeline = new dev.vigil.serving.Predictor() {
      @Override
      public Signature signature() {
        return sig;
      }

      @Override
      public Predictions predict(Table features) {
        // The pipeline's output rides along with the predictions (a reference, no copy) so the
        // prediction log can record what the model took; without a pipeline that is the request itself.
        Table in = pipeline == null ? features : pipeline.transform(features);
        return model0.predict(in).withModelInput(in);
      }

      @Override
      public void close() {
        model0.close();
      }
    };
    // The router does not close a predictor it swapped out (calls may still be in flight on it): once
    // nothing references the wrapper, no call can be, and the runtime is closed.
    CLEANER.register(withPipeline, model0::close);
    return new Served(new ModelRef(model, String.valueOf(version)), withPipeline);
  }
}
