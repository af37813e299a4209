package dev.vigil.store.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.store.ArtifactRef;
import dev.vigil.store.AlreadyExistsException;
import dev.vigil.store.ArtifactStore;
import dev.vigil.NotFoundException;
import dev.vigil.tracking.Experiment;
import dev.vigil.tracking.Metric;
import dev.vigil.tracking.Run;
import dev.vigil.tracking.RunDetails;
import dev.vigil.tracking.RunInput;
import dev.vigil.tracking.RunPage;
import dev.vigil.tracking.RunQuery;
import dev.vigil.tracking.RunStatus;
import dev.vigil.tracking.Tracking;
import dev.vigil.tracking.TrackingLevel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Tracking} on JDBC. */
public final class JdbcTracking implements Tracking {
  private final Db db;
  private final Clock clock;

  public JdbcTracking(Db db, Clock clock, ArtifactStore artifacts) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Experiment createExperiment(String name) {
    checkName(name);
    return db.tx(c -> {
      if (findByName(c, name).isPresent()) {
        throw new AlreadyExistsException("experiment '" + name + "' already exists");
      }
      return insertExperiment(c, name);
    });
  }

  @Override
  public Experiment experiment(String name) {
    checkName(name);
    Optional<Experiment> e = db.read(c -> findByName(c, name));
    if (e.isPresent()) {
      return e.get();
    }
    return db.tx(c -> {
      Optional<Experiment> again = findByName(c, name);
      return again.isPresent() ? again.get() : insertExperiment(c, name);
    });
  }

  private static void checkName(String name) {
    InvalidArgumentException.check(name != null && !name.isBlank() && name.length() <= 500,
        "experiment name must be 1-500 characters: '%s'", name);
  }

