package dev.vigil.profile;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Column;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Computes {@link TableProfile}s. A table is profiled column by column; with {@code threads > 1}
 * the columns are profiled in parallel on a private pool. A stream of chunks is profiled chunk by
 * chunk and merged, so memory stays bounded by one chunk.
 */
public final class Profiler {
  private final ProfileOptions options;
  private final int threads;

  private Profiler(ProfileOptions options, int threads) {
    this.options = options;
    this.threads = threads;
  }

  /** A profiler with the default sketch sizes on one thread. */
  public static Profiler create() {
    return new Profiler(ProfileOptions.DEFAULTS, 1);
  }

  /** This profiler with other sketch sizes. */
  public Profiler options(ProfileOptions o) {
    return new Profiler(o, threads);
  }

  /**
   * This profiler using {@code n} threads for a table's columns.
   *
   * @throws InvalidArgumentException when {@code n < 1}
   */
  public Profiler threads(int n) {
    InvalidArgumentException.check(n >= 1, "threads must be >= 1: %d", n);
    return new Profiler(options, n);
  }

  /** The profile of {@code table} with default options on one thread. */
  public static TableProfile profileOf(Table table) {
    return create().profile(table);
  }

  /** The profile of every column of {@code table}. */
  public TableProfile profile(Table table) {
    List<Column> cols = table.columns();
    ColumnProfile[] out = new ColumnProfile[cols.size()];
    if (threads == 1 || cols.size() < 2) {
      for (int i = 0; i < cols.size(); i++) {
        out[i] = ColumnProfile.of(cols.get(i), options);
      }
    } else {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        List<ForkJoinTask<?>> tasks = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
          int c = i;
          tasks.add(pool.submit(() -> {
            out[c] = ColumnProfile.of(cols.get(c), options);
          }));
        }
        for (ForkJoinTask<?> t : tasks) {
          t.join();
        }
      } finally {
        pool.shutdown();
      }
    }
    return TableProfile.of(table.rowCount(), List.of(out));
  }

  /**
   * The merged profile of all chunks, which must share column names and types. An empty iterator
   * gives a profile of zero rows and zero columns.
   */
  public TableProfile profile(Iterator<Table> chunks) {
    TableProfile acc = null;
    while (chunks.hasNext()) {
      TableProfile p = profile(chunks.next());
      acc = acc == null ? p : acc.merge(p);
    }
    return acc == null ? TableProfile.of(0, List.of()) : acc;
  }

  /** The empty profile (identity of merge) of a table with these fields. */
  public TableProfile empty(List<Field> fields) {
    List<ColumnProfile> cols = new ArrayList<>();
    for (Field f : fields) {
      cols.add(ColumnProfile.empty(f.name(), f.type(), options));
    }
    return TableProfile.of(0, cols);
  }
}
