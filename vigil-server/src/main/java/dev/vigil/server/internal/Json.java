package dev.vigil.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request parsing with field-level errors. */
final class Json {
  private final ObjectMapper mapper;

  Json(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The JSON body, or the query parameters as an object for GET. */
  JsonNode body(Context ctx) {
    String b = ctx.body();
    if (b == null || b.isBlank()) {
      Map<String, Object> q = new LinkedHashMap<>();
      ctx.queryParamMap().forEach((k, v) -> q.put(k, v.size() == 1 ? v.get(0) : v));
      return mapper.valueToTree(q);
    }
    try {
      JsonNode n = mapper.readTree(b);
      if (n == null || !n.isObject()) {
        throw new ErrorMapper.BadRequest("request body must be a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new ErrorMapper.BadRequest("request body is not valid JSON: " + e.getMessage());
    }
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v instanceof NullNode || v.asText().isEmpty()) {
      throw new ErrorMapper.BadRequest("missing required field '" + field + "'");
    }
    if (!v.isValueNode()) {
      throw new ErrorMapper.BadRequest("field '" + field + "' must be a string: " + v);
    }
    return v.asText();
  }

  static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? fallback : v.asText();
  }

  static long number(JsonNode n, String field, long fallback) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull() || v.asText().isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.asText());
    } catch (NumberFormatException e) {
      throw new ErrorMapper.BadRequest("field '" + field + "' must be an integer: " + v.asText());
    }
  }

  static double real(JsonNode n, String field) {
    JsonNode v = n.path(field);
    if (v.isNumber()) {
      return v.asDouble();
    }
    String s = v.asText();
    switch (s) {
      case "NaN": return Double.NaN;
      case "Infinity": return Double.POSITIVE_INFINITY;
      case "-Infinity": return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new ErrorMapper.BadRequest("field '" + field + "' must be a number: " + v);
        }
    }
  }

  static Map<String, String> keyValues(JsonNode arr, String what) {
    Map<String, String> m = new LinkedHashMap<>();
    if (arr == null || arr.isMissingNode() || arr.isNull()) {
      return m;
    }
    if (!arr.isArray()) {
      throw new ErrorMapper.BadRequest("field '" + what + "' must be a list of {key, value}");
    }
    for (JsonNode t : arr) {
      m.put(text(t, "key"), text(t, "value", ""));
    }
    return m;
  }
}
