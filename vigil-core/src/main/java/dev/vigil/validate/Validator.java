package dev.vigil.validate;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Table;
import dev.vigil.validate.internal.CheckEvaluator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a list of {@link Check}s on a table. Every check is evaluated, whatever happens to the
 * others: a missing column, a wrong type, an unparseable regex or a missing reference table becomes
 * an {@link CheckResult.Outcome#ERROR} result naming the check and the column.
 */
public final class Validator {
  private final List<Check> checks;
  private final Map<String, Table> references;
  private final SqlEngine sql;
  private final int maxExamples;

  private Validator(List<Check> checks, Map<String, Table> references, SqlEngine sql, int maxExamples) {
    this.checks = List.copyOf(checks);
    this.references = Map.copyOf(references);
    this.sql = sql;
    this.maxExamples = maxExamples;
  }

  /** A validator of {@code checks}, with no reference tables, no SQL engine and 5 examples per check. */
  public static Validator of(List<Check> checks) {
    return new Validator(checks, Map.of(), null, 5);
  }

  public static Validator of(Check... checks) {
    return of(List.of(checks));
  }

  /** This validator with {@code table} available to foreign-key checks as {@code name}. */
  public Validator withReference(String name, Table table) {
    Map<String, Table> r = new LinkedHashMap<>(references);
    r.put(name, table);
    return new Validator(checks, r, sql, maxExamples);
  }

  /** This validator evaluating {@link CheckKind#SQL} checks with {@code engine}. */
  public Validator withSqlEngine(SqlEngine engine) {
    return new Validator(checks, references, engine, maxExamples);
  }

  /** This validator keeping up to {@code n} (in [0, 1000]) example rows per check. */
  public Validator withMaxExamples(int n) {
    InvalidArgumentException.check(n >= 0 && n <= 1000, "maxExamples must be in [0, 1000]: %d", n);
    return new Validator(checks, references, sql, n);
  }

  /** This validator with more checks appended. */
  public Validator plus(List<Check> more) {
    List<Check> all = new ArrayList<>(checks);
    all.addAll(more);
    return new Validator(all, references, sql, maxExamples);
  }

  public List<Check> checks() {
    return checks;
  }

  /** Runs every check on {@code table}. */
  public ValidationResult validate(Table table) {
    CheckEvaluator ev = new CheckEvaluator(references, sql, maxExamples);
    List<CheckResult> results = new ArrayList<>(checks.size());
    BitSet errorRows = new BitSet();
    for (Check c : checks) {
      BitSet failing = new BitSet();
      results.add(ev.evaluate(c, table, failing));
      if (c.severity() == Severity.ERROR && c.kind().rowLevel()) {
        errorRows.or(failing);
      }
    }
    return new ValidationResult(table.rowCount(), results, errorRows);
  }
}
