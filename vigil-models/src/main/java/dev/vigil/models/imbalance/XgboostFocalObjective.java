package dev.vigil.models.imbalance;

import dev.vigil.InvalidArgumentException;
import dev.vigil.imbalance.FocalLoss;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IObjective;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Focal loss (see {@link FocalLoss}) as a custom XGBoost objective: for each row the gradient and
 * Hessian of the loss with respect to the raw margin(s), times the row's weight when the DMatrix has
 * weights (XGBoost leaves weighting to custom objectives).
 *
 * <p>Binary ({@code classes == 2}, labels 0/1, one margin per row): {@link FocalLoss#gradient} and
 * {@link FocalLoss#hessian}. With α given the loss is {@code FocalLoss.binary(γ, α)}; without α every
 * class weighs 1, computed as {@code 2 × FocalLoss.binary(γ, 0.5)} (α = 0.5 weighs both classes ½).
 * Multi-class ({@code classes > 2}, labels 0..k-1, k margins per row, row-major): {@link
 * FocalLoss#multiClassGradient} and the diagonal {@link FocalLoss#multiClassHessianDiagonal} with α = 1
 * per class. Focal Hessians can be tiny or negative for γ &gt; 0 where the model is already confident;
 * each Hessian handed to XGBoost is at least {@value #MIN_HESSIAN} so that leaf weights −G/H stay finite.
 */
public final class XgboostFocalObjective implements IObjective {
  private static final long serialVersionUID = 1L;

  /** Floor of every Hessian handed to XGBoost. */
  public static final double MIN_HESSIAN = 1e-6;

  private final double gamma;
  private final Double alpha;
  private final int classes;

  /**
   * @param gamma γ &ge; 0
   * @param alpha α in [0, 1] for binary labels, or null for 1 per class
   * @param classes number of classes, &ge; 2 (α must be null above 2)
   */
  public XgboostFocalObjective(double gamma, Double alpha, int classes) {
    InvalidArgumentException.check(gamma >= 0 && Double.isFinite(gamma), "gamma must be finite and >= 0: %s", gamma);
    InvalidArgumentException.check(classes >= 2, "focal loss needs at least 2 classes: %s", classes);
    InvalidArgumentException.check(alpha == null || classes == 2, "--focal-alpha applies to binary labels only; the label has %s classes", classes);
    InvalidArgumentException.check(alpha == null || (alpha >= 0 && alpha <= 1), "alpha must be in [0, 1]: %s", alpha);
    this.gamma = gamma;
    this.alpha = alpha;
    this.classes = classes;
  }

  @Override
  public List<float[]> getGradient(float[][] predicts, DMatrix dtrain) {
    float[] labels;
    float[] weights;
    try {
      labels = dtrain.getLabel();
      weights = dtrain.getWeight();
    } catch (XGBoostError e) {
      throw new IllegalStateException("cannot read labels and weights from the training matrix: " + e.getMessage(), e);
    }
    double[][] gh = gradients(predicts, labels, weights);
    float[] g = new float[gh[0].length];
    float[] h = new float[gh[1].length];
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) gh[0][i];
      h[i] = (float) gh[1][i];
    }
    List<float[]> out = new ArrayList<>(2);
    out.add(g);
    out.add(h);
    return out;
  }

  /**
   * The gradients and floored Hessians for margins {@code predicts} (rows x 1 for binary, rows x k
   * otherwise), {@code labels} (class index per row) and {@code weights} (empty for 1 each), row-major.
   */
  public double[][] gradients(float[][] predicts, float[] labels, float[] weights) {
    int n = predicts.length;
    int k = classes == 2 ? 1 : classes;
    double[] g = new double[n * k];
    double[] h = new double[n * k];
    FocalLoss binary = FocalLoss.binary(gamma, alpha == null ? 0.5 : alpha);
    double scale = alpha == null ? 2 : 1;
    double[] ones = new double[classes];
    java.util.Arrays.fill(ones, 1);
    for (int i = 0; i < n; i++) {
      double w = weights.length == 0 ? 1 : weights[i];
      int y = (int) labels[i];
      if (k == 1) {
        double z = predicts[i][0];
        g[i] = w * scale * binary.gradient(z, y);
        h[i] = Math.max(MIN_HESSIAN, w * scale * binary.hessian(z, y));
      } else {
        double[] z = new double[k];
        for (int j = 0; j < k; j++) {
          z[j] = predicts[i][j];
        }
        double[] gi = FocalLoss.multiClassGradient(z, y, gamma, ones);
        double[] hi = FocalLoss.multiClassHessianDiagonal(z, y, gamma, ones);
        for (int j = 0; j < k; j++) {
          g[i * k + j] = w * gi[j];
          h[i * k + j] = Math.max(MIN_HESSIAN, w * hi[j]);
        }
      }
    }
    return new double[][] {g, h};
  }
}
