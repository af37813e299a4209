package dev.vigil.models.internal;

import dev.vigil.DataFormatException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Table;
import dev.vigil.models.Predictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/** A Tribuo classification model behind {@link Predictor}. */
public final class TribuoPredictor implements Predictor {
  private final Model<Label> model;
  private final List<String> features;
  private final List<String> classes;

  public TribuoPredictor(Model<Label> model) {
    this.model = model;
    List<String> f = new ArrayList<>();
    model.getFeatureIDMap().forEach(v -> f.add(v.getName()));
    this.features = List.copyOf(f);
    List<String> c = new ArrayList<>();
    model.getOutputIDInfo().getDomain().forEach(l -> c.add(l.getLabel()));
    c.sort(null);
    this.classes = List.copyOf(c);
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

  @Override
  public String flavour() {
    return "tribuo";
  }

  @Override
  public List<String> featureNames() {
    return features;
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  @Override
  public Table predict(Table t) {
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
    String[] label = new String[n];
    double[][] p = new double[classes.size()][n];
    for (int i = 0; i < n; i++) {
      Prediction<Label> pr = preds.get(i);
      label[i] = pr.getOutput().getLabel();
      Map<String, Label> scores = pr.getOutputScores();
      for (int k = 0; k < classes.size(); k++) {
        Label s = scores.get(classes.get(k));
        p[k][i] = s == null ? 0 : s.getScore();
      }
    }
    List<Column> out = new ArrayList<>();
    out.add(CategoricalColumn.of("label", label));
    for (int k = 0; k < classes.size(); k++) {
      out.add(DoubleColumn.wrap("p_" + classes.get(k), p[k]));
    }
    return Table.of(out);
  }
}
