package dev.vigil.tracking;

import java.util.List;
import java.util.Map;

/**
 * Everything recorded about a run.
 *
 * @param run the run
 * @param params parameters by key
 * @param metrics the latest value of each metric (highest step, then latest timestamp)
 * @param tags tags by key (code version, environment and user tags)
 * @param inputs data sets read
 * @param artifacts artifact path (relative to the run) to digest: those logged through the library and
 *     the files uploaded under {@link dev.vigil.store.ArtifactFiles#runFolder} (MLflow's artifact proxy)
 */
public record RunDetails(Run run, Map<String, String> params, Map<String, Metric> metrics,
    Map<String, String> tags, List<RunInput> inputs, Map<String, String> artifacts) {}
