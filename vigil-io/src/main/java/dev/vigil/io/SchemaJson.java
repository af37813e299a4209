package dev.vigil.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.DataFormatException;
import dev.vigil.InvalidArgumentException;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Field;
import dev.vigil.data.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON form of a {@link Schema}, format version 1:
 *
 * <pre>{"format_version":1,"fields":[{"name":"age","type":"double","nullable":true}]}</pre>
 *
 * {@code type} is one of {@code double, long, boolean, categorical, string, timestamp} (aliases such
 * as {@code int} and {@code float} are accepted on input); {@code nullable} defaults to true.
 */
public final class SchemaJson {
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SchemaJson() {}

  public static ObjectNode toNode(Schema schema) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    ArrayNode fields = root.putArray("fields");
    for (Field f : schema.fields()) {
      fields.addObject().put("name", f.name()).put("type", f.type().jsonName()).put("nullable", f.nullable());
    }
    return root;
  }

  /** Pretty-printed JSON. */
  public static String toJson(Schema schema) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toNode(schema)) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses a schema; {@code source} names the file in errors.
   *
   * @throws DataFormatException naming the field that is wrong
   */
  public static Schema fromJson(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw DataFormatException.in(source).expected("a JSON schema").detail("%s", e.getOriginalMessage()).build(e);
    }
    if (root == null || !root.path("fields").isArray()) {
      throw DataFormatException.in(source).column("fields").expected("an array of fields").build();
    }
    int version = root.path("format_version").asInt(FORMAT_VERSION);
    if (version != FORMAT_VERSION) {
      throw DataFormatException.in(source).column("format_version").expected(String.valueOf(FORMAT_VERSION))
          .found(String.valueOf(version)).build();
    }
    List<Field> fields = new ArrayList<>();
    int i = 0;
    for (JsonNode f : root.get("fields")) {
      String where = "fields[" + i++ + "]";
      String name = f.path("name").asText("");
      if (name.isEmpty()) {
        throw DataFormatException.in(source).column(where + ".name").expected("a non-empty column name").build();
      }
      ColumnType type;
      try {
        type = ColumnType.parse(f.path("type").asText(""));
      } catch (InvalidArgumentException e) {
        throw DataFormatException.in(source).column(where + ".type").expected(
            "double, long, boolean, categorical, string or timestamp").found(f.path("type").asText("")).build(e);
      }
      fields.add(new Field(name, type, f.path("nullable").asBoolean(true)));
    }
    try {
      return Schema.of(fields);
    } catch (InvalidArgumentException e) {
      throw DataFormatException.in(source).column("fields").detail("%s", e.getMessage()).build(e);
    }
  }
}
