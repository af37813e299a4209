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
   * Parses the request body straight from the request stream (no copy into a String), refusing a body
   * larger than the server's limit with 413.
   *
   * @throws RequestValidationException naming the position when it is not JSON
   */
  static JsonNode read(io.javalin.http.Context ctx) {
    long max = ctx.appData(VigilServer.MAX_BODY);
    long declared = ctx.req().getContentLengthLong();
    if (declared > max) {
      throw new io.javalin.http.HttpResponseException(413, "request body of " + declared + " bytes exceeds the limit of " + max);
    }
    try (java.io.InputStream in = new Bounded(ctx.req().getInputStream(), max)) {
      JsonNode n = MAPPER.readTree(in);
      if (n == null || n.isMissingNode()) {
        throw new RequestValidationException("empty request body",
            java.util.List.of(new RequestValidationException.FieldProblem("$", "expected a JSON object")));
      }
      return n;
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof TooLarge t) {
        throw t.response();
      }
      String where = e.getLocation() == null ? "$" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new RequestValidationException("malformed JSON",
          java.util.List.of(new RequestValidationException.FieldProblem(where, e.getOriginalMessage())));
    } catch (TooLarge t) {
      throw t.response();
    } catch (java.io.IOException e) {
      throw new RequestValidationException("cannot read the request body",
          java.util.List.of(new RequestValidationException.FieldProblem("$", String.valueOf(e.getMessage()))));
    }
  }

  /** Writes {@code body} as the JSON response, straight to the response stream. */
  static void respond(io.javalin.http.Context ctx, Object body) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serialisable: " + e.getOriginalMessage(), e);
    }
    jakarta.servlet.http.HttpServletResponse res = ctx.res();
    res.setContentType("application/json");
    res.setContentLength(bytes.length);
    try {
      res.getOutputStream().write(bytes);
    } catch (java.io.IOException e) {
      // the client went away; nothing to answer
    }
  }

  private static final class TooLarge extends java.io.IOException {
    private static final long serialVersionUID = 1L;
    private final long max;

    TooLarge(long max) {
      super("request body exceeds the limit of " + max + " bytes");
      this.max = max;
    }

    io.javalin.http.HttpResponseException response() {
      return new io.javalin.http.HttpResponseException(413, "request body exceeds the limit of " + max + " bytes");
    }
  }

  /** Fails with {@link TooLarge} once more than {@code max} bytes were read. */
  private static final class Bounded extends java.io.FilterInputStream {
    private final long max;
    private long n;

    Bounded(java.io.InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws java.io.IOException {
      int b = super.read();
      if (b >= 0 && ++n > max) {
        throw new TooLarge(max);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      int r = super.read(b, off, len);
      if (r > 0 && (n += r) > max) {
        throw new TooLarge(max);
      }
      return r;
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
