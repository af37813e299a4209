package dev.vigil.report.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.report.Report;
import dev.vigil.report.Report.Block;
import dev.vigil.report.Report.Chart;
import dev.vigil.report.Report.Heading;
import dev.vigil.report.Report.KeyValues;
import dev.vigil.report.Report.Notice;
import dev.vigil.report.Report.Paragraph;
import dev.vigil.report.Report.TableBlock;
import dev.vigil.io.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Report} as text, JSON or HTML.
 *
 * <p>JSON: {@code {"report_format_version":1,"kind":...,"title":...,"status":"ok|warning|error", ...data}}
 * with the report's data fields in insertion order; non-finite doubles are written as the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. HTML: one self-contained page (styles and the
 * ECharts library inline, no network), see {@link HtmlRenderer}.
 */
public final class ReportRenderer {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature());

  private ReportRenderer() {}

  public static String render(Report report, ReportFormat format) {
    return switch (format) {
      case TEXT -> text(report);
      case JSON -> json(report);
      case HTML -> HtmlRenderer.render(report);
    };
  }

  /** Renders to {@code file} atomically. */
  public static void write(Report report, ReportFormat format, Path file) {
    AtomicFiles.writeString(file, render(report, format));
  }

  /** The JSON envelope and data as a map (also embedded in the HTML page). */
  public static Map<String, Object> envelope(Report report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("report_format_version", Report.FORMAT_VERSION);
    m.put("kind", report.kind());
    m.put("title", report.title());
    m.put("status", report.status().jsonName());
    m.putAll(report.data());
    return m;
  }

  public static String json(Report report) {
    try {
      return MAPPER.writeValueAsString(envelope(report)) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("report data is not JSON-serialisable: " + e.getMessage(), e);
    }
  }

  static ObjectNode tree(Report report) {
    return MAPPER.valueToTree(envelope(report));
  }

  static String compactJson(Object o) {
    try {
      return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String text(Report report) {
    StringBuilder s = new StringBuilder();
    s.append(report.title()).append('\n').append("=".repeat(Math.min(report.title().length(), 100))).append('\n');
    for (Block b : report.blocks()) {
      s.append('\n');
      if (b instanceof Heading h) {
        s.append(h.text()).append('\n').append("-".repeat(Math.min(h.text().length(), 100))).append('\n');
      } else if (b instanceof Paragraph p) {
        s.append(p.text()).append('\n');
      } else if (b instanceof KeyValues kv) {
        int w = 0;
        for (Map.Entry<String, String> e : kv.entries()) {
          w = Math.max(w, e.getKey().length());
        }
        for (Map.Entry<String, String> e : kv.entries()) {
          s.append(pad(e.getKey() + ":", w + 1)).append(' ').append(e.getValue()).append('\n');
        }
      } else if (b instanceof TableBlock t) {
        if (t.title() != null && !t.title().isEmpty()) {
          s.append(t.title()).append('\n');
        }
        table(s, t.headers(), t.rows());
      } else if (b instanceof Chart c) {
        s.append(c.title()).append(" (").append(c.type().name().toLowerCase(Locale.ROOT)).append(" chart)\n");
        List<String> headers = new ArrayList<>();
        headers.add(c.xName() == null ? "x" : c.xName());
        c.series().forEach(x -> headers.add(x.name()));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < c.xLabels().size(); i++) {
          List<String> r = new ArrayList<>();
          r.add(c.xLabels().get(i));
          for (Report.Series x : c.series()) {
            r.add(number(x.values()[i]));
          }
          rows.add(r);
        }
        table(s, headers, rows);
      } else if (b instanceof Notice n) {
        s.append('[').append(n.severity().name()).append("] ").append(n.text()).append('\n');
      }
    }
    s.append("\nstatus: ").append(report.status().jsonName()).append('\n');
    return s.toString();
  }

  /** A double as short text: integers without decimals, others with up to 6 significant digits. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    String s = String.format(Locale.ROOT, "%.6g", v);
    if (s.contains("e") || s.contains("E")) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static void table(StringBuilder s, List<String> headers, List<List<String>> rows) {
    int[] w = new int[headers.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.min(40, headers.get(i).length());
    }
    for (List<String> r : rows) {
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.min(40, Math.max(w[i], cell(r.get(i)).length()));
      }
    }
    line(s, headers, w);
    List<String> rule = new ArrayList<>();
    for (int x : w) {
      rule.add("-".repeat(x));
    }
    line(s, rule, w);
    for (List<String> r : rows) {
      line(s, r, w);
    }
  }

  private static void line(StringBuilder s, List<String> cells, int[] w) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      l.append(i == 0 ? "" : "  ").append(pad(cell(cells.get(i)), w[i]));
    }
    s.append(l.toString().stripTrailing()).append('\n');
  }

  private static String cell(String v) {
    String c = v == null ? "" : v.replace('\n', ' ').replace('\r', ' ');
    return c.length() > 40 ? c.substring(0, 39) + "~" : c;
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }
}
