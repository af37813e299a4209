package dev.vigil.data;

import dev.vigil.InvalidArgumentException;
import java.util.Locale;

/**
 * The logical type of a {@link Column}. Each has one physical layout:
 *
 * <ul>
 *   <li>{@link #DOUBLE}: {@code double[]}; NaN and infinities are values, not missing.
 *   <li>{@link #LONG}: {@code long[]} (all integer widths).
 *   <li>{@link #BOOLEAN}: {@code boolean[]}.
 *   <li>{@link #CATEGORICAL}: {@code int[]} codes into a dictionary of distinct strings.
 *   <li>{@link #STRING}: {@code String[]} for free text and near-unique values.
 *   <li>{@link #TIMESTAMP}: {@code long[]} microseconds since the epoch (UTC) plus a display zone.
 * </ul>
 *
 * Every layout has a separate missing-value mask; no type has a magic "missing" value.
 */
public enum ColumnType {
  DOUBLE,
  LONG,
  BOOLEAN,
  CATEGORICAL,
  STRING,
  TIMESTAMP;

  /** The lower-case name used in JSON and schema files ({@code "double"}, {@code "categorical"}, ...). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for {@link #DOUBLE} and {@link #LONG}. */
  public boolean isNumeric() {
    return this == DOUBLE || this == LONG;
  }

  /**
   * Parses a type name, case-insensitively, accepting common aliases ({@code float}, {@code int},
   * {@code integer}, {@code bool}, {@code category}, {@code text}, {@code datetime}).
   *
   * @throws InvalidArgumentException naming the accepted names when {@code name} is none of them
   */
  public static ColumnType parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "double": case "float": case "numeric": case "number": case "real":
        return DOUBLE;
      case "long": case "int": case "integer": case "bigint":
        return LONG;
      case "boolean": case "bool":
        return BOOLEAN;
      case "categorical": case "category": case "enum":
        return CATEGORICAL;
      case "string": case "text": case "varchar":
        return STRING;
      case "timestamp": case "datetime": case "date":
        return TIMESTAMP;
      default:
        throw new InvalidArgumentException("unknown column type \"" + name
            + "\": expected one of double, long, boolean, categorical, string, timestamp");
    }
  }
}
