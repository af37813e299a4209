package dev.vigil.models.internal;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import dev.vigil.DataFormatException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Field;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Signature;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX model run by ONNX Runtime (one session, one intra-op thread: a session is safe for
 * concurrent {@code run} calls, and small models gain more from many callers than from threads
 * inside one call).
 *
 * <p>Inputs: each graph input is a tensor of float, double, int64, int32 or string. One of shape
 * [N] or [N, 1] is one feature named as the input; one of shape [N, k] is k features named by the
 * model metadata property {@code vigil.features} (comma-separated, when the model has a single input)
 * or else {@code <input>_0 .. <input>_(k-1)}. Float and double features of a graph holding a tree
 * ensemble ({@code TreeEnsembleClassifier}/{@code TreeEnsembleRegressor}) accept missing values (sent
 * as NaN, which the ensemble treats as missing); other features are not nullable in the signature, so
 * that a request missing one is refused naming the field instead of answering NaN.
 *
 * <p>Outputs, first match wins: a seq(map) output (scikit-learn/onnxmltools classifiers with
 * ZipMap) or a float/double tensor [N, k] (k &ge; 2) whose name contains {@code prob} gives class
 * probabilities, classes named by the {@code classlabels_*} attribute of the classifier node in the
 * graph (else 0..k-1); otherwise the first float/double tensor output gives regression values
 * ([N] or [N, 1]: one output named as the tensor; [N, k]: {@code <name>_0 ..}).
 */
public final class OnnxPredictor implements Predictor {
  private record Input(String name, OnnxJavaType type, int rank, List<String> features) {}

  private final OrtSession session;
  private final List<Input> inputs;
  private final List<String> featureNames;
  private final String output;
  private final boolean mapOutput;
  private final Map<String, Integer> classIndex;
  private final Signature signature;
  private final UseGuard guard;

  private OnnxPredictor(OrtSession session, List<Input> inputs, String output, boolean mapOutput, Signature signature,
      String source) {
    this.session = session;
    this.inputs = inputs;
    List<String> f = new ArrayList<>();
    inputs.forEach(in -> f.addAll(in.features()));
    this.featureNames = List.copyOf(f);
    this.output = output;
    this.mapOutput = mapOutput;
    this.signature = signature;
    Map<String, Integer> idx = new HashMap<>();
    for (int k = 0; k < signature.outputNames().size(); k++) {
      idx.put(signature.outputNames().get(k), k);
    }
    this.classIndex = idx;
    this.guard = new UseGuard("ONNX model " + source);
  }

