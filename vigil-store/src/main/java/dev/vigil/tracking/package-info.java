/**
 * Experiment tracking, compatible with MLflow's concepts: an {@link dev.vigil.tracking.Experiment}
 * groups {@link dev.vigil.tracking.Run}s; a run records parameters (write-once per key), metrics (every
 * value with its step and timestamp; the latest per key, by highest step then latest time, is kept for
 * search), tags (overwritable), inputs (data digests and, by {@link dev.vigil.tracking.TrackingLevel},
 * profiles) and artifacts (content-addressed). {@link dev.vigil.tracking.RunQuery} pages through runs
 * filtered and ordered by a metric's latest value, served by an index on (experiment, metric, value,
 * run): each {@link dev.vigil.tracking.RunPage} ends with an opaque token naming its last row, and the
 * next page seeks there (keyset pagination), so every page costs the same however deep it is.
 */
package dev.vigil.tracking;
