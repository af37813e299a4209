package dev.vigil.store.internal;

import dev.vigil.StoreException;
import dev.vigil.store.ArtifactStore;
import dev.vigil.store.FsckReport;
import dev.vigil.store.TamperedArtifactException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Store consistency check: referenced blobs verified, orphans and interrupted writes found (and removed). */
public final class Fsck {
  private final Db db;
  private final ArtifactStore artifacts;
  private final Clock clock;

  public Fsck(Db db, ArtifactStore artifacts, Clock clock) {
    this.db = db;
    this.artifacts = artifacts;
    this.clock = clock;
  }

  public FsckReport run(boolean repair, Duration grace) {
    Set<String> referenced = new HashSet<>();
    List<String[]> versionBlobs = new ArrayList<>();
    db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT m.name, v.version, v.artifact_digest, v.pipeline_digest, "
          + "v.golden_digest, v.profile_digest FROM model_versions v JOIN registered_models m ON m.id = v.model_id ORDER BY m.name, v.version");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          for (int i = 3; i <= 6; i++) {
            String d = rs.getString(i);
            if (d != null) {
              referenced.add(d);
              versionBlobs.add(new String[] {rs.getString(1) + "/" + rs.getLong(2), d});
            }
          }
        }
      }
      for (String sql : List.of("SELECT digest FROM run_artifacts", "SELECT digest FROM artifact_files", "SELECT profile_artifact FROM run_inputs")) {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (rs.getString(1) != null) {
              referenced.add(rs.getString(1));
            }
          }
        }
      }
      return null;
    });
    List<String> missing = new ArrayList<>();
    List<String> corrupt = new ArrayList<>();
    Set<String> versions = new HashSet<>();
    for (String[] vb : versionBlobs) {
      versions.add(vb[0]);
      try {
        artifacts.verifiedPath(vb[1]);
      } catch (TamperedArtifactException e) {
        corrupt.add(vb[0] + ": " + vb[1]);
      } catch (StoreException e) {
        missing.add(vb[0] + ": " + vb[1]);
      }
    }
    Instant cutoff = clock.instant().minus(grace);
    List<String> orphans = new ArrayList<>();
    for (String d : artifacts.digests()) {
      if (!referenced.contains(d)) {
        orphans.add(d);
        if (repair && olderThan(artifacts.path(d), cutoff)) {
          artifacts.delete(d);
        }
      }
    }
    List<String> tmp = new ArrayList<>();
    for (Path p : artifacts.temporaryFiles()) {
      tmp.add(p.getFileName().toString());
      if (repair && olderThan(p, cutoff)) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new StoreException("cannot delete interrupted write " + p + ": " + e.getMessage(), e);
        }
      }
    }
    return new FsckReport(versions.size(), missing, corrupt, orphans, tmp, repair);
  }

  private static boolean olderThan(Path p, Instant cutoff) {
    try {
      return Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
    } catch (IOException e) {
      return false;
    }
  }
}
