package dev.vigil.leakage;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Column;
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
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Leak-free train/test splits. Rows keep their original order within each side; the same table,
 * options and seed always give the same split.
 *
 * <ul>
 *   <li>Random: each class (or the whole table without a label) shuffled with the seed, the first
 *       {@code round(fraction × count)} rows to test.
 *   <li>Group: groups shuffled with the seed and moved to test until test holds at least
 *       {@code fraction × rows} rows. A row with a missing group is its own group.
 *   <li>Stratified group: groups shuffled with the seed, then taken largest first; each goes to the side
 *       that keeps test's size and per-class counts closest to {@code fraction} of the totals.
 *   <li>Time: the cut is the time at quantile {@code 1 - fraction}; test holds rows at or after the cut,
 *       train rows strictly before {@code cut - gap}; rows in between are dropped (the embargo). Rows
 *       with a missing time are rejected.
 * </ul>
 */
public final class Splits {
  private Splits() {}

  /**
   * Splits {@code table}.
   *
   * @param clock stamps the provenance
   * @throws InvalidArgumentException when a named column is absent, the table has fewer than 2 rows,
   *     a time is missing, or the result would leave a side empty
   */
  public static Split split(Table table, SplitOptions o, Clock clock) {
    InvalidArgumentException.check(table.rowCount() >= 2, "a split needs at least 2 rows: %d", table.rowCount());
    for (String c : List.of(o.label(), o.group(), o.time()).stream().flatMap(java.util.Optional::stream).toList()) {
      InvalidArgumentException.check(table.hasColumn(c), "column \"%s\" is not in the data; columns: %s", c, table.columnNames());
    }
    int n = table.rowCount();
    boolean[] toTest = new boolean[n];
    boolean[] dropped = new boolean[n];
    Map<String, Object> summary = new LinkedHashMap<>();
    switch (o.strategy()) {
      case RANDOM -> random(table, o, toTest);
      case GROUP -> group(table, o, toTest, false, summary);
      case STRATIFIED_GROUP -> group(table, o, toTest, true, summary);
      case TIME -> time(table, o, toTest, dropped, summary);
      default -> throw new IllegalStateException(o.strategy().toString());
    }
    List<Integer> tr = new ArrayList<>();
    List<Integer> te = new ArrayList<>();
    int drop = 0;
    for (int i = 0; i < n; i++) {
      if (dropped[i]) {
        drop++;
      } else if (toTest[i]) {
        te.add(i);
      } else {
        tr.add(i);
      }
    }
    InvalidArgumentException.check(!tr.isEmpty() && !te.isEmpty(),
        "the %s split leaves %s empty (%d rows, test fraction %s); change the fraction or the gap",
        o.strategy().jsonName(), tr.isEmpty() ? "train" : "test", n, o.testFraction());
    Table train = table.select(tr.stream().mapToInt(Integer::intValue).toArray());
    Table test = table.select(te.stream().mapToInt(Integer::intValue).toArray());
    summary.put("train_rows", train.rowCount());
    summary.put("test_rows", test.rowCount());
    summary.put("dropped_rows", drop);
    o.label().ifPresent(l -> {
      summary.put("train_label_shares", shares(train.column(l)));
      summary.put("test_label_shares", shares(test.column(l)));
    });
    Provenance.Builder p = Provenance.builder("split", clock).input("data", Digests.of(table)).seed(o.seed());
    o.describe().forEach(p::config);
    return new Split(train, test, drop, summary, p.build());
  }

