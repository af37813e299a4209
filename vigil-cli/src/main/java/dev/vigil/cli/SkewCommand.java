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
import java.nio.file.Path;
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
 */
@Command(name = "skew", mixinStandardHelpOptions = true,
    description = "Compare training data (or profile) with serving data: distribution skew, presence, schema, and feature skew by join.")
final class SkewCommand implements Callable<Integer> {
  @Option(names = "--training", required = true, paramLabel = "A", description = "Training data or saved profile.")
  String training;

  @Option(names = "--serving", required = true, paramLabel = "B", description = "Serving data (e.g. a prediction log extract) or saved profile.")
  String serving;

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
}
