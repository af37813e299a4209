package dev.vigil.imbalance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the committed imbalanced-learn reference fixtures (see src/test/scripts/imbalance_fixtures.py). */
public final class Fixtures {
  private Fixtures() {}

  public static JsonNode reference() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/imbalance/imblearn_reference.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture CSV of numeric columns x0..x{d-1} and an integer label y. */
  public static Table table(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/imbalance/" + name + ".csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String[] header = r.readLine().split(",");
      List<double[]> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] p = line.split(",");
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
          v[i] = Double.parseDouble(p[i]);
        }
        rows.add(v);
      }
      List<Column> cols = new ArrayList<>();
      for (int j = 0; j < header.length; j++) {
        if (header[j].equals("y")) {
          long[] y = new long[rows.size()];
          for (int i = 0; i < y.length; i++) {
            y[i] = (long) rows.get(i)[j];
          }
          cols.add(LongColumn.of("y", y));
        } else {
          double[] x = new double[rows.size()];
          for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i)[j];
          }
          cols.add(DoubleColumn.of(header[j], x));
        }
      }
      return Table.of(cols);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static double[][] features(Table t) {
    int d = t.columnCount() - 1;
    double[][] x = new double[t.rowCount()][d];
    for (int j = 0; j < d; j++) {
      DoubleColumn c = t.doubleColumn("x" + j);
      for (int i = 0; i < t.rowCount(); i++) {
        x[i][j] = c.get(i);
      }
    }
    return x;
  }
}
