package dev.vigil.leakage.internal;

import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.leakage.Availability;
import dev.vigil.leakage.LeakageOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The inputs of an audit and what the checks share: column roles, label codes, cached keys. */
public final class Context {
  private static final Pattern HASH_LIKE = Pattern.compile(
      "(?i)[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  public final Table train;
  public final Table test;
  public final LeakageOptions options;
  public final Labels labels;
  /** Columns that are features: all but the label, time columns, availability columns and declared ids. */
  public final List<String> features;
  /** Identifier-like columns (declared or detected) with the reason. */
  public final Map<String, String> idLike;
  private final Map<String, long[][]> keys = new HashMap<>();
  private final Map<String, Discretised> discretised = new HashMap<>();

  public Context(Table train, Table test, LeakageOptions options) {
    this.train = train;
    this.test = test;
    this.options = options;
    this.labels = Labels.of(train.column(options.label()), test.column(options.label()));
    Set<String> roles = new LinkedHashSet<>();
    roles.add(options.label());
    options.time().ifPresent(roles::add);
    options.predictionTime().ifPresent(roles::add);
    for (Availability a : options.availability().values()) {
      if (a.column() != null) {
        roles.add(a.column());
      }
    }
    roles.addAll(options.ids());
    List<String> f = new ArrayList<>();
    for (String name : train.columnNames()) {
      if (!roles.contains(name)) {
        f.add(name);
      }
    }
    this.features = List.copyOf(f);
    Map<String, String> ids = new LinkedHashMap<>();
    for (String id : options.ids()) {
      ids.put(id, "declared");
    }
    for (String name : features) {
      if (options.group().filter(name::equals).isPresent() || options.nuisance().filter(name::equals).isPresent()) {
        continue;
      }
      Column c = train.column(name);
      String why = Values.isText(c) || c instanceof LongColumn || c instanceof DoubleColumn
          ? idReason(c, c instanceof DoubleColumn ? null : keys(name)[0]) : null;
      if (why != null) {
        ids.put(name, why);
      }
    }
    this.idLike = ids;
  }

  /** Why a column looks like an identifier, or null. */
  static String idReason(Column c, long[] k) {
    int n = c.size() - c.missingCount();
    if (n < 20) {
      return null;
    }
    if (c instanceof DoubleColumn d) {
      // Integer-valued, unique and monotonic: a row number saved as a float.
      double prev = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < c.size(); i++) {
        if (d.isMissing(i)) {
          continue;
        }
        double v = d.get(i);
        if (v != Math.rint(v) || v <= prev) {
          return null;
        }
        prev = v;
      }
      return "integer-valued, unique and increasing";
    }
    if (!(c instanceof LongColumn) && !Values.isText(c)) {
      return null;
    }
    LongIntMap distinct = new LongIntMap(Math.min(k.length, 1 << 20));
    boolean monotonic = c instanceof LongColumn;
    long prev = Long.MIN_VALUE;
    int hashLike = 0;
    int checked = 0;
    for (int i = 0; i < k.length; i++) {
      if (c.isMissing(i)) {
        continue;
      }
      distinct.putIfAbsent(k[i], i);
      if (c instanceof LongColumn l) {
        monotonic &= l.get(i) > prev;
        prev = l.get(i);
      } else if (checked < 200) {
        checked++;
        if (HASH_LIKE.matcher(Values.text(c, i)).matches()) {
          hashLike++;
        }
      }
    }
    double ratio = (double) distinct.size() / n;
    if (checked > 0 && hashLike > checked * 0.9 && ratio >= 0.5) {
      return "hash-like values";
    }
    if (monotonic && ratio >= 0.95) {
      return "unique and increasing";
    }
    if (ratio >= 0.95) {
      return String.format(java.util.Locale.ROOT, "%.1f%% distinct values", 100 * ratio);
    }
    return null;
  }

  /** Normalised value keys of a column: [0] train, [1] test. */
  public long[][] keys(String column) {
    return keys.computeIfAbsent(column, c -> new long[][] {Values.keys(train.column(c)), Values.keys(test.column(c))});
  }

  /** Shared discretisation of a column. */
  public Discretised discretised(String column) {
    return discretised.computeIfAbsent(column, c -> Discretised.of(train.column(c), test.column(c), options.seed()));
  }

  /** Features minus identifier-like, group and the given extra columns. */
  public List<String> plainFeatures(String... without) {
    Set<String> drop = new LinkedHashSet<>(idLike.keySet());
    options.group().ifPresent(drop::add);
    drop.addAll(List.of(without));
    return features.stream().filter(f -> !drop.contains(f)).toList();
  }

  /** Entropy (nats) of code counts. */
  public static double entropy(long[] counts) {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    double h = 0;
    for (long c : counts) {
      if (c > 0) {
        double p = (double) c / n;
        h -= p * Math.log(p);
      }
    }
    return h;
  }
}
