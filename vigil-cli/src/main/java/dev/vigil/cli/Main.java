package dev.vigil.cli;

import picocli.CommandLine;

/** Entry point of the {@code vigil} command; exits with the command's code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (see {@link ExitCodes}), without exiting. */
  public static int run(String... args) {
    return VigilCommand.commandLine().execute(args);
  }
}
