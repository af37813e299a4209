package dev.vigil.tracking;

/** The state of a run, with MLflow's names. */
public enum RunStatus {
  RUNNING, SCHEDULED, FINISHED, FAILED, KILLED
}
