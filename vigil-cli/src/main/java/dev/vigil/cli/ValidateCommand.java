package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.io.quality.DuckDbSqlEngine;
import dev.vigil.io.quality.QualityFiles;
import dev.vigil.validate.Check;
import dev.vigil.validate.DataSchema;
import dev.vigil.validate.QualityReports;
import dev.vigil.validate.ValidationResult;
import dev.vigil.validate.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil validate DATA [--schema schema.yaml] [--checks checks.yaml] [--quarantine FILE]}:
 * judges the schema's and the checks file's checks; exit 1 when a check of severity error fails.
 * JSON: see {@link QualityReports#validation}. DATA is read with its inferred types (or --types);
 * the schema's types are judged by type checks, so a bad value is a failing row, not a read error.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Validate DATA against a schema and/or a checks file; exit 1 on an error-severity failure.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA", description = "Data file or JDBC URL with --query.")
  String data;

  @Option(names = "--checks", paramLabel = "FILE", description = "A checks file (checks.yaml), as written by 'vigil suggest'.")
  Path checks;

  @Option(names = "--environment", paramLabel = "ENV", description = "Schema environment of DATA (e.g. training, serving).")
  String environment;

  @Option(names = "--quarantine", paramLabel = "FILE", description = "Write rows failing error-severity row checks to FILE (CSV, Parquet, JSONL).")
  Path quarantine;

  @Option(names = "--reference", paramLabel = "NAME=FILE", split = ",",
      description = "Reference tables for foreign_key checks, e.g. --reference customers=customers.csv.")
  Map<String, Path> references;

  @Option(names = "--examples", paramLabel = "N", defaultValue = "5", description = "Example rows per check (default: ${DEFAULT-VALUE}).")
  int examples;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Path schemaFile = input.schema;
    List<Check> all = new ArrayList<>();
    if (schemaFile != null) {
      DataSchema schema = QualityFiles.readSchema(schemaFile);
      // The data schema is judged, not imposed on the reader: a value that does not fit the schema's
      // type becomes a failing row of a type check instead of a read error.
      input.schema = null;
      all.addAll(schema.checks(environment));
    }
    if (checks != null) {
      all.addAll(QualityFiles.readChecks(checks));
    }
    InvalidArgumentException.check(!all.isEmpty(), "nothing to validate: give --schema FILE and/or --checks FILE");
    Table table = input.read(data, output.err()).table();
    Validator v = Validator.of(all).withMaxExamples(examples).withThreads(2);
    if (references != null) {
      for (Map.Entry<String, Path> e : references.entrySet()) {
        v = v.withReference(e.getKey(), Tables.read(e.getValue()));
      }
    }
    ValidationResult r;
    try (DuckDbSqlEngine sql = new DuckDbSqlEngine()) {
      r = v.withSqlEngine(sql).validate(table);
    }
    long quarantined = 0;
    if (quarantine != null) {
      int[] rows = r.errorRows().stream().toArray();
      quarantined = rows.length;
      if (rows.length > 0) {
        Tables.write(table.select(rows), quarantine);
        output.err().println("quarantined " + rows.length + " row(s) to " + quarantine);
      } else {
        output.err().println("no row failed an error-severity check; " + quarantine + " not written");
      }
      output.err().flush();
    }
    return output.emit(QualityReports.validation(r, data, quarantined));
  }
}
