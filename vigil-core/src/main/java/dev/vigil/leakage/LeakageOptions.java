package dev.vigil.leakage;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Schema;
import dev.vigil.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link LeakageAudit} knows about the data and how strict it is. Build with
 * {@link #builder(String)}; only the label column is required.
 *
 * <p>Defaults: every check in {@link LeakageAudit#CHECKS}; seed 0; model-based checks on a seeded
 * sample of at most 20,000 rows; single-feature out-of-fold AUC of 0.99 or more is an error and 0.95
 * or more a warning; near-duplicates are rows whose standardised numerics fall in the same cell of
 * width 0.01 standard deviations and whose other values are equal after normalisation.
 */
public final class LeakageOptions {
  private final String label;
  private final Optional<String> time;
  private final Optional<String> predictionTime;
  private final Optional<String> group;
  private final Optional<String> nuisance;
  private final List<String> ids;
  private final Map<String, Availability> availability;
  private final Optional<Schema> servingSchema;
  private final Optional<Table> servingSample;
  private final List<FittedStatistic> fitted;
  private final List<FittedCategories> fittedCategories;
  private final List<String> modelInputs;
  private final Set<String> checks;
  private final long seed;
  private final int sampleRows;
  private final double aucError;
  private final double aucWarning;
  private final double nearTolerance;

  private LeakageOptions(Builder b) {
    label = b.label;
    time = Optional.ofNullable(b.time);
    predictionTime = Optional.ofNullable(b.predictionTime);
    group = Optional.ofNullable(b.group);
    nuisance = Optional.ofNullable(b.nuisance);
    ids = List.copyOf(b.ids);
    availability = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.availability));
    servingSchema = Optional.ofNullable(b.servingSchema);
    servingSample = Optional.ofNullable(b.servingSample);
    fitted = List.copyOf(b.fitted);
    fittedCategories = List.copyOf(b.fittedCategories);
    modelInputs = List.copyOf(b.modelInputs);
    checks = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.checks));
    seed = b.seed;
    sampleRows = b.sampleRows;
    aucError = b.aucError;
    aucWarning = b.aucWarning;
    nearTolerance = b.nearTolerance;
  }

  /** A builder for an audit of a table whose label column is {@code label}. */
  public static Builder builder(String label) {
    return new Builder(label);
  }

  /** A builder holding these options, to derive variants (e.g. fewer checks). */
  public Builder toBuilder() {
    Builder b = new Builder(label);
    b.time = time.orElse(null);
    b.predictionTime = predictionTime.orElse(null);
    b.group = group.orElse(null);
    b.nuisance = nuisance.orElse(null);
    b.ids.addAll(ids);
    b.availability.putAll(availability);
    b.servingSchema = servingSchema.orElse(null);
    b.servingSample = servingSample.orElse(null);
    b.fitted.addAll(fitted);
    b.fittedCategories.addAll(fittedCategories);
    b.modelInputs.addAll(modelInputs);
    b.checks.clear();
    b.checks.addAll(checks);
    b.seed = seed;
    b.sampleRows = sampleRows;
    b.aucError = aucError;
    b.aucWarning = aucWarning;
    b.nearTolerance = nearTolerance;
    return b;
  }

  /** The label column. */
  public String label() {
    return label;
  }

  /** The event-time column (timestamp), if any. */
  public Optional<String> time() {
    return time;
  }

  /** The prediction-time column for availability checks; defaults to {@link #time()}. */
  public Optional<String> predictionTime() {
    return predictionTime.or(() -> time);
  }

  /** The group column (patient, user, device, ...), if any. */
  public Optional<String> group() {
    return group;
  }

  /** The nuisance column (site, hospital, device, batch) for proxy-confounding, if any. */
  public Optional<String> nuisance() {
    return nuisance;
  }

  /** Columns declared as identifiers. */
  public List<String> ids() {
    return ids;
  }

  /** Declared availability per feature. */
  public Map<String, Availability> availability() {
    return availability;
  }

  /** The schema the model sees at serving time, if given. */
  public Optional<Schema> servingSchema() {
    return servingSchema;
  }

  /** A sample of serving traffic (or of what the serving pipeline produces), if given. */
  public Optional<Table> servingSample() {
    return servingSample;
  }

  /** Categories learnt by the pipeline's encoders, if given. */
  public List<FittedCategories> fittedCategories() {
    return fittedCategories;
  }

  /** Statistics fitted by the preprocessing pipeline, if given. */
  public List<FittedStatistic> fitted() {
    return fitted;
  }

  /**
   * The columns the model's pipeline reads, if known; unavailable-at-serving then checks these
   * instead of every plain feature.
   */
  public List<String> modelInputs() {
    return modelInputs;
  }

  /** The checks to run. */
  public Set<String> checks() {
    return checks;
  }

  /** Seed of every random choice (samples, folds, model initialisation). */
  public long seed() {
    return seed;
  }

  /** Maximum rows fed to the model-based checks (proxy-confounding's domain classifier). */
  public int sampleRows() {
    return sampleRows;
  }

  /** Single-feature out-of-fold AUC at or above which target-leak is an error. */
  public double aucError() {
    return aucError;
  }

  /** Single-feature out-of-fold AUC at or above which target-leak is a warning. */
  public double aucWarning() {
    return aucWarning;
  }

  /** Cell width, in standard deviations, of the near-duplicate grid. */
  public double nearTolerance() {
    return nearTolerance;
  }

  /** The options as flat strings, for provenance. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", label);
    time.ifPresent(v -> m.put("time", v));
    predictionTime.ifPresent(v -> m.put("prediction_time", v));
    group.ifPresent(v -> m.put("group", v));
    nuisance.ifPresent(v -> m.put("nuisance", v));
    if (!ids.isEmpty()) {
      m.put("ids", ids);
    }
    if (!availability.isEmpty()) {
      Map<String, String> a = new LinkedHashMap<>();
      availability.forEach((k, v) -> a.put(k, v.column() != null ? "column:" + v.column() : "+" + v.delay()));
      m.put("availability", a);
    }
    m.put("checks", List.copyOf(checks));
    m.put("seed", seed);
    m.put("sample_rows", sampleRows);
    m.put("auc_error", aucError);
    m.put("auc_warning", aucWarning);
    m.put("near_tolerance", nearTolerance);
    return m;
  }

  /** Builder; every setter validates its argument. */
  public static final class Builder {
    private final String label;
    private String time;
    private String predictionTime;
    private String group;
    private String nuisance;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Availability> availability = new LinkedHashMap<>();
    private Schema servingSchema;
    private Table servingSample;
    private final List<FittedStatistic> fitted = new ArrayList<>();
    private final List<FittedCategories> fittedCategories = new ArrayList<>();
    private final List<String> modelInputs = new ArrayList<>();
    private final Set<String> checks = new LinkedHashSet<>(LeakageAudit.CHECKS);
    private long seed;
    private int sampleRows = 20_000;
    private double aucError = 0.99;
    private double aucWarning = 0.95;
    private double nearTolerance = 0.01;

    private Builder(String label) {
      InvalidArgumentException.check(label != null && !label.isBlank(), "label column must be given");
      this.label = label;
    }

    public Builder time(String column) {
      time = column;
      return this;
    }

    public Builder predictionTime(String column) {
      predictionTime = column;
      return this;
    }

    public Builder group(String column) {
      group = column;
      return this;
    }

    public Builder nuisance(String column) {
      nuisance = column;
      return this;
    }

    public Builder id(String column) {
      ids.add(Objects.requireNonNull(column, "column"));
      return this;
    }

    public Builder availability(String feature, Availability a) {
      availability.put(Objects.requireNonNull(feature, "feature"), Objects.requireNonNull(a, "availability"));
      return this;
    }

    public Builder servingSchema(Schema s) {
      servingSchema = s;
      return this;
    }

    public Builder servingSample(Table t) {
      servingSample = t;
      return this;
    }

    /** Adds the categories an encoder learnt. */
    public Builder fittedCategories(FittedCategories c) {
      fittedCategories.add(Objects.requireNonNull(c, "categories"));
      return this;
    }

    public Builder fitted(FittedStatistic s) {
      fitted.add(Objects.requireNonNull(s, "statistic"));
      return this;
    }

    /**
     * Reads a fitted feature pipeline's JSON layout (see {@link FittedStatistic#fromPipeline}): its
     * fitted statistics feed preprocessing-leak and its {@code inputs} become {@link #modelInputs()}.
     */
    @SuppressWarnings("unchecked")
    public Builder pipeline(Map<String, ?> pipeline) {
      fitted.addAll(FittedStatistic.fromPipeline(pipeline));
      fittedCategories.addAll(FittedCategories.fromPipeline(pipeline));
      Object in = pipeline.get("inputs");
      if (in instanceof List<?> l) {
        for (Object o : l) {
          modelInputs.add(String.valueOf(o));
        }
      }
      return this;
    }

    /**
     * Runs only these checks.
     *
     * @throws InvalidArgumentException naming an unknown check id
     */
    public Builder checks(List<String> ids) {
      for (String c : ids) {
        InvalidArgumentException.check(LeakageAudit.CHECKS.contains(c), "unknown leakage check %s; known: %s",
            c, LeakageAudit.CHECKS);
      }
      checks.clear();
      checks.addAll(ids);
      return this;
    }

    public Builder seed(long s) {
      seed = s;
      return this;
    }

    /** @param n in [100, 10,000,000] */
    public Builder sampleRows(int n) {
      InvalidArgumentException.check(n >= 100 && n <= 10_000_000, "sample rows must be in [100, 10000000]: %d", n);
      sampleRows = n;
      return this;
    }

    /** @param error in (0.5, 1], at least {@code warning}; @param warning in (0.5, 1] */
    public Builder aucThresholds(double error, double warning) {
      InvalidArgumentException.check(warning > 0.5 && warning <= error && error <= 1,
          "AUC thresholds must satisfy 0.5 < warning <= error <= 1: warning %s, error %s", warning, error);
      aucError = error;
      aucWarning = warning;
      return this;
    }

    /** @param sd cell width in standard deviations, in (0, 1] */
    public Builder nearTolerance(double sd) {
      InvalidArgumentException.check(sd > 0 && sd <= 1, "near-duplicate tolerance must be in (0, 1]: %s", sd);
      nearTolerance = sd;
      return this;
    }

    public LeakageOptions build() {
      return new LeakageOptions(this);
    }
  }
}
