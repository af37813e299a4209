package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.report.Report;
import dev.vigil.report.render.ReportFormat;
import dev.vigil.store.FsckReport;
import dev.vigil.store.Store;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil store fsck [--repair]}: verifies every registered artifact's digest and finds orphan
 * blobs and interrupted writes. JSON: {@code versions_checked, missing[], corrupt[], orphans[],
 * temporary_files[], repaired, healthy}. Exit 1 when a referenced artifact is missing or corrupt.
 */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Store maintenance.", subcommands = StoreCommand.Fsck.class)
final class StoreCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: fsck");
  }

  @Command(name = "fsck", mixinStandardHelpOptions = true,
      description = "Verify artifact digests; find (and with --repair delete) orphan blobs and interrupted writes.")
  static final class Fsck implements Callable<Integer> {
    @Option(names = "--repair", description = "Delete orphans and interrupted writes older than --grace.")
    boolean repair;

    @Option(names = "--grace", defaultValue = "PT1H",
        description = "Leave younger orphans alone, as a registration may be in progress (ISO-8601 duration, default: ${DEFAULT-VALUE}).")
    String grace;

    @Mixin StoreMixin store;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      Duration g;
      try {
        g = Duration.parse(grace);
      } catch (DateTimeParseException e) {
        throw new InvalidArgumentException("--grace must be an ISO-8601 duration such as PT1H or PT0S: " + grace, e);
      }
      InvalidArgumentException.check(!g.isNegative(), "--grace must be >= 0: %s", grace);
      try (Store s = store.open()) {
        FsckReport r = s.fsck(repair, g);
        Report.Builder b = Report.builder("store_fsck", "Store check").put("versions_checked", r.versionsChecked())
            .put("missing", r.missing()).put("corrupt", r.corrupt()).put("orphans", r.orphans())
            .put("temporary_files", r.temporaryFiles()).put("repaired", r.repaired()).put("healthy", r.healthy())
            .keyValues("versions checked", String.valueOf(r.versionsChecked()), "missing", String.valueOf(r.missing().size()),
                "corrupt", String.valueOf(r.corrupt().size()), "orphan blobs", String.valueOf(r.orphans().size()),
                "interrupted writes", String.valueOf(r.temporaryFiles().size()), "repaired", String.valueOf(r.repaired()));
        for (String m : r.missing()) {
          b.notice(Report.Status.ERROR, "missing artifact " + m);
        }
        for (String c : r.corrupt()) {
          b.notice(Report.Status.ERROR, "corrupt artifact " + c);
        }
        if (!r.healthy()) {
          b.status(Report.Status.ERROR);
        } else if (!r.orphans().isEmpty() || !r.temporaryFiles().isEmpty()) {
          b.notice(Report.Status.WARNING, (repair ? "deleted those older than " + grace + ": " : "run with --repair to delete: ")
              + r.orphans().size() + " orphan blob(s), " + r.temporaryFiles().size() + " interrupted write(s)");
        }
        return output.emit(b.build(), ReportFormat.TEXT);
      }
    }
  }

}
