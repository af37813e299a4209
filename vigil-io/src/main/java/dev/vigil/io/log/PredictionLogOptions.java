package dev.vigil.io.log;

import dev.vigil.InvalidArgumentException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the prediction log writes.
 *
 * @param dir the log folder; segments go to {@code dir/model=NAME/}
 * @param queueCapacity records that may wait for the writer; beyond it records are dropped and counted
 * @param segmentRows a segment is closed after this many rows
 * @param segmentAge a segment is closed when its first row is this old (checked every 200 ms)
 * @param clock time of records and segment names
 */
public record PredictionLogOptions(Path dir, int queueCapacity, int segmentRows, Duration segmentAge, Clock clock) {
  public PredictionLogOptions {
    Objects.requireNonNull(dir, "dir");
    InvalidArgumentException.check(queueCapacity >= 1, "queueCapacity must be >= 1: %d", queueCapacity);
    InvalidArgumentException.check(segmentRows >= 1, "segmentRows must be >= 1: %d", segmentRows);
    InvalidArgumentException.check(segmentAge != null && !segmentAge.isNegative() && !segmentAge.isZero(), "segmentAge must be > 0");
    Objects.requireNonNull(clock, "clock");
  }

  /** 65,536 queued records, segments of 100,000 rows or 5 minutes, the system clock. */
  public static PredictionLogOptions defaults(Path dir) {
    return new PredictionLogOptions(dir, 65_536, 100_000, Duration.ofMinutes(5), Clock.systemUTC());
  }
}
