package dev.vigil.models;

import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.models.internal.OnnxPredictor;
import dev.vigil.models.internal.TribuoPredictor;
import dev.vigil.models.internal.XgboostPredictor;
import dev.vigil.registry.ArtifactCheck;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Signature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads model artifacts by flavour, behind the serving {@link Predictor}:
 * <ul>
 *   <li>{@code tribuo}: a Tribuo 4.3 protobuf model file (classification);</li>
 *   <li>{@code onnx}: an ONNX model run by ONNX Runtime 1.20 (see {@link OnnxPredictor} for how
 *       inputs and outputs are read);</li>
 *   <li>{@code xgboost}: an XGBoost model file, JSON, UBJSON or legacy binary (see
 *       {@link XgboostPredictor}).</li>
 * </ul>
 * A loaded predictor holds native memory for {@code onnx} and {@code xgboost}: close it.
 */
public final class ModelRuntimes {
  /** Flavours this build loads. */
  public static final List<String> FLAVOURS = List.of("tribuo", "onnx", "xgboost");

  private ModelRuntimes() {}

  /**
   * Loads {@code artifact} as {@code flavour}.
   *
   * @throws InvalidArgumentException for an unknown flavour
   * @throws DataFormatException when the file is not a model of that flavour
   */
  public static Predictor load(Path artifact, String flavour) {
    return switch (flavour) {
      case "tribuo" -> TribuoPredictor.load(artifact);
      case "onnx" -> OnnxPredictor.load(artifact);
      case "xgboost" -> XgboostPredictor.load(artifact);
      default -> throw new InvalidArgumentException("model flavour must be one of " + FLAVOURS + ": " + flavour);
    };
  }

  /**
   * The flavour of {@code artifact}, from its content: an XGBoost model starts with <code>{</code>
   * (JSON and UBJSON) or {@code binf}/{@code bs64} (legacy binary); ONNX and Tribuo models are both
   * protobufs, told apart by the Tribuo class name ({@code org.tribuo.}) a Tribuo model carries in
   * its first 256 bytes, or by the file name ({@code .onnx}, {@code .tribuo}). A legacy XGBoost binary
   * without the {@code binf} header (written before XGBoost 1.0; it starts with a float) is not
   * recognised: give its flavour.
   *
   * @throws DataFormatException when the file cannot be read or matches no flavour
   */
  public static String detectFlavour(Path artifact) {
    byte[] head = new byte[256];
    int read;
    try (InputStream in = Files.newInputStream(artifact)) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw DataFormatException.in(artifact.toString()).expected("a readable model file").detail("%s", e.getMessage()).build(e);
    }
    String name = artifact.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".onnx")) {
      return "onnx";
    }
    if (name.endsWith(".tribuo")) {
      return "tribuo";
    }
    String text = new String(head, 0, read, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (read >= 1 && head[0] == '{' || text.startsWith("binf") || text.startsWith("bs64")) {
      return "xgboost";
    }
    if (text.contains("org.tribuo.")) {
      return "tribuo";
    }
    if (read >= 1 && head[0] == 0x08) {
      return "onnx";
    }
    throw DataFormatException.in(artifact.toString()).expected("a Tribuo, ONNX or XGBoost model file (or give --flavour)")
        .found(read == 0 ? "an empty file" : String.format(Locale.ROOT, "first byte 0x%02x", head[0] & 0xff)).build();
  }

  /**
   * The columns {@link #score} returns for {@code sig}: for class probabilities {@code label}
   * (categorical) then {@code p_<class>} (double) per class; otherwise one double column per output.
   */
  public static List<Field> outputFields(Signature sig) {
    List<Field> out = new ArrayList<>();
    if (sig.kind() == Signature.OutputKind.PROBABILITIES) {
      out.add(Field.of("label", ColumnType.CATEGORICAL));
      sig.outputNames().forEach(c -> out.add(Field.of("p_" + c, ColumnType.DOUBLE)));
    } else {
      sig.outputNames().forEach(c -> out.add(Field.of(c, ColumnType.DOUBLE)));
    }
    return out;
  }

  /**
   * Scores {@code features} and returns the {@link #outputFields} columns: for classifiers the most
   * probable class (lowest index on ties) and the probabilities; otherwise the output values.
   */
  public static Table score(Predictor model, Table features) {
    Signature sig = model.signature();
    Predictions p = model.predict(features);
    int n = p.rows();
    List<Column> cols = new ArrayList<>();
    boolean probs = sig.kind() == Signature.OutputKind.PROBABILITIES;
    if (probs) {
      String[] label = new String[n];
      for (int i = 0; i < n; i++) {
        label[i] = sig.outputNames().get(p.argmax(i));
      }
      cols.add(CategoricalColumn.of("label", label));
    }
    for (int j = 0; j < p.width(); j++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = p.value(i, j);
      }
      cols.add(DoubleColumn.wrap((probs ? "p_" : "") + sig.outputNames().get(j), v));
    }
    return Table.of(cols);
  }

  /** The numeric output columns of {@link #score} (what golden examples store and compare). */
  public static List<String> valueColumns(Signature sig) {
    return outputFields(sig).stream().filter(f -> f.type() == ColumnType.DOUBLE).map(Field::name).toList();
  }

  /** A registration check that loads the artifact (so a malformed artifact is never registered), then closes it. */
  public static ArtifactCheck loadCheck() {
    return (artifact, flavour) -> {
      try (Predictor p = load(artifact, flavour)) {
        p.signature();
      }
    };
  }
}
