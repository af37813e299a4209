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
 * @param segmentAge a segment is closed when its first row is this old (checked whenever the writer
 *     wakes, at least every few milliseconds)
 * @param segmentBytes a segment is closed once the data appended to it reaches about this many bytes
 *     (counted as 8 per number or timestamp column and 1 per boolean column of each row, plus 1 per
 *     character of each text value; the Parquet file is usually several times smaller; this also
 *     bounds the native memory an open segment holds)
 * @param clock time of records and segment names
 */
public record PredictionLogOptions(Path dir, int queueCapacity, int segmentRows, Duration segmentAge, long segmentBytes,
    Clock clock) {
  /** The default size bound of a segment: 64 MiB of appended data. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

  public PredictionLogOptions {
    Objects.requireNonNull(dir, "dir");
    InvalidArgumentException.check(queueCapacity >= 1, "queueCapacity must be >= 1: %d", queueCapacity);
    InvalidArgumentException.check(segmentRows >= 1, "segmentRows must be >= 1: %d", segmentRows);
    InvalidArgumentException.check(segmentAge != null && !segmentAge.isNegative() && !segmentAge.isZero(), "segmentAge must be > 0");
    InvalidArgumentException.check(segmentBytes >= 1, "segmentBytes must be >= 1: %d", segmentBytes);
    Objects.requireNonNull(clock, "clock");
  }

  /** These options with the default size bound ({@link #DEFAULT_SEGMENT_BYTES}). */
  public PredictionLogOptions(Path dir, int queueCapacity, int segmentRows, Duration segmentAge, Clock clock) {
    this(dir, queueCapacity, segmentRows, segmentAge, DEFAULT_SEGMENT_BYTES, clock);
  }

  /** 65,536 queued records, segments of 100,000 rows, 5 minutes or 64 MiB, the system clock. */
  public static PredictionLogOptions defaults(Path dir) {
    return new PredictionLogOptions(dir, 65_536, 100_000, Duration.ofMinutes(5), DEFAULT_SEGMENT_BYTES, Clock.systemUTC());
  }
}
