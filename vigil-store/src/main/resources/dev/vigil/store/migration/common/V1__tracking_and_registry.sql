-- Vigil store, format 1. Times are epoch milliseconds (UTC). ${id} is the dialect's auto-increment key.
CREATE TABLE experiments (
  id ${id},
  name TEXT NOT NULL UNIQUE,
  artifact_location TEXT,
  lifecycle_stage TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE experiment_tags (
  experiment_id BIGINT NOT NULL REFERENCES experiments(id),
  tag_key TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (experiment_id, tag_key)
);
CREATE TABLE runs (
  id ${id},
  run_uuid TEXT NOT NULL UNIQUE,
  experiment_id BIGINT NOT NULL REFERENCES experiments(id),
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  start_time BIGINT NOT NULL,
  end_time BIGINT,
  lifecycle_stage TEXT NOT NULL,
  user_id TEXT NOT NULL,
  tracking_level TEXT NOT NULL
);
CREATE INDEX runs_by_experiment ON runs (experiment_id, start_time);
CREATE TABLE params (
  run_id BIGINT NOT NULL REFERENCES runs(id),
  param_key TEXT NOT NULL,
  param_value TEXT NOT NULL,
  PRIMARY KEY (run_id, param_key)
);
CREATE TABLE metrics (
  run_id BIGINT NOT NULL REFERENCES runs(id),
  metric_key TEXT NOT NULL,
  metric_value DOUBLE PRECISION NOT NULL,
  step BIGINT NOT NULL,
  logged_at BIGINT NOT NULL
);
CREATE INDEX metrics_by_run_key ON metrics (run_id, metric_key, step);
CREATE TABLE latest_metrics (
  run_id BIGINT NOT NULL REFERENCES runs(id),
  metric_key TEXT NOT NULL,
  metric_value DOUBLE PRECISION NOT NULL,
  step BIGINT NOT NULL,
  logged_at BIGINT NOT NULL,
  PRIMARY KEY (run_id, metric_key)
);
CREATE INDEX latest_metrics_by_key_value ON latest_metrics (metric_key, metric_value, run_id);
CREATE TABLE run_tags (
  run_id BIGINT NOT NULL REFERENCES runs(id),
  tag_key TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (run_id, tag_key)
);
CREATE TABLE run_inputs (
  run_id BIGINT NOT NULL REFERENCES runs(id),
  input_name TEXT NOT NULL,
  digest TEXT NOT NULL,
  profile_artifact TEXT,
  PRIMARY KEY (run_id, input_name)
);
CREATE TABLE run_artifacts (
  run_id BIGINT NOT NULL REFERENCES runs(id),
  path TEXT NOT NULL,
  digest TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  PRIMARY KEY (run_id, path)
);
CREATE TABLE registered_models (
  id ${id},
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL,
  latest_version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE model_tags (
  model_id BIGINT NOT NULL REFERENCES registered_models(id),
  tag_key TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (model_id, tag_key)
);
CREATE TABLE model_versions (
  model_id BIGINT NOT NULL REFERENCES registered_models(id),
  version BIGINT NOT NULL,
  artifact_name TEXT NOT NULL,
  artifact_digest TEXT NOT NULL,
  artifact_size BIGINT NOT NULL,
  flavour TEXT NOT NULL,
  signature TEXT NOT NULL,
  pipeline_digest TEXT,
  golden_digest TEXT,
  run_uuid TEXT,
  data_digest TEXT,
  profile_digest TEXT,
  description TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (model_id, version)
);
CREATE TABLE version_metrics (
  model_id BIGINT NOT NULL,
  version BIGINT NOT NULL,
  metric_key TEXT NOT NULL,
  metric_value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (model_id, version, metric_key),
  FOREIGN KEY (model_id, version) REFERENCES model_versions(model_id, version)
);
CREATE TABLE version_tags (
  model_id BIGINT NOT NULL,
  version BIGINT NOT NULL,
  tag_key TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (model_id, version, tag_key),
  FOREIGN KEY (model_id, version) REFERENCES model_versions(model_id, version)
);
CREATE TABLE aliases (
  model_id BIGINT NOT NULL REFERENCES registered_models(id),
  alias TEXT NOT NULL,
  version BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (model_id, alias),
  FOREIGN KEY (model_id, version) REFERENCES model_versions(model_id, version)
);
CREATE TABLE alias_events (
  id ${id},
  model_id BIGINT NOT NULL REFERENCES registered_models(id),
  alias TEXT NOT NULL,
  from_version BIGINT,
  to_version BIGINT,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX alias_events_by_model ON alias_events (model_id, alias, at);
