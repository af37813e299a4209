package dev.vigil.registry;

/** The state of a model version. */
public enum VersionStatus {
  /** Registered, artifact verified. */
  READY,
  /** Moved out of {@code champion} by a rollback: never chosen as {@code backup} again. */
  ROLLED_BACK,
  /** Kept for the record, not to serve. */
  ARCHIVED
}
