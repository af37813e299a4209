package dev.vigil.tracking;

import java.time.Instant;
import java.util.Optional;

/**
 * One run of an experiment (a training, an evaluation).
 *
 * @param runId 32 lower-case hex digits (MLflow's run id form)
 * @param experimentId the experiment it belongs to
 * @param name a human name
 * @param status {@link RunStatus}
 * @param startTime when it started
 * @param endTime when it ended; empty while running
 * @param userId who started it
 * @param level how much it records
 */
public record Run(String runId, long experimentId, String name, RunStatus status, Instant startTime,
    Optional<Instant> endTime, String userId, TrackingLevel level) {}
