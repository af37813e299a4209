package dev.vigil.data;

import java.util.List;

/** Concatenation of same-typed columns, by appending through a builder of the type. */
final class ColumnConcat {
  private ColumnConcat() {}

  static Column concat(String name, List<? extends Column> parts) {
    Column first = parts.get(0);
    int total = 0;
    for (Column c : parts) {
      total += c.size();
    }
    ColumnBuilder b = first instanceof TimestampColumn t
        ? TimestampColumn.builder(name, t.zone())
        : ColumnBuilder.of(name, first.type());
    b.ensure(total);
    for (Column c : parts) {
      for (int i = 0; i < c.size(); i++) {
        if (c.isMissing(i)) {
          b.addMissing();
        } else {
          c.appendValueTo(i, b);
        }
      }
    }
    return b.build();
  }
}
