package dev.vigil.io;

import dev.vigil.InvalidArgumentException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a reader does with a row it cannot read (a malformed or ragged line, a value that does not
 * parse as its column's type): {@link Mode#FAIL} stops with a {@link dev.vigil.DataFormatException}
 * naming the first such row; {@link Mode#SKIP} drops such rows and counts them; {@link Mode#QUARANTINE}
 * drops them, counts them and writes each (line, column, error, raw text) to a CSV file. Nothing is
 * dropped silently: {@link ReadSummary} reports the counts.
 *
 * @param mode what to do
 * @param quarantine the quarantine file, required exactly for {@link Mode#QUARANTINE}
 */
public record BadRowPolicy(Mode mode, Path quarantine) {
  public enum Mode { FAIL, SKIP, QUARANTINE }

  public static final BadRowPolicy FAIL = new BadRowPolicy(Mode.FAIL, null);
  public static final BadRowPolicy SKIP = new BadRowPolicy(Mode.SKIP, null);

  public BadRowPolicy {
    Objects.requireNonNull(mode, "mode");
    InvalidArgumentException.check((mode == Mode.QUARANTINE) == (quarantine != null),
        "a quarantine file is required exactly for mode quarantine");
  }

  public static BadRowPolicy quarantine(Path file) {
    return new BadRowPolicy(Mode.QUARANTINE, file);
  }

  /** Parses {@code fail}, {@code skip} or {@code quarantine=FILE}. */
  public static BadRowPolicy parse(String s) {
    String t = s.trim();
    if (t.equals("fail")) {
      return FAIL;
    }
    if (t.equals("skip")) {
      return SKIP;
    }
    if (t.startsWith("quarantine=") && t.length() > "quarantine=".length()) {
      return quarantine(Path.of(t.substring("quarantine=".length())));
    }
    throw new InvalidArgumentException("bad-row policy must be fail, skip or quarantine=FILE: " + s);
  }
}
