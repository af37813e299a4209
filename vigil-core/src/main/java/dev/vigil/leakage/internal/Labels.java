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
public record Labels(int[] train, int[] test, List<String> classes, int trainClasses) {
  public static Labels of(Column tr, Column te) {
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
    return new Labels(a, b, classes, k);
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
