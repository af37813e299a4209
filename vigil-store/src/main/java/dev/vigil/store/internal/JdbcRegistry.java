package dev.vigil.store.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.registry.AliasEvent;
import dev.vigil.registry.AliasState;
import dev.vigil.registry.DeploymentGate;
import dev.vigil.registry.GateRefusedException;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.RegisteredModel;
import dev.vigil.registry.Registration;
import dev.vigil.registry.Registry;
import dev.vigil.registry.VersionRef;
import dev.vigil.registry.VersionStatus;
import dev.vigil.store.ArtifactRef;
import dev.vigil.store.AlreadyExistsException;
import dev.vigil.store.ArtifactStore;
import dev.vigil.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** {@link Registry} on JDBC. */
public final class JdbcRegistry implements Registry, AutoCloseable {
  private final Db db;
  private final Clock clock;
  private final ArtifactStore artifacts;
  /** PostgreSQL only (null on SQLite, where resolution is a local read): see {@link AliasCache}. */
  private final AliasCache aliasCache;

  public JdbcRegistry(Db db, Clock clock, ArtifactStore artifacts) {
    this.db = db;
    this.clock = clock;
    this.artifacts = artifacts;
    this.aliasCache = db.sqlite() ? null : new AliasCache(db.url(), null);
  }

  /** Stops listening for alias changes (PostgreSQL). */
  @Override
  public void close() {
    if (aliasCache != null) {
      aliasCache.close();
    }
  }

  /** Whether alias answers are cached in process right now (PostgreSQL, listener connected). */
  public boolean aliasCacheListening() {
    return aliasCache != null && aliasCache.listening();
  }

  private void aliasesChanged() {
    if (aliasCache != null) {
      aliasCache.invalidate();
    }
  }

