package dev.vigil.cli;

import dev.vigil.data.Column;
import dev.vigil.data.Field;
import dev.vigil.data.Schema;
import dev.vigil.data.Table;
import dev.vigil.io.ReadSummary;
import dev.vigil.io.SchemaJson;
import dev.vigil.io.TableReader;
import dev.vigil.report.Report;
import dev.vigil.report.render.ReportFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil schema DATA}: the inferred schema. JSON (the default) is a schema file that
 * {@code --schema} accepts: {@code format_version}, {@code fields[] {name, type, nullable}}, plus
 * {@code source}, {@code rows}, {@code missing} (per column), {@code nan} (per column with NaN),
 * {@code rows_skipped}.
 */
@Command(name = "schema", mixinStandardHelpOptions = true, subcommands = SchemaInferCommand.class,
    description = "Infer the schema of DATA (a file or a JDBC URL with --query) and print it as JSON.")
final class SchemaCommand implements Callable<Integer> {
  // arity 0..1 so that 'vigil schema infer DATA' reaches the subcommand; DATA is checked in call()
  @Parameters(index = "0", arity = "0..1", paramLabel = "DATA", description = "CSV, TSV, Parquet or JSON Lines file, or a JDBC URL.")
  String data;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    if (data == null) {
      throw new picocli.CommandLine.ParameterException(output.spec.commandLine(), "Missing required parameter: 'DATA'");
    }
    long rows = 0;
    Map<String, Long> missing = new LinkedHashMap<>();
    Schema declared;
    ReadSummary summary;
    try (TableReader r = input.open(data); Progress p = Progress.start(output.err(), "reading " + data)) {
      declared = r.schema();
      for (Field f : declared.fields()) {
        missing.put(f.name(), 0L);
      }
      while (r.hasNext()) {
        Table t = r.next();
        rows += t.rowCount();
        p.advance(t.rowCount());
        for (Column c : t.columns()) {
          missing.merge(c.name(), (long) c.missingCount(), Long::sum);
        }
      }
      summary = r.summary();
    }
    InputOptions.reportSummary(summary, output.err());
    List<Field> fields = new ArrayList<>();
    for (Field f : declared.fields()) {
      fields.add(new Field(f.name(), f.type(), missing.get(f.name()) > 0));
    }
    Schema schema = Schema.of(fields);
    Report.Builder b = Report.builder("schema", "Schema of " + data)
        .put("format_version", SchemaJson.FORMAT_VERSION)
        .put("source", data)
        .put("rows", rows);
    List<Map<String, Object>> jf = new ArrayList<>();
    List<List<String>> rowsOut = new ArrayList<>();
    for (Field f : schema.fields()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("type", f.type().jsonName());
      m.put("nullable", f.nullable());
      jf.add(m);
      rowsOut.add(List.of(f.name(), f.type().jsonName(), f.nullable() ? "yes" : "no",
          String.valueOf(missing.get(f.name())), String.valueOf(summary.nanCounts().getOrDefault(f.name(), 0L))));
    }
    b.put("fields", jf).put("missing", missing).put("nan", summary.nanCounts())
        .put("rows_skipped", summary.rowsSkipped());
    b.keyValues("source", data, "rows", String.valueOf(rows), "columns", String.valueOf(fields.size()),
        "bad rows skipped", String.valueOf(summary.rowsSkipped()));
    b.table("Columns", List.of("column", "type", "nullable", "missing", "NaN"), rowsOut);
    return output.emit(b.build(), ReportFormat.JSON);
  }
}
