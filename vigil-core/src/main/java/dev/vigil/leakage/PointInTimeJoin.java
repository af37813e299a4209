package dev.vigil.leakage;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnBuilder;
import dev.vigil.data.Table;
import dev.vigil.leakage.internal.Values;
import dev.vigil.provenance.Digests;
import dev.vigil.provenance.Provenance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Point-in-time-correct joins: each event gets, per entity key, the latest feature row known
 * strictly before the event (or at it, with the inclusive bound), no older than the time-to-live.
 * Keys match on their exact text; rows whose key or time is missing never match.
 */
public final class PointInTimeJoin {
  private PointInTimeJoin() {}

  /** The joined events, match counts and provenance (kind {@code pit_join}). */
  public record Result(Table table, Map<String, Object> summary, Provenance provenance) {}

  /**
   * Joins {@code features} onto {@code events}: the output has the events' columns, in order, followed
   * by every feature column except the keys and the feature time (prefixed), missing where no feature
   * row qualifies.
   *
   * @throws InvalidArgumentException when a named column is absent or a joined name collides with an
   *     event column
   * @throws dev.vigil.DataFormatException when a text time column does not parse as ISO-8601
   */
  public static Result join(Table events, Table features, PitJoinOptions o, Clock clock) {
    for (String k : o.keys()) {
      InvalidArgumentException.check(events.hasColumn(k), "key column \"%s\" is not in the events; columns: %s", k, events.columnNames());
      InvalidArgumentException.check(features.hasColumn(k), "key column \"%s\" is not in the features; columns: %s", k, features.columnNames());
    }
    InvalidArgumentException.check(events.hasColumn(o.eventTime()), "event time column \"%s\" is not in the events; columns: %s",
        o.eventTime(), events.columnNames());
    InvalidArgumentException.check(features.hasColumn(o.featureTime()),
        "feature time column \"%s\" is not in the features; columns: %s", o.featureTime(), features.columnNames());
    List<String> valueCols = new ArrayList<>();
    for (String c : features.columnNames()) {
      if (!o.keys().contains(c) && !c.equals(o.featureTime())) {
        InvalidArgumentException.check(!events.hasColumn(o.prefix() + c),
            "feature column \"%s\" would collide with the event column of the same name; give a prefix", o.prefix() + c);
        valueCols.add(c);
      }
    }
    long[] ft = Values.micros(features.column(o.featureTime()), "features");
    long[] et = Values.micros(events.column(o.eventTime()), "events");
    // Feature rows per key, sorted by time (ties: later row wins, as the most recent write).
    Map<String, int[]> byKey = new HashMap<>();
    Map<String, List<Integer>> tmp = new HashMap<>();
    for (int i = 0; i < features.rowCount(); i++) {
      String k = key(features, o.keys(), i);
      if (k != null && ft[i] != Long.MIN_VALUE) {
        tmp.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
      }
    }
    tmp.forEach((k, rows) -> {
      Integer[] r = rows.toArray(new Integer[0]);
      Arrays.sort(r, (a, b) -> ft[a] != ft[b] ? Long.compare(ft[a], ft[b]) : Integer.compare(a, b));
      byKey.put(k, Arrays.stream(r).mapToInt(Integer::intValue).toArray());
    });
    long ttl = o.ttl().map(d -> d.toNanos() / 1000).orElse(Long.MAX_VALUE);
    int n = events.rowCount();
    int none = features.rowCount(); // index of the all-missing row appended below
    int[] pick = new int[n];
    int matched = 0;
    int expired = 0;
    int noKey = 0;
    int excludedAtInstant = 0;
    for (int i = 0; i < n; i++) {
      pick[i] = none;
      String k = key(events, o.keys(), i);
      int[] rows = k == null || et[i] == Long.MIN_VALUE ? null : byKey.get(k);
      if (rows == null) {
        noKey++;
        continue;
      }
      // Last row with time < et (strict) or <= et (inclusive).
      int lo = 0;
      int hi = rows.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        boolean before = o.inclusive() ? ft[rows[mid]] <= et[i] : ft[rows[mid]] < et[i];
        if (before) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (!o.inclusive() && lo < rows.length && ft[rows[lo]] == et[i]) {
        excludedAtInstant++;
      }
      if (lo == 0) {
        noKey++;
        continue;
      }
      int r = rows[lo - 1];
      if (et[i] - ft[r] > ttl) {
        expired++;
        continue;
      }
      pick[i] = r;
      matched++;
    }
    List<Column> out = new ArrayList<>(events.columns());
    for (String c : valueCols) {
      Column src = features.column(c);
      ColumnBuilder b = ColumnBuilder.of(c, src.type());
      b.addMissing();
      Column withMissing = Column.concat(List.of(src, b.build()));
      out.add(withMissing.select(pick).rename(o.prefix() + c));
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("events", n);
    summary.put("matched", matched);
    summary.put("no_earlier_feature_row", noKey);
    summary.put("expired_by_ttl", expired);
    summary.put("feature_rows_at_event_instant_excluded", excludedAtInstant);
    summary.put("feature_columns", valueCols);
    Provenance.Builder p = Provenance.builder("pit_join", clock).input("events", Digests.of(events))
        .input("features", Digests.of(features));
    o.describe().forEach(p::config);
    return new Result(Table.of(out), summary, p.build());
  }

  private static String key(Table t, List<String> keys, int i) {
    if (keys.size() == 1) {
      return Values.text(t.column(keys.get(0)), i);
    }
    StringBuilder b = new StringBuilder();
    for (String k : keys) {
      String s = Values.text(t.column(k), i);
      if (s == null) {
        return null;
      }
      b.append(s).append('\u0001');
    }
    return b.toString();
  }
}
