package dev.vigil.store;

import dev.vigil.InvalidArgumentException;
import dev.vigil.NotFoundException;
import dev.vigil.store.internal.Db;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tree of named artifact files over the content-addressed {@link ArtifactStore}: the namespace
 * that MLflow's artifact proxy ({@code mlflow-artifacts:/PATH}) serves. A file's bytes are stored
 * (hashed, forced to disk and renamed into place) before its path row commits, so a crash leaves
 * either the new file or the old one, never a partial one; {@code vigil store fsck} removes a blob
 * orphaned by a crash between the two. Folders exist only as prefixes of file paths.
 *
 * <p>Paths are relative, {@code /}-separated, 1-1000 characters, with no empty, {@code .} or
 * {@code ..} segment, no backslash and no NUL; anything else is refused with
 * {@link InvalidArgumentException} naming the path. A run's files live under
 * {@link #runFolder(long, String)}. Thread-safe.
 */
public final class ArtifactFiles {
  /**
   * One entry of a folder listing.
   *
   * @param path the entry's full path
   * @param directory whether it is a folder (then {@code size} is 0)
   * @param size the file's length in bytes
   * @param digest the file's {@code sha256:} digest; empty for a folder
   */
  public record Entry(String path, boolean directory, long size, Optional<String> digest) {
    /** The last segment of {@link #path}. */
    public String name() {
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }

  private final Db db;
  private final ArtifactStore blobs;
  private final Clock clock;

  ArtifactFiles(Db db, ArtifactStore blobs, Clock clock) {
    this.db = db;
    this.blobs = blobs;
    this.clock = clock;
  }

  /** The folder of a run's artifacts: {@code EXPERIMENT_ID/RUN_ID/artifacts} (MLflow's layout). */
  public static String runFolder(long experimentId, String runId) {
    return experimentId + "/" + checkPath(runId, "run id") + "/artifacts";
  }

  /**
   * Checks an artifact path.
   *
   * @return {@code path} without a trailing {@code /}
   * @throws InvalidArgumentException when it is absolute, climbs with {@code ..} or is otherwise malformed
   */
  public static String checkPath(String path, String what) {
    InvalidArgumentException.check(path != null && !path.isEmpty(), "%s must be a non-empty relative path", what);
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    InvalidArgumentException.check(!p.isEmpty() && p.length() <= 1000, "%s must be 1-1000 characters: '%s'", what, path);
    InvalidArgumentException.check(!p.startsWith("/") && !p.matches("^[A-Za-z]:.*"),
        "%s must be relative, not absolute: '%s'", what, path);
    InvalidArgumentException.check(p.indexOf('\\') < 0 && p.indexOf('\0') < 0,
        "%s must use '/' as separator and contain no NUL: '%s'", what, path);
    for (String seg : p.split("/", -1)) {
      InvalidArgumentException.check(!seg.isEmpty() && !seg.equals(".") && !seg.equals(".."),
          "%s must not contain empty, '.' or '..' segments: '%s'", what, path);
    }
    return p;
  }

  /**
   * Stores {@code bytes} as the file {@code path}, replacing a file already there.
   *
   * @throws InvalidArgumentException when the path is malformed, is a folder, or lies under a file
   */
  public ArtifactRef put(String path, InputStream bytes) {
    String p = checkPath(path, "artifact path");
    ArtifactRef ref = blobs.put(bytes, p);
    db.tx(c -> {
      if (!children(c, p).isEmpty()) {
        throw new InvalidArgumentException("artifact path '" + p + "' is a folder; it cannot become a file");
      }
      for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
        if (file(c, p.substring(0, i)).isPresent()) {
          throw new InvalidArgumentException("artifact path '" + p + "' lies under the file '" + p.substring(0, i) + "'");
        }
      }
      try (PreparedStatement del = c.prepareStatement("DELETE FROM artifact_files WHERE path = ?")) {
        del.setString(1, p);
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO artifact_files (path, digest, size_bytes, updated_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, p);
        ps.setString(2, ref.digest());
        ps.setLong(3, ref.size());
        ps.setLong(4, clock.millis());
        ps.executeUpdate();
      }
      return null;
    });
    return ref;
  }

  /** The file {@code path}, if there is one (a folder is not a file). */
  public Optional<ArtifactRef> file(String path) {
    String p = checkPath(path, "artifact path");
    return db.read(c -> file(c, p));
  }

  /**
   * The entries directly inside folder {@code folder} ({@code ""} or null: the root), by name.
   * A path that names a file lists that file alone; a path with nothing under it lists nothing.
   */
  public List<Entry> list(String folder) {
    String p = folder == null || folder.isEmpty() ? "" : checkPath(folder, "artifact path");
    return db.read(c -> {
      if (!p.isEmpty()) {
        Optional<ArtifactRef> f = file(c, p);
        if (f.isPresent()) {
          return List.of(new Entry(p, false, f.get().size(), Optional.of(f.get().digest())));
        }
      }
      TreeMap<String, Entry> out = new TreeMap<>();
      String prefix = p.isEmpty() ? "" : p + "/";
      for (Entry e : children(c, p)) {
        String rest = e.path().substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
          out.put(rest, e);
        } else {
          String name = rest.substring(0, slash);
          out.putIfAbsent(name, new Entry(prefix + name, true, 0, Optional.empty()));
        }
      }
      return new ArrayList<>(out.values());
    });
  }

  /**
   * Deletes the file {@code path}, or the folder {@code path} with everything under it. The blobs
   * stay in the artifact store while anything else names them; {@code vigil store fsck --repair}
   * removes unreferenced ones.
   *
   * @return how many files were removed
   * @throws NotFoundException when there is no such file or folder
   */
  public int delete(String path) {
    String p = checkPath(path, "artifact path");
    return db.tx(c -> {
      int n = 0;
      try (PreparedStatement del = c.prepareStatement("DELETE FROM artifact_files WHERE path = ?")) {
        del.setString(1, p);
        n += del.executeUpdate();
      }
      String prefix = p + "/";
      try (PreparedStatement del = c.prepareStatement("DELETE FROM artifact_files WHERE substr(path, 1, ?) = ?")) {
        del.setInt(1, prefix.length());
        del.setString(2, prefix);
        n += del.executeUpdate();
      }
      if (n == 0) {
        throw new NotFoundException("no artifact file or folder '" + p + "'");
      }
      return n;
    });
  }

  private static Optional<ArtifactRef> file(Connection c, String p) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT digest, size_bytes FROM artifact_files WHERE path = ?")) {
      ps.setString(1, p);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new ArtifactRef(rs.getString(1), rs.getLong(2))) : Optional.empty();
      }
    }
  }

  /** Every file strictly under folder {@code p} ("" for the root). */
  private static List<Entry> children(Connection c, String p) throws SQLException {
    String prefix = p.isEmpty() ? "" : p + "/";
    List<Entry> out = new ArrayList<>();
    // substr() is the portable prefix test: a range on the key would follow PostgreSQL's collation.
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT path, digest, size_bytes FROM artifact_files WHERE substr(path, 1, ?) = ? ORDER BY path")) {
      ps.setInt(1, prefix.length());
      ps.setString(2, prefix);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Entry(rs.getString(1), false, rs.getLong(3), Optional.of(rs.getString(2))));
        }
      }
    }
    return out;
  }
}
