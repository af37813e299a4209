package dev.vigil.registry;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A check a version must pass before an alias may point at it (load, signature against pipeline,
 * golden examples, latency and memory budgets). Gates run outside the store's transaction, on
 * artifacts whose digests were verified; a failed gate refuses the move with its reason.
 */
public interface DeploymentGate {
  /** A short snake_case name, such as {@code loads} or {@code golden_examples}. */
  String name();

  /** Checks {@code candidate}; never throws for a failing model, returns a failed result instead. */
  GateResult check(ModelVersion candidate, VersionFiles files);

  /**
   * The verified files of a version.
   *
   * @param artifact the model artifact
   * @param pipelineJson the pipeline JSON, when registered
   * @param goldenJson the golden examples JSON, when registered
   */
  record VersionFiles(Path artifact, Optional<Path> pipelineJson, Optional<Path> goldenJson) {}

  /**
   * The outcome of one gate.
   *
   * @param gate the gate's name
   * @param passed whether it passed
   * @param detail what was measured and against what (also when passed)
   */
  record GateResult(String gate, boolean passed, String detail) {
    public static GateResult pass(String gate, String detail) {
      return new GateResult(gate, true, detail);
    }

    public static GateResult fail(String gate, String detail) {
      return new GateResult(gate, false, detail);
    }
  }
}
