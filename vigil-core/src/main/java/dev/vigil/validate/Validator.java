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
  private final int threads;

  private Validator(List<Check> checks, Map<String, Table> references, SqlEngine sql, int maxExamples, int threads) {
    this.checks = List.copyOf(checks);
    this.references = Map.copyOf(references);
    this.sql = sql;
    this.maxExamples = maxExamples;
    this.threads = threads;
  }

  /** This validator judging checks on {@code n} threads (results keep the check order). */
  public Validator withThreads(int n) {
    InvalidArgumentException.check(n >= 1 && n <= 256, "threads must be in [1, 256]: %d", n);
    return new Validator(checks, references, sql, maxExamples, n);
  }

  /** A validator of {@code checks}, with no reference tables, no SQL engine and 5 examples per check. */
  public static Validator of(List<Check> checks) {
    return new Validator(checks, Map.of(), null, 5, 1);
  }

  public static Validator of(Check... checks) {
    return of(List.of(checks));
  }

  /** This validator with {@code table} available to foreign-key checks as {@code name}. */
  public Validator withReference(String name, Table table) {
    Map<String, Table> r = new LinkedHashMap<>(references);
    r.put(name, table);
    return new Validator(checks, r, sql, maxExamples, threads);
  }

  /** This validator evaluating {@link CheckKind#SQL} checks with {@code engine}. */
  public Validator withSqlEngine(SqlEngine engine) {
    return new Validator(checks, references, engine, maxExamples, threads);
  }

  /** This validator keeping up to {@code n} (in [0, 1000]) example rows per check. */
  public Validator withMaxExamples(int n) {
    InvalidArgumentException.check(n >= 0 && n <= 1000, "maxExamples must be in [0, 1000]: %d", n);
    return new Validator(checks, references, sql, n, threads);
  }

  /** This validator with more checks appended. */
  public Validator plus(List<Check> more) {
    List<Check> all = new ArrayList<>(checks);
    all.addAll(more);
    return new Validator(all, references, sql, maxExamples, threads);
  }

  public List<Check> checks() {
    return checks;
  }

  /** Runs every check on {@code table}. */
  public ValidationResult validate(Table table) {
    CheckEvaluator ev = new CheckEvaluator(references, sql, maxExamples);
    CheckResult[] results = new CheckResult[checks.size()];
    BitSet[] failing = new BitSet[checks.size()];
    Runnable[] tasks = new Runnable[checks.size()];
    for (int i = 0; i < checks.size(); i++) {
      int k = i;
      failing[k] = new BitSet();
      tasks[k] = () -> results[k] = ev.evaluate(checks.get(k), table, failing[k]);
    }
    if (threads == 1 || checks.size() < 2) {
      for (Runnable r : tasks) {
        r.run();
      }
    } else {
      java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
      try {
        List<java.util.concurrent.ForkJoinTask<?>> fs = new ArrayList<>();
        for (Runnable r : tasks) {
          fs.add(pool.submit(r));
        }
        for (java.util.concurrent.ForkJoinTask<?> f : fs) {
          f.join();
        }
      } finally {
        pool.shutdown();
      }
    }
    BitSet errorRows = new BitSet();
    for (int i = 0; i < checks.size(); i++) {
      Check c = checks.get(i);
      if (c.severity() == Severity.ERROR && c.kind().rowLevel()) {
        errorRows.or(failing[i]);
      }
    }
    return new ValidationResult(table.rowCount(), List.of(results), errorRows);
  }
}
