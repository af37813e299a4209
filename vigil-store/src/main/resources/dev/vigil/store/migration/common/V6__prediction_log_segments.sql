-- Vigil store: the prediction-log catalogue. One row per closed (immutable) log segment.
-- Times are epoch milliseconds (UTC); versions is a comma-separated list of the versions that answered.
CREATE TABLE prediction_log_segments (
  id ${id},
  path TEXT NOT NULL UNIQUE,
  model TEXT NOT NULL,
  versions TEXT NOT NULL,
  first_time BIGINT NOT NULL,
  last_time BIGINT NOT NULL,
  row_count BIGINT NOT NULL,
  byte_size BIGINT NOT NULL,
  digest TEXT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX prediction_log_segments_by_model ON prediction_log_segments (model, first_time);
