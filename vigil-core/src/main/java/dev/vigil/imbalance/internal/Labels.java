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
}