  private static Map<String, Object> shares(Column c) {
    TreeMap<String, Long> counts = new TreeMap<>();
    for (int i = 0; i < c.size(); i++) {
      String s = Values.text(c, i);
      counts.merge(s == null ? "(missing)" : s, 1L, Long::sum);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    counts.forEach((k, v) -> m.put(k, Math.round(1e6 * v / (double) c.size()) / 1e6));
    return m;
  }

  private static int[] classCodes(Column c) {
    Map<String, Integer> code = new TreeMap<>();
    for (int i = 0; i < c.size(); i++) {
      String s = Values.text(c, i);
      code.putIfAbsent(s == null ? "\u0000" : s, 0);
    }
    int k = 0;
    for (Map.Entry<String, Integer> e : code.entrySet()) {
      e.setValue(k++);
    }
    int[] out = new int[c.size()];
    for (int i = 0; i < out.length; i++) {
      String s = Values.text(c, i);
      out[i] = code.get(s == null ? "\u0000" : s);
    }
    return out;
  }

  private static void shuffle(int[] a, SplittableRandom r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static void random(Table t, SplitOptions o, boolean[] toTest) {
    int n = t.rowCount();
    int[] cls = o.label().map(l -> classCodes(t.column(l))).orElse(new int[n]);
    int k = Arrays.stream(cls).max().orElse(0) + 1;
    SplittableRandom r = new SplittableRandom(o.seed());
    for (int c = 0; c < k; c++) {
      final int cc = c;
      int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> cls[i] == cc).toArray();
      shuffle(rows, r);
      int take = (int) Math.round(o.testFraction() * rows.length);
      for (int j = 0; j < take; j++) {
        toTest[rows[j]] = true;
      }
    }
  }

  private static void group(Table t, SplitOptions o, boolean[] toTest, boolean stratified, Map<String, Object> summary) {
    int n = t.rowCount();
    Column g = t.column(o.group().get());
    InvalidArgumentException.check(g.missingCount() < n, "group column \"%s\" is entirely missing", g.name());
    Map<String, Integer> ids = new HashMap<>();
    int[] gid = new int[n];
    int next = 0;
    for (int i = 0; i < n; i++) {
      String s = Values.text(g, i);
      if (s == null) {
        gid[i] = -1;
      } else {
        Integer id = ids.get(s);
        if (id == null) {
          id = next++;
          ids.put(s, id);
        }
        gid[i] = id;
      }
    }
    for (int i = 0; i < n; i++) {
      if (gid[i] < 0) {
        gid[i] = next++; // a missing group is its own group
      }
    }
    int groups = next;
    int[] cls = stratified ? classCodes(t.column(o.label().get())) : new int[n];
    int k = Arrays.stream(cls).max().orElse(0) + 1;
    long[][] counts = new long[groups][k];
    long[] size = new long[groups];
    long[] total = new long[k];
    for (int i = 0; i < n; i++) {
      counts[gid[i]][cls[i]]++;
      size[gid[i]]++;
      total[cls[i]]++;
    }
    int[] order = new int[groups];
    for (int j = 0; j < groups; j++) {
      order[j] = j;
    }
    shuffle(order, new SplittableRandom(o.seed()));
    boolean[] testGroup = new boolean[groups];
    double f = o.testFraction();
    if (!stratified) {
      long rows = 0;
      for (int j : order) {
        if (rows >= f * n) {
          break;
        }
        testGroup[j] = true;
        rows += size[j];
      }
    } else {
      Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
      Arrays.sort(boxed, (a, b) -> Long.compare(size[b], size[a])); // stable: ties keep the shuffled order
      long rows = 0;
      long[] tc = new long[k];
      for (int j : boxed) {
        double without = cost(rows, tc, null, f, n, total);
        double with = cost(rows + size[j], tc, counts[j], f, n, total);
        if (with < without) {
          testGroup[j] = true;
          rows += size[j];
          for (int c = 0; c < k; c++) {
            tc[c] += counts[j][c];
          }
        }
      }
    }
    int tg = 0;
    for (int i = 0; i < n; i++) {
      toTest[i] = testGroup[gid[i]];
    }
    for (boolean b : testGroup) {
      tg += b ? 1 : 0;
    }
    summary.put("groups", groups);
    summary.put("test_groups", tg);
  }

  private static double cost(long rows, long[] tc, long[] add, double f, int n, long[] total) {
    double c = Math.abs(rows - f * n) / n;
    for (int j = 0; j < tc.length; j++) {
      long v = tc[j] + (add == null ? 0 : add[j]);
      c += Math.abs(v - f * total[j]) / Math.max(1, total[j]);
    }
    return c;
  }

  private static void time(Table t, SplitOptions o, boolean[] toTest, boolean[] dropped, Map<String, Object> summary) {
    String name = o.time().get();
    long[] m = Values.micros(t.column(name), "data");
    int missing = 0;
    for (long v : m) {
      if (v == Long.MIN_VALUE) {
        missing++;
      }
    }
    InvalidArgumentException.check(missing == 0, "time column \"%s\" has %d missing value(s); a time split needs every row's time",
        name, missing);
    long[] sorted = m.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    long cut = sorted[Math.min(n - 1, (int) Math.floor((1 - o.testFraction()) * n))];
    long gap = o.gap().toNanos() / 1000;
    for (int i = 0; i < n; i++) {
      if (m[i] >= cut) {
        toTest[i] = true;
      } else if (m[i] >= cut - gap) {
        dropped[i] = true;
      }
    }
    summary.put("cut", java.time.Instant.EPOCH.plus(cut, java.time.temporal.ChronoUnit.MICROS).toString());
    summary.put("gap", o.gap().toString());
  }
}
