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
      appendAll(b, c);
    }
    return b.build();
  }

  private static void appendAll(ColumnBuilder b, Column c) {
    int n = c.size();
    switch (c.type()) {
      case DOUBLE -> {
        DoubleColumn d = (DoubleColumn) c;
        DoubleColumn.Builder db = (DoubleColumn.Builder) b;
        for (int i = 0; i < n; i++) {
          if (d.isMissing(i)) {
            db.addMissing();
          } else {
            db.add(d.get(i));
          }
        }
      }
      case LONG -> {
        LongColumn d = (LongColumn) c;
        LongColumn.Builder db = (LongColumn.Builder) b;
        for (int i = 0; i < n; i++) {
          if (d.isMissing(i)) {
            db.addMissing();
          } else {
            db.add(d.get(i));
          }
        }
      }
      case BOOLEAN -> {
        BooleanColumn d = (BooleanColumn) c;
        BooleanColumn.Builder db = (BooleanColumn.Builder) b;
        for (int i = 0; i < n; i++) {
          if (d.isMissing(i)) {
            db.addMissing();
          } else {
            db.add(d.get(i));
          }
        }
      }
      case TIMESTAMP -> {
        TimestampColumn d = (TimestampColumn) c;
        TimestampColumn.Builder db = (TimestampColumn.Builder) b;
        for (int i = 0; i < n; i++) {
          if (d.isMissing(i)) {
            db.addMissing();
          } else {
            db.addMicros(d.getMicros(i));
          }
        }
      }
      case CATEGORICAL, STRING -> {
        for (int i = 0; i < n; i++) {
          b.addObject(c.getObject(i));
        }
      }
    }
  }
}
