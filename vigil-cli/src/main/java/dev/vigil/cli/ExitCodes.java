package dev.vigil.cli;

import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.StoreException;
import dev.vigil.VigilException;

/**
 * The exit codes of every {@code vigil} command, a contract for scripts and CI gates:
 * 0 success; 1 the command ran and found a problem at error severity; 2 usage error (bad options or
 * arguments); 3 unreadable or invalid input; 4 internal error.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int PROBLEM_FOUND = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;
  public static final int INTERNAL = 4;

  private ExitCodes() {}

  /** The exit code for an exception escaping a command. */
  public static int of(Throwable t) {
    if (t instanceof InvalidArgumentException) {
      return USAGE;
    }
    if (t instanceof DataFormatException || t instanceof SchemaMismatchException || t instanceof StoreException) {
      return BAD_INPUT;
    }
    if (t instanceof VigilException) {
      return BAD_INPUT;
    }
    return INTERNAL;
  }
}
