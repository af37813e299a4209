package dev.vigil.server;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of durations, lock-free on the recording side (one {@link LongAdder} per
 * bucket). Buckets are fine from 50 µs to 5 s so that a scraper can interpolate server-side p50/p99
 * of sub-millisecond requests (see {@code vigil-bench/src/main/sh/serve_wrk.sh}).
 */
final class LatencyHistogram {
  /** Upper bounds in seconds. */
  static final double[] BUCKETS = {0.00005, 0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.004,
      0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5};

  private final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
  private final LongAdder sumNanos = new LongAdder();

  LatencyHistogram() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** Records one duration (negative counts as zero). */
  void record(long nanos) {
    long n = Math.max(0, nanos);
    double s = n / 1e9;
    int i = 0;
    while (i < BUCKETS.length && s > BUCKETS[i]) {
      i++;
    }
    counts[i].increment();
    sumNanos.add(n);
  }

  /** Appends the {@code _bucket}, {@code _sum} and {@code _count} lines with {@code labels} ({@code k="v",...}). */
  void render(StringBuilder s, String name, String labels) {
    String sep = labels.isEmpty() ? "" : ",";
    long cumulative = 0;
    for (int i = 0; i < BUCKETS.length; i++) {
      cumulative += counts[i].sum();
      s.append(name).append("_bucket{").append(labels).append(sep).append("le=\"")
          .append(String.format(Locale.ROOT, "%s", BUCKETS[i])).append("\"} ").append(cumulative).append('\n');
    }
    cumulative += counts[BUCKETS.length].sum();
    s.append(name).append("_bucket{").append(labels).append(sep).append("le=\"+Inf\"} ").append(cumulative).append('\n');
    String braces = labels.isEmpty() ? "" : "{" + labels + "}";
    s.append(name).append("_sum").append(braces).append(' ')
        .append(String.format(Locale.ROOT, "%s", sumNanos.sum() / 1e9)).append('\n');
    s.append(name).append("_count").append(braces).append(' ').append(cumulative).append('\n');
  }
}