  private Experiment insertExperiment(Connection c, String name) throws SQLException {
    long now = clock.millis();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO experiments (name, artifact_location, lifecycle_stage, created_at, updated_at) VALUES (?, '', 'active', ?, ?)")) {
      ps.setString(1, name);
      ps.setLong(2, now);
      ps.setLong(3, now);
      ps.executeUpdate();
    }
    return findByName(c, name).orElseThrow();
  }

  private Optional<Experiment> findByName(Connection c, String name) throws SQLException {
    return one(c, "SELECT id, name, lifecycle_stage, created_at FROM experiments WHERE name = ?", name);
  }

  private Optional<Experiment> one(Connection c, String sql, Object arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long id = rs.getLong(1);
        return Optional.of(new Experiment(id, rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
            kv(c, "SELECT tag_key, tag_value FROM experiment_tags WHERE experiment_id = ? ORDER BY tag_key", id)));
      }
    }
  }

  @Override
  public Optional<Experiment> findExperiment(String idOrName) {
    return db.read(c -> {
      Optional<Experiment> e = findByName(c, idOrName);
      if (e.isEmpty() && idOrName.matches("[0-9]{1,18}")) {
        e = one(c, "SELECT id, name, lifecycle_stage, created_at FROM experiments WHERE id = ?", Long.parseLong(idOrName));
      }
      return e;
    });
  }

  @Override
  public List<Experiment> experiments() {
    return db.read(c -> {
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM experiments ORDER BY id");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      List<Experiment> out = new ArrayList<>();
      for (long id : ids) {
        out.add(one(c, "SELECT id, name, lifecycle_stage, created_at FROM experiments WHERE id = ?", id).orElseThrow());
      }
      return out;
    });
  }

  @Override
  public void setExperimentTag(long experimentId, String key, String value) {
    db.tx(c -> {
      requireExperiment(c, experimentId);
      upsert(c, "experiment_tags", "experiment_id", experimentId, "tag_key", key, "tag_value", value);
      return null;
    });
  }

  private void requireExperiment(Connection c, long id) throws SQLException {
    if (one(c, "SELECT id, name, lifecycle_stage, created_at FROM experiments WHERE id = ?", id).isEmpty()) {
      throw new NotFoundException("no experiment with id " + id);
    }
  }

  @Override
  public Run startRun(long experimentId, String name, String userId, TrackingLevel level) {
    String runId = UUID.randomUUID().toString().replace("-", "");
    long now = clock.millis();
    return db.tx(c -> {
      requireExperiment(c, experimentId);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (run_uuid, experiment_id, name, status, start_time, "
          + "lifecycle_stage, user_id, tracking_level) VALUES (?, ?, ?, 'RUNNING', ?, 'active', ?, ?)")) {
        ps.setString(1, runId);
        ps.setLong(2, experimentId);
        ps.setString(3, name == null ? "" : name);
        ps.setLong(4, now);
        ps.setString(5, userId == null ? "" : userId);
        ps.setString(6, level.jsonName());
        ps.executeUpdate();
      }
      return run(c, runId);
    });
  }

  private long runKey(Connection c, String runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM runs WHERE run_uuid = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("no run with id '" + runId + "'");
        }
        return rs.getLong(1);
      }
    }
  }

  @Override
  public void logParams(String runId, Map<String, String> params) {
    db.tx(c -> {
      long id = runKey(c, runId);
      for (Map.Entry<String, String> e : params.entrySet()) {
        InvalidArgumentException.check(e.getKey() != null && !e.getKey().isBlank(), "param key must be non-empty in run %s", runId);
        Optional<String> old = oneString(c, "SELECT param_value FROM params WHERE run_id = ? AND param_key = ?", id, e.getKey());
        if (old.isPresent()) {
          if (!old.get().equals(e.getValue())) {
            throw new InvalidArgumentException("param '" + e.getKey() + "' of run " + runId + " is already '" + old.get()
                + "' and cannot change to '" + e.getValue() + "'");
          }
          continue;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO params (run_id, param_key, param_value) VALUES (?, ?, ?)")) {
          ps.setLong(1, id);
          ps.setString(2, e.getKey());
          ps.setString(3, String.valueOf(e.getValue()));
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  @Override
  public void logMetrics(String runId, List<Metric> metrics) {
    db.tx(c -> {
      long id = runKey(c, runId);
      long experimentId = oneLong(c, "SELECT experiment_id FROM runs WHERE id = ?", id);
      Map<String, Metric> latest = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO metrics (run_id, metric_key, metric_value, step, logged_at) VALUES (?, ?, ?, ?, ?)")) {
        int n = 0;
        for (Metric m : metrics) {
          ps.setLong(1, id);
          ps.setString(2, m.key());
          ps.setDouble(3, m.value());
          ps.setLong(4, m.step());
          ps.setLong(5, m.timestamp().toEpochMilli());
          ps.addBatch();
          if (++n % 1000 == 0) {
            ps.executeBatch();
          }
          latest.merge(m.key(), m, (a, b) -> newer(b, a) ? b : a);
        }
        ps.executeBatch();
      }
      // The latest value per key: one read of the run's current latest values, then one batch of
      // deletes and one of inserts, so that a batch costs a handful of round trips whatever its keys.
      Map<String, Metric> current = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT metric_key, metric_value, step, logged_at FROM latest_metrics WHERE run_id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            current.put(rs.getString(1), new Metric(rs.getString(1), rs.getDouble(2), rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4))));
          }
        }
      }
      List<Metric> changed = new ArrayList<>();
      for (Metric m : latest.values()) {
        Metric old = current.get(m.key());
        if (old == null || newer(m, old)) {
          changed.add(m);
        }
      }
      if (!changed.isEmpty()) {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM latest_metrics WHERE run_id = ? AND metric_key = ?");
             PreparedStatement ps = c.prepareStatement("INSERT INTO latest_metrics (run_id, metric_key, metric_value, step, "
                 + "logged_at, experiment_id) VALUES (?, ?, ?, ?, ?, ?)")) {
          for (Metric m : changed) {
            del.setLong(1, id);
            del.setString(2, m.key());
            del.addBatch();
            ps.setLong(1, id);
            ps.setString(2, m.key());
            ps.setDouble(3, m.value());
            ps.setLong(4, m.step());
            ps.setLong(5, m.timestamp().toEpochMilli());
            ps.setLong(6, experimentId);
            ps.addBatch();
          }
          del.executeBatch();
          ps.executeBatch();
        }
      }
      return null;
    });
  }

  private static boolean newer(Metric a, Metric b) {
    return a.step() > b.step() || (a.step() == b.step() && !a.timestamp().isBefore(b.timestamp()));
  }

  @Override
  public void setTags(String runId, Map<String, String> tags) {
    db.tx(c -> {
      long id = runKey(c, runId);
      for (Map.Entry<String, String> e : tags.entrySet()) {
        upsert(c, "run_tags", "run_id", id, "tag_key", e.getKey(), "tag_value", e.getValue());
      }
      return null;
    });
  }

  @Override
  public void logInput(String runId, RunInput input) {
    db.tx(c -> {
      long id = runKey(c, runId);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM run_inputs WHERE run_id = ? AND input_name = ?")) {
        del.setLong(1, id);
        del.setString(2, input.name());
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO run_inputs (run_id, input_name, digest, profile_artifact) VALUES (?, ?, ?, ?)")) {
        ps.setLong(1, id);
        ps.setString(2, input.name());
        ps.setString(3, input.digest());
        ps.setString(4, input.profileArtifact().orElse(null));
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void logArtifact(String runId, String path, ArtifactRef ref) {
    db.tx(c -> {
      long id = runKey(c, runId);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM run_artifacts WHERE run_id = ? AND path = ?")) {
        del.setLong(1, id);
        del.setString(2, path);
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_artifacts (run_id, path, digest, size_bytes) VALUES (?, ?, ?, ?)")) {
        ps.setLong(1, id);
        ps.setString(2, path);
        ps.setString(3, ref.digest());
        ps.setLong(4, ref.size());
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void endRun(String runId, RunStatus status) {
    db.tx(c -> {
      runKey(c, runId);
      try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = ?, end_time = ? WHERE run_uuid = ?")) {
        ps.setString(1, status.name());
        ps.setLong(2, clock.millis());
        ps.setString(3, runId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void deleteRun(String runId) {
    db.tx(c -> {
      runKey(c, runId);
      try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET lifecycle_stage = 'deleted' WHERE run_uuid = ?")) {
        ps.setString(1, runId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Run run(String runId) {
    return db.read(c -> run(c, runId));
  }

  private static final String RUN_COLUMNS = "r.run_uuid, r.experiment_id, r.name, r.status, r.start_time, r.end_time, r.user_id, r.tracking_level";

  private Run run(Connection c, String runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs r WHERE r.run_uuid = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("no run with id '" + runId + "'");
        }
        return readRun(rs);
      }
    }
  }

  private static Run readRun(ResultSet rs) throws SQLException {
    long end = rs.getLong(6);
    Optional<Instant> endTime = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(end));
    return new Run(rs.getString(1), rs.getLong(2), rs.getString(3), RunStatus.valueOf(rs.getString(4)),
        Instant.ofEpochMilli(rs.getLong(5)), endTime, rs.getString(7), TrackingLevel.parse(rs.getString(8)));
  }

  @Override
  public RunDetails details(String runId) {
    return db.read(c -> {
      Run run = run(c, runId);
      long id = runKey(c, runId);
      Map<String, Metric> metrics = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT metric_key, metric_value, step, logged_at FROM latest_metrics WHERE run_id = ? ORDER BY metric_key")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            metrics.put(rs.getString(1), new Metric(rs.getString(1), rs.getDouble(2), rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4))));
          }
        }
      }
      List<RunInput> inputs = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT input_name, digest, profile_artifact FROM run_inputs WHERE run_id = ? ORDER BY input_name")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inputs.add(new RunInput(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3))));
          }
        }
      }
      // Artifacts logged through the library, then files uploaded under the run's folder (MLflow's
      // artifact proxy), by path relative to the run.
      Map<String, String> artifacts = new java.util.TreeMap<>();
      String folder = dev.vigil.store.ArtifactFiles.runFolder(run.experimentId(), runId) + "/";
      try (PreparedStatement ps = c.prepareStatement("SELECT path, digest FROM artifact_files WHERE substr(path, 1, ?) = ?")) {
        ps.setInt(1, folder.length());
        ps.setString(2, folder);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            artifacts.put(rs.getString(1).substring(folder.length()), rs.getString(2));
          }
        }
      }
      artifacts.putAll(kv(c, "SELECT path, digest FROM run_artifacts WHERE run_id = ? ORDER BY path", id));
      return new RunDetails(run,
          kv(c, "SELECT param_key, param_value FROM params WHERE run_id = ? ORDER BY param_key", id),
          metrics,
          kv(c, "SELECT tag_key, tag_value FROM run_tags WHERE run_id = ? ORDER BY tag_key", id),
          inputs,
          artifacts);
    });
  }

  @Override
  public List<Metric> metricHistory(String runId, String key) {
    return db.read(c -> {
      long id = runKey(c, runId);
      List<Metric> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT metric_value, step, logged_at FROM metrics WHERE run_id = ? AND metric_key = ? ORDER BY step, logged_at")) {
        ps.setLong(1, id);
        ps.setString(2, key);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Metric(key, rs.getDouble(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3))));
          }
        }
      }
      return out;
    });
  }

  @Override
  public RunPage searchRuns(RunQuery q) {
    RunPageToken after = q.pageToken().map(t -> RunPageToken.decode(t, q)).orElse(null);
    int want = q.maxResults() + 1; // one more than the page tells whether another page follows
    List<Row> rows;
    if (q.orderByMetric().isEmpty()) {
      rows = seek(q, RunPageToken.Phase.S, after, want);
    } else {
      // Runs with the order metric first, walked along the (experiment, metric, value, run) index
      // from the previous page's last row; runs without the metric after them, by run key.
      rows = new ArrayList<>();
      if (after == null || after.phase() == RunPageToken.Phase.M) {
        rows.addAll(seek(q, RunPageToken.Phase.M, after, want));
      }
      if (rows.size() < want) {
        RunPageToken from = after != null && after.phase() == RunPageToken.Phase.N ? after : null;
        rows.addAll(seek(q, RunPageToken.Phase.N, from, want - rows.size()));
      }
    }
    Optional<String> next = Optional.empty();
    if (rows.size() > q.maxResults()) {
      rows = rows.subList(0, q.maxResults());
      next = Optional.of(rows.get(rows.size() - 1).position().encode(q));
    }
    List<Run> runs = new ArrayList<>(rows.size());
    for (Row r : rows) {
      runs.add(r.run());
    }
    return new RunPage(runs, next);
  }

  /** A run and its position in the search order. */
  private record Row(Run run, RunPageToken position) {}

  private List<Row> seek(RunQuery q, RunPageToken.Phase phase, RunPageToken after, int limit) {
    List<Object> args = new ArrayList<>();
    boolean desc = phase == RunPageToken.Phase.S || !q.ascending();
    String dir = desc ? "DESC" : "ASC";
    String cmp = desc ? "<" : ">";
    StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + ", r.id");
    boolean oneExperiment = q.experimentIds().size() == 1;
    if (phase == RunPageToken.Phase.M) {
      sql.append(", o.metric_value FROM latest_metrics o JOIN runs r ON r.id = o.run_id WHERE o.metric_key = ?");
      args.add(q.orderByMetric().get());
      if (oneExperiment) {
        sql.append(" AND o.experiment_id = ?");
        args.add(q.experimentIds().get(0));
      }
      if (after != null) {
        // value <= v bounds the index range; the OR only drops the ties already returned.
        sql.append(" AND o.metric_value ").append(cmp).append("= ? AND (o.metric_value ").append(cmp)
            .append(" ? OR o.run_id ").append(cmp).append(" ?)");
        args.add(after.value());
        args.add(after.value());
        args.add(after.id());
      }
    } else {
      sql.append(" FROM runs r WHERE 1 = 1");
      if (after != null && phase == RunPageToken.Phase.S) {
        sql.append(" AND r.start_time <= ? AND (r.start_time < ? OR r.id < ?)");
        args.add(after.bits());
        args.add(after.bits());
        args.add(after.id());
      } else if (after != null) {
        sql.append(" AND r.id ").append(cmp).append(" ?");
        args.add(after.id());
      }
      if (phase == RunPageToken.Phase.N) {
        sql.append(" AND NOT EXISTS (SELECT 1 FROM latest_metrics o WHERE o.run_id = r.id AND o.metric_key = ?)");
        args.add(q.orderByMetric().get());
      }
    }
    sql.append(" AND r.lifecycle_stage = 'active'");
    if (q.metricFilter().isPresent()) {
      RunQuery.MetricFilter f = q.metricFilter().get();
      sql.append(" AND EXISTS (SELECT 1 FROM latest_metrics f WHERE f.run_id = r.id AND f.metric_key = ? AND f.metric_value ")
          .append(f.op().equals("=") ? "=" : f.op().equals("!=") ? "<>" : f.op()).append(" ?)");
      args.add(f.metric());
      args.add(f.value());
    }
    if (!q.experimentIds().isEmpty()) {
      sql.append(" AND r.experiment_id IN (");
      for (int i = 0; i < q.experimentIds().size(); i++) {
        sql.append(i == 0 ? "?" : ", ?");
        args.add(q.experimentIds().get(i));
      }
      sql.append(")");
    }
    switch (phase) {
      case M -> sql.append(" ORDER BY o.metric_value ").append(dir).append(", o.run_id ").append(dir);
      case N -> sql.append(" ORDER BY r.id ").append(dir);
      case S -> sql.append(" ORDER BY r.start_time DESC, r.id DESC");
    }
    sql.append(" LIMIT ").append(limit);
    return db.read(c -> {
      List<Row> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Run run = readRun(rs);
            long id = rs.getLong(9);
            RunPageToken at = switch (phase) {
              case M -> RunPageToken.metric(rs.getDouble(10), id);
              case N -> RunPageToken.noMetric(id);
              case S -> RunPageToken.startTime(run.startTime().toEpochMilli(), id);
            };
            out.add(new Row(run, at));
          }
        }
      }
      return out;
    });
  }

  static Map<String, String> kv(Connection c, String sql, long id) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  private static long oneLong(Connection c, String sql, long arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static Optional<String> oneString(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Delete-then-insert keyed on (idColumn, keyColumn): portable across SQLite and PostgreSQL. */
  static void upsert(Connection c, String table, String idColumn, long id, String keyColumn, String key,
      String valueColumn, String value) throws SQLException {
    InvalidArgumentException.check(key != null && !key.isBlank(), "%s must be non-empty", keyColumn);
    try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE " + idColumn + " = ? AND " + keyColumn + " = ?")) {
      del.setLong(1, id);
      del.setString(2, key);
      del.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + table + " (" + idColumn + ", " + keyColumn + ", " + valueColumn + ") VALUES (?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, key);
      ps.setString(3, value == null ? "" : value);
      ps.executeUpdate();
    }
  }
}
