package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.NotFoundException;
import dev.vigil.StoreException;
import dev.vigil.pipeline.FeaturePipeline;
import dev.vigil.pipeline.PipelineDiff;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.VersionRef;
import dev.vigil.report.Report;
import dev.vigil.report.render.ReportFormat;
import dev.vigil.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vigil pipeline diff}: what changed between two fitted feature pipelines. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, description = "Fitted feature pipelines.",
    subcommands = PipelineCommand.Diff.class)
final class PipelineCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new InvalidArgumentException("a subcommand is required: diff");
  }

  /** The pipeline stored with {@code v}. */
  static FeaturePipeline pipelineOf(Store s, ModelVersion v) {
    if (v.pipelineDigest().isEmpty()) {
      throw new NotFoundException(v.model() + "/" + v.version() + " has no fitted pipeline");
    }
    return ModelsCommand.parsePipeline(s.artifacts().read(v.pipelineDigest().get()), v.model() + "/" + v.version() + " pipeline");
  }

  /** Puts {@code pipeline_diff} (see {@link PipelineDiff#toMap}) and its text tables into {@code r}. */
  static void addDiff(Report.Builder r, FeaturePipeline a, FeaturePipeline b, String la, String lb) {
    PipelineDiff d = PipelineDiff.between(a, b);
    r.put("pipeline_diff", d.toMap());
    if (d.isEmpty()) {
      r.paragraph("The pipelines are identical.");
      return;
    }
    List<List<String>> cols = new ArrayList<>();
    d.inputsAdded().forEach(c -> cols.add(List.of("input", c, "added in " + lb)));
    d.inputsRemoved().forEach(c -> cols.add(List.of("input", c, "only in " + la)));
    d.outputsAdded().forEach(c -> cols.add(List.of("output", c, "added in " + lb)));
    d.outputsRemoved().forEach(c -> cols.add(List.of("output", c, "only in " + la)));
    d.stepsAdded().forEach(c -> cols.add(List.of("step", c, "added in " + lb)));
    d.stepsRemoved().forEach(c -> cols.add(List.of("step", c, "only in " + la)));
    if (d.stepOrderChanged()) {
      cols.add(List.of("steps", "order", "changed"));
    }
    if (!cols.isEmpty()) {
      r.table("Columns and steps", List.of("what", "name", "change"), cols);
    }
    List<List<String>> rows = new ArrayList<>();
    for (PipelineDiff.Change c : d.changes()) {
      String change = c.delta() != null ? String.format(Locale.ROOT, "%+.6g", c.delta())
          : !c.added().isEmpty() || !c.removed().isEmpty() ? "+" + c.added() + " -" + c.removed() : "";
      rows.add(List.of(c.step(), c.kind() + " " + c.key(), show(c.before()), show(c.after()), change));
    }
    if (!rows.isEmpty()) {
      r.table("Changed options and fitted parameters", List.of("step", "field", la, lb, "change"), rows);
    }
  }

  private static String show(Object o) {
    if (o == null) {
      return "-";
    }
    String s = o instanceof Double x ? Views.num(x) : String.valueOf(o);
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = "What changed between two versions' fitted pipelines: steps, options, fitted statistics, columns.",
      footer = {"", "Forms: diff NAME V1 V2 (versions or aliases of one model); diff A B where each is NAME@ALIAS,",
          "NAME/VERSION or a pipeline JSON file (as stored by vigil train)."})
  static final class Diff implements Callable<Integer> {
    @Parameters(arity = "2..3", paramLabel = "REF", description = "NAME V1 V2, or two of NAME@ALIAS | NAME/VERSION | FILE.json")
    List<String> refs;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      String la;
      String lb;
      String ra;
      String rb;
      if (refs.size() == 3) {
        ra = refs.get(0) + (refs.get(1).matches("\\d+") ? "/" : "@") + refs.get(1);
        rb = refs.get(0) + (refs.get(2).matches("\\d+") ? "/" : "@") + refs.get(2);
      } else {
        ra = refs.get(0);
        rb = refs.get(1);
      }
      la = ra;
      lb = rb;
      if (la.equals(lb)) {
        la = la + " (a)";
        lb = lb + " (b)";
      }
      Store s = null;
      try {
        FeaturePipeline a;
        FeaturePipeline b;
        if (isFile(ra) && isFile(rb)) {
          a = file(ra);
          b = file(rb);
        } else {
          s = store.open();
          a = isFile(ra) ? file(ra) : pipelineOf(s, s.registry().version(VersionRef.parse(ra)));
          b = isFile(rb) ? file(rb) : pipelineOf(s, s.registry().version(VersionRef.parse(rb)));
        }
        Report.Builder r = Report.builder("pipeline_diff", "Pipeline " + ra + " vs " + rb).put("a", ra).put("b", rb);
        addDiff(r, a, b, la, lb);
        return output.emit(r.build(), ReportFormat.TEXT);
      } finally {
        if (s != null) {
          s.close();
        }
      }
    }

    private static boolean isFile(String ref) {
      return ref.endsWith(".json") || Files.isRegularFile(Path.of(ref));
    }

    private static FeaturePipeline file(String ref) {
      try {
        return ModelsCommand.parsePipeline(Files.readAllBytes(Path.of(ref)), ref);
      } catch (IOException e) {
        throw new StoreException(ref + ": cannot read: " + e.getMessage(), e);
      }
    }
  }
}