  /**
   * Opens {@code file} in ONNX Runtime.
   *
   * @throws DataFormatException when the file is not an ONNX model ONNX Runtime can run, or its
   *     inputs or outputs are not of a kind described above
   */
  public static OnnxPredictor load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw DataFormatException.in(file.toString()).expected("a readable ONNX model file").detail("%s", e.getMessage()).build(e);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session;
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      opts.setIntraOpNumThreads(1);
      opts.setInterOpNumThreads(1);
      session = env.createSession(bytes, opts);
    } catch (OrtException | RuntimeException e) {
      throw DataFormatException.in(file.toString()).expected("an ONNX model that ONNX Runtime can load")
          .detail("%s", e.getMessage()).build(e);
    }
    try {
      return describe(session, bytes, file.toString());
    } catch (RuntimeException | OrtException e) {
      try {
        session.close();
      } catch (OrtException ignored) {
        // the original problem matters more
      }
      if (e instanceof DataFormatException d) {
        throw d;
      }
      throw DataFormatException.in(file.toString()).expected("an ONNX model with readable inputs and outputs")
          .detail("%s", e.getMessage()).build(e);
    }
  }

  private static OnnxPredictor describe(OrtSession session, byte[] bytes, String source) throws OrtException {
    Map<String, NodeInfo> ins = session.getInputInfo();
    OnnxMl.GraphProto graph = graph(bytes);
    boolean missingAllowed = graph.getNodeList().stream().anyMatch(nd -> nd.getOpType().startsWith("TreeEnsemble"));
    String declared = session.getMetadata().getCustomMetadata().get("vigil.features");
    List<Input> inputs = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    for (NodeInfo n : ins.values()) {
      if (!(n.getInfo() instanceof TensorInfo t)) {
        throw bad(source, "input " + n.getName(), "a tensor", n.getInfo().toString());
      }
      OnnxJavaType type = t.type;
      if (!List.of(OnnxJavaType.FLOAT, OnnxJavaType.DOUBLE, OnnxJavaType.INT64, OnnxJavaType.INT32, OnnxJavaType.STRING).contains(type)) {
        throw bad(source, "input " + n.getName(), "a float, double, int64, int32 or string tensor", type.toString());
      }
      long[] shape = t.getShape();
      List<String> names = new ArrayList<>();
      if (shape.length == 1 || (shape.length == 2 && shape[1] == 1)) {
        names.add(n.getName());
      } else if (shape.length == 2) {
        if (declared != null && ins.size() == 1) {
          for (String s : declared.split(",")) {
            names.add(s.strip());
          }
          if (shape[1] > 0 && shape[1] != names.size()) {
            throw bad(source, "metadata vigil.features", shape[1] + " names for input " + n.getName(), names.size() + " names");
          }
        } else if (shape[1] > 0) {
          for (int j = 0; j < shape[1]; j++) {
            names.add(n.getName() + "_" + j);
          }
        } else {
          throw bad(source, "input " + n.getName(), "a fixed second dimension (or metadata vigil.features naming the columns)",
              "shape " + java.util.Arrays.toString(shape));
        }
      } else {
        throw bad(source, "input " + n.getName(), "shape [N] or [N, k]", "shape " + java.util.Arrays.toString(shape));
      }
      inputs.add(new Input(n.getName(), type, shape.length, List.copyOf(names)));
      for (String f : names) {
        fields.add(switch (type) {
          case FLOAT, DOUBLE -> new Field(f, ColumnType.DOUBLE, missingAllowed);
          case INT64, INT32 -> new Field(f, ColumnType.LONG, false);
          default -> new Field(f, ColumnType.CATEGORICAL, false);
        });
      }
    }
    Map<String, NodeInfo> outs = session.getOutputInfo();
    List<String> labels = classLabels(graph);
    for (NodeInfo n : outs.values()) {
      if (n.getInfo() instanceof SequenceInfo s && s.isSequenceOfMaps()) {
        MapInfo m = s.mapInfo;
        if (m.valueType != OnnxJavaType.FLOAT && m.valueType != OnnxJavaType.DOUBLE) {
          throw bad(source, "output " + n.getName(), "a sequence of maps to float", m.toString());
        }
        if (labels.isEmpty()) {
          throw bad(source, "output " + n.getName(), "a classifier node with classlabels_int64s or classlabels_strings", "none");
        }
        return new OnnxPredictor(session, inputs, n.getName(), true,
            new Signature(fields, Signature.OutputKind.PROBABILITIES, labels), source);
      }
    }
    for (NodeInfo n : outs.values()) {
      if (n.getInfo() instanceof TensorInfo t && isReal(t) && t.getShape().length == 2 && t.getShape()[1] >= 2
          && n.getName().toLowerCase(Locale.ROOT).contains("prob")) {
        int k = (int) t.getShape()[1];
        List<String> cls = labels;
        if (cls.isEmpty()) {
          cls = new ArrayList<>();
          for (int j = 0; j < k; j++) {
            cls.add(Integer.toString(j));
          }
        } else if (cls.size() != k) {
          throw bad(source, "output " + n.getName(), labels.size() + " columns (one per class label " + labels + ")", k + " columns");
        }
        return new OnnxPredictor(session, inputs, n.getName(), false,
            new Signature(fields, Signature.OutputKind.PROBABILITIES, cls), source);
      }
    }
    for (NodeInfo n : outs.values()) {
      if (n.getInfo() instanceof TensorInfo t && isReal(t)) {
        long[] shape = t.getShape();
        List<String> names = new ArrayList<>();
        if (shape.length == 1 || (shape.length == 2 && shape[1] == 1)) {
          names.add(n.getName());
        } else if (shape.length == 2 && shape[1] > 1) {
          for (int j = 0; j < shape[1]; j++) {
            names.add(n.getName() + "_" + j);
          }
        } else {
          throw bad(source, "output " + n.getName(), "shape [N], [N, 1] or [N, k] with a fixed k", java.util.Arrays.toString(shape));
        }
        return new OnnxPredictor(session, inputs, n.getName(), false,
            new Signature(fields, Signature.OutputKind.REGRESSION, names), source);
      }
    }
    throw bad(source, "outputs", "a float or double tensor, or a sequence of maps (class probabilities)", outs.keySet().toString());
  }

  private static boolean isReal(TensorInfo t) {
    return t.type == OnnxJavaType.FLOAT || t.type == OnnxJavaType.DOUBLE;
  }

  /** The class labels declared on the graph's classifier node (ZipMap first), or empty. */
  private static List<String> classLabels(OnnxMl.GraphProto graph) {
    List<String> found = List.of();
    for (OnnxMl.NodeProto node : graph.getNodeList()) {
      for (OnnxMl.AttributeProto a : node.getAttributeList()) {
        List<String> l = new ArrayList<>();
        if (a.getName().equals("classlabels_int64s")) {
          a.getIntsList().forEach(v -> l.add(Long.toString(v)));
        } else if (a.getName().equals("classlabels_strings")) {
          a.getStringsList().forEach(v -> l.add(v.toStringUtf8()));
        }
        if (!l.isEmpty() && (found.isEmpty() || node.getOpType().equals("ZipMap"))) {
          found = l;
        }
      }
    }
    return found;
  }

  /** The graph, parsed again from the bytes ONNX Runtime loaded (for node attributes it does not expose). */
  private static OnnxMl.GraphProto graph(byte[] bytes) {
    try {
      return OnnxMl.ModelProto.parseFrom(bytes).getGraph();
    } catch (IOException e) {
      return OnnxMl.GraphProto.getDefaultInstance();
    }
  }

  private static DataFormatException bad(String source, String where, String expected, String found) {
    return DataFormatException.in(source).column(where).expected(expected).found(found).build();
  }

  @Override
  public Signature signature() {
    return signature;
  }

  /** Feature names, in the order the model's inputs take them. */
  public List<String> featureNames() {
    return featureNames;
  }

  @Override
  public Predictions predict(Table features) {
    int n = features.rowCount();
    int width = signature.outputNames().size();
    if (n == 0) {
      return Predictions.of(0, width, new double[0]);
    }
    guard.acquire();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> feed = new LinkedHashMap<>();
    try {
      for (Input in : inputs) {
        feed.put(in.name(), tensor(env, in, features, n));
      }
      try (OrtSession.Result r = session.run(feed, Set.of(output))) {
        OnnxValue v = r.get(0);
        return mapOutput ? fromMaps((OnnxSequence) v, n, width) : fromTensor((OnnxTensor) v, n, width);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
      guard.release();
    }
  }

  private static OnnxTensor tensor(OrtEnvironment env, Input in, Table t, int n) throws OrtException {
    int k = in.features().size();
    long[] shape = in.rank() == 1 ? new long[] {n} : new long[] {n, k};
    switch (in.type()) {
      case FLOAT:
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(Features.floats(t, in.features())), shape);
      case DOUBLE:
        return OnnxTensor.createTensor(env, DoubleBuffer.wrap(Features.doubles(t, in.features())), shape);
      case INT64:
      case INT32: {
        long[] v = new long[n * k];
        for (int j = 0; j < k; j++) {
          LongColumn c = integral(t, in.features().get(j));
          for (int i = 0; i < n; i++) {
            v[i * k + j] = c.get(i);
          }
        }
        if (in.type() == OnnxJavaType.INT64) {
          return OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape);
        }
        int[] w = new int[v.length];
        for (int i = 0; i < v.length; i++) {
          w[i] = Math.toIntExact(v[i]);
        }
        return OnnxTensor.createTensor(env, IntBuffer.wrap(w), shape);
      }
      default: {
        String[] v = new String[n * k];
        for (int j = 0; j < k; j++) {
          String name = in.features().get(j);
          if (!t.hasColumn(name)) {
            throw new SchemaMismatchException("feature column '" + name + "' is missing; the table has " + t.columnNames());
          }
          Column c = t.column(name);
          if (c.hasMissing()) {
            throw new SchemaMismatchException("feature column '" + name + "' must not be missing (missing in " + c.missingCount() + " rows)");
          }
          for (int i = 0; i < n; i++) {
            v[i * k + j] = c instanceof StringColumn s ? s.get(i) : c instanceof CategoricalColumn cc ? cc.get(i) : c.format(i);
          }
        }
        return OnnxTensor.createTensor(env, v, shape);
      }
    }
  }

  private static LongColumn integral(Table t, String name) {
    if (!t.hasColumn(name) || t.column(name).type() != ColumnType.LONG) {
      throw new SchemaMismatchException("feature column '" + name + "' must be a long column; the table has "
          + (t.hasColumn(name) ? t.column(name).type().jsonName() : "no such column among " + t.columnNames()));
    }
    LongColumn c = t.longColumn(name);
    if (c.hasMissing()) {
      throw new SchemaMismatchException("feature column '" + name + "' must not be missing (missing in " + c.missingCount() + " rows)");
    }
    return c;
  }

  private static Predictions fromTensor(OnnxTensor t, int n, int width) {
    long[] shape = t.getInfo().getShape();
    long total = 1;
    for (long d : shape) {
      total *= d;
    }
    if (shape.length == 0 || shape[0] != n || total != (long) n * width) {
      throw new IllegalStateException("the model returned shape " + java.util.Arrays.toString(shape) + " for " + n + " rows, expected ["
          + n + ", " + width + "]");
    }
    double[] v = new double[n * width];
    if (t.getInfo().type == OnnxJavaType.FLOAT) {
      FloatBuffer b = t.getFloatBuffer();
      for (int i = 0; i < v.length; i++) {
        v[i] = b.get(i);
      }
    } else {
      t.getDoubleBuffer().get(v);
    }
    return Predictions.of(n, width, v);
  }

  private Predictions fromMaps(OnnxSequence s, int n, int width) throws OrtException {
    List<? extends OnnxValue> rows = s.getValue();
    if (rows.size() != n) {
      throw new IllegalStateException("the model returned " + rows.size() + " probability maps for " + n + " rows");
    }
    double[] v = new double[n * width];
    for (int i = 0; i < n; i++) {
      for (Map.Entry<?, ?> e : ((OnnxMap) rows.get(i)).getValue().entrySet()) {
        Integer k = classIndex.get(String.valueOf(e.getKey()));
        if (k == null) {
          throw new IllegalStateException("the model returned class " + e.getKey() + ", not among " + signature.outputNames());
        }
        v[i * width + k] = ((Number) e.getValue()).doubleValue();
      }
    }
    return Predictions.of(n, width, v);
  }

  @Override
  public void close() {
    guard.close(() -> {
      try {
        session.close();
      } catch (OrtException e) {
        throw new IllegalStateException("cannot close the ONNX session: " + e.getMessage(), e);
      }
    });
  }
}
