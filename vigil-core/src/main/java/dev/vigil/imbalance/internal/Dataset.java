package dev.vigil.imbalance.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table read for resampling: features as rows of doubles (category codes for categorical
 * features), class index per row with classes in ascending label order, optional weights.
 */
public final class Dataset {
  public final Table table;
  public final String label;
  public final String weightColumn;
  /**
   * The features row by row. Built for every row by {@link #of}; {@link #ofColumns} leaves the
   * entries null until {@link #buildRows} builds the rows a method needs.
   */
  public final double[][] x;
  /** The same values feature by feature: {@code columns[j][i] == x[i][j]}. */
  public final double[][] columns;
  public final boolean[] categorical;
  public final List<String> featureNames;
  /** For a categorical feature read from a string column: its dictionary (else null). */
  public final List<List<String>> stringDictionaries;
  public final int[] y;
  public final List<String> classes;
  public final long[] counts;
  public final double[] weights;
  /** A row of each class (to copy the label value from). */
  public final int[] exampleRow;

  private Dataset(Table table, String label, String weightColumn, double[][] x, double[][] columns,
      boolean[] categorical,
      List<String> featureNames, List<List<String>> dicts, int[] y, List<String> classes,
      double[] weights) {
    this.table = table;
    this.label = label;
    this.weightColumn = weightColumn;
    this.x = x;
    this.columns = columns;
    this.categorical = categorical;
    this.featureNames = featureNames;
    this.stringDictionaries = dicts;
    this.y = y;
    this.classes = classes;
    this.weights = weights;
    this.counts = new long[classes.size()];
    this.exampleRow = new int[classes.size()];
    java.util.Arrays.fill(exampleRow, -1);
    for (int i = 0; i < y.length; i++) {
      counts[y[i]]++;
      if (exampleRow[y[i]] < 0) {
        exampleRow[y[i]] = i;
      }
    }
  }

  public int rows() {
    return y.length;
  }

  public int features() {
    return categorical.length;
  }

