package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Dynamic re-balancing during training: after each epoch or boosting round, the caller passes the
 * per-class recall measured on validation data; classes below the mean recall get more weight (or a
 * higher over-sampling rate), classes above get less.
 *
 * <p>Update: {@code w_c ← w_c · exp(η · (mean recall − recall_c))}, then clipped to
 * {@code [minWeight, maxWeight]} and rescaled so the weights average 1 (the loss scale stays put).
 * A NaN recall (a class absent from the validation data) leaves that class's weight unchanged.
 * Not thread-safe: one scheduler per training loop. {@link #history()} gives the per-class curves.
 */
public final class ClassWeightScheduler {
  private final List<String> classes;
  private final double rate;
  private final double minWeight;
  private final double maxWeight;
  private double[] weights;
  private final List<double[]> weightHistory = new ArrayList<>();
  private final List<double[]> recallHistory = new ArrayList<>();

  private ClassWeightScheduler(List<String> classes, double[] initial, double rate, double minWeight, double maxWeight) {
    this.classes = List.copyOf(classes);
    this.rate = rate;
    this.minWeight = minWeight;
    this.maxWeight = maxWeight;
    this.weights = rescale(initial.clone());
    weightHistory.add(weights.clone());
  }

  /**
   * A scheduler starting from {@code initial} weights (e.g. {@link ClassWeights#weights()}).
   *
   * @param rate η > 0 (1 is a reasonable start: a recall gap of 0.1 moves a weight by about 10 %)
   * @param minWeight lower clip, > 0
   * @param maxWeight upper clip, >= minWeight
   */
  public static ClassWeightScheduler start(List<String> classes, double[] initial, double rate, double minWeight,
      double maxWeight) {
    InvalidArgumentException.check(classes.size() >= 2 && initial.length == classes.size(),
        "need an initial weight per class (%d classes, %d weights)", classes.size(), initial.length);
    InvalidArgumentException.check(rate > 0 && Double.isFinite(rate), "rate must be finite and > 0: %s", rate);
    InvalidArgumentException.check(minWeight > 0 && maxWeight >= minWeight && Double.isFinite(maxWeight),
        "need 0 < minWeight <= maxWeight < inf: %s, %s", minWeight, maxWeight);
    for (double w : initial) {
      InvalidArgumentException.check(w > 0 && Double.isFinite(w), "initial weights must be finite and > 0: %s", w);
    }
    return new ClassWeightScheduler(classes, initial, rate, minWeight, maxWeight);
  }

  private double[] rescale(double[] w) {
    double s = 0;
    for (int c = 0; c < w.length; c++) {
      w[c] = Math.min(maxWeight, Math.max(minWeight, w[c]));
      s += w[c];
    }
    for (int c = 0; c < w.length; c++) {
      w[c] *= w.length / s;
    }
    return w;
  }

  /**
   * Records one round's validation recall per class and returns the new weights.
   *
   * @param recall per class, in [0, 1] or NaN
   */
  public double[] update(double[] recall) {
    InvalidArgumentException.check(recall.length == classes.size(), "expected %d recalls, got %d",
        classes.size(), recall.length);
    double mean = 0;
    int n = 0;
    for (int c = 0; c < recall.length; c++) {
      double r = recall[c];
      InvalidArgumentException.check(Double.isNaN(r) || (r >= 0 && r <= 1),
          "recall of class \"%s\" must be in [0, 1] or NaN: %s", classes.get(c), r);
      if (!Double.isNaN(r)) {
        mean += r;
        n++;
      }
    }
    mean = n == 0 ? 0 : mean / n;
    double[] w = weights.clone();
    for (int c = 0; c < w.length; c++) {
      if (!Double.isNaN(recall[c])) {
        w[c] *= Math.exp(rate * (mean - recall[c]));
      }
    }
    weights = rescale(w);
    weightHistory.add(weights.clone());
    recallHistory.add(recall.clone());
    return weights.clone();
  }

  /** The current weights, class order. */
  public double[] weights() {
    return weights.clone();
  }

  public List<String> classes() {
    return classes;
  }

  /** Per round: the recalls passed in and the weights after the update (round 0 = initial weights, no recall). */
  public record Round(int round, double[] recall, double[] weights) {}

  public List<Round> history() {
    List<Round> out = new ArrayList<>();
    for (int i = 0; i < weightHistory.size(); i++) {
      out.add(new Round(i, i == 0 ? null : recallHistory.get(i - 1).clone(), weightHistory.get(i).clone()));
    }
    return out;
  }
}
