package dev.vigil.validate;

import dev.vigil.data.Table;

/**
 * Evaluates SQL boolean predicates over a table, for {@link CheckKind#SQL} checks. vigil-core has no
 * SQL engine; {@code dev.vigil.io.quality.DuckDbSqlEngine} (module vigil-io) provides one.
 */
public interface SqlEngine {
  /**
   * The 0-based indices, ascending, of the rows of {@code table} where {@code predicate} is false
   * or NULL.
   *
   * @throws dev.vigil.InvalidArgumentException when the predicate does not parse or names an
   *     unknown column (the message carries the engine's words)
   */
  int[] failingRows(Table table, String predicate);
}
