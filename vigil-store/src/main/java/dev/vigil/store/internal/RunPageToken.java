package dev.vigil.store.internal;

import dev.vigil.InvalidArgumentException;
import dev.vigil.tracking.RunQuery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The opaque page token of a run search: where the previous page ended, and a fingerprint of the
 * search it belongs to. Layout (format 1), base64url without padding over UTF-8:
 * {@code 1;FINGERPRINT;PHASE;VALUE;ID} where FINGERPRINT is 12 hex digits of the SHA-256 of the
 * search (experiments, filter, order; not the page size), PHASE is {@code S} (newest first: VALUE
 * is the start time in ms), {@code M} (runs with the order metric: VALUE is the metric value's IEEE
 * 754 bits in hex) or {@code N} (runs without it: VALUE is empty), and ID is the run's internal key.
 */
record RunPageToken(Phase phase, long bits, long id) {
  enum Phase { S, M, N }

  static RunPageToken startTime(long startMillis, long id) {
    return new RunPageToken(Phase.S, startMillis, id);
  }

  static RunPageToken metric(double value, long id) {
    return new RunPageToken(Phase.M, Double.doubleToRawLongBits(value), id);
  }

  static RunPageToken noMetric(long id) {
    return new RunPageToken(Phase.N, 0, id);
  }

  double value() {
    return Double.longBitsToDouble(bits);
  }

  String encode(RunQuery q) {
    String value = switch (phase) {
      case S -> Long.toString(bits);
      case M -> Long.toHexString(bits);
      case N -> "";
    };
    String raw = "1;" + fingerprint(q) + ";" + phase + ";" + value + ";" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static RunPageToken decode(String token, RunQuery q) {
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw bad(token, "not base64url", e);
    }
    String[] f = raw.split(";", -1);
    if (f.length != 5 || !f[0].equals("1")) {
      throw bad(token, "unknown layout", null);
    }
    if (!f[1].equals(fingerprint(q))) {
      throw new InvalidArgumentException("page token '" + token + "' was issued for a different search "
          + "(experiments, filter or order changed); start again without a page token");
    }
    try {
      long id = Long.parseLong(f[4]);
      return switch (f[2]) {
        case "S" -> {
          check(q.orderByMetric().isEmpty(), token);
          yield startTime(Long.parseLong(f[3]), id);
        }
        case "M" -> {
          check(q.orderByMetric().isPresent(), token);
          yield new RunPageToken(Phase.M, Long.parseUnsignedLong(f[3], 16), id);
        }
        case "N" -> {
          check(q.orderByMetric().isPresent() && f[3].isEmpty(), token);
          yield noMetric(id);
        }
        default -> throw bad(token, "unknown phase '" + f[2] + "'", null);
      };
    } catch (NumberFormatException e) {
      throw bad(token, "a position is not a number", e);
    }
  }

  private static void check(boolean ok, String token) {
    if (!ok) {
      throw bad(token, "phase does not match the search's order", null);
    }
  }

  private static InvalidArgumentException bad(String token, String why, Throwable cause) {
    String shown = token.length() > 80 ? token.substring(0, 80) + "..." : token;
    return new InvalidArgumentException("page token '" + shown
        + "' is not a token returned by this run search (" + why + ")", cause);
  }

  static String fingerprint(RunQuery q) {
    StringBuilder s = new StringBuilder();
    s.append("e=").append(q.experimentIds());
    q.metricFilter().ifPresent(m -> s.append(";f=").append(m.metric().length()).append(':').append(m.metric())
        .append(m.op()).append(Long.toHexString(Double.doubleToRawLongBits(m.value()))));
    q.orderByMetric().ifPresent(m -> s.append(";o=").append(m.length()).append(':').append(m));
    s.append(";a=").append(q.ascending());
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 6).toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
