package dev.vigil.leakage;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.leakage.internal.Checks;
import dev.vigil.leakage.internal.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Audits a train/test pair for data leakage: what a model would learn offline that it cannot have
 * at prediction time. Entry point: {@link #run(Table, Table, LeakageOptions)}.
 *
 * <p>Checks, by stable id (see {@code package-info} for the rules and thresholds of each):
 * {@value #IDS}.
 */
public final class LeakageAudit {
  static final String IDS = "duplicate-rows, conflicting-labels, target-leak, identifier-leak, group-overlap, "
      + "temporal-leak, proxy-confounding, label-shift, new-label, new-category, string-mismatch, "
      + "unavailable-at-serving, preprocessing-leak";

  /** Every check id, in the order they run. */
  public static final List<String> CHECKS = List.of(IDS.split(", "));

  private static final Map<String, Function<Context, List<Finding>>> RUNNERS = runners();

  private LeakageAudit() {}

  private static Map<String, Function<Context, List<Finding>>> runners() {
    Map<String, Function<Context, List<Finding>>> m = new LinkedHashMap<>();
    m.put("duplicate-rows", Checks::duplicateRows);
    m.put("conflicting-labels", Checks::conflictingLabels);
    m.put("target-leak", Checks::targetLeak);
    m.put("identifier-leak", Checks::identifierLeak);
    m.put("group-overlap", Checks::groupOverlap);
    m.put("temporal-leak", Checks::temporalLeak);
    m.put("proxy-confounding", Checks::proxyConfounding);
    m.put("label-shift", Checks::labelShift);
    m.put("new-label", Checks::newLabel);
    m.put("new-category", Checks::newCategory);
    m.put("string-mismatch", Checks::stringMismatch);
    m.put("unavailable-at-serving", Checks::unavailableAtServing);
    m.put("preprocessing-leak", Checks::preprocessingLeak);
    return m;
  }

  /**
   * Runs the checks of {@code options} on {@code train} and {@code test}.
   *
   * @param train the training split (at least one row)
   * @param test the evaluation split, with the same column names and types as {@code train}
   * @return the findings, worst first, with per-check timings
   * @throws SchemaMismatchException when the two tables' columns differ, naming the first difference
   * @throws InvalidArgumentException when a column named in the options is absent, or a table is empty
   * @throws dev.vigil.DataFormatException when a text time column holds a value that is not ISO-8601
   */
  public static LeakageResult run(Table train, Table test, LeakageOptions options) {
    validate(train, test, options);
    Context cx = new Context(train, test, options);
    List<Finding> findings = new ArrayList<>();
    Map<String, Double> millis = new LinkedHashMap<>();
    for (String id : CHECKS) {
      if (!options.checks().contains(id)) {
        continue;
      }
      long t0 = System.nanoTime();
      findings.addAll(RUNNERS.get(id).apply(cx));
      millis.put(id, Math.round((System.nanoTime() - t0) / 1e4) / 100.0);
    }
    findings.sort(Comparator.comparing(Finding::severity).reversed()
        .thenComparing(f -> CHECKS.indexOf(f.check())));
    return new LeakageResult(findings, List.copyOf(millis.keySet()), millis, train.rowCount(), test.rowCount(),
        cx.idLike, options);
  }

  private static void validate(Table train, Table test, LeakageOptions o) {
    InvalidArgumentException.check(train.rowCount() > 0, "train has no rows");
    InvalidArgumentException.check(test.rowCount() > 0, "test has no rows");
    List<Field> a = train.schema().fields();
    List<Field> b = test.schema().fields();
    for (Field f : a) {
      Optional<Field> g = test.schema().find(f.name());
      if (g.isEmpty()) {
        throw new SchemaMismatchException("test lacks the train column \"" + f.name() + "\"; test columns: " + test.columnNames());
      }
      if (g.get().type() != f.type()) {
        throw new SchemaMismatchException("column \"" + f.name() + "\" is " + f.type().jsonName() + " in train but "
            + g.get().type().jsonName() + " in test");
      }
    }
    for (Field f : b) {
      if (!train.schema().contains(f.name())) {
        throw new SchemaMismatchException("test has the column \"" + f.name() + "\", which train lacks; train columns: "
            + train.columnNames());
      }
    }
    List<String> named = new ArrayList<>();
    named.add(o.label());
    o.time().ifPresent(named::add);
    o.predictionTime().ifPresent(named::add);
    o.group().ifPresent(named::add);
    o.nuisance().ifPresent(named::add);
    named.addAll(o.ids());
    named.addAll(o.modelInputs());
    o.availability().forEach((f, av) -> {
      named.add(f);
      if (av.column() != null) {
        named.add(av.column());
      }
    });
    for (String c : named) {
      InvalidArgumentException.check(train.hasColumn(c), "column \"%s\" is not in the data; columns: %s", c,
          train.columnNames());
    }
  }
}
