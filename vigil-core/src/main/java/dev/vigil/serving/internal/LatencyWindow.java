package dev.vigil.serving.internal;

import java.util.Arrays;

/** The last {@code capacity} latencies in nanoseconds, for percentiles. Thread-safe. */
public final class LatencyWindow {
  private final long[] values;
  private int next;
  private int size;

  public LatencyWindow(int capacity) {
    values = new long[capacity];
  }

  public synchronized void add(long nanos) {
    values[next] = nanos;
    next = (next + 1) % values.length;
    size = Math.min(size + 1, values.length);
  }

  /** The q-quantile (nearest rank) in milliseconds, or 0 when empty. */
  public synchronized double quantileMillis(double q) {
    if (size == 0) {
      return 0;
    }
    long[] s = Arrays.copyOf(values, size);
    Arrays.sort(s);
    int rank = (int) Math.ceil(q * size) - 1;
    return s[Math.max(0, Math.min(size - 1, rank))] / 1e6;
  }
}
