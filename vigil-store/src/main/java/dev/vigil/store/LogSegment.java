package dev.vigil.store;

import dev.vigil.InvalidArgumentException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One closed prediction-log segment as catalogued in the store.
 *
 * @param path the segment file (absolute)
 * @param model the served model name whose log it belongs to
 * @param versions the versions that answered rows in it ({@code default} for the default answer), sorted
 * @param firstTime time of its first row
 * @param lastTime time of its last row, at or after {@code firstTime}
 * @param rows rows in it, at least 1
 * @param bytes file size
 * @param digest {@code sha256:} and the hex SHA-256 of the file
 */
public record LogSegment(String path, String model, List<String> versions, Instant firstTime, Instant lastTime,
    long rows, long bytes, String digest) {
  public LogSegment {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(model, "model");
    versions = List.copyOf(versions);
    Objects.requireNonNull(firstTime, "firstTime");
    Objects.requireNonNull(lastTime, "lastTime");
    InvalidArgumentException.check(!lastTime.isBefore(firstTime), "lastTime %s is before firstTime %s", lastTime, firstTime);
    InvalidArgumentException.check(rows >= 1, "rows must be >= 1: %d", rows);
    InvalidArgumentException.check(bytes >= 0, "bytes must be >= 0: %d", bytes);
    Objects.requireNonNull(digest, "digest");
  }
}
