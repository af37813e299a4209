package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Table;
import dev.vigil.imbalance.ClassWeights;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil class-weights DATA --label y --scheme balanced|effective-number [--beta B]}. JSON:
 * {@code scheme}, {@code beta}, {@code classes} ({@code class}, {@code count}, {@code weight}).
 */
@Command(name = "class-weights", mixinStandardHelpOptions = true,
    description = "Class weights for a weighted loss: balanced (scikit-learn) or effective number of samples.")
final class ClassWeightsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATA", description = "Data file or JDBC URL (with --query).")
  String data;

  @Option(names = "--label", required = true, paramLabel = "COL", description = "The class column.")
  String label;

  @Option(names = "--scheme", paramLabel = "S", defaultValue = "balanced",
      description = "balanced or effective-number (default: ${DEFAULT-VALUE}).")
  String scheme;

  @Option(names = "--beta", paramLabel = "B", defaultValue = "0.999",
      description = "effective-number: beta in [0, 1) (default: ${DEFAULT-VALUE}).")
  double beta;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    String s = scheme.toLowerCase(Locale.ROOT).replace('_', '-');
    InvalidArgumentException.check(s.equals("balanced") || s.equals("effective-number"),
        "--scheme must be balanced or effective-number: %s", scheme);
    Table t = input.read(data, output.err()).table();
    ClassWeights w = s.equals("balanced") ? ClassWeights.balanced(t, label) : ClassWeights.effectiveNumber(t, label, beta);
    return output.emit(w.toReport());
  }
}
