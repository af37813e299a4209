package dev.vigil.models;

import dev.vigil.InvalidArgumentException;
import dev.vigil.StoreException;
import dev.vigil.data.Table;
import dev.vigil.models.imbalance.XgboostFocalObjective;
import dev.vigil.models.imbalance.BalancedEnsembles;
import dev.vigil.models.internal.TribuoPredictor;
import dev.vigil.models.internal.XgboostPredictor;
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
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
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
 *   <li>{@code xgboost}: gradient-boosted trees through Tribuo's {@code XGBoostClassificationTrainer}
 *       (xgboost4j 1.6.2): {@value #XGB_ROUNDS} rounds, eta 0.3, maximum depth 6, min child weight 1,
 *       no subsampling, L2 1, L1 0, one thread, seeded; objective {@code multi:softprob}. With
 *       {@code --loss focal} the same booster parameters are trained by xgboost4j directly with
 *       {@link XgboostFocalObjective} as a custom objective (objective {@code binary:logistic} for two
 *       classes, so that margins start at 0 and predictions are probabilities; {@code multi:softprob}
 *       above two; the positive class of a binary label is the second in sorted order). The artifact is
 *       the booster in XGBoost's JSON format (flavour {@code xgboost}, readable by any XGBoost &ge; 1.6)
 *       with attributes {@code vigil_features} and {@code vigil_classes} naming its columns and classes.</li>
 *   <li>{@code balanced-rf}, {@code balanced-bagging}, {@code easy-ensemble}, {@code rusboost}:
 *       imbalanced-learn's balanced ensembles with its defaults, see {@link BalancedEnsembles}.</li>
 * </ul>
 * Class weights become per-example weights: {@code none}; {@code balanced} (weight of class c is
 * n / (k n_c), scikit-learn's rule); or explicit {@code label=weight,...} (unlisted classes weigh 1).
 * Focal loss is only for {@code xgboost}.
 */
public final class Trainers {
  /** Model names {@link #train} accepts. */
  public static final List<String> NAMES = List.of("logistic", "tree", "xgboost", "balanced-rf", "balanced-bagging",
      "easy-ensemble", "rusboost");

  /** Boosting rounds of the {@code xgboost} model. */
  public static final int XGB_ROUNDS = 100;

  /** Tribuo logs every epoch at INFO through java.util.logging; keep a strong reference so the level sticks. */
  private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

  static {
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

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
    return train(model, features, labels, classWeights, LossSpec.logLoss(), seed, clock);
  }

  /**
   * Like {@link #train(String, Table, String[], String, long, Clock)} with a loss.
   *
   * @throws InvalidArgumentException also when {@code loss} is focal and {@code model} is not
   *     {@code xgboost}, or α is given for more than 2 classes
   */
  public static TrainedModel train(String model, Table features, String[] labels, String classWeights, LossSpec loss, long seed,
      Clock clock) {
    InvalidArgumentException.check(NAMES.contains(model), "--model must be one of %s: %s", NAMES, model);
    InvalidArgumentException.check(!loss.isFocal() || model.equals("xgboost"), "--loss focal needs --model xgboost, not %s", model);
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
    if (model.equals("xgboost")) {
      params.put("loss", loss.toString());
      params.put("rounds", Integer.toString(XGB_ROUNDS));
      params.put("eta", "0.3");
      params.put("max_depth", "6");
      if (loss.isFocal()) {
        return focalXgboost(features, labels, new ArrayList<>(counts.keySet()), weights, loss, seed, params);
      }
    }
    Trainer<Label> trainer;
    if (model.equals("logistic")) {
      trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 30, 1000, 1, seed);
      params.put("epochs", "30");
      params.put("optimiser", "adagrad(0.5, 0.1)");
    } else if (model.equals("tree")) {
      trainer = new CARTClassificationTrainer(8, 1.0f, seed);
      params.put("max_depth", "8");
    } else {
      XGBoostModel<Label> xm = new XGBoostClassificationTrainer(XGB_ROUNDS, 0.3, 0, 6, 1, 1, 1, 1, 0, 1, true, seed).train(ds);
      return fromTribuoXgboost(xm, params);
    }
    Model<Label> m = trainer.train(ds);
    return new TrainedModel(new TribuoPredictor(m), serialise(m), "tribuo", params);
  }

  /** The booster inside Tribuo's model, with Tribuo's feature and label ids written down as names. */
  private static TrainedModel fromTribuoXgboost(XGBoostModel<Label> xm, Map<String, String> params) {
    Booster b = xm.getInnerModels().get(0);
    try {
      String[] feats = new String[xm.getFeatureIDMap().size()];
      xm.getFeatureIDMap().forEach(v -> feats[xm.getFeatureIDMap().getID(v.getName())] = v.getName());
      String[] cls = new String[xm.getOutputIDInfo().size()];
      xm.getOutputIDInfo().getDomain().forEach(l -> cls[xm.getOutputIDInfo().getID(l)] = l.getLabel());
      return boosterModel(b, List.of(feats), List.of(cls), params);
    } catch (RuntimeException e) {
      b.dispose();
      throw e;
    }
  }

  private static TrainedModel focalXgboost(Table features, String[] labels, List<String> classes, Map<String, Double> weights,
      LossSpec loss, long seed, Map<String, String> params) {
    List<String> names = features.columnNames();
    Map<String, Integer> index = new TreeMap<>();
    for (int k = 0; k < classes.size(); k++) {
      index.put(classes.get(k), k);
    }
    float[] y = new float[labels.length];
    float[] w = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      y[i] = index.get(labels[i]);
      w[i] = weights.get(labels[i]).floatValue();
    }
    Double alpha = loss.alpha().isPresent() ? loss.alpha().getAsDouble() : null;
    XgboostFocalObjective objective = new XgboostFocalObjective(loss.gamma(), alpha, classes.size());
    Booster b = boost(features, names, y, w, classes.size(), seed, objective);
    try {
      return boosterModel(b, names, classes, params);
    } catch (RuntimeException e) {
      b.dispose();
      throw e;
    }
  }

  /**
   * Trains a booster with the {@code xgboost} model's parameters on the columns {@code names} of
   * {@code features} (NaN counts as 0, as in the Tribuo path), class indices {@code y} and weights
   * {@code w}; with {@code objective} null XGBoost's own {@code binary:logistic} or {@code multi:softprob}
   * is used, else that custom objective on the same base objective.
   */
  static Booster boost(Table features, List<String> names, float[] y, float[] w, int classes, long seed,
      ml.dmlc.xgboost4j.java.IObjective objective) {
    int n = y.length;
    int d = names.size();
    float[] x = new float[n * d];
    for (int j = 0; j < d; j++) {
      double[] col = features.doubleColumn(names.get(j)).toArray();
      for (int i = 0; i < n; i++) {
        x[i * d + j] = Double.isNaN(col[i]) ? 0 : (float) col[i];
      }
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("objective", classes == 2 ? "binary:logistic" : "multi:softprob");
    if (classes > 2) {
      p.put("num_class", classes);
    }
    p.put("eta", 0.3);
    p.put("gamma", 0.0);
    p.put("max_depth", 6);
    p.put("min_child_weight", 1.0);
    p.put("subsample", 1.0);
    p.put("colsample_bytree", 1.0);
    p.put("lambda", 1.0);
    p.put("alpha", 0.0);
    p.put("nthread", 1);
    p.put("verbosity", 0);
    p.put("seed", seed);
    DMatrix dm = null;
    try {
      dm = new DMatrix(x, n, d, Float.NaN);
      dm.setLabel(y);
      dm.setWeight(w);
      return XGBoost.train(dm, p, XGB_ROUNDS, Map.of(), objective, null);
    } catch (XGBoostError e) {
      throw new InvalidArgumentException("XGBoost training failed: " + e.getMessage(), e);
    } finally {
      if (dm != null) {
        dm.dispose();
      }
    }
  }

  private static TrainedModel boosterModel(Booster b, List<String> features, List<String> classes, Map<String, String> params) {
    try {
      b.setAttr(XgboostPredictor.FEATURES_ATTR, JSON.writeValueAsString(features));
      b.setAttr(XgboostPredictor.CLASSES_ATTR, JSON.writeValueAsString(classes));
      byte[] artifact = b.toByteArray("json");
      return new TrainedModel(XgboostPredictor.of(b, "trained xgboost model"), artifact, "xgboost", params);
    } catch (XGBoostError | IOException e) {
      throw new StoreException("cannot serialise the trained XGBoost model: " + e.getMessage(), e);
    }
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
