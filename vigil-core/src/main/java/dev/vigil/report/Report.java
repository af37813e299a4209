package dev.vigil.report;

import dev.vigil.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one report model every Vigil capability produces, rendered as text, JSON or a self-contained
 * HTML page by {@code dev.vigil.report.render.ReportRenderer} (module vigil-io).
 *
 * <p>A report has two faces:
 *
 * <ul>
 *   <li>{@link #data()}: the machine contract, an ordered map with snake_case keys whose values are
 *       {@code null}, {@link String}, {@link Number}, {@link Boolean}, {@link List} or {@link Map} of
 *       the same. The JSON rendering is exactly {@code {"report_format_version":1, "kind", "title",
 *       "status", ...data}}; these field names are documented per command and are a contract.
 *   <li>{@link #blocks()}: the human face (headings, paragraphs, key-value lists, tables, charts,
 *       notices) used by the text and HTML renderings.
 * </ul>
 *
 * {@link #status()} is the worst severity found; the CLI exits 1 when it is {@link Status#ERROR}.
 */
public final class Report {
  /** Version of the JSON layout of a report envelope. */
  public static final int FORMAT_VERSION = 1;

  /** Outcome of the run a report describes. */
  public enum Status {
    OK, WARNING, ERROR;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of the two. */
    public Status worst(Status other) {
      return other.ordinal() > ordinal() ? other : this;
    }
  }

  private final String kind;
  private final String title;
  private final Status status;
  private final Map<String, Object> data;
  private final List<Block> blocks;

  private Report(Builder b) {
    this.kind = b.kind;
    this.title = b.title;
    this.status = b.status;
    this.data = Collections.unmodifiableMap(new LinkedHashMap<>(b.data));
    this.blocks = List.copyOf(b.blocks);
  }

  /** Starts a report of {@code kind} (a stable snake_case word such as {@code schema}, {@code drift}). */
  public static Builder builder(String kind, String title) {
    return new Builder(kind, title);
  }

  public String kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  public Status status() {
    return status;
  }

  public Map<String, Object> data() {
    return data;
  }

  public List<Block> blocks() {
    return blocks;
  }

  /** Presentation blocks of a report. */
  public sealed interface Block permits Heading, Paragraph, KeyValues, TableBlock, Chart, Notice {}

  /** A section heading. */
  public record Heading(String text) implements Block {}

  /** A paragraph of plain text. */
  public record Paragraph(String text) implements Block {}

  /** Ordered label/value pairs. */
  public record KeyValues(List<Map.Entry<String, String>> entries) implements Block {}

  /** A table of text cells; every row has {@code headers.size()} cells. */
  public record TableBlock(String title, List<String> headers, List<List<String>> rows) implements Block {
    public TableBlock {
      for (List<String> r : rows) {
        InvalidArgumentException.check(r.size() == headers.size(),
            "table \"%s\": a row has %d cells, expected %d", title, r.size(), headers.size());
      }
      headers = List.copyOf(headers);
      rows = rows.stream().map(r -> Collections.unmodifiableList(new ArrayList<>(r))).toList();
    }
  }

  /** A notice with a severity, shown prominently. */
  public record Notice(Status severity, String text) implements Block {}

  /** Chart kinds every renderer supports. */
  public enum ChartType { BAR, LINE, SCATTER }

  /** One named series of y values aligned with the chart's x labels (NaN is a gap). */
  public record Series(String name, double[] values) {}

  /**
   * A chart: {@code xLabels} along the x axis and one or more series of the same length. Text
   * rendering shows it as a small table; HTML draws it with the bundled chart library.
   */
  public record Chart(String title, ChartType type, String xName, String yName, List<String> xLabels,
      List<Series> series) implements Block {
    public Chart {
      Objects.requireNonNull(type, "type");
      for (Series s : series) {
        InvalidArgumentException.check(s.values().length == xLabels.size(),
            "chart \"%s\": series \"%s\" has %d values for %d x labels", title, s.name(), s.values().length, xLabels.size());
      }
      xLabels = List.copyOf(xLabels);
      series = List.copyOf(series);
    }
  }

  /** Builds a {@link Report}. */
  public static final class Builder {
    private final String kind;
    private final String title;
    private Status status = Status.OK;
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final List<Block> blocks = new ArrayList<>();

    private Builder(String kind, String title) {
      InvalidArgumentException.check(kind != null && kind.matches("[a-z][a-z0-9_]*"),
          "report kind must be snake_case: %s", kind);
      this.kind = kind;
      this.title = Objects.requireNonNull(title, "title");
    }

    /** Puts a JSON field; {@code key} must be snake_case and not one of the envelope's fields. */
    public Builder put(String key, Object value) {
      InvalidArgumentException.check(key.matches("[a-z][a-z0-9_]*"), "report field must be snake_case: %s", key);
      InvalidArgumentException.check(!List.of("report_format_version", "kind", "title", "status").contains(key),
          "report field %s is reserved", key);
      data.put(key, value);
      return this;
    }

    /** Raises the status to at least {@code s}. */
    public Builder status(Status s) {
      status = status.worst(s);
      return this;
    }

    public Builder add(Block b) {
      blocks.add(Objects.requireNonNull(b));
      return this;
    }

    public Builder heading(String text) {
      return add(new Heading(text));
    }

    public Builder paragraph(String text) {
      return add(new Paragraph(text));
    }

    /** Adds key-values from alternating label, value arguments. */
    public Builder keyValues(String... labelValue) {
      InvalidArgumentException.check(labelValue.length % 2 == 0, "keyValues needs label/value pairs");
      List<Map.Entry<String, String>> e = new ArrayList<>();
      for (int i = 0; i < labelValue.length; i += 2) {
        e.add(Map.entry(labelValue[i], String.valueOf(labelValue[i + 1])));
      }
      return add(new KeyValues(e));
    }

    public Builder table(String title, List<String> headers, List<List<String>> rows) {
      return add(new TableBlock(title, headers, rows));
    }

    /** Adds a notice and raises the status to its severity. */
    public Builder notice(Status severity, String text) {
      status(severity);
      return add(new Notice(severity, text));
    }

    public Report build() {
      return new Report(this);
    }
  }
}
