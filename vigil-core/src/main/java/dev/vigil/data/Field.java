package dev.vigil.data;

import dev.vigil.InvalidArgumentException;
import java.util.Objects;

/**
 * One column's declaration in a {@link Schema}: its name, type and whether it may hold missing values.
 *
 * @param name non-empty column name
 * @param type logical type
 * @param nullable whether missing values are allowed
 */
public record Field(String name, ColumnType type, boolean nullable) {
  public Field {
    Objects.requireNonNull(type, "type");
    InvalidArgumentException.check(name != null && !name.isEmpty(), "a field name must be non-empty");
  }

  /** A nullable field. */
  public static Field of(String name, ColumnType type) {
    return new Field(name, type, true);
  }
}
