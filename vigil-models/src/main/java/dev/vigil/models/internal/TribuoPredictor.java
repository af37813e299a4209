package dev.vigil.models.internal;

import dev.vigil.DataFormatException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Signature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * A Tribuo classification model behind {@link Predictor}: inputs are its feature names (double; a
 * missing feature column or value counts as 0, as in Tribuo's sparse examples), outputs the class
 * probabilities with the classes sorted. Tribuo models are immutable and safe for concurrent
 * prediction.
 */
public final class TribuoPredictor implements Predictor {
  private final Model<Label> model;
  private final List<String> features;
  private final List<String> classes;
  private final Signature signature;

  public TribuoPredictor(Model<Label> model) {
    this.model = model;
    List<String> f = new ArrayList<>();
    model.getFeatureIDMap().forEach(v -> f.add(v.getName()));
    this.features = List.copyOf(f);
    List<String> c = new ArrayList<>();
    model.getOutputIDInfo().getDomain().forEach(l -> c.add(l.getLabel()));
    c.sort(null);
    this.classes = List.copyOf(c);
    this.signature = new Signature(features.stream().map(n -> new Field(n, ColumnType.DOUBLE, false)).toList(),
        Signature.OutputKind.PROBABILITIES, classes);
  }

  @SuppressWarnings("unchecked")
  public static TribuoPredictor load(Path file) {
    Model<?> m;
    try {
      m = Model.deserializeFromFile(file);
    } catch (IOException | RuntimeException e) {
      throw DataFormatException.in(file.toString()).expected("a Tribuo 4.3 protobuf model file")
          .detail("%s", e.getMessage()).build(e);
    }
    if (!(m.getOutputIDInfo().getDomain().iterator().next() instanceof Label)) {
      throw DataFormatException.in(file.toString()).expected("a Tribuo classification model").build();
    }
    return new TribuoPredictor((Model<Label>) m);
  }

  /** Writes the model as a Tribuo protobuf file. */
  public void save(Path file) throws IOException {
    model.serializeToFile(file);
  }

  /** The Tribuo model. */
  public Model<Label> model() {
    return model;
  }

  @Override
  public Signature signature() {
    return signature;
  }

  @Override
  public Predictions predict(Table t) {
    int n = t.rowCount();
    List<String> names = new ArrayList<>();
    List<double[]> cols = new ArrayList<>();
    for (String f : features) {
      if (t.hasColumn(f)) {
        names.add(f);
        cols.add(t.doubleColumn(f).toArray());
      }
    }
    String[] nameArr = names.toArray(String[]::new);
    List<ArrayExample<Label>> examples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] v = new double[nameArr.length];
      for (int k = 0; k < v.length; k++) {
        v[k] = cols.get(k)[i];
      }
      examples.add(new ArrayExample<>(new Label(classes.get(0)), nameArr, v));
    }
    List<Prediction<Label>> preds = n == 0 ? List.of() : model.predict(new ArrayList<>(examples));
    int k = classes.size();
    double[] p = new double[n * k];
    for (int i = 0; i < n; i++) {
      Map<String, Label> scores = preds.get(i).getOutputScores();
      for (int j = 0; j < k; j++) {
        Label s = scores.get(classes.get(j));
        p[i * k + j] = s == null ? 0 : s.getScore();
      }
    }
    return Predictions.of(n, k, p);
  }
}
