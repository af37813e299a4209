package dev.vigil.models.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.DataFormatException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Signature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * An XGBoost booster (xgboost4j 1.6) loaded from XGBoost's own model files: JSON, UBJSON or the
 * legacy binary format (told apart by content, not by file name).
 *
 * <p>Features: the booster's {@code feature_names} when it has them, else the attribute
 * {@value #FEATURES_ATTR} (a JSON array, written by Vigil's trainer), else XGBoost's default names
 * {@code f0 .. f(n-1)}. Missing values and NaN are XGBoost's missing value.
 *
 * <p>Outputs by objective: {@code binary:logistic}, {@code binary:hinge} and {@code reg:logistic}
 * give probabilities [1 - p, p] of classes {@code 0, 1}; {@code binary:logitraw} the same through
 * a sigmoid of the margin; {@code multi:softprob} k class probabilities and {@code multi:softmax} a
 * softmax of the k margins, classes {@code 0 .. k-1}; class names come from the attribute
 * {@value #CLASSES_ATTR} when set. Any other objective (regression, counts, survival, ranking) gives
 * one value named {@code prediction}, as XGBoost's {@code predict} returns it.
 *
 * <p>Predictions run with one thread per call ({@code nthread=1}); concurrent calls share the booster.
 */
public final class XgboostPredictor implements Predictor {
  /** Attribute holding the feature names (JSON array) when the model file has no feature_names. */
  public static final String FEATURES_ATTR = "vigil_features";
  /** Attribute holding the class names (JSON array, in output column order). */
  public static final String CLASSES_ATTR = "vigil_classes";
  private static final ObjectMapper JSON = new ObjectMapper();

  private enum Link { PROBABILITY, SIGMOID_OF_MARGIN, SOFTPROB, SOFTMAX_OF_MARGIN, VALUE }

  private final Booster booster;
  private final List<String> features;
  private final Link link;
  private final Signature signature;
  private final String objective;
  private final UseGuard guard;

  private XgboostPredictor(Booster booster, List<String> features, Link link, Signature signature, String objective, String source) {
    this.booster = booster;
    this.features = features;
    this.link = link;
    this.signature = signature;
    this.objective = objective;
    this.guard = new UseGuard("XGBoost model " + source);
  }

  /**
   * Loads an XGBoost model file.
   *
   * @throws DataFormatException when the file is not an XGBoost model xgboost4j 1.6 reads
   */
  public static XgboostPredictor load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw DataFormatException.in(file.toString()).expected("a readable XGBoost model file").detail("%s", e.getMessage()).build(e);
    }
    Booster b;
    try {
      b = XGBoost.loadModel(bytes);
    } catch (XGBoostError | IOException | RuntimeException e) {
      throw DataFormatException.in(file.toString()).expected("an XGBoost model file (JSON, UBJSON or legacy binary)")
          .detail("%s", firstLine(e.getMessage())).build(e);
    }
    try {
      return of(b, file.toString());
    } catch (RuntimeException e) {
      b.dispose();
      throw e;
    }
  }

  /** Wraps a booster (taking ownership: {@link #close} disposes it). */
  public static XgboostPredictor of(Booster b, String source) {
    JsonNode learner;
    Map<String, String> attrs;
    try {
      b.setParam("nthread", 1);
      learner = JSON.readTree(new String(b.toByteArray("json"), StandardCharsets.UTF_8)).path("learner");
      attrs = b.getAttrs();
    } catch (XGBoostError | IOException e) {
      throw DataFormatException.in(source).expected("an XGBoost model whose configuration can be read")
          .detail("%s", firstLine(e.getMessage())).build(e);
    }
    String objective = learner.path("objective").path("name").asText("");
    int numFeature = learner.path("learner_model_param").path("num_feature").asInt(0);
    int numClass = learner.path("learner_model_param").path("num_class").asInt(0);
    List<String> features = new ArrayList<>();
    learner.path("feature_names").forEach(n -> features.add(n.asText()));
    if (features.isEmpty() && attrs.containsKey(FEATURES_ATTR)) {
      features.addAll(jsonList(attrs.get(FEATURES_ATTR), source, FEATURES_ATTR));
    }
    if (features.isEmpty()) {
      for (int j = 0; j < numFeature; j++) {
        features.add("f" + j);
      }
    }
    if (features.size() != numFeature) {
      throw DataFormatException.in(source).column("feature_names").expected(numFeature + " names").found(features.size() + " names").build();
    }
    Link link = switch (objective) {
      case "binary:logistic", "binary:hinge", "reg:logistic" -> Link.PROBABILITY;
      case "binary:logitraw" -> Link.SIGMOID_OF_MARGIN;
      case "multi:softprob" -> Link.SOFTPROB;
      case "multi:softmax" -> Link.SOFTMAX_OF_MARGIN;
      default -> Link.VALUE;
    };
    int k = switch (link) {
      case PROBABILITY, SIGMOID_OF_MARGIN -> 2;
      case SOFTPROB, SOFTMAX_OF_MARGIN -> numClass;
      default -> 1;
    };
    List<String> outputs = new ArrayList<>();
    if (link == Link.VALUE) {
      outputs.add("prediction");
    } else if (attrs.containsKey(CLASSES_ATTR)) {
      outputs.addAll(jsonList(attrs.get(CLASSES_ATTR), source, CLASSES_ATTR));
      if (outputs.size() != k) {
        throw DataFormatException.in(source).column(CLASSES_ATTR).expected(k + " class names").found(outputs.toString()).build();
      }
    } else {
      for (int j = 0; j < k; j++) {
        outputs.add(Integer.toString(j));
      }
    }
    List<Field> inputs = features.stream().map(f -> new Field(f, ColumnType.DOUBLE, true)).toList();
    Signature sig = new Signature(inputs, link == Link.VALUE ? Signature.OutputKind.REGRESSION : Signature.OutputKind.PROBABILITIES, outputs);
    return new XgboostPredictor(b, List.copyOf(features), link, sig, objective, source);
  }

  private static List<String> jsonList(String json, String source, String attr) {
    try {
      List<String> out = new ArrayList<>();
      JsonNode a = JSON.readTree(json);
      if (!a.isArray()) {
        throw DataFormatException.in(source).column(attr).expected("a JSON array of names").found(json).build();
      }
      a.forEach(n -> out.add(n.asText()));
      return out;
    } catch (IOException e) {
      throw DataFormatException.in(source).column(attr).expected("a JSON array of names").found(json).build(e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The booster's objective name (e.g. {@code binary:logistic}). */
  public String objective() {
    return objective;
  }

  /** Feature names, in the booster's column order. */
  public List<String> featureNames() {
    return features;
  }

  @Override
  public Signature signature() {
    return signature;
  }

  @Override
  public Predictions predict(Table t) {
    int n = t.rowCount();
    int width = signature.outputNames().size();
    if (n == 0) {
      return Predictions.of(0, width, new double[0]);
    }
    float[] x = Features.floats(t, features);
    guard.acquire();
    DMatrix dm = null;
    try {
      dm = new DMatrix(x, n, features.size(), Float.NaN);
      boolean margin = link == Link.SIGMOID_OF_MARGIN || link == Link.SOFTMAX_OF_MARGIN;
      float[][] raw = booster.predict(dm, margin);
      double[] v = new double[n * width];
      for (int i = 0; i < n; i++) {
        float[] r = raw[i];
        switch (link) {
          case PROBABILITY -> {
            v[2 * i] = 1 - (double) r[0];
            v[2 * i + 1] = r[0];
          }
          case SIGMOID_OF_MARGIN -> {
            double p = 1 / (1 + Math.exp(-(double) r[0]));
            v[2 * i] = 1 - p;
            v[2 * i + 1] = p;
          }
          case SOFTMAX_OF_MARGIN -> {
            double max = Double.NEGATIVE_INFINITY;
            for (float z : r) {
              max = Math.max(max, z);
            }
            double s = 0;
            for (int j = 0; j < width; j++) {
              v[i * width + j] = Math.exp(r[j] - max);
              s += v[i * width + j];
            }
            for (int j = 0; j < width; j++) {
              v[i * width + j] /= s;
            }
          }
          default -> {
            if (r.length != width) {
              throw new IllegalStateException("XGBoost returned " + r.length + " values per row, expected " + width);
            }
            for (int j = 0; j < width; j++) {
              v[i * width + j] = r[j];
            }
          }
        }
      }
      return Predictions.of(n, width, v);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed: " + firstLine(e.getMessage()), e);
    } finally {
      if (dm != null) {
        dm.dispose();
      }
      guard.release();
    }
  }

  /** The model as XGBoost JSON (readable by any XGBoost &ge; 1.6). */
  public byte[] toJson() {
    guard.acquire();
    try {
      return booster.toByteArray("json");
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost cannot save the model: " + firstLine(e.getMessage()), e);
    } finally {
      guard.release();
    }
  }

  @Override
  public void close() {
    guard.close(booster::dispose);
  }
}
