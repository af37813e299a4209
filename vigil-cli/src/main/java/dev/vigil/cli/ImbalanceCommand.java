package dev.vigil.cli;

import dev.vigil.data.Table;
import dev.vigil.imbalance.Advisor;
import dev.vigil.models.imbalance.BalancedEnsembles;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil imbalance ...}: imbalance tools beyond resampling. */
@Command(name = "imbalance", mixinStandardHelpOptions = true, description = "Class imbalance tools.",
    subcommands = {ImbalanceCommand.Advise.class})
final class ImbalanceCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (advise)");
  }

  /**
   * {@code vigil imbalance advise DATA --label y}. JSON: {@code minority_class}, {@code folds},
   * {@code seed}, {@code recommended}, {@code methods} ({@code method}, {@code minority_recall},
   * {@code minority_pr_auc}, {@code balanced_accuracy}, {@code seconds}, {@code error}).
   */
  @Command(name = "advise", mixinStandardHelpOptions = true,
      description = "Cross-validate a fixed model with each imbalance method and recommend one.")
  static final class Advise implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA", description = "Data file or JDBC URL (with --query).")
    String data;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "The class column.")
    String label;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--methods", paramLabel = "M", split = ",",
        description = "Methods to compare (default: none, class-weights, focal-loss, random-under, random-over, smote, "
            + "tomek, enn, smote-enn, smote-tomek, adasyn, borderline-smote-1, under-then-fine-tune, scheduled-weights, "
            + "and the balanced ensembles balanced-rf, balanced-bagging, easy-ensemble, rusboost).")
    List<String> methods;

    @Mixin InputOptions input;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      Table t = input.read(data, output.err()).table();
      Map<String, Advisor.Candidate> ensembles = new LinkedHashMap<>();
      for (BalancedEnsembles.Kind k : BalancedEnsembles.Kind.values()) {
        ensembles.put(k.cliName(), BalancedEnsembles.candidate(k, Clock.systemUTC()));
      }
      List<String> all = new ArrayList<>(Advisor.DEFAULT_METHODS);
      all.addAll(BalancedEnsembles.NAMES);
      return output.emit(Advisor.advise(t, label, methods == null ? all : methods, folds, seed, ensembles).toReport());
    }
  }
}
