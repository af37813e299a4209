-- Keyset (seek) pagination of run searches. A run search ordered by a metric walks
-- latest_metrics in (value, run) order from the previous page's last row; the experiment is copied
-- into latest_metrics so that a search within one experiment walks only that experiment's rows.
-- Runs never change experiment, so the copy cannot go stale.
ALTER TABLE latest_metrics ADD COLUMN experiment_id BIGINT;
UPDATE latest_metrics SET experiment_id = (SELECT r.experiment_id FROM runs r WHERE r.id = latest_metrics.run_id);
CREATE INDEX latest_metrics_by_experiment_key_value ON latest_metrics (experiment_id, metric_key, metric_value, run_id);
-- Newest-first listing (no metric order) seeks on (start_time, id) within an experiment.
CREATE INDEX runs_by_experiment_start_id ON runs (experiment_id, start_time, id);
DROP INDEX runs_by_experiment;
