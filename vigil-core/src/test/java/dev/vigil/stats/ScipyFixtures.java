package dev.vigil.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads {@code stats/scipy_reference.json} and regenerates its samples (see the generator script). */
final class ScipyFixtures {
  private static final double G = 0.6180339887498949;
  private static JsonNode root;

  private ScipyFixtures() {}

  static synchronized JsonNode root() {
    if (root == null) {
      try (InputStream in = ScipyFixtures.class.getResourceAsStream("/stats/scipy_reference.json")) {
        root = new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  static double[] sample(JsonNode spec) {
    if (spec.isArray()) {
      double[] v = new double[spec.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = spec.get(i).asDouble();
      }
      return v;
    }
    String kind = spec.get("kind").asText();
    int n = spec.get("n").asInt();
    int offset = spec.get("offset").asInt();
    double shift = spec.get("shift").asDouble();
    double scale = spec.get("scale").asDouble();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double u = ((i + 1 + offset) * G) % 1.0;
      v[i] = switch (kind) {
        case "u" -> shift + scale * u;
        case "r" -> shift + scale * Math.floor(10 * u);
        case "sq" -> shift + scale * u * u;
        default -> throw new IllegalArgumentException(kind);
      };
    }
    return v;
  }

  static long[] counts(JsonNode arr) {
    long[] v = new long[arr.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = arr.get(i).asLong();
    }
    return v;
  }

  static double num(JsonNode n) {
    if (n.isTextual()) {
      return switch (n.asText()) {
        case "NaN" -> Double.NaN;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        default -> Double.NEGATIVE_INFINITY;
      };
    }
    return n.asDouble();
  }
}
