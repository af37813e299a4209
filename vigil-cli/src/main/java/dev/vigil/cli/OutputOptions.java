package dev.vigil.cli;

import dev.vigil.report.Report;
import dev.vigil.report.render.ReportFormat;
import dev.vigil.report.render.ReportRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The options every command shares: {@code --format text|json|html} and {@code --out FILE}. */
public final class OutputOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Output format: text, json or html (default: ${DEFAULT-VALUE}, or from --out's extension).")
  String format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the report to FILE (atomically) instead of stdout.")
  Path out;

  /** The format asked for, else from the extension of --out, else {@code fallback}. */
  public ReportFormat format(ReportFormat fallback) {
    if (format != null) {
      return ReportFormat.parse(format);
    }
    if (out != null) {
      String n = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      if (n.endsWith(".html") || n.endsWith(".htm")) {
        return ReportFormat.HTML;
      }
      if (n.endsWith(".json")) {
        return ReportFormat.JSON;
      }
    }
    return fallback;
  }

  /** Renders {@code report} (text by default) and returns the exit code its status implies. */
  public int emit(Report report) {
    return emit(report, ReportFormat.TEXT);
  }

  /** Renders {@code report} in the chosen format (or {@code fallback}) and returns its exit code. */
  public int emit(Report report, ReportFormat fallback) {
    ReportFormat f = format(fallback);
    if (out != null) {
      ReportRenderer.write(report, f, out);
      PrintWriter err = spec.commandLine().getErr();
      err.println("wrote " + out);
      err.flush();
    } else {
      PrintWriter w = spec.commandLine().getOut();
      w.print(ReportRenderer.render(report, f));
      w.flush();
    }
    return report.status() == Report.Status.ERROR ? ExitCodes.PROBLEM_FOUND : ExitCodes.OK;
  }

  public PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
