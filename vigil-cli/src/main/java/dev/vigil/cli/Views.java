package dev.vigil.cli;

import java.util.Locale;

/** Text formatting of numbers in the tracking and registry commands (JSON shapes: {@link dev.vigil.store.StoreJson}). */
final class Views {
  private Views() {}

  static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
