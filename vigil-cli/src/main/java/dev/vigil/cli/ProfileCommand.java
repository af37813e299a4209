package dev.vigil.cli;

import dev.vigil.io.quality.QualityFiles;
import dev.vigil.profile.TableProfile;
import dev.vigil.validate.QualityReports;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil profile DATA}: per-column profile. JSON: {@code source}, {@code rows}, {@code columns[]}
 * ({@code name, type, count, missing, completeness, distinct, mean, std, min, max, quantiles, top,
 * histogram}, and {@code length}, {@code patterns} for text). {@code --save FILE} keeps the mergeable
 * state ({@code .vgp} binary or {@code .profile.json}) for skew and history.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
    description = "Profile DATA: counts, missing, distinct, moments, quantiles, top values, histograms, text patterns.")
final class ProfileCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA", description = "CSV, TSV, Parquet or JSON Lines file, a JDBC URL with --query, or a saved profile.")
  String data;

  @Option(names = "--save", paramLabel = "FILE", description = "Also save the profile state to FILE (.vgp binary, or .profile.json).")
  Path save;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Threads for the columns of each chunk (default: ${DEFAULT-VALUE}).")
  int threads;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    TableProfile p = QualityInputs.profile(input, data, threads, output.err());
    if (save != null) {
      QualityFiles.writeProfile(p, save);
      output.err().println("saved profile to " + save);
      output.err().flush();
    }
    return output.emit(QualityReports.profile(p, data));
  }
}
