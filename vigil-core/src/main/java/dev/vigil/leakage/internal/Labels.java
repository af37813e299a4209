package dev.vigil.leakage.internal;

import dev.vigil.data.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Class codes of the label in train and test: classes seen in training sorted by their text, then
 * classes only in test; -1 for a missing label.
 */
public record Labels(int[] train, int[] test, List<String> classes, int trainClasses, boolean binned) {
  /** A numeric label with more distinct training values than this is audited as quantile classes. */
  public static final int MAX_NUMERIC_CLASSES = 50;
  /** Number of quantile classes of a continuous label. */
  public static final int LABEL_BINS = 10;

  public static Labels of(Column tr, Column te) {
    if (Values.isNumeric(tr) && distinctAbove(tr, MAX_NUMERIC_CLASSES)) {
      return binnedLabels(tr, te);
    }
    TreeMap<String, Integer> seen = new TreeMap<>();
    for (int i = 0; i < tr.size(); i++) {
      String s = Values.text(tr, i);
      if (s != null) {
        seen.putIfAbsent(s, 0);
      }
    }
    List<String> classes = new ArrayList<>(seen.keySet());
    int k = classes.size();
    for (int i = 0; i < classes.size(); i++) {
      seen.put(classes.get(i), i);
    }
    Map<String, Integer> all = new java.util.HashMap<>(seen);
    int[] a = codes(tr, all, classes);
    int[] b = codes(te, all, classes);
    return new Labels(a, b, classes, k, false);
  }

  private static boolean distinctAbove(Column c, int limit) {
    java.util.HashSet<Double> seen = new java.util.HashSet<>();
    for (int i = 0; i < c.size() && seen.size() <= limit; i++) {
      double v = Values.number(c, i);
      if (!Double.isNaN(v)) {
        seen.add(v);
      }
    }
    return seen.size() > limit;
  }

  private static Labels binnedLabels(Column tr, Column te) {
    double[] v = new double[tr.size()];
    int m = 0;
    for (int i = 0; i < v.length; i++) {
      double x = Values.number(tr, i);
      if (!Double.isNaN(x)) {
        v[m++] = x;
      }
    }
    double[] cuts = Values.cuts(java.util.Arrays.copyOf(v, m), LABEL_BINS);
    List<String> classes = new ArrayList<>();
    for (int b = 0; b <= cuts.length; b++) {
      classes.add(b == 0 ? "< " + cuts[0] : b == cuts.length ? ">= " + cuts[b - 1] : "[" + cuts[b - 1] + ", " + cuts[b] + ")");
    }
    return new Labels(bins(tr, cuts), bins(te, cuts), classes, classes.size(), true);
  }

  private static int[] bins(Column c, double[] cuts) {
    int[] out = new int[c.size()];
    for (int i = 0; i < out.length; i++) {
      double x = Values.number(c, i);
      out[i] = Double.isNaN(x) ? -1 : Values.bin(cuts, x);
    }
    return out;
  }

  private static int[] codes(Column c, Map<String, Integer> map, List<String> classes) {
    int[] out = new int[c.size()];
    for (int i = 0; i < out.length; i++) {
      String s = Values.text(c, i);
      if (s == null) {
        out[i] = -1;
      } else {
        Integer code = map.get(s);
        if (code == null) {
          code = classes.size();
          classes.add(s);
          map.put(s, code);
        }
        out[i] = code;
      }
    }
    return out;
  }

  /** Number of classes in train and test together. */
  public int classCount() {
    return classes.size();
  }
}
