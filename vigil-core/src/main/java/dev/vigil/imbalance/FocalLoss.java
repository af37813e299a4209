package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;

/**
 * Focal loss (Lin et al. 2017) on raw scores (logits), with its gradient and the diagonal of its
 * Hessian with respect to the scores, for use as a custom objective of a gradient-boosting or
 * linear trainer.
 *
 * <p>Binary: score z, p = σ(z), p_t = p for label 1 and 1 - p for label 0, α_t = α for label 1 and
 * 1 - α for label 0; loss = -α_t (1 - p_t)^γ log p_t. Multi-class: scores z_1..z_K, p = softmax(z),
 * loss = -α_y (1 - p_y)^γ log p_y with α per class. γ >= 0; γ = 0 gives α-weighted cross-entropy.
 * Probabilities are clamped to [1e-15, 1 - 1e-15] inside logarithms. Losses are in nats.
 *
 * @param gamma focusing parameter γ >= 0
 * @param alpha binary only: weight α in [0, 1] of the positive class (1 - α weighs the negative
 *     class; α = 0.5 is half of unweighted cross-entropy); the multi-class methods take α per class
 */
public record FocalLoss(double gamma, double alpha) {
  private static final double EPS = 1e-15;

  public FocalLoss {
    InvalidArgumentException.check(gamma >= 0 && Double.isFinite(gamma), "gamma must be finite and >= 0: %s", gamma);
    InvalidArgumentException.check(alpha >= 0 && alpha <= 1, "alpha must be in [0, 1]: %s", alpha);
  }

  /** Binary focal loss with γ and α. */
  public static FocalLoss binary(double gamma, double alpha) {
    return new FocalLoss(gamma, alpha);
  }

  /** The binary loss for score {@code z} and label {@code y} (0 or 1). */
  public double loss(double z, int y) {
    double p = sigmoid(z);
    double pt = y == 1 ? p : 1 - p;
    double at = y == 1 ? alpha : 1 - alpha;
    pt = clamp(pt);
    return -at * Math.pow(1 - pt, gamma) * Math.log(pt);
  }

  /** d loss / d z for the binary loss. */
  public double gradient(double z, int y) {
    // with s = +1 for y = 1, -1 for y = 0: p_t = σ(s z), d p_t / dz = s p_t (1 - p_t)
    double s = y == 1 ? 1 : -1;
    double pt = clamp(sigmoid(s * z));
    double at = y == 1 ? alpha : 1 - alpha;
    double q = 1 - pt;
    // dL/dpt = at [γ q^(γ-1) log pt - q^γ / pt]
    double dLdpt = at * (gamma == 0 ? -1 / pt : gamma * Math.pow(q, gamma - 1) * Math.log(pt) - Math.pow(q, gamma) / pt);
    return dLdpt * s * pt * q;
  }

  /** d² loss / d z² for the binary loss (may be negative for γ > 0; trainers usually floor it). */
  public double hessian(double z, int y) {
    double s = y == 1 ? 1 : -1;
    double pt = clamp(sigmoid(s * z));
    double at = y == 1 ? alpha : 1 - alpha;
    double q = 1 - pt;
    double lp = Math.log(pt);
    // g(pt) = dL/dz = s * at * h(pt), h(pt) = pt q [γ q^(γ-1) log pt - q^γ / pt] = γ pt q^γ log pt - q^(γ+1)
    // dh/dpt = γ q^γ log pt - γ² pt q^(γ-1) log pt + γ q^γ + (γ+1) q^γ ; d pt/dz = s pt q
    double qg = Math.pow(q, gamma);
    double dh = gamma * qg * lp + gamma * qg + (gamma + 1) * qg
        - (gamma == 0 ? 0 : gamma * gamma * pt * Math.pow(q, gamma - 1) * lp);
    return at * dh * pt * q; // s * s = 1
  }

  /**
   * Multi-class loss for scores {@code z} (length K) and class {@code y} with per-class α.
   *
   * @throws InvalidArgumentException when lengths differ or y is out of range
   */
  public static double multiClassLoss(double[] z, int y, double gamma, double[] alpha) {
    double[] p = softmax(z, y, alpha);
    double py = clamp(p[y]);
    return -alpha[y] * Math.pow(1 - py, gamma) * Math.log(py);
  }

  /** The gradient of {@link #multiClassLoss} with respect to each score. */
  public static double[] multiClassGradient(double[] z, int y, double gamma, double[] alpha) {
    double[] p = softmax(z, y, alpha);
    double py = clamp(p[y]);
    double q = 1 - py;
    double dLdpy = alpha[y] * (gamma == 0 ? -1 / py
        : gamma * Math.pow(q, gamma - 1) * Math.log(py) - Math.pow(q, gamma) / py);
    double[] g = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      double dpy = py * ((j == y ? 1 : 0) - p[j]);
      g[j] = dLdpy * dpy;
    }
    return g;
  }

  /** The diagonal of the Hessian of {@link #multiClassLoss} with respect to the scores. */
  public static double[] multiClassHessianDiagonal(double[] z, int y, double gamma, double[] alpha) {
    double[] p = softmax(z, y, alpha);
    double py = clamp(p[y]);
    double q = 1 - py;
    double lp = Math.log(py);
    double d1 = alpha[y] * (gamma == 0 ? -1 / py : gamma * Math.pow(q, gamma - 1) * lp - Math.pow(q, gamma) / py);
    // d²L/dpy² = α [-γ(γ-1) q^(γ-2) log py + 2γ q^(γ-1) / py + q^γ / py²]
    double d2 = alpha[y] * Math.pow(q, gamma) / (py * py);
    if (gamma != 0) {
      d2 += alpha[y] * 2 * gamma * Math.pow(q, gamma - 1) / py;
      if (gamma != 1) {
        d2 -= alpha[y] * gamma * (gamma - 1) * Math.pow(q, gamma - 2) * lp;
      }
    }
    double[] h = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      double ind = j == y ? 1 : 0;
      double dpy = py * (ind - p[j]);
      double d2py = dpy * (ind - p[j]) - py * p[j] * (1 - p[j]);
      h[j] = d2 * dpy * dpy + d1 * d2py;
    }
    return h;
  }

  private static double[] softmax(double[] z, int y, double[] alpha) {
    InvalidArgumentException.check(alpha.length == z.length, "alpha has %d entries, scores %d", alpha.length, z.length);
    InvalidArgumentException.check(y >= 0 && y < z.length, "class %d out of range [0, %d)", y, z.length);
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double[] p = new double[z.length];
    double s = 0;
    for (int j = 0; j < z.length; j++) {
      p[j] = Math.exp(z[j] - max);
      s += p[j];
    }
    for (int j = 0; j < z.length; j++) {
      p[j] /= s;
    }
    return p;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private static double clamp(double p) {
    return Math.min(1 - EPS, Math.max(EPS, p));
  }
}
