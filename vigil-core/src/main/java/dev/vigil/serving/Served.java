package dev.vigil.serving;

import java.util.Objects;

/** A model version ready to serve: its reference and its loaded predictor. */
public record Served(ModelRef ref, Predictor predictor) {
  public Served {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(predictor, "predictor");
  }
}