  @Override
  public ModelVersion register(Registration r) {
    // Everything that can fail slowly happens before the transaction: the check, copies, digests.
    if (java.nio.file.Files.isRegularFile(r.artifact())) {
      r.check().check(r.artifact(), r.flavour());
    }
    ArtifactRef model = artifacts.put(r.artifact());
    Optional<String> pipeline = r.pipelineJson().map(b -> artifacts.put(b).digest());
    Optional<String> golden = r.goldenJson().map(b -> artifacts.put(b).digest());
    Optional<String> profile = r.profileJson().map(b -> artifacts.put(b).digest());
    long now = clock.millis();
    long version = db.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO registered_models (name, description, latest_version, "
          + "created_at, updated_at) VALUES (?, '', 0, ?, ?) ON CONFLICT (name) DO NOTHING")) {
        ps.setString(1, r.model());
        ps.setLong(2, now);
        ps.setLong(3, now);
        ps.executeUpdate();
      }
      long modelId;
      long v;
      // The row lock taken here serialises registrations of one model: numbers are contiguous.
      try (PreparedStatement ps = c.prepareStatement("UPDATE registered_models SET latest_version = latest_version + 1, "
          + "updated_at = ? WHERE name = ? RETURNING id, latest_version")) {
        ps.setLong(1, now);
        ps.setString(2, r.model());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          modelId = rs.getLong(1);
          v = rs.getLong(2);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_versions (model_id, version, artifact_name, "
          + "artifact_digest, artifact_size, flavour, signature, pipeline_digest, golden_digest, run_uuid, data_digest, "
          + "profile_digest, description, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, modelId);
        ps.setLong(2, v);
        ps.setString(3, r.artifact().getFileName().toString());
        ps.setString(4, model.digest());
        ps.setLong(5, model.size());
        ps.setString(6, r.flavour());
        ps.setString(7, SignatureJson.write(r.signature()));
        ps.setString(8, pipeline.orElse(null));
        ps.setString(9, golden.orElse(null));
        ps.setString(10, r.runId().orElse(null));
        ps.setString(11, r.dataDigest().orElse(null));
        ps.setString(12, profile.orElse(null));
        ps.setString(13, r.description());
        ps.setString(14, VersionStatus.READY.name());
        ps.setLong(15, now);
        ps.setString(16, r.createdBy());
        ps.executeUpdate();
      }
      for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO version_metrics (model_id, version, metric_key, metric_value) VALUES (?, ?, ?, ?)")) {
          ps.setLong(1, modelId);
          ps.setLong(2, v);
          ps.setString(3, m.getKey());
          ps.setDouble(4, m.getValue());
          ps.executeUpdate();
        }
      }
      for (Map.Entry<String, String> t : r.tags().entrySet()) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO version_tags (model_id, version, tag_key, tag_value) VALUES (?, ?, ?, ?)")) {
          ps.setLong(1, modelId);
          ps.setLong(2, v);
          ps.setString(3, t.getKey());
          ps.setString(4, t.getValue());
          ps.executeUpdate();
        }
      }
      return v;
    });
    return version(new VersionRef(r.model(), Optional.empty(), OptionalLong.of(version)));
  }

  @Override
  public RegisteredModel createModel(String name, String description) {
    Registry.checkModelName(name);
    long now = clock.millis();
    return db.tx(c -> {
      if (JdbcTracking.oneString(c, "SELECT id FROM registered_models WHERE name = ?", name).isPresent()) {
        throw new AlreadyExistsException("registered model '" + name + "' already exists");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO registered_models (name, description, latest_version, "
          + "created_at, updated_at) VALUES (?, ?, 0, ?, ?)")) {
        ps.setString(1, name);
        ps.setString(2, description == null ? "" : description);
        ps.setLong(3, now);
        ps.setLong(4, now);
        ps.executeUpdate();
      }
      return model(c, name);
    });
  }

  @Override
  public List<RegisteredModel> models() {
    return db.read(c -> {
      List<String> names = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM registered_models ORDER BY name");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      List<RegisteredModel> out = new ArrayList<>();
      for (String n : names) {
        out.add(model(c, n));
      }
      return out;
    });
  }

  @Override
  public RegisteredModel model(String name) {
    Registry.checkModelName(name);
    return db.read(c -> model(c, name));
  }

  private RegisteredModel model(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, description, latest_version, created_at, updated_at FROM registered_models WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("no registered model named '" + name + "'");
        }
        long id = rs.getLong(1);
        Map<String, Long> aliases = new TreeMap<>();
        for (Map.Entry<String, String> e : JdbcTracking.kv(c, "SELECT alias, version FROM aliases WHERE model_id = ?", id).entrySet()) {
          aliases.put(e.getKey(), Long.parseLong(e.getValue()));
        }
        return new RegisteredModel(name, rs.getString(2), rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4)),
            Instant.ofEpochMilli(rs.getLong(5)), aliases,
            JdbcTracking.kv(c, "SELECT tag_key, tag_value FROM model_tags WHERE model_id = ? ORDER BY tag_key", id));
      }
    }
  }

  private long modelId(Connection c, String name) throws SQLException {
    Registry.checkModelName(name);
    return JdbcTracking.oneString(c, "SELECT id FROM registered_models WHERE name = ?", name).map(Long::parseLong)
        .orElseThrow(() -> new NotFoundException("no registered model named '" + name + "'"));
  }

  @Override
  public List<ModelVersion> versions(String name) {
    return db.read(c -> {
      long id = modelId(c, name);
      List<Long> vs = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT version FROM model_versions WHERE model_id = ? ORDER BY version")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            vs.add(rs.getLong(1));
          }
        }
      }
      List<ModelVersion> out = new ArrayList<>();
      for (long v : vs) {
        out.add(version(c, name, id, v));
      }
      return out;
    });
  }

  @Override
  public long resolveAlias(String model, String alias) {
    Registry.checkModelName(model);
    Registry.checkAlias(alias);
    if (aliasCache != null) {
      Optional<Long> hit = aliasCache.get(model, alias);
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    long gen = aliasCache == null ? 0 : aliasCache.generation();
    long version = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT a.version FROM aliases a JOIN registered_models m ON m.id = a.model_id WHERE m.name = ? AND a.alias = ?")) {
        ps.setString(1, model);
        ps.setString(2, alias);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
      }
      modelId(c, model);
      throw new NotFoundException("model '" + model + "' has no alias '" + alias + "'");
    });
    if (aliasCache != null) {
      aliasCache.put(model, alias, version, gen);
    }
    return version;
  }

  @Override
  public ModelVersion version(VersionRef ref) {
    return db.read(c -> {
      long id = modelId(c, ref.model());
      long v;
      if (ref.alias().isPresent()) {
        v = aliasTarget(c, id, ref.alias().get()).orElseThrow(() -> new InvalidArgumentException(
            "model '" + ref.model() + "' has no alias '" + ref.alias().get() + "'"));
      } else if (ref.version().isPresent()) {
        v = ref.version().getAsLong();
      } else {
        v = JdbcTracking.oneString(c, "SELECT MAX(version) FROM model_versions WHERE model_id = ?", id)
            .map(Long::parseLong).orElseThrow(() -> new NotFoundException("model '" + ref.model() + "' has no versions"));
      }
      return version(c, ref.model(), id, v);
    });
  }

  private static OptionalLong aliasTarget(Connection c, long modelId, String alias) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM aliases WHERE model_id = ? AND alias = ?")) {
      ps.setLong(1, modelId);
      ps.setString(2, alias);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  private ModelVersion version(Connection c, String name, long modelId, long v) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT artifact_name, artifact_digest, artifact_size, flavour, signature, "
        + "pipeline_digest, golden_digest, run_uuid, data_digest, profile_digest, description, status, created_at, created_by "
        + "FROM model_versions WHERE model_id = ? AND version = ?")) {
      ps.setLong(1, modelId);
      ps.setLong(2, v);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("model '" + name + "' has no version " + v);
        }
        Map<String, Double> metrics = new TreeMap<>();
        try (PreparedStatement m = c.prepareStatement(
            "SELECT metric_key, metric_value FROM version_metrics WHERE model_id = ? AND version = ?")) {
          m.setLong(1, modelId);
          m.setLong(2, v);
          try (ResultSet mr = m.executeQuery()) {
            while (mr.next()) {
              metrics.put(mr.getString(1), mr.getDouble(2));
            }
          }
        }
        Map<String, String> tags = new TreeMap<>();
        List<String> aliases = new ArrayList<>();
        try (PreparedStatement t = c.prepareStatement(
            "SELECT tag_key, tag_value FROM version_tags WHERE model_id = ? AND version = ?")) {
          t.setLong(1, modelId);
          t.setLong(2, v);
          try (ResultSet tr = t.executeQuery()) {
            while (tr.next()) {
              tags.put(tr.getString(1), tr.getString(2));
            }
          }
        }
        try (PreparedStatement a = c.prepareStatement("SELECT alias FROM aliases WHERE model_id = ? AND version = ? ORDER BY alias")) {
          a.setLong(1, modelId);
          a.setLong(2, v);
          try (ResultSet ar = a.executeQuery()) {
            while (ar.next()) {
              aliases.add(ar.getString(1));
            }
          }
        }
        return new ModelVersion(name, v, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
            SignatureJson.read(rs.getString(5)), Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)),
            Optional.ofNullable(rs.getString(8)), Optional.ofNullable(rs.getString(9)), Optional.ofNullable(rs.getString(10)),
            rs.getString(11), VersionStatus.valueOf(rs.getString(12)), Instant.ofEpochMilli(rs.getLong(13)), rs.getString(14),
            metrics, tags, aliases);
      }
    }
  }

  @Override
  public DeploymentGate.VersionFiles files(ModelVersion v) {
    return new DeploymentGate.VersionFiles(artifacts.verifiedPath(v.artifactDigest()),
        v.pipelineDigest().map(artifacts::verifiedPath), v.goldenDigest().map(artifacts::verifiedPath));
  }

  @Override
  public AliasMoveResult setAlias(String model, String alias, long version, String actor, String reason, List<DeploymentGate> gates) {
    Registry.checkAlias(alias);
    Objects.requireNonNull(actor, "actor");
    ModelVersion mv = version(new VersionRef(model, Optional.empty(), OptionalLong.of(version)));
    List<DeploymentGate.GateResult> results = new ArrayList<>();
    if (!gates.isEmpty()) {
      DeploymentGate.VersionFiles files = files(mv);
      for (DeploymentGate g : gates) {
        DeploymentGate.GateResult res;
        try {
          res = g.check(mv, files);
        } catch (RuntimeException e) {
          res = DeploymentGate.GateResult.fail(g.name(), "gate threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        results.add(res);
      }
      List<String> failed = results.stream().filter(x -> !x.passed()).map(x -> x.gate() + ": " + x.detail()).toList();
      if (!failed.isEmpty()) {
        throw new GateRefusedException("refused to point " + model + "@" + alias + " at version " + version
            + ": " + String.join("; ", failed), results);
      }
    }
    long now = clock.millis();
    try {
      return setAliasTx(model, alias, version, actor, reason, results, now);
    } finally {
      aliasesChanged();
    }
  }

  private AliasMoveResult setAliasTx(String model, String alias, long version, String actor, String reason,
      List<DeploymentGate.GateResult> results, long now) {
    return db.tx(c -> {
      long id = lockModel(c, model, now);
      version(c, model, id, version);
      OptionalLong prev = aliasTarget(c, id, alias);
      move(c, id, alias, prev, OptionalLong.of(version), "set", actor, reason, now);
      if (CHAMPION.equals(alias) && prev.isPresent() && prev.getAsLong() != version
          && status(c, id, prev.getAsLong()) != VersionStatus.ROLLED_BACK) {
        OptionalLong oldBackup = aliasTarget(c, id, BACKUP);
        if (oldBackup.isEmpty() || oldBackup.getAsLong() != prev.getAsLong()) {
          move(c, id, BACKUP, oldBackup, prev, "auto_backup", actor,
              "version " + prev.getAsLong() + " served as champion before version " + version, now);
        }
      }
      return new AliasMoveResult(model, alias, version, prev.orElse(0), results, aliasTarget(c, id, BACKUP).orElse(0));
    });
  }

  @Override
  public void deleteAlias(String model, String alias, String actor, String reason) {
    Registry.checkAlias(alias);
    long now = clock.millis();
    try {
      db.tx(c -> {
        long id = lockModel(c, model, now);
        OptionalLong prev = aliasTarget(c, id, alias);
        if (prev.isEmpty()) {
          throw new NotFoundException("model '" + model + "' has no alias '" + alias + "'");
        }
        move(c, id, alias, prev, OptionalLong.empty(), "delete", actor, reason, now);
        return null;
      });
    } finally {
      aliasesChanged();
    }
  }

  @Override
  public AliasMoveResult rollback(String model, String actor, String reason) {
    try {
      return rollbackTx(model, actor, reason, clock.millis());
    } finally {
      aliasesChanged();
    }
  }

  private AliasMoveResult rollbackTx(String model, String actor, String reason, long now) {
    return db.tx(c -> {
      long id = lockModel(c, model, now);
      OptionalLong champion = aliasTarget(c, id, CHAMPION);
      OptionalLong backup = aliasTarget(c, id, BACKUP);
      if (champion.isEmpty()) {
        throw new InvalidArgumentException("model '" + model + "' has no champion to roll back");
      }
      if (backup.isEmpty() || backup.getAsLong() == champion.getAsLong()) {
        throw new InvalidArgumentException("model '" + model + "' has no backup version to roll back to (champion is version "
            + champion.getAsLong() + ")");
      }
      long bad = champion.getAsLong();
      long good = backup.getAsLong();
      artifacts.verifiedPath(version(c, model, id, good).artifactDigest());
      move(c, id, CHAMPION, champion, backup, "rollback", actor, reason, now);
      try (PreparedStatement ps = c.prepareStatement("UPDATE model_versions SET status = ? WHERE model_id = ? AND version = ?")) {
        ps.setString(1, VersionStatus.ROLLED_BACK.name());
        ps.setLong(2, id);
        ps.setLong(3, bad);
        ps.executeUpdate();
      }
      OptionalLong next = OptionalLong.empty();
      List<AliasEvent> events = events(c, model, id);
      for (int i = events.size() - 1; i >= 0 && next.isEmpty(); i--) {
        AliasEvent e = events.get(i);
        if (!CHAMPION.equals(e.alias()) || e.toVersion().isEmpty()) {
          continue;
        }
        long v = e.toVersion().getAsLong();
        if (v != good && v != bad && status(c, id, v) == VersionStatus.READY) {
          next = OptionalLong.of(v);
        }
      }
      String why = "after rollback of version " + bad + " to version " + good;
      move(c, id, BACKUP, backup, next, next.isPresent() ? "auto_backup" : "delete", actor, why, now);
      return new AliasMoveResult(model, CHAMPION, good, bad, List.of(), next.orElse(0));
    });
  }

  private static VersionStatus status(Connection c, long modelId, long v) throws SQLException {
    return VersionStatus.valueOf(JdbcTracking.oneString(c, "SELECT status FROM model_versions WHERE model_id = ? AND version = ?",
        modelId, v).orElseThrow());
  }

  /** Takes the model row's write lock (PostgreSQL) inside the transaction; SQLite holds the database lock. */
  private long lockModel(Connection c, String model, long now) throws SQLException {
    long id = modelId(c, model);
    try (PreparedStatement ps = c.prepareStatement("UPDATE registered_models SET updated_at = ? WHERE id = ?")) {
      ps.setLong(1, now);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
    return id;
  }

  private static void move(Connection c, long modelId, String alias, OptionalLong from, OptionalLong to, String kind,
      String actor, String reason, long now) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM aliases WHERE model_id = ? AND alias = ?")) {
      del.setLong(1, modelId);
      del.setString(2, alias);
      del.executeUpdate();
    }
    if (to.isPresent()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO aliases (model_id, alias, version, updated_at) VALUES (?, ?, ?, ?)")) {
        ps.setLong(1, modelId);
        ps.setString(2, alias);
        ps.setLong(3, to.getAsLong());
        ps.setLong(4, now);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO alias_events (model_id, alias, from_version, to_version, kind, "
        + "actor, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, modelId);
      ps.setString(2, alias);
      setOpt(ps, 3, from);
      setOpt(ps, 4, to);
      ps.setString(5, kind);
      ps.setString(6, actor);
      ps.setString(7, reason == null ? "" : reason);
      ps.setLong(8, now);
      ps.executeUpdate();
    }
  }

  private static void setOpt(PreparedStatement ps, int i, OptionalLong v) throws SQLException {
    if (v.isPresent()) {
      ps.setLong(i, v.getAsLong());
    } else {
      ps.setNull(i, Types.BIGINT);
    }
  }

  @Override
  public List<AliasEvent> history(String model) {
    return db.read(c -> events(c, model, modelId(c, model)));
  }

  private static List<AliasEvent> events(Connection c, String model, long id) throws SQLException {
    List<AliasEvent> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT alias, from_version, to_version, kind, actor, reason, at "
        + "FROM alias_events WHERE model_id = ? ORDER BY id")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long f = rs.getLong(2);
          OptionalLong from = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(f);
          long t = rs.getLong(3);
          OptionalLong to = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(t);
          out.add(new AliasEvent(model, rs.getString(1), from, to, rs.getString(4), rs.getString(5), rs.getString(6),
              Instant.ofEpochMilli(rs.getLong(7))));
        }
      }
    }
    return out;
  }

  @Override
  public Map<String, AliasState> aliasesAt(String model, Instant at) {
    Map<String, AliasState> state = new TreeMap<>();
    for (AliasEvent e : history(model)) {
      if (e.at().isAfter(at)) {
        break;
      }
      if (e.toVersion().isPresent()) {
        state.put(e.alias(), new AliasState(e.alias(), e.toVersion().getAsLong(), e.at(), e.actor(), e.reason()));
      } else {
        state.remove(e.alias());
      }
    }
    return new LinkedHashMap<>(state);
  }

  @Override
  public void setDescription(String model, long version, String description) {
    db.tx(c -> {
      long id = modelId(c, model);
      version(c, model, id, version);
      try (PreparedStatement ps = c.prepareStatement("UPDATE model_versions SET description = ? WHERE model_id = ? AND version = ?")) {
        ps.setString(1, description);
        ps.setLong(2, id);
        ps.setLong(3, version);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void setModelTag(String model, String key, String value) {
    db.tx(c -> {
      JdbcTracking.upsert(c, "model_tags", "model_id", modelId(c, model), "tag_key", key, "tag_value", value);
      return null;
    });
  }
}
