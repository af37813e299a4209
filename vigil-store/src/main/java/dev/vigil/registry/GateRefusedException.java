package dev.vigil.registry;

import dev.vigil.VigilException;
import java.util.List;

/** An alias move was refused because the version failed at least one deployment gate. */
public final class GateRefusedException extends VigilException {
  private static final long serialVersionUID = 1L;
  private final transient List<DeploymentGate.GateResult> results;

  public GateRefusedException(String message, List<DeploymentGate.GateResult> results) {
    super(message);
    this.results = List.copyOf(results);
  }

  /** Every gate's result, passed and failed. */
  public List<DeploymentGate.GateResult> results() {
    return results;
  }
}
