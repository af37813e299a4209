package dev.vigil.imbalance;

/** What a resampler does to the classes a {@link SamplingStrategy} targets. */
public enum SamplingKind {
  /** Adds samples: a target is the number of samples to add to a class. */
  OVER,
  /** Removes samples down to a count: a target is the number of samples a class keeps. */
  UNDER,
  /** Removes the samples a rule finds, however many: a target only says the class is cleaned. */
  CLEAN
}
