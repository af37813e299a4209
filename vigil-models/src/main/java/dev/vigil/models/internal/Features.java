package dev.vigil.models.internal;

import dev.vigil.SchemaMismatchException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import java.util.List;

/** Reads feature columns into the row-major float matrices native runtimes take. */
final class Features {
  private Features() {}

  /**
   * Row-major {@code rows x names.size()} floats: double, long and boolean columns; a missing value
   * (or NaN) becomes NaN, which XGBoost and ONNX tree ensembles treat as missing.
   *
   * @throws SchemaMismatchException when a feature column is absent or not numeric
   */
  static float[] floats(Table t, List<String> names) {
    int n = t.rowCount();
    int k = names.size();
    float[] out = new float[n * k];
    for (int j = 0; j < k; j++) {
      Column c = column(t, names.get(j));
      for (int i = 0; i < n; i++) {
        out[i * k + j] = (float) value(c, i);
      }
    }
    return out;
  }

  /** Like {@link #floats} in double precision. */
  static double[] doubles(Table t, List<String> names) {
    int n = t.rowCount();
    int k = names.size();
    double[] out = new double[n * k];
    for (int j = 0; j < k; j++) {
      Column c = column(t, names.get(j));
      for (int i = 0; i < n; i++) {
        out[i * k + j] = value(c, i);
      }
    }
    return out;
  }

  static Column column(Table t, String name) {
    if (!t.hasColumn(name)) {
      throw new SchemaMismatchException("feature column '" + name + "' is missing; the table has " + t.columnNames());
    }
    Column c = t.column(name);
    if (!(c instanceof DoubleColumn || c instanceof LongColumn || c instanceof BooleanColumn)) {
      throw new SchemaMismatchException("feature column '" + name + "' must be numeric (double, long or boolean), found "
          + c.type().jsonName());
    }
    return c;
  }

  static double value(Column c, int i) {
    if (c.isMissing(i)) {
      return Double.NaN;
    }
    if (c instanceof DoubleColumn d) {
      return d.get(i);
    }
    if (c instanceof LongColumn l) {
      return l.get(i);
    }
    return ((BooleanColumn) c).get(i) ? 1 : 0;
  }
}
