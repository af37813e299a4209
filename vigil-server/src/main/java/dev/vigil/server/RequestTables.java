package dev.vigil.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnBuilder;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import dev.vigil.serving.Signature;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns request bodies into feature tables typed by a model's signature, collecting every field
 * problem (JSON path and message) before failing, so that a client sees all of them at once.
 */
final class RequestTables {
  private RequestTables() {}

  /** {@code {"records": [{field: value, ...}, ...]}}; fields not in the signature are ignored. */
  static Table fromRecords(JsonNode body, Signature sig) {
    List<RequestValidationException.FieldProblem> problems = new ArrayList<>();
    JsonNode records = body.get("records");
    if (records == null || !records.isArray() || records.isEmpty()) {
      throw new RequestValidationException("bad request",
          List.of(new RequestValidationException.FieldProblem("records", "expected a non-empty array of objects")));
    }
    ColumnBuilder[] b = builders(sig);
    int i = 0;
    for (JsonNode r : records) {
      int record = i;
      if (!r.isObject()) {
        problems.add(new RequestValidationException.FieldProblem("records[" + record + "]", "expected an object"));
        i++;
        continue;
      }
      for (int j = 0; j < b.length; j++) {
        Field f = sig.inputs().get(j);
        JsonNode v = r.get(f.name());
        if (v == null) {
          if (!f.nullable()) {
            problems.add(new RequestValidationException.FieldProblem("records[" + record + "]." + f.name(),
                "required field is missing"));
          }
          b[j].addMissing();
        } else {
          add(b[j], f, v, () -> "records[" + record + "]." + f.name(), problems);
        }
      }
      i++;
    }
    if (!problems.isEmpty()) {
      throw new RequestValidationException("invalid records", problems);
    }
    return build(b);
  }

