package dev.vigil.io.log;

import dev.vigil.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A closed (complete, immutable) prediction-log segment: what the store's log catalogue records.
 *
 * @param path the segment file
 * @param model the served model name
 * @param versions versions that answered rows in it ({@code default} for the default answer), sorted
 * @param firstTime time of its first row
 * @param lastTime time of its last row
 * @param rows its row count
 * @param bytes its file size
 * @param digest {@code sha256:} and the file's hex SHA-256
 */
public record ClosedSegment(Path path, String model, List<String> versions, Instant firstTime, Instant lastTime,
    long rows, long bytes, String digest) {
  public ClosedSegment {
    versions = List.copyOf(versions);
  }

  /** {@code sha256:HEX} of {@code file}'s bytes. */
  static String digest(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return "sha256:" + HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
