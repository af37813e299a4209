package dev.vigil.bench;

import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.io.log.PredictionLogOptions;
import dev.vigil.io.log.PredictionLogger;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Request;
import dev.vigil.serving.Response;
import dev.vigil.serving.Route;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The prediction log's own cost, without HTTP: feeds {@code ROWS} one-row entries shaped like the demo's
 * requests (12 features: 3 categorical, 2 boolean, 5 double, 2 long; 2 outputs; a fresh UUID each) at
 * {@code RATE} entries/s into a {@link PredictionLogger} (segments of 100,000 rows) and reports the
 * writer thread's CPU time per row, the CPU time of the whole process per row, and the young-collection
 * count and total pause time (run with {@code -XX:+UseSerialGC}, as {@code ./vigil} does). CPU time per
 * row is the figure that a shared machine moves least. A third argument {@code PIPE} attaches a
 * pipeline output of that many double columns to the predictions, as a served version with a fitted
 * pipeline does, so the writer also logs {@code pipe_*} columns (default 0).
 *
 * <pre>
 * java -XX:+UseSerialGC -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.PredictionLogBench 600000 20000 [PIPE]
 * </pre>
 */
public final class PredictionLogBench {
  private PredictionLogBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 600_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int pipe = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    Path dir = Files.createTempDirectory("vigil-log-bench");
    var threads = ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    PredictionLogger log = new PredictionLogger(
        new PredictionLogOptions(dir, 65_536, 100_000, Duration.ofMinutes(5), Clock.systemUTC()), "demo-nodules");
    Predictions out = Predictions.binary(0.3);
    if (pipe > 0) {
      DoubleColumn[] cols = new DoubleColumn[pipe];
      for (int j = 0; j < pipe; j++) {
        cols[j] = DoubleColumn.of("f" + j, j * 0.25 - 1);
      }
      out = out.withModelInput(Table.of(cols));
    }
    Response answer = new Response(out, new ModelRef("demo-nodules", "2"), Route.PRIMARY,
        Duration.ofNanos(180_000), List.of());
    long writerId = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("vigil-prediction-log")).findFirst().orElseThrow().getId();
    // warm-up: one segment
    feed(log, answer, 100_000, rate);
    long gcCount0 = gcCount();
    long gcTime0 = gcMillis();
    long writer0 = threads.getThreadCpuTime(writerId);
    long process0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    feed(log, answer, rows, rate);
    long dropped = log.dropped();
    while (log.queued() > 0) {
      Thread.sleep(1);
    }
    long writer = threads.getThreadCpuTime(writerId) - writer0; // before close(), which ends the thread
    log.close();
    long wall = System.nanoTime() - t0;
    long process = os.getProcessCpuTime() - process0;
    System.out.printf("rows %d at %d/s in %.1f s, segments %d, dropped %d, failed segments %d%n", rows, rate, wall / 1e9,
        log.segmentsClosed(), dropped, log.segmentsFailed());
    System.out.printf("writer thread CPU %.1f us/row (%.1f%% of one core, the last segment's write excluded);"
        + " process CPU %.1f us/row%n",
        writer / 1e3 / rows, 100.0 * writer / wall, process / 1e3 / rows);
    System.out.printf("young+old collections %d, total pause %d ms (%.2f ms each)%n", gcCount() - gcCount0,
        gcMillis() - gcTime0, (gcMillis() - gcTime0) / (double) Math.max(1, gcCount() - gcCount0));
  }

  private static void feed(PredictionLogger log, Response answer, int n, int rate) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Table f = Table.of(CategoricalColumn.of("site", i % 3 == 0 ? "riverside" : "harbor"),
          CategoricalColumn.of("scanner", "ge-revolution"), CategoricalColumn.of("sex", i % 2 == 0 ? "F" : "M"),
          DoubleColumn.of("age", 40 + i % 40), DoubleColumn.of("slice_thickness_mm", 2.5),
          DoubleColumn.of("nodule_diameter_mm", 14.2), DoubleColumn.of("mean_hu", -330),
          DoubleColumn.of("texture_entropy", 4.9), LongColumn.of("pack_years", i % 50),
          BooleanColumn.of("contrast", false), BooleanColumn.of("smoker", true), LongColumn.of("prior_scans", 1));
      log.onResponse(Request.of(UUID.randomUUID().toString(), f), answer);
      if ((i & 255) == 0) {
        long due = start + (long) (i * 1e9 / rate);
        long ahead = due - System.nanoTime();
        if (ahead > 0) {
          Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
        }
      }
    }
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }
}
