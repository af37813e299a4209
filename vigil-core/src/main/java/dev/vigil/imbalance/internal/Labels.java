package dev.vigil.imbalance.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A label column read as class indices, classes in ascending label order (numeric when numeric). */
public record Labels(List<String> classes, int[] y, long[] counts) {

  public static Labels read(Table table, String label) {
    InvalidArgumentException.check(label != null && !label.isBlank(), "the label column must be named");
    if (!table.hasColumn(label)) {
      throw new SchemaMismatchException("label column \"" + label + "\" is not in the table; columns are "
          + table.columnNames());
    }
    Column lc = table.column(label);
    int n = table.rowCount();
    InvalidArgumentException.check(lc.missingCount() == 0,
        "label column \"%s\" has %d missing values of %d; drop or fill them first", label, lc.missingCount(), n);
    if (lc instanceof LongColumn longs) {
      Labels fast = readLongs(longs.toArray());
      if (fast != null) {
        return fast;
      }
    }
    Map<String, Object> keys = new HashMap<>();
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      Object o = lc.getObject(i);
      String s = String.valueOf(o);
      labels[i] = s;
      keys.putIfAbsent(s, o);
    }
    List<String> classes = new ArrayList<>(keys.keySet());
    if (lc instanceof LongColumn || lc instanceof DoubleColumn) {
      classes.sort(Comparator.comparingDouble(s -> ((Number) keys.get(s)).doubleValue()));
    } else if (lc instanceof BooleanColumn) {
      classes.sort(Comparator.comparing(s -> (Boolean) keys.get(s)));
    } else if (lc instanceof CategoricalColumn || lc instanceof StringColumn) {
      classes.sort(Comparator.naturalOrder());
    } else {
      throw new InvalidArgumentException("label column \"" + label + "\" is " + lc.type().jsonName()
          + "; expected categorical, string, long, boolean or double class labels");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      index.put(classes.get(c), c);
    }
    int[] y = new int[n];
    long[] counts = new long[classes.size()];
    for (int i = 0; i < n; i++) {
      y[i] = index.get(labels[i]);
      counts[y[i]]++;
    }
    return new Labels(List.copyOf(classes), y, counts);
  }

  /**
   * Integer labels with at most 64 distinct values, without boxing: the same classes (in ascending
   * numeric order, named by {@code Long.toString}) and indices as the general path; null when there
   * are more distinct values.
   */
  private static Labels readLongs(long[] v) {
    long[] distinct = new long[64];
    int nd = 0;
    int[] code = new int[v.length];
    int last = -1;
    for (int i = 0; i < v.length; i++) {
      long x = v[i];
      int c = last >= 0 && distinct[last] == x ? last : -1;
      for (int t = 0; c < 0 && t < nd; t++) {
        if (distinct[t] == x) {
          c = t;
        }
      }
      if (c < 0) {
        if (nd == distinct.length) {
          return null;
        }
        c = nd;
        distinct[nd++] = x;
      }
      code[i] = c;
      last = c;
    }
    Integer[] order = new Integer[nd];
    for (int t = 0; t < nd; t++) {
      order[t] = t;
    }
    final long[] dv = distinct;
    java.util.Arrays.sort(order, (a, b) -> Long.compare(dv[a], dv[b]));
    int[] rank = new int[nd];
    List<String> classes = new ArrayList<>();
    for (int r = 0; r < nd; r++) {
      rank[order[r]] = r;
      classes.add(Long.toString(distinct[order[r]]));
    }
    int[] y = new int[v.length];
    long[] counts = new long[nd];
    for (int i = 0; i < v.length; i++) {
      y[i] = rank[code[i]];
      counts[y[i]]++;
    }
    return new Labels(List.copyOf(classes), y, counts);
  }
}
