package dev.vigil.cli;

import dev.vigil.data.Table;
import dev.vigil.io.TableReader;
import dev.vigil.io.quality.QualityFiles;
import dev.vigil.profile.Profiler;
import dev.vigil.profile.TableProfile;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Shared reading for the data-quality commands: a profile of DATA, read chunk by chunk, or a saved profile. */
final class QualityInputs {
  private QualityInputs() {}

  /** The profile of {@code data}: loaded when it is a saved profile (.vgp, .profile.json), else computed chunk by chunk. */
  static TableProfile profile(InputOptions input, String data, int threads, PrintWriter err) {
    if (!data.startsWith("jdbc:") && QualityFiles.isProfile(Path.of(data))) {
      return QualityFiles.readProfile(Path.of(data));
    }
    Profiler profiler = Profiler.create().threads(threads);
    TableProfile acc = null;
    try (TableReader r = input.open(data); Progress p = Progress.start(err, "profiling " + data)) {
      while (r.hasNext()) {
        Table t = r.next();
        TableProfile part = profiler.profile(t);
        acc = acc == null ? part : acc.merge(part);
        p.advance(t.rowCount());
      }
      if (acc == null) {
        acc = profiler.empty(r.schema().fields());
      }
      InputOptions.reportSummary(r.summary(), err);
    }
    return acc;
  }
}
