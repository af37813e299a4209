package dev.vigil.server;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks a page against Prometheus' text format (0.0.4) rules that a scraper enforces: at most one
 * {@code # HELP} and one {@code # TYPE} line per metric family, the TYPE before the family's samples,
 * and all samples of a family in one group (a family may not come back after another one started).
 */
final class PrometheusText {
  private PrometheusText() {}

  static void check(String text) {
    Map<String, String> types = new HashMap<>();
    Set<String> helps = new HashSet<>();
    Set<String> finished = new HashSet<>();
    String current = null;
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isEmpty()) {
        continue;
      }
      String family;
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        String[] p = line.split(" ", 4);
        family = p[2];
        if (line.startsWith("# HELP ") && !helps.add(family)) {
          throw new AssertionError("line " + lineNo + ": second # HELP for " + family);
        }
        if (line.startsWith("# TYPE ")) {
          if (types.put(family, p[3]) != null) {
            throw new AssertionError("line " + lineNo + ": second # TYPE for " + family);
          }
        }
      } else if (line.startsWith("#")) {
        continue;
      } else {
        String name = line.split("[{ ]", 2)[0];
        family = familyOf(name, types);
        if (!types.containsKey(family)) {
          throw new AssertionError("line " + lineNo + ": sample " + name + " before its # TYPE");
        }
      }
      if (!family.equals(current)) {
        if (finished.contains(family)) {
          throw new AssertionError("line " + lineNo + ": family " + family + " appears again after another family");
        }
        if (current != null) {
          finished.add(current);
        }
        current = family;
      }
    }
  }

  private static String familyOf(String sample, Map<String, String> types) {
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (sample.endsWith(suffix)) {
        String base = sample.substring(0, sample.length() - suffix.length());
        String t = types.get(base);
        if ("histogram".equals(t) || "summary".equals(t)) {
          return base;
        }
      }
    }
    return sample;
  }
}
