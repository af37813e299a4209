package dev.vigil;

import java.util.Locale;
import java.util.Optional;

/**
 * Input data could not be read as expected. Carries the place as structured fields, so that reports
 * and HTTP problems can show them, and a message of the form
 * {@code data.csv: line 17, column "age": expected DOUBLE, found "abc"}.
 *
 * <p>{@code line} is the 1-based physical line in a text file (the header is line 1), {@code row}
 * the 1-based data row where lines do not apply (Parquet, JDBC); either is {@code -1} when unknown.
 */
public class DataFormatException extends VigilException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final long row;
  private final String column;
  private final String expected;
  private final String found;

  private DataFormatException(Builder b, Throwable cause) {
    super(compose(b), cause);
    this.source = b.source;
    this.line = b.line;
    this.row = b.row;
    this.column = b.column;
    this.expected = b.expected;
    this.found = b.found;
  }

  /** Starts a builder for an error in {@code source} (a file path, URL or query). */
  public static Builder in(String source) {
    return new Builder(source);
  }

  public String source() {
    return source;
  }

  /** The 1-based line, or -1. */
  public long line() {
    return line;
  }

  /** The 1-based data row, or -1. */
  public long row() {
    return row;
  }

  public Optional<String> column() {
    return Optional.ofNullable(column);
  }

  public Optional<String> expected() {
    return Optional.ofNullable(expected);
  }

  public Optional<String> found() {
    return Optional.ofNullable(found);
  }

  private static String compose(Builder b) {
    StringBuilder s = new StringBuilder(b.source == null ? "<input>" : b.source).append(':');
    String sep = " ";
    if (b.line >= 0) {
      s.append(sep).append("line ").append(b.line);
      sep = ", ";
    }
    if (b.row >= 0) {
      s.append(sep).append("row ").append(b.row);
      sep = ", ";
    }
    if (b.column != null) {
      s.append(sep).append("column \"").append(b.column).append('"');
      sep = ", ";
    }
    if (sep.equals(", ")) {
      s.append(':');
    }
    if (b.expected != null) {
      s.append(" expected ").append(b.expected);
      if (b.found != null) {
        s.append(", found ").append(quote(b.found));
      }
    } else if (b.found != null) {
      s.append(" found ").append(quote(b.found));
    }
    if (b.detail != null) {
      s.append(b.expected == null && b.found == null ? " " : " (").append(b.detail);
      if (b.expected != null || b.found != null) {
        s.append(')');
      }
    }
    return s.toString();
  }

  private static String quote(String v) {
    String shown = v.length() > 80 ? v.substring(0, 77) + "..." : v;
    return '"' + shown.replace("\n", "\\n").replace("\r", "\\r") + '"';
  }

  /** Builder of a {@link DataFormatException}. */
  public static final class Builder {
    private final String source;
    private long line = -1;
    private long row = -1;
    private String column;
    private String expected;
    private String found;
    private String detail;

    private Builder(String source) {
      this.source = source;
    }

    public Builder line(long line) {
      this.line = line;
      return this;
    }

    public Builder row(long row) {
      this.row = row;
      return this;
    }

    public Builder column(String column) {
      this.column = column;
      return this;
    }

    public Builder expected(String expected) {
      this.expected = expected;
      return this;
    }

    public Builder found(String found) {
      this.found = found;
      return this;
    }

    /** Free text appended to the message, e.g. the underlying parser's words. */
    public Builder detail(String detail, Object... args) {
      this.detail = args.length == 0 ? detail : String.format(Locale.ROOT, detail, args);
      return this;
    }

    public DataFormatException build() {
      return new DataFormatException(this, null);
    }

    public DataFormatException build(Throwable cause) {
      return new DataFormatException(this, cause);
    }
  }
}
