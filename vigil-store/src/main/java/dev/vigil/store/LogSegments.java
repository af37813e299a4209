package dev.vigil.store;

import dev.vigil.StoreException;
import dev.vigil.store.internal.Db;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The prediction-log catalogue: every closed log segment (path, model, versions, time range, rows,
 * size, digest), so that monitoring finds the segments of a model and a time window without listing
 * folders. Recording is idempotent by path. Thread-safe.
 */
public final class LogSegments {
  private final Db db;
  private final Clock clock;

  LogSegments(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Records {@code s}; recording a path again changes nothing.
   *
   * @return whether it was new
   * @throws StoreException when the store cannot be reached
   */
  public boolean record(LogSegment s) {
    return db.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO prediction_log_segments (path, model, versions, first_time,"
          + " last_time, row_count, byte_size, digest, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO NOTHING")) {
        ps.setString(1, s.path());
        ps.setString(2, s.model());
        ps.setString(3, String.join(",", s.versions()));
        ps.setLong(4, s.firstTime().toEpochMilli());
        ps.setLong(5, s.lastTime().toEpochMilli());
        ps.setLong(6, s.rows());
        ps.setLong(7, s.bytes());
        ps.setString(8, s.digest());
        ps.setLong(9, clock.millis());
        return ps.executeUpdate() == 1;
      }
    });
  }

  /**
   * The segments of {@code model} (every model when empty) whose rows overlap [{@code from},
   * {@code to}] (unbounded where empty), oldest first.
   */
  public List<LogSegment> list(Optional<String> model, Optional<Instant> from, Optional<Instant> to) {
    return db.read(c -> {
      StringBuilder sql = new StringBuilder("SELECT path, model, versions, first_time, last_time, row_count, byte_size, digest"
          + " FROM prediction_log_segments WHERE 1 = 1");
      List<Object> args = new ArrayList<>();
      model.ifPresent(m -> {
        sql.append(" AND model = ?");
        args.add(m);
      });
      from.ifPresent(f -> {
        sql.append(" AND last_time >= ?");
        args.add(f.toEpochMilli());
      });
      to.ifPresent(t -> {
        sql.append(" AND first_time <= ?");
        args.add(t.toEpochMilli());
      });
      sql.append(" ORDER BY first_time, path");
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        List<LogSegment> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(row(rs));
          }
        }
        return out;
      }
    });
  }

  /** Whether {@code path} is catalogued. */
  public boolean contains(String path) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM prediction_log_segments WHERE path = ?")) {
        ps.setString(1, path);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  private static LogSegment row(ResultSet rs) throws SQLException {
    String v = rs.getString(3);
    return new LogSegment(rs.getString(1), rs.getString(2), v.isEmpty() ? List.of() : Arrays.asList(v.split(",")),
        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getLong(6), rs.getLong(7), rs.getString(8));
  }
}