  /**
   * Open Inference Protocol v2: {@code {"inputs": [{"name", "shape", "datatype", "data"}]}}, one
   * tensor per feature (shape {@code [n]} or {@code [n, 1]}), or one tensor of shape {@code [n, k]}
   * whose k columns are the signature's inputs in order.
   */
  static Table fromV2(JsonNode body, Signature sig) {
    List<RequestValidationException.FieldProblem> problems = new ArrayList<>();
    JsonNode inputs = body.get("inputs");
    if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
      throw new RequestValidationException("bad request",
          List.of(new RequestValidationException.FieldProblem("inputs", "expected a non-empty array of tensors")));
    }
    ColumnBuilder[] b = builders(sig);
    if (inputs.size() == 1 && sig.inputs().size() > 1) {
      JsonNode t = inputs.get(0);
      JsonNode shape = t.get("shape");
      JsonNode data = t.get("data");
      int k = sig.inputs().size();
      if (shape == null || shape.size() != 2 || shape.get(1).asInt() != k || data == null || !data.isArray()) {
        throw new RequestValidationException("bad request", List.of(new RequestValidationException.FieldProblem(
            "inputs[0].shape", "expected [n, " + k + "] with the model's " + k + " inputs in order, or one tensor per input")));
      }
      int n = shape.get(0).asInt();
      JsonNode flat = flatten(data);
      if (flat.size() != n * k) {
        throw new RequestValidationException("bad request", List.of(new RequestValidationException.FieldProblem(
            "inputs[0].data", "expected " + (n * k) + " values for shape [" + n + ", " + k + "], found " + flat.size())));
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < k; j++) {
          int at = i * k + j;
          add(b[j], sig.inputs().get(j), flat.get(at), () -> "inputs[0].data[" + at + "]", problems);
        }
      }
    } else {
      Map<String, JsonNode> byName = new HashMap<>();
      int idx = 0;
      for (JsonNode t : inputs) {
        String name = t.path("name").asText("");
        if (name.isEmpty()) {
          problems.add(new RequestValidationException.FieldProblem("inputs[" + idx + "].name", "required"));
        } else {
          byName.put(name, t);
        }
        idx++;
      }
      int n = -1;
      for (int j = 0; j < b.length; j++) {
        Field f = sig.inputs().get(j);
        JsonNode t = byName.get(f.name());
        if (t == null) {
          problems.add(new RequestValidationException.FieldProblem("inputs." + f.name(), "required input is missing"));
          continue;
        }
        JsonNode data = t.get("data");
        if (data == null || !data.isArray()) {
          problems.add(new RequestValidationException.FieldProblem("inputs." + f.name() + ".data", "expected an array"));
          continue;
        }
        JsonNode flat = flatten(data);
        if (n < 0) {
          n = flat.size();
        } else if (flat.size() != n) {
          problems.add(new RequestValidationException.FieldProblem("inputs." + f.name() + ".data",
              "expected " + n + " values like the other inputs, found " + flat.size()));
          continue;
        }
        for (int i = 0; i < flat.size(); i++) {
          int at = i;
          add(b[j], f, flat.get(i), () -> "inputs." + f.name() + ".data[" + at + "]", problems);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new RequestValidationException("invalid inputs", problems);
    }
    return build(b);
  }

  private static JsonNode flatten(JsonNode data) {
    boolean nested = false;
    for (JsonNode x : data) {
      nested |= x.isArray();
    }
    if (!nested) {
      return data;
    }
    com.fasterxml.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
    for (JsonNode x : data) {
      if (x.isArray()) {
        for (Iterator<JsonNode> it = flatten(x).elements(); it.hasNext();) {
          out.add(it.next());
        }
      } else {
        out.add(x);
      }
    }
    return out;
  }

  private static ColumnBuilder[] builders(Signature sig) {
    ColumnBuilder[] b = new ColumnBuilder[sig.inputs().size()];
    for (int j = 0; j < b.length; j++) {
      Field f = sig.inputs().get(j);
      b[j] = f.type() == ColumnType.TIMESTAMP ? TimestampColumn.builder(f.name(), ZoneOffset.UTC)
          : ColumnBuilder.of(f.name(), f.type());
    }
    return b;
  }

  /**
   * Adds {@code v} to {@code b} as {@code f}'s type, or notes a problem at the JSON path {@code at}
   * (built only then: a valid request builds no path strings).
   */
  private static void add(ColumnBuilder b, Field f, JsonNode v, java.util.function.Supplier<String> at,
      List<RequestValidationException.FieldProblem> problems) {
    if (v == null || v.isNull()) {
      if (!f.nullable()) {
        problems.add(new RequestValidationException.FieldProblem(at.get(), "must not be null"));
      }
      b.addMissing();
      return;
    }
    String problem = switch (f.type()) {
      case DOUBLE, LONG -> v.isNumber() ? null : "expected a number, found " + v;
      case BOOLEAN -> v.isBoolean() ? null : "expected true or false, found " + v;
      case CATEGORICAL, STRING, TIMESTAMP -> v.isTextual() ? null : "expected a string, found " + v;
    };
    if (problem == null && f.type() == ColumnType.LONG && !v.canConvertToExactIntegral()) {
      problem = "expected an integer, found " + v;
    }
    if (problem != null) {
      problems.add(new RequestValidationException.FieldProblem(at.get(), problem));
      b.addMissing();
      return;
    }
    try {
      switch (f.type()) {
        case DOUBLE -> b.addObject(v.asDouble());
        case LONG -> b.addObject(v.asLong());
        case BOOLEAN -> b.addObject(v.asBoolean());
        default -> b.addObject(v.asText());
      }
    } catch (dev.vigil.InvalidArgumentException e) {
      problems.add(new RequestValidationException.FieldProblem(at.get(), e.getMessage()));
      b.addMissing();
    }
  }

  private static Table build(ColumnBuilder[] b) {
    List<Column> cols = new ArrayList<>(b.length);
    for (ColumnBuilder x : b) {
      cols.add(x.build());
    }
    return Table.of(cols);
  }
}
