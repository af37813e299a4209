package dev.vigil.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The server's JSON mapper: non-finite doubles as strings, no indentation. */
public final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.INDENT_OUTPUT)
      .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature());

  private Json() {}

  public static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serialisable: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses a request body.
   *
   * @throws RequestValidationException naming the position when it is not JSON
   */
  public static JsonNode read(String body) {
    try {
      JsonNode n = MAPPER.readTree(body == null ? "" : body);
      if (n == null || n.isMissingNode()) {
        throw new RequestValidationException("empty request body",
            java.util.List.of(new RequestValidationException.FieldProblem("$", "expected a JSON object")));
      }
      return n;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "$" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new RequestValidationException("malformed JSON",
          java.util.List.of(new RequestValidationException.FieldProblem(where, e.getOriginalMessage())));
    }
  }
}
