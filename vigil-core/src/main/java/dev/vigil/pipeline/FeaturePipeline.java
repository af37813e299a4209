package dev.vigil.pipeline;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fitted feature pipeline (see the package documentation for the operations). Immutable and
 * thread-safe: training, batch scoring and serving call the same {@link #transform}.
 */
public final class FeaturePipeline {
  /** Version of the map layout of {@link #toMap()}. */
  public static final int FORMAT_VERSION = 1;

  /**
   * One fitted step.
   *
   * @param spec the step as specified
   * @param params what fit learned: {@code value} (impute), {@code center}/{@code scale} (scale),
   *     {@code lower}/{@code upper} (clip), {@code edges} (bucket, the bins-1 inner edges),
   *     {@code categories} (onehot, ordinal)
   */
  public record FittedStep(StepSpec spec, Map<String, Object> params) {
    public FittedStep {
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
  }

  private final List<FittedStep> steps;
  private final List<String> inputs;
  private final List<String> outputs;

  private FeaturePipeline(List<FittedStep> steps, List<String> inputs, List<String> outputs) {
    this.steps = List.copyOf(steps);
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
  }

  /**
   * Fits {@code spec} on {@code train}.
   *
   * @throws SchemaMismatchException when a step names a column {@code train} lacks, or a categorical
   *     column is left unencoded, or a numeric operation meets a categorical column
   * @throws InvalidArgumentException when an option is out of range or the data cannot support it (an
   *     all-missing column to impute by mean, a log of values below -1)
   */
  public static FeaturePipeline fit(PipelineSpec spec, Table train) {
    List<String> inputs = inputs(spec.steps(), train);
    Map<String, Work> work = new LinkedHashMap<>();
    List<FittedStep> fitted = new ArrayList<>();
    for (StepSpec s : spec.steps()) {
      if (s.op().equals("derive")) {
        if (work.containsKey(s.column()) || train.hasColumn(s.column())) {
          throw new InvalidArgumentException("derive would overwrite column '" + s.column() + "': choose a new name");
        }
        fitted.add(new FittedStep(s, Map.of()));
        work.put(s.column(), derive(s, train));
        continue;
      }
      Work w = work.computeIfAbsent(s.column(), c -> Work.of(train.column(c)));
      FittedStep f = new FittedStep(s, Steps.fit(s, w));
      Steps.apply(f, w);
      fitted.add(f);
    }
    List<String> outputs = new ArrayList<>();
    for (Work w : work.values()) {
      outputs.addAll(w.outputNames());
    }
    return new FeaturePipeline(fitted, inputs, outputs);
  }

  /** The raw columns the steps read, in order of first use; checks that {@code t} has them. */
  private static List<String> inputs(List<StepSpec> steps, Table t) {
    java.util.LinkedHashSet<String> in = new java.util.LinkedHashSet<>();
    java.util.Set<String> derived = new java.util.HashSet<>();
    for (StepSpec s : steps) {
      List<String> need = s.op().equals("derive") ? new Expression(s.options().get("expression")).columns()
          : derived.contains(s.column()) ? List.of() : List.of(s.column());
      for (String c : need) {
        if (!t.hasColumn(c)) {
          throw new SchemaMismatchException("pipeline step " + s.op() + " needs column '" + c + "', the table has " + t.columnNames());
        }
        in.add(c);
      }
      if (s.op().equals("derive")) {
        derived.add(s.column());
      }
    }
    return new ArrayList<>(in);
  }

  private static Work derive(StepSpec s, Table t) {
    Expression e = new Expression(s.options().get("expression"));
    Map<String, double[]> cols = new HashMap<>();
    for (String c : e.columns()) {
      Work raw = Work.of(t.column(c));
      if (raw.num == null) {
        throw new SchemaMismatchException("derive '" + s.column() + "' reads column '" + c
            + "', which is categorical; expressions need numbers");
      }
      cols.put(c, raw.num);
    }
    Work w = new Work(s.column());
    w.num = e.eval(cols, t.rowCount());
    return w;
  }

  /**
   * Applies the fitted steps to {@code t}, which must hold every input column (extra columns are
   * ignored). Returns one double column per {@link #outputNames()} entry, with {@code t}'s rows.
   *
   * @throws SchemaMismatchException when an input column is missing or changed kind (numeric vs categorical)
   */
  public Table transform(Table t) {
    for (String in : inputs) {
      if (!t.hasColumn(in)) {
        throw new SchemaMismatchException("feature pipeline input column '" + in + "' is missing; the table has " + t.columnNames());
      }
    }
    Map<String, Work> work = new LinkedHashMap<>();
    for (FittedStep f : steps) {
      StepSpec s = f.spec();
      if (s.op().equals("derive")) {
        work.put(s.column(), derive(s, t));
        continue;
      }
      Steps.apply(f, work.computeIfAbsent(s.column(), c -> Work.of(t.column(c))));
    }
    List<Column> cols = new ArrayList<>();
    for (Work w : work.values()) {
      cols.addAll(w.toColumns());
    }
    return Table.of(cols);
  }

  /** Raw input column names the pipeline reads, in order of first use. */
  public List<String> inputNames() {
    return inputs;
  }

  /** Output column names, in order. */
  public List<String> outputNames() {
    return outputs;
  }

  public List<FittedStep> steps() {
    return steps;
  }

  /** The spec it was fitted from. */
  public PipelineSpec spec() {
    return new PipelineSpec(steps.stream().map(FittedStep::spec).toList());
  }

  /**
   * {@code {"format_version":1,"inputs":[..],"outputs":[..],"steps":[{"op","column","options":{..},"params":{..}}]}};
   * numbers are doubles, edges and categories lists.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", FORMAT_VERSION);
    m.put("inputs", inputs);
    m.put("outputs", outputs);
    List<Map<String, Object>> s = new ArrayList<>();
    for (FittedStep f : steps) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("op", f.spec().op());
      e.put("column", f.spec().column());
      e.put("options", new TreeMap<>(f.spec().options()));
      e.put("params", new TreeMap<>(f.params()));
      s.add(e);
    }
    m.put("steps", s);
    return m;
  }

  /** Reads {@link #toMap()}'s layout (as parsed from JSON). */
  @SuppressWarnings("unchecked")
  public static FeaturePipeline fromMap(Map<String, ?> m) {
    Object v = m.get("format_version");
    InvalidArgumentException.check(v instanceof Number n && n.intValue() == FORMAT_VERSION,
        "feature pipeline format_version must be %s: %s", FORMAT_VERSION, v);
    List<FittedStep> steps = new ArrayList<>();
    for (Object o : (List<Object>) m.get("steps")) {
      Map<String, Object> s = (Map<String, Object>) o;
      Map<String, String> opts = new LinkedHashMap<>();
      ((Map<String, Object>) s.getOrDefault("options", Map.of())).forEach((k, x) -> opts.put(k, String.valueOf(x)));
      Map<String, Object> params = new HashMap<>((Map<String, Object>) s.getOrDefault("params", Map.of()));
      steps.add(new FittedStep(new StepSpec((String) s.get("op"), (String) s.get("column"), opts), params));
    }
    return new FeaturePipeline(steps, (List<String>) m.get("inputs"), (List<String>) m.get("outputs"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeaturePipeline p && p.toMap().toString().equals(toMap().toString());
  }

  @Override
  public int hashCode() {
    return toMap().toString().hashCode();
  }

  /** One input column as it flows through its steps. */
  static final class Work {
    final String name;
    double[] num;
    String[] cat;
    List<String> multiNames;
    List<double[]> multi;

    Work(String name) {
      this.name = name;
    }

    static Work of(Column c) {
      Work w = new Work(c.name());
      int n = c.size();
      switch (c.type()) {
        case DOUBLE -> {
          DoubleColumn d = (DoubleColumn) c;
          w.num = new double[n];
          for (int i = 0; i < n; i++) {
            w.num[i] = d.isMissing(i) ? Double.NaN : d.get(i);
          }
        }
        case LONG -> {
          LongColumn d = (LongColumn) c;
          w.num = new double[n];
          for (int i = 0; i < n; i++) {
            w.num[i] = d.isMissing(i) ? Double.NaN : d.get(i);
          }
        }
        case BOOLEAN -> {
          BooleanColumn d = (BooleanColumn) c;
          w.num = new double[n];
          for (int i = 0; i < n; i++) {
            w.num[i] = d.isMissing(i) ? Double.NaN : d.get(i) ? 1 : 0;
          }
        }
        case TIMESTAMP -> {
          TimestampColumn d = (TimestampColumn) c;
          w.num = new double[n];
          for (int i = 0; i < n; i++) {
            w.num[i] = d.isMissing(i) ? Double.NaN : d.getMicros(i) / 1e6;
          }
        }
        case CATEGORICAL, STRING -> {
          w.cat = new String[n];
          for (int i = 0; i < n; i++) {
            w.cat[i] = c.isMissing(i) ? null : String.valueOf(c.getObject(i));
          }
        }
      }
      return w;
    }

    List<String> outputNames() {
      if (multi != null) {
        return multiNames;
      }
      if (cat != null) {
        throw new SchemaMismatchException("column '" + name + "' is categorical: add an onehot or ordinal step for it");
      }
      return List.of(name);
    }

    List<Column> toColumns() {
      List<Column> out = new ArrayList<>();
      if (multi != null) {
        for (int k = 0; k < multi.size(); k++) {
          out.add(DoubleColumn.wrap(multiNames.get(k), multi.get(k)));
        }
        return out;
      }
      if (cat != null) {
        throw new SchemaMismatchException("column '" + name + "' is categorical: add an onehot or ordinal step for it");
      }
      boolean[] missing = new boolean[num.length];
      boolean any = false;
      for (int i = 0; i < num.length; i++) {
        missing[i] = Double.isNaN(num[i]);
        any |= missing[i];
      }
      out.add(any ? DoubleColumn.of(name, Arrays.copyOf(num, num.length), missing) : DoubleColumn.wrap(name, num));
      return out;
    }
  }
}
