package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import java.util.Locale;

/** Multiple-comparison correction applied to the p-values of all features of one comparison. */
public enum Correction {
  /** Each feature judged at alpha on its own (Evidently's behaviour). */
  NONE("none"),
  /** Family-wise error rate: p × m. */
  BONFERRONI("bonferroni"),
  /** False-discovery rate: Benjamini–Hochberg adjusted p-values. */
  FDR("fdr");

  private final String cliName;

  Correction(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /** Parses {@code none}, {@code bonferroni} or {@code fdr} (also {@code bh}). */
  public static Correction parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "none" -> NONE;
      case "bonferroni" -> BONFERRONI;
      case "fdr", "bh", "benjamini-hochberg" -> FDR;
      default -> throw new InvalidArgumentException(
          "unknown correction \"" + name + "\": expected one of none, bonferroni, fdr");
    };
  }
}
