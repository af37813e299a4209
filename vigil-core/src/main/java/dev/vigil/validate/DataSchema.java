package dev.vigil.validate;

import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.data.ColumnType;
import dev.vigil.profile.ColumnProfile;
import dev.vigil.profile.FrequentItem;
import dev.vigil.profile.TableProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A data schema as TensorFlow Data Validation keeps one: per column the type, nullability and
 * completeness, numeric range, domain (vocabulary), uniqueness and the environments it appears in.
 * Inferred from a profile ({@link #infer}), edited by hand in a YAML/JSON file ({@link #toMap()},
 * {@link #fromMap}) and judged through checks ({@link #checks(String)}).
 *
 * <p>File form (format version 1):
 *
 * <pre>
 * format_version: 1
 * environments: [training, serving]
 * features:
 *   - name: age
 *     type: double
 *     nullable: false
 *     min: 0.0
 *     max: 97.0
 *   - name: colour
 *     type: categorical
 *     nullable: true
 *     min_completeness: 0.95
 *     domain: [red, green, blue]
 *   - name: label
 *     type: boolean
 *     environments: [training]
 * </pre>
 */
public record DataSchema(List<FeatureSpec> features, List<String> environments) {
  public static final int FORMAT_VERSION = 1;

  public DataSchema {
    features = List.copyOf(features);
    environments = List.copyOf(environments);
    Set<String> seen = new java.util.HashSet<>();
    for (FeatureSpec f : features) {
      InvalidArgumentException.check(seen.add(f.name()), "schema: feature \"%s\" is declared twice", f.name());
    }
  }

  /** The lower Wilson score bound (z = 3.29, 99.9% two-sided) of a proportion {@code p} of {@code n}. */
  static double lowerBound(double p, long n) {
    if (n <= 0) {
      return p;
    }
    double z = 3.29;
    double z2n = z * z / n;
    double centre = p + z2n / 2;
    double half = z * Math.sqrt(p * (1 - p) / n + z2n / (4.0 * n));
    return Math.max(0, (centre - half) / (1 + z2n));
  }

  /** Inference limits: domains up to {@code maxDomain} values are recorded. */
  public record InferenceOptions(int maxDomain, boolean ranges) {
    public static final InferenceOptions DEFAULTS = new InferenceOptions(20, true);
  }

  /** The schema a profile suggests, with {@link InferenceOptions#DEFAULTS}. */
  public static DataSchema infer(TableProfile profile) {
    return infer(profile, InferenceOptions.DEFAULTS);
  }

  /**
   * The schema a profile suggests (as TFDV's {@code infer_schema}): the observed type; not nullable
   * when no value was missing, else as floor the lower 99.9% Wilson bound of the observed
   * completeness rounded down to 2 decimals (so that a fresh sample of the same source passes); the
   * observed [min, max] of numeric columns (judged as a warning: a new sample routinely exceeds the
   * extremes of an old one); the vocabulary of text and boolean columns
   * with at most {@code maxDomain} distinct values (when the counts are exact); unique when every
   * present value may be distinct ({@link ColumnProfile#looksUnique()}; validation then checks it exactly).
   */
  public static DataSchema infer(TableProfile profile, InferenceOptions options) {
    List<FeatureSpec> out = new ArrayList<>();
    for (ColumnProfile c : profile.columns()) {
      boolean nullable = c.missing() > 0;
      double completeness = nullable ? Math.floor(lowerBound(c.completeness(), c.count()) * 100) / 100 : 1.0;
      Double min = null;
      Double max = null;
      if (options.ranges() && c.type().isNumeric() && c.moments().count() > 0) {
        min = c.min();
        max = c.max();
      }
      List<String> domain = null;
      boolean textual = c.type() == ColumnType.CATEGORICAL || c.type() == ColumnType.STRING || c.type() == ColumnType.BOOLEAN;
      if (textual && c.present() > 0 && c.topIsExact() && c.distinct() <= options.maxDomain() && c.distinct() < c.present()) {
        domain = c.top(options.maxDomain()).stream().map(FrequentItem::value).sorted().toList();
      }
      boolean unique = c.looksUnique() && c.type() != ColumnType.DOUBLE && c.type() != ColumnType.BOOLEAN;
      out.add(new FeatureSpec(c.name(), c.type(), nullable, completeness, min, max, domain, unique, Set.of()));
    }
    return new DataSchema(out, List.of());
  }

  /** The feature named {@code name}, if declared. */
  public Optional<FeatureSpec> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** This schema with {@code name} expected only in {@code envs} (e.g. the label only in training). */
  public DataSchema withEnvironments(String name, Collection<String> envs) {
    List<FeatureSpec> out = new ArrayList<>();
    boolean found = false;
    for (FeatureSpec f : features) {
      if (f.name().equals(name)) {
        found = true;
        out.add(new FeatureSpec(f.name(), f.type(), f.nullable(), f.minCompleteness(), f.min(), f.max(), f.domain(), f.unique(), Set.copyOf(envs)));
      } else {
        out.add(f);
      }
    }
    InvalidArgumentException.check(found, "schema has no feature \"%s\"", name);
    Set<String> all = new LinkedHashSet<>(environments);
    all.addAll(envs);
    return new DataSchema(out, List.copyOf(all));
  }

  /**
   * The checks this schema implies in {@code environment} (null: every feature is expected): per
   * expected feature, its type, completeness, range, domain and uniqueness; and a warning for
   * columns the schema does not know (features expected elsewhere count as known).
   */
  public List<Check> checks(String environment) {
    List<Check> out = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (FeatureSpec f : features) {
      known.add(f.name());
      if (!f.expectedIn(environment)) {
        continue;
      }
      out.add(Check.hasType(f.name(), f.type()).named("schema: " + f.name() + " is " + f.type().jsonName()));
      double completeness = f.nullable() ? f.minCompleteness() : 1.0;
      out.add(Check.hasCompleteness(f.name(), completeness).named("schema: " + f.name()
          + (completeness >= 1 ? " is never missing" : " completeness >= " + completeness)));
      if (f.min() != null || f.max() != null) {
        out.add(Check.isInRange(f.name(), f.min(), f.max()).asWarning()
            .named("schema: " + f.name() + " in [" + f.min() + ", " + f.max() + "]"));
      }
      if (f.domain() != null) {
        out.add(Check.isContainedIn(f.name(), f.domain()).named("schema: " + f.name() + " in its domain"));
      }
      if (f.unique()) {
        out.add(Check.isUnique(f.name()).named("schema: " + f.name() + " is unique"));
      }
    }
    out.add(Check.hasOnlyColumns(known).asWarning().named("schema: no unexpected columns"));
    return out;
  }

  /** The file form (see the class documentation). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", FORMAT_VERSION);
    if (!environments.isEmpty()) {
      m.put("environments", environments);
    }
    List<Object> fs = new ArrayList<>();
    for (FeatureSpec f : features) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("name", f.name());
      fm.put("type", f.type().jsonName());
      fm.put("nullable", f.nullable());
      if (f.nullable() && f.minCompleteness() > 0) {
        fm.put("min_completeness", f.minCompleteness());
      }
      if (f.min() != null) {
        fm.put("min", f.min());
      }
      if (f.max() != null) {
        fm.put("max", f.max());
      }
      if (f.domain() != null) {
        fm.put("domain", f.domain());
      }
      if (f.unique()) {
        fm.put("unique", true);
      }
      if (!f.environments().isEmpty()) {
        fm.put("environments", f.environments().stream().sorted().toList());
      }
      fs.add(fm);
    }
    m.put("features", fs);
    return m;
  }

  /**
   * Reads the file form; {@code source} names the file in errors.
   *
   * @throws DataFormatException naming the feature and key that are wrong
   */
  public static DataSchema fromMap(Map<String, ?> m, String source) {
    Object v = m.get("format_version");
    if (v != null && (!(v instanceof Number n) || n.intValue() != FORMAT_VERSION)) {
      throw DataFormatException.in(source).column("format_version").expected(String.valueOf(FORMAT_VERSION)).found(String.valueOf(v)).build();
    }
    if (!(m.get("features") instanceof List<?> fs)) {
      throw DataFormatException.in(source).column("features").expected("a list of features").build();
    }
    List<FeatureSpec> out = new ArrayList<>();
    for (int i = 0; i < fs.size(); i++) {
      String where = "features[" + i + "]";
      if (!(fs.get(i) instanceof Map<?, ?> f)) {
        throw DataFormatException.in(source).column(where).expected("a map").build();
      }
      try {
        Object name = f.get("name");
        if (name == null) {
          throw new InvalidArgumentException("missing key \"name\"");
        }
        where = where + " (" + name + ")";
        ColumnType type = ColumnType.parse(String.valueOf(f.get("type")));
        boolean nullable = f.get("nullable") == null || Boolean.parseBoolean(String.valueOf(f.get("nullable")));
        double mc = f.get("min_completeness") == null ? (nullable ? 0 : 1) : number(f.get("min_completeness"), "min_completeness");
        Double min = f.get("min") == null ? null : number(f.get("min"), "min");
        Double max = f.get("max") == null ? null : number(f.get("max"), "max");
        List<String> domain = f.get("domain") instanceof List<?> d ? d.stream().map(Check::canonical).toList() : null;
        boolean unique = Boolean.parseBoolean(String.valueOf(f.get("unique")));
        Set<String> envs = f.get("environments") instanceof List<?> e ? new LinkedHashSet<>(e.stream().map(String::valueOf).toList()) : Set.of();
        out.add(new FeatureSpec(name.toString(), type, nullable, mc, min, max, domain, unique, envs));
      } catch (InvalidArgumentException e) {
        throw DataFormatException.in(source).column(where).detail("%s", e.getMessage()).build(e);
      }
    }
    List<String> envs = m.get("environments") instanceof List<?> e ? e.stream().map(String::valueOf).toList() : List.of();
    return new DataSchema(out, envs);
  }

  private static double number(Object o, String key) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(o.toString());
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException(key + " must be a number: " + o, e);
    }
  }
}
