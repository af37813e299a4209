package dev.vigil.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnBuilder;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden examples: raw input rows and the probabilities the model gave for them at registration (see
 * the package documentation for the JSON layout).
 *
 * @param inputs the raw input rows (before the pipeline)
 * @param outputs the {@code p_<class>} columns the model returned for them
 * @param tolerance the largest absolute difference a replay may show, &ge; 0
 */
public record GoldenExamples(Table inputs, Table outputs, double tolerance) {
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  public GoldenExamples {
    InvalidArgumentException.check(tolerance >= 0, "golden tolerance must be >= 0: %s", tolerance);
    InvalidArgumentException.check(inputs.rowCount() == outputs.rowCount(), "golden inputs have %s rows, outputs %s",
        inputs.rowCount(), outputs.rowCount());
  }

  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("tolerance", tolerance);
    ArrayNode fields = root.putArray("input_fields");
    for (Column c : inputs.columns()) {
      fields.addObject().put("name", c.name()).put("type", c.type().jsonName());
    }
    ArrayNode rows = root.putArray("rows");
    for (int i = 0; i < inputs.rowCount(); i++) {
      ObjectNode r = rows.addObject();
      ObjectNode in = r.putObject("inputs");
      for (Column c : inputs.columns()) {
        if (c.isMissing(i)) {
          in.putNull(c.name());
        } else if (c instanceof TimestampColumn ts) {
          in.put(c.name(), ts.getMicros(i));
        } else {
          in.putPOJO(c.name(), c.getObject(i));
        }
      }
      ObjectNode out = r.putObject("outputs");
      for (Column c : outputs.columns()) {
        out.put(c.name(), ((DoubleColumn) c).get(i));
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("golden examples always serialise", e);
    }
  }

  /** Reads {@link #toJson()}'s layout. */
  public static GoldenExamples fromJson(byte[] json, String source) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root.path("format_version").asInt() != FORMAT_VERSION) {
        throw DataFormatException.in(source).column("format_version").expected(String.valueOf(FORMAT_VERSION))
            .found(root.path("format_version").toString()).build();
      }
      List<Field> fields = new ArrayList<>();
      for (JsonNode f : root.path("input_fields")) {
        fields.add(Field.of(f.path("name").asText(), dev.vigil.data.ColumnType.parse(f.path("type").asText())));
      }
      JsonNode rows = root.path("rows");
      List<Column> in = new ArrayList<>();
      for (Field f : fields) {
        in.add(column(f, rows, source));
      }
      List<String> outNames = new ArrayList<>();
      if (rows.size() > 0) {
        rows.get(0).path("outputs").fieldNames().forEachRemaining(outNames::add);
      }
      List<Column> out = new ArrayList<>();
      for (String o : outNames) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = rows.get(i).path("outputs").path(o).asDouble(Double.NaN);
        }
        out.add(DoubleColumn.wrap(o, v));
      }
      return new GoldenExamples(Table.of(in), Table.of(out), root.path("tolerance").asDouble(1e-6));
    } catch (IOException e) {
      throw DataFormatException.in(source).expected("golden examples JSON").detail("%s", e.getMessage()).build(e);
    }
  }

  /** One input column from the golden rows, through the generic builder of its type. */
  private static Column column(Field f, JsonNode rows, String source) {
    ColumnBuilder b = f.type() == dev.vigil.data.ColumnType.TIMESTAMP
        ? TimestampColumn.builder(f.name(), ZoneOffset.UTC) : ColumnBuilder.of(f.name(), f.type());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode v = rows.get(i).path("inputs").path(f.name());
      if (v.isNull() || v.isMissingNode()) {
        b.addMissing();
        continue;
      }
      switch (f.type()) {
        case DOUBLE -> b.addObject(v.asDouble());
        case LONG -> b.addObject(v.asLong());
        case BOOLEAN -> b.addObject(v.asBoolean());
        case TIMESTAMP -> ((TimestampColumn.Builder) b).addMicros(v.asLong());
        case STRING, CATEGORICAL -> b.addObject(v.asText());
      }
    }
    return b.build();
  }
}
