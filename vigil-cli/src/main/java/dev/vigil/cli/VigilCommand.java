package dev.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vigil} command. To add a subcommand: write a class annotated with {@code @Command}
 * that implements {@code Callable<Integer>}, mixes in {@link OutputOptions} (and {@link InputOptions}
 * when it reads data), builds a {@link dev.vigil.report.Report} and returns
 * {@code output.emit(report)}; then list it in {@code subcommands} below. Exceptions need no
 * handling: {@link #commandLine()} maps them to exit codes and one clear line on stderr.
 */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VigilCommand.Version.class,
    description = "Keeps machine-learning models healthy: data, leakage, imbalance, drift, versions, serving.",
    subcommands = {
      SchemaCommand.class,
      HeadCommand.class,
      ConvertCommand.class,
      DemoCommand.class,
      ServeCommand.class,
      TrainCommand.class,
      ExperimentsCommand.class,
      RunsCommand.class,
      ModelsCommand.class,
      PipelineCommand.class,
      StoreCommand.class,
      ServerCommand.class,
      DriftCommand.class,
      DriftStreamCommand.class,
      LabelsCommand.class,
      LogCommand.class,
      ProfileCommand.class,
      ValidateCommand.class,
      SuggestCommand.class,
      SkewCommand.class,
      HistoryCommand.class,
      CleanCommand.class,
      ResampleCommand.class,
      ClassWeightsCommand.class,
      ImbalanceCommand.class,
      LeakageCommand.class,
      SplitCommand.class,
      PitJoinCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class VigilCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** A configured command line: exit codes per {@link ExitCodes}, errors as one line on stderr. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new VigilCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((ex, line, parse) -> {
      Throwable t = ex;
      int code = ExitCodes.of(t);
      PrintWriter err = line.getErr();
      if (code == ExitCodes.INTERNAL) {
        err.println("vigil: internal error: " + t);
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(st.length, 8); i++) {
          err.println("    at " + st[i]);
        }
        err.println("Please report this with the command you ran.");
      } else {
        err.println("vigil: error: " + t.getMessage());
      }
      err.flush();
      return code;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine line = ex.getCommandLine();
      PrintWriter err = line.getErr();
      err.println("vigil: usage error: " + ex.getMessage());
      err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return ExitCodes.USAGE;
    });
    return cl;
  }

  /** Reads the version from the jar's filtered resource. */
  static final class Version implements CommandLine.IVersionProvider {
    static String version() {
      try (InputStream in = VigilCommand.class.getResourceAsStream("version.properties")) {
        Properties p = new Properties();
        if (in != null) {
          p.load(in);
        }
        return p.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }

    @Override
    public String[] getVersion() {
      return new String[] {
        "vigil " + version(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
            + System.getProperty("os.name") + " " + System.getProperty("os.arch")
      };
    }
  }
}
