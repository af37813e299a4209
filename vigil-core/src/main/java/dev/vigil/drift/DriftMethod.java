package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The univariate method a feature is compared with. {@link #AUTO} picks one per feature (see {@link
 * Drift}); the others are the methods of {@code dev.vigil.stats}. A method with a p-value drifts when
 * its (corrected) p-value is below alpha; a distance drifts when it is at or above its threshold.
 */
public enum DriftMethod {
  AUTO("auto", Kind.BOTH, false, Double.NaN),
  KS("ks", Kind.NUMERIC, true, Double.NaN),
  CVM("cvm", Kind.NUMERIC, true, Double.NaN),
  AD("ad", Kind.NUMERIC, true, Double.NaN),
  MANN_WHITNEY("mannwhitney", Kind.NUMERIC, true, Double.NaN),
  T("t", Kind.NUMERIC, true, Double.NaN),
  ES("es", Kind.NUMERIC, true, Double.NaN),
  ENERGY("energy", Kind.NUMERIC, false, 0.1),
  /** Wasserstein-1 distance divided by the reference's standard deviation. */
  WASSERSTEIN("wasserstein", Kind.NUMERIC, false, 0.1),
  CHI2("chi2", Kind.BOTH, true, Double.NaN),
  GOF("gof", Kind.BOTH, true, Double.NaN),
  G("g", Kind.BOTH, true, Double.NaN),
  FISHER("fisher", Kind.BOTH, true, Double.NaN),
  ZTEST("ztest", Kind.BOTH, true, Double.NaN),
  PSI("psi", Kind.BOTH, false, 0.1),
  KL("kl", Kind.BOTH, false, 0.1),
  JS("js", Kind.BOTH, false, 0.1),
  HELLINGER("hellinger", Kind.BOTH, false, 0.1),
  TVD("tvd", Kind.BOTH, false, 0.1),
  /** L-infinity distance: the largest difference of shares over bins or categories. */
  LINF("linf", Kind.BOTH, false, 0.1),
  /** Jensen–Shannon divergence (natural log; TFDV's base-2 histogram version under {@code --compat tfdv}). */
  JSD("jsd", Kind.BOTH, false, 0.1);

  /** Which feature kinds a method accepts. */
  public enum Kind { NUMERIC, BOTH }

  private final String cliName;
  private final Kind accepts;
  private final boolean hasPValue;
  private final double defaultThreshold;

  DriftMethod(String cliName, Kind accepts, boolean hasPValue, double defaultThreshold) {
    this.cliName = cliName;
    this.accepts = accepts;
    this.hasPValue = hasPValue;
    this.defaultThreshold = defaultThreshold;
  }

  /** The name used on the command line and in JSON ({@code ks}, {@code mannwhitney}, ...). */
  public String cliName() {
    return cliName;
  }

  /** True when the method needs a numeric feature (it cannot run on categories). */
  public boolean numericOnly() {
    return accepts == Kind.NUMERIC;
  }

  /** True for tests judged by a p-value, false for distances judged by a threshold. */
  public boolean hasPValue() {
    return hasPValue;
  }

  /** The threshold a distance is judged by unless overridden (NaN for p-value tests): 0.1 for all. */
  public double defaultThreshold() {
    return defaultThreshold;
  }

  /** Parses a CLI name, case-insensitively; throws naming the accepted names. */
  public static DriftMethod parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (DriftMethod m : values()) {
      if (m.cliName.equals(n)) {
        return m;
      }
    }
    throw new InvalidArgumentException("unknown drift method \"" + name + "\": expected one of "
        + Arrays.stream(values()).map(DriftMethod::cliName).collect(Collectors.joining(", ")));
  }
}
