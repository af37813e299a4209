package dev.vigil.models.imbalance;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.vigil.InvalidArgumentException;
import dev.vigil.imbalance.FocalLoss;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.util.NoopNormalizer;
import org.tribuo.math.util.VectorNormalizer;

/**
 * Multi-class focal loss (see {@link FocalLoss}) as an objective for Tribuo's {@code
 * LinearSGDTrainer}. Tribuo maximises its objective: the value returned is {@code -loss} and the
 * vector is {@code -d loss / d scores}. α is per output index (Tribuo's label id order); null α means
 * 1 for every class. γ = 0 with α = 1 is Tribuo's {@code LogMulticlass}.
 */
public final class FocalLossObjective implements LabelObjective {
  @Config(description = "Focusing parameter gamma >= 0.")
  private double gamma = 2.0;

  @Config(description = "Weight per class (label id order); empty for 1 each.")
  private double[] alpha = new double[0];

  /** For OLCUT configuration. */
  private FocalLossObjective() {}

  /**
   * @param gamma γ >= 0
   * @param alpha weight per class in Tribuo's label id order, each > 0; null for 1 each
   */
  public FocalLossObjective(double gamma, double[] alpha) {
    InvalidArgumentException.check(gamma >= 0 && Double.isFinite(gamma), "gamma must be finite and >= 0: %s", gamma);
    if (alpha != null) {
      for (double a : alpha) {
        InvalidArgumentException.check(a > 0 && Double.isFinite(a), "alpha must be finite and > 0: %s", a);
      }
    }
    this.gamma = gamma;
    this.alpha = alpha == null ? new double[0] : alpha.clone();
  }

  @Override
  public Pair<Double, SGDVector> valueAndGradient(int truth, SGDVector prediction) {
    int k = prediction.size();
    double[] z = new double[k];
    for (int c = 0; c < k; c++) {
      z[c] = prediction.get(c);
    }
    double[] a = new double[k];
    for (int c = 0; c < k; c++) {
      a[c] = alpha.length == 0 ? 1 : alpha[c];
    }
    InvalidArgumentException.check(alpha.length == 0 || alpha.length == k,
        "focal loss has %d class weights but the model has %d outputs", alpha.length, k);
    double loss = FocalLoss.multiClassLoss(z, truth, gamma, a);
    double[] g = FocalLoss.multiClassGradient(z, truth, gamma, a);
    for (int c = 0; c < k; c++) {
      g[c] = -g[c];
    }
    return new Pair<>(-loss, DenseVector.createDenseVector(g));
  }

  @Override
  public VectorNormalizer getNormalizer() {
    return new NoopNormalizer();
  }

  @Override
  public boolean isProbabilistic() {
    return false;
  }

  @Override
  public ConfiguredObjectProvenance getProvenance() {
    return new ConfiguredObjectProvenanceImpl(this, "LabelObjective");
  }

  @Override
  public String toString() {
    return "FocalLossObjective(gamma=" + gamma + ",alpha=" + java.util.Arrays.toString(alpha) + ")";
  }
}
