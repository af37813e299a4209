package dev.vigil.models;

import dev.vigil.InvalidArgumentException;
import dev.vigil.StoreException;
import dev.vigil.data.Table;
import dev.vigil.models.imbalance.BalancedEnsembles;
import dev.vigil.models.internal.TribuoPredictor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Classifier training through Tribuo 4.3.
 *
 * <ul>
 *   <li>{@code logistic}: multinomial logistic regression, SGD with AdaGrad (learning rate 0.5,
 *       epsilon 0.1), 30 epochs, minibatch 1, shuffled by {@code seed}.</li>
 *   <li>{@code tree}: CART, maximum depth 8, Gini impurity, all features per split.</li>
 *   <li>{@code balanced-rf}, {@code balanced-bagging}, {@code easy-ensemble}, {@code rusboost}:
 *       imbalanced-learn's balanced ensembles with its defaults, see {@link BalancedEnsembles}.</li>
 * </ul>
 * Class weights become per-example weights: {@code none}; {@code balanced} (weight of class c is
 * n / (k n_c), scikit-learn's rule); or explicit {@code label=weight,...} (unlisted classes weigh 1).
 */
public final class Trainers {
  /** Model names {@link #train} accepts. */
  public static final List<String> NAMES = List.of("logistic", "tree", "balanced-rf", "balanced-bagging", "easy-ensemble",
      "rusboost");

  /** Tribuo logs every epoch at INFO through java.util.logging; keep a strong reference so the level sticks. */
  private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

  static {
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private Trainers() {}

  /**
   * Trains {@code model} on double feature columns {@code features} and {@code labels} (one per row,
   * no nulls). Missing feature values count as 0; impute them in the pipeline. {@code clock} stamps
   * the data provenance inside the Tribuo model.
   *
   * @throws InvalidArgumentException for an unknown model, rows/labels of different lengths, fewer
   *     than 2 classes, or a malformed class-weight specification
   */
  public static TrainedModel train(String model, Table features, String[] labels, String classWeights, long seed, Clock clock) {
    InvalidArgumentException.check(NAMES.contains(model), "--model must be one of %s: %s", NAMES, model);
    InvalidArgumentException.check(features.rowCount() == labels.length, "features have %s rows but labels %s",
        features.rowCount(), labels.length);
    Map<String, Integer> counts = new TreeMap<>();
    for (String l : labels) {
      InvalidArgumentException.check(l != null, "labels must not be missing");
      counts.merge(l, 1, Integer::sum);
    }
    InvalidArgumentException.check(counts.size() >= 2, "training needs at least 2 classes, the label has %s: %s",
        counts.size(), counts.keySet());
    Map<String, Double> weights = weights(classWeights, counts, labels.length);
    if (BalancedEnsembles.NAMES.contains(model)) {
      return ensemble(model, features, labels, weights, classWeights, seed, clock);
    }
    List<String> names = features.columnNames();
    String[] nameArr = names.toArray(String[]::new);
    List<double[]> cols = new ArrayList<>();
    for (String n : names) {
      cols.add(features.doubleColumn(n).toArray());
    }
    MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("vigil table",
        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), new LabelFactory()), new LabelFactory());
    for (int i = 0; i < labels.length; i++) {
      double[] v = new double[nameArr.length];
      for (int k = 0; k < v.length; k++) {
        double x = cols.get(k)[i];
        v[k] = Double.isNaN(x) ? 0 : x;
      }
      ArrayExample<Label> ex = new ArrayExample<>(new Label(labels[i]), nameArr, v);
      ex.setWeight(weights.get(labels[i]).floatValue());
      ds.add(ex);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("model", model);
    params.put("seed", Long.toString(seed));
    params.put("class_weights", classWeights);
    Trainer<Label> trainer;
    if (model.equals("logistic")) {
      trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 30, 1000, 1, seed);
      params.put("epochs", "30");
      params.put("optimiser", "adagrad(0.5, 0.1)");
    } else {
      trainer = new CARTClassificationTrainer(8, 1.0f, seed);
      params.put("max_depth", "8");
    }
    Model<Label> m = trainer.train(ds);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      m.serializeToStream(bytes);
    } catch (IOException e) {
      throw new StoreException("cannot serialise the trained model: " + e.getMessage(), e);
    }
    return new TrainedModel(new TribuoPredictor(m), bytes.toByteArray(), "tribuo", params);
  }

  private static TrainedModel ensemble(String model, Table features, String[] labels, Map<String, Double> weights,
      String classWeights, long seed, Clock clock) {
    BalancedEnsembles.Kind kind = BalancedEnsembles.Kind.parse(model);
    double[] w = new double[labels.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights.get(labels[i]);
    }
    BalancedEnsembles.Fit f = BalancedEnsembles.train(kind, features, labels, w,
        BalancedEnsembles.Options.defaults(kind).withSeed(seed), clock);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("model", model);
    params.put("seed", Long.toString(seed));
    params.put("class_weights", classWeights);
    params.putAll(f.params());
    return new TrainedModel(new TribuoPredictor(f.model()), serialise(f.model()), "tribuo", params);
  }

  private static byte[] serialise(Model<Label> m) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      m.serializeToStream(bytes);
    } catch (IOException e) {
      throw new StoreException("cannot serialise the trained model: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  static Map<String, Double> weights(String spec, Map<String, Integer> counts, int n) {
    Map<String, Double> w = new TreeMap<>();
    for (String c : counts.keySet()) {
      w.put(c, 1.0);
    }
    if (spec == null || spec.equals("none")) {
      return w;
    }
    if (spec.equals("balanced")) {
      counts.forEach((c, k) -> w.put(c, n / ((double) counts.size() * k)));
      return w;
    }
    for (String part : spec.split(",")) {
      String[] kv = part.split("=", 2);
      InvalidArgumentException.check(kv.length == 2, "--class-weights must be none, balanced or label=weight,...: %s", spec);
      InvalidArgumentException.check(counts.containsKey(kv[0]), "--class-weights names class '%s', the label has %s", kv[0], counts.keySet());
      try {
        double x = Double.parseDouble(kv[1]);
        InvalidArgumentException.check(x > 0 && Double.isFinite(x), "class weight of '%s' must be > 0: %s", kv[0], kv[1]);
        w.put(kv[0], x);
      } catch (NumberFormatException e) {
        throw new InvalidArgumentException("class weight of '" + kv[0] + "' must be a number: " + kv[1], e);
      }
    }
    return w;
  }
}
