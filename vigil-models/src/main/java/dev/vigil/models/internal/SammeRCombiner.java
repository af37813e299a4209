package dev.vigil.models.internal;

import com.google.protobuf.Any;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.ensemble.EnsembleCombiner;
import org.tribuo.protos.core.EnsembleCombinerProto;

/**
 * scikit-learn's AdaBoost SAMME.R combination of class probabilities (version 1.2,
 * {@code AdaBoostClassifier.predict_proba} with {@code algorithm="SAMME.R"}): each member's
 * probabilities p (clipped below at machine epsilon) give {@code h_k = (K-1) (ln p_k - mean_j ln p_j)};
 * the decision is the weighted mean of h over the members and the probabilities are {@code
 * softmax(decision / (K-1))}. A member's scores (negative ones taken as 0) are first normalised to sum 1. Public only so that Tribuo's protobuf reader can find {@link
 * #deserializeFromProto}.
 */
public final class SammeRCombiner implements EnsembleCombiner<Label> {
  private static final long serialVersionUID = 1L;
  private static final double EPS = Math.ulp(1.0);

  /** A combiner (it has no parameters). */
  public SammeRCombiner() {}

  /** Tribuo's protobuf hook. */
  public static SammeRCombiner deserializeFromProto(int version, String className, Any message) {
    if (version != 0) {
      throw new IllegalArgumentException("unknown SammeRCombiner version " + version + ", expected 0");
    }
    return new SammeRCombiner();
  }

  @Override
  public EnsembleCombinerProto serialize() {
    return EnsembleCombinerProto.newBuilder().setClassName(getClass().getName()).setVersion(0).build();
  }

  @Override
  public Prediction<Label> combine(ImmutableOutputInfo<Label> info, List<Prediction<Label>> predictions) {
    float[] w = new float[predictions.size()];
    java.util.Arrays.fill(w, 1f);
    return combine(info, predictions, w);
  }

  @Override
  public Prediction<Label> combine(ImmutableOutputInfo<Label> info, List<Prediction<Label>> predictions, float[] weights) {
    if (predictions.size() != weights.length) {
      throw new IllegalArgumentException("predictions and weights differ in length: " + predictions.size() + " vs "
          + weights.length);
    }
    int k = info.size();
    String[] names = new String[k];
    for (int i = 0; i < k; i++) {
      names[i] = info.getOutput(i).getLabel();
    }
    double[] decision = new double[k];
    double wsum = 0;
    int used = 0;
    double[] lp = new double[k];
    for (int m = 0; m < weights.length; m++) {
      Prediction<Label> p = predictions.get(m);
      used = Math.max(used, p.getNumActiveFeatures());
      Map<String, Label> s = p.getOutputScores();
      double total = 0;
      for (int i = 0; i < k; i++) {
        Label l = s.get(names[i]);
        lp[i] = l == null ? 0 : Math.max(0, l.getScore());
        total += lp[i];
      }
      double mean = 0;
      for (int i = 0; i < k; i++) {
        lp[i] = Math.log(Math.max(EPS, lp[i] / total));
        mean += lp[i] / k;
      }
      for (int i = 0; i < k; i++) {
        decision[i] += weights[m] * (k - 1) * (lp[i] - mean);
      }
      wsum += weights[m];
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      decision[i] = decision[i] / wsum / (k - 1);
      max = Math.max(max, decision[i]);
    }
    double z = 0;
    for (int i = 0; i < k; i++) {
      decision[i] = Math.exp(decision[i] - max);
      z += decision[i];
    }
    Map<String, Label> scores = new LinkedHashMap<>();
    Label best = null;
    for (int i = 0; i < k; i++) {
      Label l = new Label(names[i], decision[i] / z);
      scores.put(names[i], l);
      if (best == null || l.getScore() > best.getScore()) {
        best = l;
      }
    }
    return new Prediction<>(best, scores, used, predictions.get(0).getExample(), true);
  }

  @Override
  public Class<Label> getTypeWitness() {
    return Label.class;
  }

  @Override
  public ConfiguredObjectProvenance getProvenance() {
    return new ConfiguredObjectProvenanceImpl(this, "EnsembleCombiner");
  }

  @Override
  public String toString() {
    return "SammeRCombiner()";
  }
}
