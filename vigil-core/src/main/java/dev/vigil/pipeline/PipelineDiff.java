package dev.vigil.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between two fitted pipelines {@code a} (before) and {@code b} (after): input and
 * output columns added or removed, steps added or removed, and for each step present in both its
 * changed options and fitted parameters (means, centres, scales, clip bounds, bucket edges,
 * categories). A step is identified by its operation and column ({@code scale(age)}); a second step
 * with the same operation on the same column is {@code scale(age)#2}. A list parameter such as
 * {@code categories} reports the values added and removed; a numeric one its difference
 * {@code b - a}. Immutable.
 *
 * @param inputsAdded raw input columns only {@code b} reads
 * @param inputsRemoved raw input columns only {@code a} reads
 * @param outputsAdded output columns only {@code b} produces
 * @param outputsRemoved output columns only {@code a} produces
 * @param stepsAdded steps only in {@code b}
 * @param stepsRemoved steps only in {@code a}
 * @param changes option and parameter changes of steps in both, in {@code b}'s step order
 * @param stepOrderChanged whether the steps in both run in a different relative order
 */
public record PipelineDiff(List<String> inputsAdded, List<String> inputsRemoved, List<String> outputsAdded,
    List<String> outputsRemoved, List<String> stepsAdded, List<String> stepsRemoved, List<Change> changes,
    boolean stepOrderChanged) {

  /**
   * One changed option or parameter of a step.
   *
   * @param step the step ({@code op(column)})
   * @param kind {@code option} or {@code param}
   * @param key the option or parameter name
   * @param before its value in {@code a} (null when absent)
   * @param after its value in {@code b} (null when absent)
   * @param delta {@code after - before} when both are numbers, else null
   * @param added for list values, the elements only in {@code after}; else empty
   * @param removed for list values, the elements only in {@code before}; else empty
   */
  public record Change(String step, String kind, String key, Object before, Object after, Double delta,
      List<Object> added, List<Object> removed) {
    public Change {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }
  }

  public PipelineDiff {
    inputsAdded = List.copyOf(inputsAdded);
    inputsRemoved = List.copyOf(inputsRemoved);
    outputsAdded = List.copyOf(outputsAdded);
    outputsRemoved = List.copyOf(outputsRemoved);
    stepsAdded = List.copyOf(stepsAdded);
    stepsRemoved = List.copyOf(stepsRemoved);
    changes = List.copyOf(changes);
  }

  /** The differences from {@code a} to {@code b}; empty when they are equal. */
  public static PipelineDiff between(FeaturePipeline a, FeaturePipeline b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Map<String, FeaturePipeline.FittedStep> sa = keyed(a);
    Map<String, FeaturePipeline.FittedStep> sb = keyed(b);
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, FeaturePipeline.FittedStep> e : sb.entrySet()) {
      FeaturePipeline.FittedStep before = sa.get(e.getKey());
      if (before == null) {
        continue;
      }
      compare(e.getKey(), "option", new LinkedHashMap<>(before.spec().options()), new LinkedHashMap<>(e.getValue().spec().options()),
          changes);
      compare(e.getKey(), "param", before.params(), e.getValue().params(), changes);
    }
    List<String> commonA = new ArrayList<>(sa.keySet());
    commonA.retainAll(sb.keySet());
    List<String> commonB = new ArrayList<>(sb.keySet());
    commonB.retainAll(sa.keySet());
    return new PipelineDiff(minus(b.inputNames(), a.inputNames()), minus(a.inputNames(), b.inputNames()),
        minus(b.outputNames(), a.outputNames()), minus(a.outputNames(), b.outputNames()),
        minus(List.copyOf(sb.keySet()), List.copyOf(sa.keySet())), minus(List.copyOf(sa.keySet()), List.copyOf(sb.keySet())),
        changes, !commonA.equals(commonB));
  }

  /** Whether the two pipelines are the same (no difference of any kind). */
  public boolean isEmpty() {
    return inputsAdded.isEmpty() && inputsRemoved.isEmpty() && outputsAdded.isEmpty() && outputsRemoved.isEmpty()
        && stepsAdded.isEmpty() && stepsRemoved.isEmpty() && changes.isEmpty() && !stepOrderChanged;
  }

  /**
   * The diff as plain maps and lists (snake_case keys): {@code inputs_added}, {@code inputs_removed},
   * {@code outputs_added}, {@code outputs_removed}, {@code steps_added}, {@code steps_removed},
   * {@code step_order_changed}, {@code changes} [{@code step, kind, key, before, after, delta, added,
   * removed}], {@code identical}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("identical", isEmpty());
    m.put("inputs_added", inputsAdded);
    m.put("inputs_removed", inputsRemoved);
    m.put("outputs_added", outputsAdded);
    m.put("outputs_removed", outputsRemoved);
    m.put("steps_added", stepsAdded);
    m.put("steps_removed", stepsRemoved);
    m.put("step_order_changed", stepOrderChanged);
    List<Map<String, Object>> cs = new ArrayList<>();
    for (Change c : changes) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("step", c.step());
      x.put("kind", c.kind());
      x.put("key", c.key());
      x.put("before", c.before());
      x.put("after", c.after());
      x.put("delta", c.delta());
      x.put("added", c.added());
      x.put("removed", c.removed());
      cs.add(x);
    }
    m.put("changes", cs);
    return m;
  }

  private static Map<String, FeaturePipeline.FittedStep> keyed(FeaturePipeline p) {
    Map<String, FeaturePipeline.FittedStep> out = new LinkedHashMap<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (FeaturePipeline.FittedStep s : p.steps()) {
      String base = s.spec().op() + "(" + s.spec().column() + ")";
      int n = seen.merge(base, 1, Integer::sum);
      out.put(n == 1 ? base : base + "#" + n, s);
    }
    return out;
  }

  private static List<String> minus(List<String> a, List<String> b) {
    Set<String> out = new LinkedHashSet<>(a);
    b.forEach(out::remove);
    return List.copyOf(out);
  }

  private static void compare(String step, String kind, Map<String, ?> a, Map<String, ?> b, List<Change> out) {
    Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      Object x = norm(a.get(k));
      Object y = norm(b.get(k));
      if (same(x, y)) {
        continue;
      }
      Double delta = x instanceof Number nx && y instanceof Number ny ? ny.doubleValue() - nx.doubleValue() : null;
      List<Object> added = new ArrayList<>();
      List<Object> removed = new ArrayList<>();
      if (x instanceof List<?> lx && y instanceof List<?> ly) {
        for (Object o : ly) {
          if (lx.stream().noneMatch(v -> same(v, o))) {
            added.add(o);
          }
        }
        for (Object o : lx) {
          if (ly.stream().noneMatch(v -> same(v, o))) {
            removed.add(o);
          }
        }
      }
      out.add(new Change(step, kind, k, x, y, delta, added, removed));
    }
  }

  /** Arrays as lists, so that fitted (array) and parsed (list) parameters compare alike. */
  private static Object norm(Object o) {
    if (o instanceof double[] d) {
      List<Object> l = new ArrayList<>(d.length);
      for (double v : d) {
        l.add(v);
      }
      return l;
    }
    if (o instanceof Object[] arr) {
      return java.util.Arrays.asList(arr);
    }
    return o;
  }

  /** Equal values; numbers compare by double value so that 1 and 1.0 (as parsed from JSON) are the same. */
  private static boolean same(Object x, Object y) {
    if (x instanceof Number nx && y instanceof Number ny) {
      return Double.compare(nx.doubleValue(), ny.doubleValue()) == 0;
    }
    if (x instanceof List<?> lx && y instanceof List<?> ly) {
      if (lx.size() != ly.size()) {
        return false;
      }
      for (int i = 0; i < lx.size(); i++) {
        if (!same(lx.get(i), ly.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(x, y);
  }
}
