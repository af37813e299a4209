package dev.vigil.validate;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of {@link Check}, with the parameters each takes in a checks file. {@code column} is one
 * column name, {@code columns} a list; {@code min}/{@code max} are inclusive bounds (either may be
 * absent).
 */
public enum CheckKind {
  /** Share of non-missing values of {@code column} is at least {@code min} (default 1). Failing rows: the missing ones. */
  COMPLETENESS(true),
  /** Share of non-missing rows whose value (of {@code columns}) occurs once is at least {@code min} (default 1). Failing rows: duplicates. */
  UNIQUENESS(true),
  /** {@code columns} are complete and unique together. */
  PRIMARY_KEY(true),
  /** Every non-missing value of {@code column} is in {@code values} (text form). */
  IN_SET(true),
  /** Every finite value of numeric {@code column} lies in [{@code min}, {@code max}]. */
  RANGE(true),
  /** Every non-missing value of {@code column}, as text, fully matches the regular expression {@code regex}. */
  PATTERN(true),
  /**
   * {@code column} has {@code type}; for a text column, every value can be read as {@code type}
   * (failing rows: those that cannot); a {@code long} column conforms to {@code double}, a
   * {@code double} column to {@code long} where integral, and every column to {@code string}.
   */
  TYPE(true),
  /** No value of numeric {@code column} is negative. */
  NON_NEGATIVE(true),
  /** Non-missing values of {@code column} never decrease ({@code direction: increasing}, default) or never increase; {@code strict: true} forbids ties. */
  MONOTONIC(true),
  /** The row count lies in [{@code min}, {@code max}]. */
  ROW_COUNT(false),
  /** The mean of numeric {@code column} lies in [{@code min}, {@code max}]. */
  MEAN(false),
  /** The {@code q}-quantile of numeric {@code column} lies in [{@code min}, {@code max}]. */
  QUANTILE(false),
  /** For rows where both are present, {@code columns[0] < columns[1]} ({@code <=} with {@code or_equal: true}). */
  LESS_THAN(true),
  /** Every non-missing value of {@code column} occurs in column {@code reference_column} of the reference table {@code reference}. */
  FOREIGN_KEY(true),
  /** The SQL boolean expression {@code predicate} holds for every row (false or NULL fails); needs an SQL engine. */
  SQL(true),
  /** The table has no columns outside {@code columns} (schema validation: unexpected columns). */
  KNOWN_COLUMNS(false);

  private final boolean rowLevel;

  CheckKind(boolean rowLevel) {
    this.rowLevel = rowLevel;
  }

  /** True when failures are individual rows (examples and quarantine apply). */
  public boolean rowLevel() {
    return rowLevel;
  }

  /** The snake_case name used in checks files and JSON. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a snake_case kind name. @throws InvalidArgumentException listing the known kinds */
  public static CheckKind parse(String s) {
    String n = s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (CheckKind k : values()) {
      if (k.jsonName().equals(n)) {
        return k;
      }
    }
    List<String> names = Arrays.stream(values()).map(CheckKind::jsonName).toList();
    throw new InvalidArgumentException("unknown check kind \"" + s + "\": expected one of " + names);
  }
}
