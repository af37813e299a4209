package dev.vigil.cli;

import dev.vigil.io.quality.QualityFiles;
import dev.vigil.validate.Suggestion;
import dev.vigil.validate.Suggestions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil suggest DATA --out checks.yaml}: checks a profile of DATA supports, each with its
 * {@code evidence}, as a checks file that {@code vigil validate --checks} reads as is.
 */
@Command(name = "suggest", mixinStandardHelpOptions = true,
    description = "Propose checks for DATA from its profile, with the evidence for each, as a checks file.")
final class SuggestCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA", description = "Data file, JDBC URL with --query, or a saved profile.")
  String data;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the checks file to FILE (.yaml or .json); default: YAML on stdout.")
  Path out;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Profiling threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Mixin InputOptions input;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    List<Suggestion> s = Suggestions.suggest(QualityInputs.profile(input, data, threads, err));
    Object tree = QualityFiles.suggestionsTree(s);
    if (out != null) {
      QualityFiles.writeTree(tree, out);
      err.println("wrote " + s.size() + " suggested checks to " + out);
      err.flush();
    } else {
      spec.commandLine().getOut().print(QualityFiles.toYaml(tree));
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }
}
