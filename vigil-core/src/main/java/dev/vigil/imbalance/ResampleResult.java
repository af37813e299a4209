package dev.vigil.imbalance;

import dev.vigil.data.Table;
import dev.vigil.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A resampled table and what happened to each class.
 *
 * @param table the output: kept or copied input rows first (in the method's order, see {@link
 *     #sourceRows}), then synthetic rows; same columns as the input, except that numeric features
 *     stored as long or boolean become double when synthetic rows exist
 * @param sourceRows per output row, the input row it copies, or -1 for a synthetic row
 * @param before samples per class in the input (classes in ascending label order)
 * @param requested per class, the count the sampling strategy asks for after resampling; for
 *     cleaning methods, whose count is decided by the rule, the input count of classes not cleaned
 *     and -1 for cleaned classes
 * @param after samples per class in the output
 * @param provenance method, parameters and seed
 */
public record ResampleResult(Table table, int[] sourceRows, Map<String, Long> before,
    Map<String, Long> requested, Map<String, Long> after, ResampleProvenance provenance) {

  public ResampleResult {
    before = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(before));
    requested = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requested));
    after = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
  }

  /** The number of synthetic rows. */
  public int syntheticRows() {
    int s = 0;
    for (int r : sourceRows) {
      if (r < 0) {
        s++;
      }
    }
    return s;
  }

  /**
   * A report: data keys {@code method}, {@code parameters}, {@code seed}, {@code rows_before},
   * {@code rows_after}, {@code synthetic_rows} and {@code classes} (a list of {@code class},
   * {@code before}, {@code requested} (null for a cleaned class), {@code after}).
   */
  public Report toReport() {
    Report.Builder b = Report.builder("resample", "Resampling with " + provenance.method().cliName());
    b.put("method", provenance.method().cliName());
    b.put("parameters", provenance.parameters());
    b.put("seed", provenance.seed());
    b.put("rows_before", sourceRowsCount(before));
    b.put("rows_after", table.rowCount());
    b.put("synthetic_rows", syntheticRows());
    List<Map<String, Object>> cls = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : before.entrySet()) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      long req = requested.getOrDefault(e.getKey(), e.getValue());
      m.put("class", e.getKey());
      m.put("before", e.getValue());
      m.put("requested", req < 0 ? null : req);
      m.put("after", after.getOrDefault(e.getKey(), 0L));
      cls.add(m);
      rows.add(List.of(e.getKey(), Long.toString(e.getValue()), req < 0 ? "(cleaned)" : Long.toString(req),
          Long.toString(after.getOrDefault(e.getKey(), 0L))));
    }
    b.put("classes", cls);
    b.keyValues("method", provenance.method().cliName(), "seed", Long.toString(provenance.seed()),
        "rows before", Long.toString(sourceRowsCount(before)), "rows after",
        Integer.toString(table.rowCount()), "synthetic rows", Integer.toString(syntheticRows()));
    b.table("Samples per class", List.of("class", "before", "requested", "after"), rows);
    StringBuilder params = new StringBuilder();
    provenance.parameters().forEach((k, v) -> params.append(params.length() == 0 ? "" : ", ")
        .append(k).append('=').append(v));
    b.paragraph("Parameters: " + params);
    return b.build();
  }

  private static long sourceRowsCount(Map<String, Long> m) {
    long s = 0;
    for (long v : m.values()) {
      s += v;
    }
    return s;
  }
}
