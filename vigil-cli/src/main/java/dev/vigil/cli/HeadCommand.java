package dev.vigil.cli;

import dev.vigil.data.Column;
import dev.vigil.data.Table;
import dev.vigil.io.TableReader;
import dev.vigil.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil head DATA}: the first rows. JSON: {@code source}, {@code columns[] {name, type}},
 * {@code rows[]} as objects (missing values are {@code null}).
 */
@Command(name = "head", mixinStandardHelpOptions = true, description = "Print the first rows of DATA.")
final class HeadCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA", description = "CSV, TSV, Parquet or JSON Lines file, or a JDBC URL.")
  String data;

  @Option(names = {"-n", "--rows"}, defaultValue = "10", description = "Number of rows (default: ${DEFAULT-VALUE}).")
  int n;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    dev.vigil.InvalidArgumentException.check(n >= 0, "--rows must be >= 0: %d", n);
    input.chunkRows = Math.max(1, Math.min(input.chunkRows, Math.max(n, 1)));
    Table head;
    try (TableReader r = input.open(data)) {
      head = r.hasNext() ? r.next().head(n) : r.readAll();
    }
    List<String> headers = new ArrayList<>();
    List<Map<String, Object>> cols = new ArrayList<>();
    for (Column c : head.columns()) {
      headers.add(c.name());
      cols.add(Map.of("name", c.name(), "type", c.type().jsonName()));
    }
    List<List<String>> rows = new ArrayList<>();
    List<Map<String, Object>> jrows = new ArrayList<>();
    for (int i = 0; i < head.rowCount(); i++) {
      List<String> r = new ArrayList<>();
      Map<String, Object> jr = new LinkedHashMap<>();
      for (Column c : head.columns()) {
        r.add(c.isMissing(i) ? "" : c.format(i));
        Object v = c.getObject(i);
        jr.put(c.name(), v instanceof java.time.Instant ? c.format(i) : v);
      }
      rows.add(r);
      jrows.add(jr);
    }
    Report report = Report.builder("head", "First " + head.rowCount() + " rows of " + data)
        .put("source", data).put("columns", cols).put("rows", jrows)
        .table("", headers, rows).build();
    return output.emit(report);
  }
}
