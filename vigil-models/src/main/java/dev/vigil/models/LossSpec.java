package dev.vigil.models;

import dev.vigil.InvalidArgumentException;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The training loss: {@code logloss} (the trainer's own cross-entropy) or {@code focal} (focal loss,
 * see {@link dev.vigil.imbalance.FocalLoss}), which only the {@code xgboost} trainer takes, as a custom
 * objective.
 *
 * @param name {@code logloss} or {@code focal}
 * @param gamma focal γ &ge; 0 (ignored for {@code logloss})
 * @param alpha focal α in [0, 1], the weight of the positive class (binary labels only); empty:
 *     every class weighs 1 (with γ = 0 this is plain cross-entropy)
 */
public record LossSpec(String name, double gamma, OptionalDouble alpha) {
  /** Loss names {@link Trainers#train} accepts. */
  public static final java.util.List<String> NAMES = java.util.List.of("logloss", "focal");

  public LossSpec {
    InvalidArgumentException.check(NAMES.contains(name), "--loss must be one of %s: %s", NAMES, name);
    InvalidArgumentException.check(gamma >= 0 && Double.isFinite(gamma), "--focal-gamma must be finite and >= 0: %s", gamma);
    alpha.ifPresent(a -> InvalidArgumentException.check(a >= 0 && a <= 1, "--focal-alpha must be in [0, 1]: %s", a));
  }

  /** The trainer's own log loss. */
  public static LossSpec logLoss() {
    return new LossSpec("logloss", 0, OptionalDouble.empty());
  }

  /** Focal loss with γ and optional α. */
  public static LossSpec focal(double gamma, OptionalDouble alpha) {
    return new LossSpec("focal", gamma, alpha);
  }

  public boolean isFocal() {
    return name.equals("focal");
  }

  @Override
  public String toString() {
    return isFocal() ? String.format(Locale.ROOT, "focal(gamma=%s, alpha=%s)", gamma,
        alpha.isPresent() ? Double.toString(alpha.getAsDouble()) : "none") : name;
  }
}
