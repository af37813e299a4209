package dev.vigil.provenance;

import dev.vigil.data.BooleanColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content digests, written {@code sha256:<64 hex digits>}.
 *
 * <p>{@link #of(Table)} hashes a table's content, not its storage: column names and types in order,
 * then per column each value in row order (missing as a marker byte; doubles by their IEEE bits with
 * every NaN canonicalised; categorical and string values as UTF-8 text with their length). Two tables
 * holding the same values have the same digest whatever their dictionaries, slicing or source format.
 */
public final class Digests {
  private Digests() {}

  public static String sha256(byte[] bytes) {
    MessageDigest md = sha();
    md.update(bytes);
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  /** The content digest of {@code table}. */
  public static String of(Table table) {
    MessageDigest md = sha();
    byte[] buf = new byte[8];
    for (Column c : table.columns()) {
      text(md, c.name());
      text(md, c.type().jsonName());
      long n = c.size();
      putLong(md, buf, n);
      for (int i = 0; i < c.size(); i++) {
        if (c.isMissing(i)) {
          md.update((byte) 0);
          continue;
        }
        md.update((byte) 1);
        switch (c.type()) {
          case DOUBLE -> putLong(md, buf, Double.doubleToLongBits(((DoubleColumn) c).get(i)));
          case LONG -> putLong(md, buf, ((LongColumn) c).get(i));
          case BOOLEAN -> md.update((byte) (((BooleanColumn) c).get(i) ? 1 : 0));
          case TIMESTAMP -> putLong(md, buf, ((TimestampColumn) c).getMicros(i));
          case CATEGORICAL, STRING -> text(md, (String) c.getObject(i));
        }
      }
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  private static void text(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] len = new byte[8];
    putLong(md, len, b.length);
    md.update(b);
  }

  private static void putLong(MessageDigest md, byte[] buf, long v) {
    for (int k = 0; k < 8; k++) {
      buf[k] = (byte) (v >>> (56 - 8 * k));
    }
    md.update(buf, 0, 8);
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
