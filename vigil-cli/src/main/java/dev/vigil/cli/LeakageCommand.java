package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Field;
import dev.vigil.data.Schema;
import dev.vigil.data.Table;
import dev.vigil.io.SchemaJson;
import dev.vigil.leakage.Availability;
import dev.vigil.leakage.FittedStatistic;
import dev.vigil.leakage.LeakageAudit;
import dev.vigil.leakage.LeakageOptions;
import dev.vigil.leakage.LeakageResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil leakage --train A --test B --label y ...}: the leakage audit. JSON: report kind
 * {@code leakage} with {@code findings[] {check, severity, columns, message, evidence, fix}},
 * {@code counts}, {@code checks_run}, {@code check_millis}, {@code identifier_columns},
 * {@code options}. Exits 1 on an error-severity finding, so it can gate a training pipeline.
 */
@Command(name = "leakage", mixinStandardHelpOptions = true,
    description = "Audit a train/test pair for data leakage (duplicates, target and identifier leaks, group and "
        + "temporal overlap, site confounding, label shift, new values, serving gaps, preprocessing leaks).")
final class LeakageCommand implements Callable<Integer> {
  @Option(names = "--train", required = true, paramLabel = "DATA", description = "Training data (file or JDBC URL).")
  String train;

  @Option(names = "--test", required = true, paramLabel = "DATA", description = "Test data, same columns as train.")
  String test;

  @Mixin LeakageFlags flags;
  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Table a = input.read(train, output.err()).table();
    Table b = input.read(test, output.err()).table();
    LeakageResult r = LeakageAudit.run(a, b, flags.options(input, output));
    return output.emit(r.toReport("Leakage audit of " + train + " vs " + test));
  }

  /** The audit's options, shared with {@code vigil split}. */
  static final class LeakageFlags {
    @Option(names = "--label", paramLabel = "COL", description = "The label column.")
    String label;

    @Option(names = "--time", paramLabel = "COL", description = "Event-time column: test must come after train.")
    String time;

    @Option(names = "--prediction-time", paramLabel = "COL", description = "Prediction-time column for --availability (default: --time).")
    String predictionTime;

    @Option(names = "--group", paramLabel = "COL", description = "Group column (patient, user, device) that must not span splits.")
    String group;

    @Option(names = "--nuisance", paramLabel = "COL", description = "Nuisance column (site, hospital, device, batch) for proxy-confounding.")
    String nuisance;

    @Option(names = "--id", paramLabel = "COL", split = ",", description = "Identifier columns (kept out of the features).")
    List<String> ids;

    @Option(names = "--availability", paramLabel = "FILE",
        description = "YAML 'feature: availability_time_column' or 'feature: +3d' (known 3 days after the event time).")
    Path availability;

    @Option(names = "--serving-schema", paramLabel = "FILE",
        description = "Schema at serving time: 'vigil schema' JSON, or YAML 'column: type'.")
    Path servingSchema;

    @Option(names = "--serving", paramLabel = "DATA", description = "A sample of serving data (what the model receives).")
    String serving;

    @Option(names = "--fitted", paramLabel = "COL:STAT=VALUE", split = ",",
        description = "Statistics the preprocessing fitted, e.g. age:mean=54.2,age:std=9.1 (stat: mean, std, min, max, median).")
    List<String> fitted;

    @Option(names = "--pipeline", paramLabel = "FILE",
        description = "A fitted feature pipeline's JSON (format_version 1): its fitted statistics and inputs.")
    Path pipeline;

    @Option(names = "--checks", paramLabel = "ID", split = ",", description = "Run only these checks.")
    List<String> checks;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for samples and folds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sample-rows", defaultValue = "20000",
        description = "Rows fed to the domain classifier (default: ${DEFAULT-VALUE}).")
    int sampleRows;

    LeakageOptions options(InputOptions input, OutputOptions output) {
      if (label == null) {
        throw new InvalidArgumentException("--label is required for the leakage checks");
      }
      LeakageOptions.Builder b = LeakageOptions.builder(label).time(time).predictionTime(predictionTime).group(group)
          .nuisance(nuisance).seed(seed).sampleRows(sampleRows);
      if (ids != null) {
        ids.forEach(b::id);
      }
      if (availability != null) {
        FlatYaml.read(availability).forEach((f, v) -> b.availability(f, Availability.parse(v)));
      }
      if (servingSchema != null) {
        b.servingSchema(readSchema(servingSchema));
      }
      if (serving != null) {
        b.servingSample(input.read(serving, output.err()).table());
      }
      if (fitted != null) {
        for (String s : fitted) {
          int colon = s.lastIndexOf(':');
          int eq = s.indexOf('=', colon + 1);
          InvalidArgumentException.check(colon > 0 && eq > colon, "--fitted must look like COL:STAT=VALUE: %s", s);
          double v;
          try {
            v = Double.parseDouble(s.substring(eq + 1));
          } catch (NumberFormatException e) {
            throw new InvalidArgumentException("--fitted value must be a number: " + s, e);
          }
          b.fitted(new FittedStatistic(s.substring(0, colon), FittedStatistic.Statistic.parse(s.substring(colon + 1, eq)), v));
        }
      }
      if (pipeline != null) {
        try {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(pipeline.toFile(), Map.class);
          b.pipeline(m);
        } catch (IOException e) {
          throw new dev.vigil.StoreException(pipeline + ": cannot read the pipeline JSON: " + e.getMessage(), e);
        }
      }
      if (checks != null) {
        b.checks(checks);
      }
      return b.build();
    }

    static Schema readSchema(Path p) {
      String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".json")) {
        try {
          return SchemaJson.fromJson(Files.readString(p, StandardCharsets.UTF_8), p.toString());
        } catch (IOException e) {
          throw new dev.vigil.StoreException(p + ": cannot read the schema file: " + e.getMessage(), e);
        }
      }
      List<Field> fields = new ArrayList<>();
      for (Map.Entry<String, String> e : FlatYaml.read(p).entrySet()) {
        fields.add(Field.of(e.getKey(), ColumnType.parse(e.getValue())));
      }
      return Schema.of(fields);
    }
  }
}
