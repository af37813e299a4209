package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Table;
import dev.vigil.io.quality.QualityFiles;
import dev.vigil.profile.TableProfile;
import dev.vigil.validate.DataSchema;
import dev.vigil.validate.FeatureSkew;
import dev.vigil.validate.JoinSkew;
import dev.vigil.validate.QualityReports;
import dev.vigil.validate.Skew;
import dev.vigil.validate.SkewOptions;
import dev.vigil.io.log.PredictionLogs;
import dev.vigil.models.ServedVersions;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.Registry;
import dev.vigil.registry.VersionRef;
import dev.vigil.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil skew --training A --serving B}: training/serving skew; A and B are data files or
 * saved profiles. {@code --id COL} also joins the rows on COL and counts per-feature mismatches of
 * the same example (data files only). Exit 1 when a feature is skewed. JSON: see
 * {@link QualityReports#skew}.
 *
 * <p>{@code vigil skew --model NAME [--version V] [--log DIR] [--since T] [--until T] [--training A]}:
 * the serving side is the features logged by {@code vigil serve} for NAME
 * ({@link PredictionLogs#servingFeatures}: the request features only, not the log's own columns, the
 * pipeline output or the outputs), the training side the profile stored with the registered version
 * (or A when given), restricted to the version's signature inputs so that the label and the columns
 * dropped before training are not reported as missing from serving.
 */
@Command(name = "skew", mixinStandardHelpOptions = true,
    description = "Compare training data (or profile) with serving data: distribution skew, presence, schema, and feature skew by join.")
final class SkewCommand implements Callable<Integer> {
  @Option(names = "--training", paramLabel = "A",
      description = "Training data or saved profile (with --model: default, the profile stored with the version).")
  String training;

  @Option(names = "--serving", paramLabel = "B", description = "Serving data (e.g. a prediction log extract) or saved profile.")
  String serving;

  @Option(names = "--model", paramLabel = "NAME", description = "Serving side: the prediction log of this served model.")
  String model;

  @Option(names = "--version", paramLabel = "V",
      description = "With --model: the version (number or alias) whose training profile and logged rows to compare "
          + "(default: champion, else the latest version; its logged rows only when given).")
  String version;

  @Option(names = "--log", paramLabel = "DIR", description = "With --model: the prediction log folder (default: <home>/predictions).")
  Path logDir;

  @Option(names = "--since", paramLabel = "INSTANT", description = "With --model: rows logged at or after, e.g. 2026-03-01T00:00:00Z.")
  String since;

  @Option(names = "--until", paramLabel = "INSTANT", description = "With --model: rows logged before this instant.")
  String until;

  @Mixin StoreMixin store;

  @Option(names = "--data-schema", paramLabel = "FILE", description = "Data schema (schema.yaml) with environments; default: none.")
  Path schemaFile;

  @Option(names = "--training-env", defaultValue = "training", paramLabel = "ENV") String trainingEnv;
  @Option(names = "--serving-env", defaultValue = "serving", paramLabel = "ENV") String servingEnv;

  @Option(names = "--linf-threshold", defaultValue = "0.1", paramLabel = "X", description = "L-infinity threshold (default: ${DEFAULT-VALUE}).")
  double linf;

  @Option(names = "--js-threshold", defaultValue = "0.1", paramLabel = "X", description = "Jensen-Shannon threshold (default: ${DEFAULT-VALUE}).")
  double js;

  @Option(names = "--alpha", defaultValue = "0.01", paramLabel = "P", description = "False-alarm rate of the sample-size noise floor (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--id", paramLabel = "COL", description = "Join training and serving rows on COL and count feature mismatches.")
  String id;

  @Option(names = "--tolerance", defaultValue = "1e-9", paramLabel = "X", description = "Absolute tolerance of numeric mismatches (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2") int threads;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    SkewOptions o = new SkewOptions(linf, js, alpha, 10);
    DataSchema schema = schemaFile == null ? null : QualityFiles.readSchema(schemaFile);
    if (model != null) {
      return fromLog(o, schema);
    }
    InvalidArgumentException.check(version == null && logDir == null && since == null && until == null,
        "--version, --log, --since and --until go with --model");
    InvalidArgumentException.check(training != null && serving != null,
        "give --training A and --serving B, or --model NAME to compare a served model's prediction log with its training profile");
    JoinSkew join = null;
    TableProfile tp;
    TableProfile sp;
    if (id != null) {
      InvalidArgumentException.check(!QualityFiles.isProfile(Path.of(training)) && !QualityFiles.isProfile(Path.of(serving)),
          "--id needs the training and serving rows, not saved profiles");
      Table t = input.read(training, output.err()).table();
      Table s = input.read(serving, output.err()).table();
      join = Skew.joinSkew(t, s, id, tolerance, 5);
      dev.vigil.profile.Profiler pr = dev.vigil.profile.Profiler.create().threads(threads);
      tp = pr.profile(t);
      sp = pr.profile(s);
    } else {
      tp = QualityInputs.profile(input, training, threads, output.err());
      sp = QualityInputs.profile(input, serving, threads, output.err());
    }
    List<FeatureSkew> f = Skew.compare(tp, sp, schema, trainingEnv, servingEnv, o);
    return output.emit(QualityReports.skew(f, join, training, serving));
  }

  /** The served model's logged features against its version's training profile (or {@code --training}). */
  private int fromLog(SkewOptions o, DataSchema schema) {
    InvalidArgumentException.check(serving == null, "--serving and --model both name the serving side; give one");
    InvalidArgumentException.check(id == null, "--id joins training and serving rows from two data files; it does not go with --model");
    Instant from = instant("--since", since);
    Instant to = instant("--until", until);
    InvalidArgumentException.check(from == null || to == null || from.isBefore(to), "--since must be before --until: %s, %s", since, until);
    try (Store s = store.open()) {
      Registry registry = s.registry();
      registry.model(model);
      ModelVersion v = registry.version(VersionRef.parse(version == null
          ? ServedVersions.alias(registry, model, "champion").map(n -> model + "/" + n).orElse(model)
          : version.matches("[0-9]+") ? model + "/" + version : model + "@" + version));
      String ref = v.model() + "/" + v.version();
      Path dir = logDir != null ? logDir : s.options().home().resolve("predictions");
      TableProfile tp;
      String trainingName;
      if (training != null) {
        tp = QualityInputs.profile(input, training, threads, output.err());
        trainingName = training;
      } else {
        String digest = v.profileDigest().orElseThrow(() -> new InvalidArgumentException(ref
            + " has no stored training profile (trained with --tracking minimal, or registered from a file);"
            + " give the training data with --training FILE"));
        tp = storedProfile(s, digest, ref);
        trainingName = ref + " training profile";
      }
      java.util.List<String> inputs = v.signature().inputs().stream().map(dev.vigil.data.Field::name).toList();
      if (!inputs.isEmpty()) {
        tp = TableProfile.of(tp.rows(), tp.columns().stream().filter(c -> inputs.contains(c.name())).toList());
      }
      Table served = PredictionLogs.servingFeatures(dir, model, version == null ? null : Long.toString(v.version()), from, to);
      TableProfile sp = dev.vigil.profile.Profiler.create().threads(threads).profile(served);
      List<FeatureSkew> f = Skew.compare(tp, sp, schema, trainingEnv, servingEnv, o);
      String servingName = "prediction log " + dir.resolve("model=" + model) + " (" + served.rowCount() + " rows"
          + (version == null ? "" : " answered by " + ref) + (from == null ? "" : " from " + from) + (to == null ? "" : " until " + to) + ")";
      return output.emit(QualityReports.skew(f, null, trainingName, servingName));
    }
  }

  private static TableProfile storedProfile(Store s, String digest, String ref) {
    byte[] json = s.artifacts().read(digest);
    java.util.Map<String, Object> m;
    try {
      m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json,
          new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {});
    } catch (java.io.IOException e) {
      throw dev.vigil.DataFormatException.in(ref + " profile " + digest).expected("a JSON profile").detail("%s", e.getMessage()).build(e);
    }
    try {
      return TableProfile.fromMap(m, ref + " profile " + digest);
    } catch (dev.vigil.DataFormatException e) {
      throw new InvalidArgumentException(ref + "'s stored profile is a summary without column states (registered by an"
          + " earlier Vigil); give the training data with --training FILE (" + e.getMessage() + ")", e);
    }
  }

  private static Instant instant(String option, String v) {
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidArgumentException(option + " must be an ISO-8601 instant such as 2026-03-01T00:00:00Z: " + v, e);
    }
  }
}
