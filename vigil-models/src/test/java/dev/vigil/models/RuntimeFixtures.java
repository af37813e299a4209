package dev.vigil.models;

import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixtures of {@code src/test/python/make_runtime_fixtures.py} (xgboost 1.7.4, onnx 1.12, numpy):
 * model files and CSVs of inputs {@code f0..f19} (empty cell: missing) plus the reference output.
 */
public final class RuntimeFixtures {
  private RuntimeFixtures() {}

  public static Path file(String name) {
    try {
      return Path.of(RuntimeFixtures.class.getResource("/runtimes/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture runtimes/" + name, e);
    }
  }

  /** The 20 input columns {@code prefix0..prefix19} of {@code csv}. */
  public static Table inputs(String csv, String prefix) {
    List<String[]> rows = rows(csv);
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < 20; j++) {
      double[] v = new double[rows.size()];
      boolean[] missing = new boolean[rows.size()];
      for (int i = 0; i < v.length; i++) {
        String c = rows.get(i)[j];
        missing[i] = c.isEmpty();
        v[i] = c.isEmpty() ? 0 : Double.parseDouble(c);
      }
      cols.add(DoubleColumn.of(prefix + j, v, missing));
    }
    return Table.of(cols);
  }

  /** The reference output (last column) of {@code csv}. */
  public static double[] expected(String csv) {
    return rows(csv).stream().mapToDouble(r -> Double.parseDouble(r[r.length - 1])).toArray();
  }

  private static List<String[]> rows(String csv) {
    try {
      List<String> lines = Files.readAllLines(file(csv));
      List<String[]> out = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        out.add(l.split(",", -1));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