  public boolean anyCategorical() {
    for (boolean b : categorical) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  public boolean allCategorical() {
    for (boolean b : categorical) {
      if (!b) {
        return false;
      }
    }
    return categorical.length > 0;
  }

  public int classIndex(String c) {
    return classes.indexOf(c);
  }

  /** Rows of class c, ascending. */
  public int[] rowsOf(int c) {
    int[] r = new int[(int) counts[c]];
    int k = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == c) {
        r[k++] = i;
      }
    }
    return r;
  }

  public double[][] rowsX(int[] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = x[rows[i]];
    }
    return out;
  }

  /**
   * Reads {@code table}: every column but the label and the weight column is a feature.
   *
   * @throws SchemaMismatchException when the label or weight column is absent
   * @throws InvalidArgumentException when the label has missing values, a feature has missing or
   *     NaN values or an unsupported type, or weights are missing, negative or not finite
   */
  public static Dataset of(Table table, String label, String weightColumn) {
    Dataset ds = ofColumns(table, label, weightColumn);
    ds.buildRows(null);
    return ds;
  }

  /**
   * Builds the row arrays {@code x[i]} of the given rows (every row when {@code rows} is null) that
   * are not built yet, from the columns in one pass per row.
   */
  public void buildRows(int[] rows) {
    int d = columns.length;
    int count = rows == null ? x.length : rows.length;
    for (int k = 0; k < count; k++) {
      int i = rows == null ? k : rows[k];
      if (x[i] != null) {
        continue;
      }
      double[] r = new double[d];
      for (int j = 0; j < d; j++) {
        r[j] = columns[j][i];
      }
      x[i] = r;
    }
  }

  /**
   * As {@link #of}, but the rows {@link #x} are left unbuilt (null) for {@link #buildRows}: a method
   * that searches the neighbours of a few rows (SMOTE: the classes it over-samples) needs only
   * theirs, and building all rows was an eighth of its time on 100,000 rows.
   */
  public static Dataset ofColumns(Table table, String label, String weightColumn) {
    Labels labels = Labels.read(table, label);
    InvalidArgumentException.check(!label.equals(weightColumn),
        "the weight column must differ from the label column \"%s\"", label);
    int n = table.rowCount();
    int[] y = labels.y();
    List<String> classes = labels.classes();
    double[] weights = null;
    if (weightColumn != null) {
      if (!table.hasColumn(weightColumn)) {
        throw new SchemaMismatchException("weight column \"" + weightColumn
            + "\" is not in the table; columns are " + table.columnNames());
      }
      Column wc = table.column(weightColumn);
      weights = numericValues(wc, "weight column");
      for (int i = 0; i < n; i++) {
        InvalidArgumentException.check(Double.isFinite(weights[i]) && weights[i] >= 0,
            "weight column \"%s\" row %d must be finite and >= 0: %s", weightColumn, i, weights[i]);
      }
    }
    List<Column> feats = new ArrayList<>();
    for (Column c : table.columns()) {
      if (!c.name().equals(label) && !c.name().equals(weightColumn)) {
        feats.add(c);
      }
    }
    InvalidArgumentException.check(!feats.isEmpty(),
        "the table has no feature columns besides the label \"%s\"", label);
    int d = feats.size();
    // read column by column into column arrays; the rows are built afterwards, each in one
    // sequential pass (writing x[i][j] column by column would touch every row array once per feature)
    double[][] cols = new double[d][];
    boolean[] cat = new boolean[d];
    List<String> names = new ArrayList<>();
    List<List<String>> dicts = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      Column c = feats.get(j);
      names.add(c.name());
      InvalidArgumentException.check(c.missingCount() == 0,
          "feature column \"%s\" has %d missing values of %d; impute or drop them before resampling",
          c.name(), c.missingCount(), n);
      List<String> dict = null;
      double[] v;
      if (c instanceof CategoricalColumn cc) {
        cat[j] = true;
        v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = cc.code(i);
        }
      } else if (c instanceof StringColumn sc) {
        cat[j] = true;
        v = new double[n];
        Map<String, Integer> codes = new HashMap<>();
        dict = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String s = sc.get(i);
          Integer code = codes.get(s);
          if (code == null) {
            code = dict.size();
            codes.put(s, code);
            dict.add(s);
          }
          v[i] = code;
        }
      } else {
        v = numericValues(c, "feature column");
        int nan = 0;
        for (int i = 0; i < n; i++) {
          if (!Double.isFinite(v[i])) {
            nan++;
          }
        }
        InvalidArgumentException.check(nan == 0,
            "feature column \"%s\" has %d NaN or infinite values of %d; impute or drop them before resampling",
            c.name(), nan, n);
      }
      cols[j] = v;
      dicts.add(dict);
    }
    double[][] x = new double[n][];
    return new Dataset(table, label, weightColumn, x, cols, cat, List.copyOf(names),
        java.util.Collections.unmodifiableList(dicts), y, List.copyOf(classes), weights);
  }

  private static double[] numericValues(Column c, String role) {
    int n = c.size();
    double[] v;
    if (c instanceof DoubleColumn dc) {
      v = dc.toArray();
    } else if (c instanceof LongColumn lc) {
      long[] a = lc.toArray();
      v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = a[i];
      }
    } else if (c instanceof BooleanColumn bc) {
      v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = bc.get(i) ? 1 : 0;
      }
    } else {
      throw new InvalidArgumentException(role + " \"" + c.name() + "\" is " + c.type().jsonName()
          + "; expected double, long, boolean, categorical or string");
    }
    if (role.startsWith("weight")) {
      InvalidArgumentException.check(c.missingCount() == 0,
          "%s \"%s\" has %d missing values", role, c.name(), c.missingCount());
    }
    return v;
  }
}
