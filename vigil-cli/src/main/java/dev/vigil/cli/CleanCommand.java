package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.report.Report;
import dev.vigil.validate.Cleaning;
import java.nio.file.Path;
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
 * {@code vigil clean DATA --to FILE [--normalize] [--lower] [--cast COL=TYPE] [--dedupe] [--key COLS]}:
 * applies the cleaning steps in that order and reports what each one changed, removed or could not
 * cast. JSON: {@code source}, {@code target}, {@code rows_in}, {@code rows_out}, {@code steps[]
 * {step, affected, examples}}.
 */
@Command(name = "clean", mixinStandardHelpOptions = true,
    description = "Normalise strings, cast text columns, deduplicate; report everything changed or removed.")
final class CleanCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA") String data;

  @Option(names = "--to", required = true, paramLabel = "FILE", description = "Where to write the cleaned data (CSV, Parquet, JSONL).")
  Path to;

  @Option(names = "--normalize", description = "NFKC, trim and collapse whitespace in text columns.") boolean normalize;
  @Option(names = "--lower", description = "With --normalize: also lower-case.") boolean lower;

  @Option(names = "--cast", paramLabel = "COL=TYPE", split = ",", description = "Cast text columns, e.g. --cast age=long,when=timestamp.")
  Map<String, String> casts;

  @Option(names = "--dedupe", description = "Drop rows equal to an earlier row (on --key columns when given).") boolean dedupe;

  @Option(names = "--key", paramLabel = "COL", split = ",", description = "Key columns of --dedupe.") List<String> key;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    InvalidArgumentException.check(normalize || dedupe || casts != null, "nothing to do: give --normalize, --cast or --dedupe");
    Table t = input.read(data, output.err()).table();
    long rowsIn = t.rowCount();
    List<Object> steps = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    if (normalize) {
      t = step("normalize", Cleaning.normalizeStrings(t, lower), steps, rows);
    }
    if (casts != null) {
      for (Map.Entry<String, String> e : casts.entrySet()) {
        t = step("cast " + e.getKey() + " to " + e.getValue(), Cleaning.cast(t, e.getKey(), ColumnType.parse(e.getValue())), steps, rows);
      }
    }
    if (dedupe) {
      t = step("dedupe" + (key == null ? "" : " on " + key), Cleaning.dedupe(t, key == null ? new String[0] : key.toArray(new String[0])), steps, rows);
    }
    Tables.write(t, to);
    Report.Builder b = Report.builder("clean", "Cleaning of " + data).put("source", data).put("target", to.toString())
        .put("rows_in", rowsIn).put("rows_out", (long) t.rowCount()).put("steps", steps);
    b.keyValues("source", data, "target", to.toString(), "rows in", Long.toString(rowsIn), "rows out", Integer.toString(t.rowCount()));
    b.table("Steps", List.of("step", "affected", "examples"), rows);
    return output.emit(b.build());
  }

  private static Table step(String name, Cleaning.Result r, List<Object> steps, List<List<String>> rows) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", name);
    m.put("affected", r.affected());
    m.put("examples", r.examples());
    steps.add(m);
    rows.add(List.of(name, Long.toString(r.affected()), r.examples().toString()));
    return r.table();
  }
}
