package dev.vigil.io.internal;

/** Quoting for SQL identifiers and string literals passed to DuckDB. */
public final class Sql {
  private Sql() {}

  public static String ident(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  public static String literal(String s) {
    return '\'' + s.replace("'", "''") + '\'';
  }

  /** The DuckDB type that holds a Vigil type. */
  public static String duckType(dev.vigil.data.ColumnType t) {
    return switch (t) {
      case DOUBLE -> "DOUBLE";
      case LONG -> "BIGINT";
      case BOOLEAN -> "BOOLEAN";
      case CATEGORICAL, STRING -> "VARCHAR";
      case TIMESTAMP -> "TIMESTAMP";
    };
  }
}
