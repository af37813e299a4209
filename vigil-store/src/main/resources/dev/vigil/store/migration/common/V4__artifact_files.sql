-- Named artifact files (the namespace MLflow's artifact proxy serves under mlflow-artifacts:/):
-- each path names a blob of the content-addressed artifact store. Folders are implied by paths.
CREATE TABLE artifact_files (
  path TEXT NOT NULL PRIMARY KEY,
  digest TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
