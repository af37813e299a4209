package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;
import java.util.List;

/**
 * Recalibrates the probabilities of a model trained on resampled or re-weighted data, so that they
 * are probabilities under the true class distribution again (Saerens et al. 2002 prior shift):
 * {@code p(c | x) ∝ p_train(c | x) · π_c / π'_c}, renormalised over classes, where π are the true
 * priors and π' the priors the model effectively saw.
 *
 * @param classes classes in ascending label order
 * @param trainingPriors π', positive, summing to 1
 * @param truePriors π, positive, summing to 1
 */
public record PriorCorrection(List<String> classes, double[] trainingPriors, double[] truePriors) {

  public PriorCorrection {
    InvalidArgumentException.check(classes.size() >= 2 && trainingPriors.length == classes.size()
        && truePriors.length == classes.size(), "need one training and one true prior per class (%d classes)",
        classes.size());
    trainingPriors = normalise(trainingPriors, "training prior", classes);
    truePriors = normalise(truePriors, "true prior", classes);
  }

  private static double[] normalise(double[] p, String what, List<String> classes) {
    double s = 0;
    for (int c = 0; c < p.length; c++) {
      InvalidArgumentException.check(p[c] > 0 && Double.isFinite(p[c]), "%s of class \"%s\" must be > 0: %s",
          what, classes.get(c), p[c]);
      s += p[c];
    }
    double[] out = new double[p.length];
    for (int c = 0; c < p.length; c++) {
      out[c] = p[c] / s;
    }
    return out;
  }

  /** From counts: the model was trained on {@code trainingCounts}, the population has {@code trueCounts}. */
  public static PriorCorrection ofCounts(List<String> classes, double[] trainingCounts, double[] trueCounts) {
    return new PriorCorrection(classes, trainingCounts, trueCounts);
  }

  /** For a model trained on the output of a resampler: π' from the counts after, π from the counts before. */
  public static PriorCorrection afterResampling(ResampleResult r) {
    List<String> classes = List.copyOf(r.before().keySet());
    double[] after = new double[classes.size()];
    double[] before = new double[classes.size()];
    for (int c = 0; c < classes.size(); c++) {
      after[c] = r.after().get(classes.get(c));
      before[c] = r.before().get(classes.get(c));
    }
    return new PriorCorrection(classes, after, before);
  }

  /** For a model trained with class weights: π' ∝ n_c · w_c, π ∝ n_c. */
  public static PriorCorrection afterWeighting(ClassWeights w) {
    double[] train = new double[w.classes().size()];
    double[] truth = new double[train.length];
    for (int c = 0; c < train.length; c++) {
      InvalidArgumentException.check(w.counts()[c] > 0, "class weights carry no count for class \"%s\"; "
          + "use ofCounts", w.classes().get(c));
      truth[c] = w.counts()[c];
      train[c] = w.counts()[c] * w.weights()[c];
    }
    return new PriorCorrection(w.classes(), train, truth);
  }

  /**
   * The corrected probabilities of one prediction.
   *
   * @param probabilities the model's probabilities, class order, each in [0, 1]
   * @throws InvalidArgumentException when the length differs or a value is NaN or outside [0, 1]
   */
  public double[] correct(double[] probabilities) {
    InvalidArgumentException.check(probabilities.length == classes.size(),
        "expected %d probabilities, got %d", classes.size(), probabilities.length);
    double[] out = new double[probabilities.length];
    double s = 0;
    for (int c = 0; c < out.length; c++) {
      double p = probabilities[c];
      InvalidArgumentException.check(p >= 0 && p <= 1, "probability of class \"%s\" must be in [0, 1]: %s",
          classes.get(c), p);
      out[c] = p * truePriors[c] / trainingPriors[c];
      s += out[c];
    }
    if (s == 0) {
      return truePriors.clone();
    }
    for (int c = 0; c < out.length; c++) {
      out[c] /= s;
    }
    return out;
  }

  /** For two classes: the corrected probability of the second class given the model's probability {@code p} of it. */
  public double correctBinary(double p) {
    InvalidArgumentException.check(classes.size() == 2, "correctBinary needs 2 classes, not %d", classes.size());
    return correct(new double[] {1 - p, p})[1];
  }
}
