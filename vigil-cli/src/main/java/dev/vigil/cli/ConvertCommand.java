package dev.vigil.cli;

import dev.vigil.io.DataFormat;
import dev.vigil.io.ReadSummary;
import dev.vigil.io.TableReader;
import dev.vigil.io.Tables;
import dev.vigil.report.Report;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil convert IN OUT}: any readable source to CSV, TSV, Parquet or JSON Lines, in chunks,
 * written atomically. JSON: {@code source}, {@code target}, {@code target_format}, {@code rows},
 * {@code rows_skipped}, {@code nan}.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert IN (file or JDBC URL with --query) to OUT (.csv, .tsv, .parquet, .jsonl).")
final class ConvertCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IN", description = "Source file or JDBC URL.")
  String in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Target file; its extension gives the format unless --output-format.")
  Path target;

  @Option(names = "--output-format", paramLabel = "FORMAT", description = "csv, tsv, parquet or jsonl.")
  String outputFormat;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    DataFormat format = outputFormat != null ? DataFormat.parse(outputFormat) : DataFormat.of(target);
    long rows;
    ReadSummary summary;
    try (TableReader r = input.open(in); Progress p = Progress.start(output.err(), "converting " + in)) {
      Iterator<dev.vigil.data.Table> counted = new Iterator<>() {
        private boolean first = true;

        @Override
        public boolean hasNext() {
          return first || r.hasNext();
        }

        @Override
        public dev.vigil.data.Table next() {
          if (first) {
            first = false;
            if (!r.hasNext()) {
              return r.readAll();
            }
          }
          dev.vigil.data.Table t = r.next();
          p.advance(t.rowCount());
          return t;
        }
      };
      rows = Tables.write(counted, target, format);
      summary = r.summary();
    }
    InputOptions.reportSummary(summary, output.err());
    Report report = Report.builder("convert", "Converted " + in + " to " + target)
        .put("source", in).put("target", target.toString()).put("target_format", format.jsonName())
        .put("rows", rows).put("rows_skipped", summary.rowsSkipped()).put("nan", summary.nanCounts())
        .keyValues("source", in, "target", target.toString(), "format", format.jsonName(),
            "rows written", String.valueOf(rows), "bad rows skipped", String.valueOf(summary.rowsSkipped()))
        .build();
    return output.emit(report);
  }
}
