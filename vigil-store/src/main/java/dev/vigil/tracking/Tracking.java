package dev.vigil.tracking;

import dev.vigil.store.ArtifactRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Experiment tracking: experiments, runs, parameters, metrics with steps and timestamps, tags, inputs
 * and artifacts. Obtained from {@link dev.vigil.store.Store#tracking()}; thread-safe.
 *
 * <p>Unknown experiment names or run ids raise {@link dev.vigil.InvalidArgumentException} naming
 * them; store failures raise {@link dev.vigil.StoreException}.
 */
public interface Tracking {
  /** Creates an experiment; a name already in use is refused. */
  Experiment createExperiment(String name);

  /** The experiment named {@code name}, created when it does not exist. */
  Experiment experiment(String name);

  /** The experiment with this id or name. */
  Optional<Experiment> findExperiment(String idOrName);

  /** Every experiment, by id. */
  List<Experiment> experiments();

  /** Sets an experiment tag. */
  void setExperimentTag(long experimentId, String key, String value);

  /** Starts a run in {@code experimentId}, status RUNNING. */
  Run startRun(long experimentId, String name, String userId, TrackingLevel level);

  /** Records parameters; logging a key twice with a different value is refused (as MLflow does). */
  void logParams(String runId, Map<String, String> params);

  /** Records metrics in one transaction (10,000 in well under a second). */
  void logMetrics(String runId, List<Metric> metrics);

  /** Sets tags (overwriting). */
  void setTags(String runId, Map<String, String> tags);

  /** Records a data set the run read. */
  void logInput(String runId, RunInput input);

  /** Records an artifact already in the artifact store under {@code path}. */
  void logArtifact(String runId, String path, ArtifactRef ref);

  /** Ends a run. */
  void endRun(String runId, RunStatus status);

  /** A run by id. */
  Run run(String runId);

  /** Everything about a run. */
  RunDetails details(String runId);

  /** Every value of one metric, by step then time. */
  List<Metric> metricHistory(String runId, String key);

  /**
   * A page of runs and the token of the next page (see {@link RunQuery} for the order and the
   * paging). A bad page token raises {@link dev.vigil.InvalidArgumentException}.
   */
  RunPage searchRuns(RunQuery query);

  /** Marks a run deleted (it stays in the store, hidden from searches). */
  void deleteRun(String runId);
}
