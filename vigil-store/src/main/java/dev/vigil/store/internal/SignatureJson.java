package dev.vigil.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.DataFormatException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Field;
import dev.vigil.registry.Signature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signature as JSON: {@code {"format_version":1,"inputs":[{name,type,nullable}],"outputs":[...]}}. */
public final class SignatureJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SignatureJson() {}

  public static String write(Signature s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", 1);
    m.put("inputs", fields(s.inputs()));
    m.put("outputs", fields(s.outputs()));
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a signature always serialises", e);
    }
  }

  /** Fields as stored: name, type, nullable; one writer for signatures and the JSON API. */
  public static List<Map<String, Object>> fields(List<Field> fs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Field f : fs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("type", f.type().jsonName());
      m.put("nullable", f.nullable());
      out.add(m);
    }
    return out;
  }

  public static Signature read(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new Signature(fields(n.path("inputs")), fields(n.path("outputs")));
    } catch (JsonProcessingException e) {
      throw DataFormatException.in("stored signature").expected("JSON").detail("%s", e.getOriginalMessage()).build(e);
    }
  }

  private static List<Field> fields(JsonNode arr) {
    List<Field> out = new ArrayList<>();
    for (JsonNode f : arr) {
      out.add(new Field(f.path("name").asText(), ColumnType.parse(f.path("type").asText()), f.path("nullable").asBoolean(true)));
    }
    return out;
  }
}
