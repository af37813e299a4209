package dev.vigil.bench;

import dev.vigil.data.Table;
import dev.vigil.io.ReadOptions;
import dev.vigil.io.TableReader;
import dev.vigil.io.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Streams a file in chunks keeping only some columns, and reports the process's peak resident memory
 * (VmHWM) next to the file size: memory is bounded by one chunk of the kept columns, not the file.
 *
 * <p>Run: {@code java -Xmx256m -cp vigil-bench/target/vigil-bench.jar dev.vigil.bench.ChunkedReadMemory FILE COL[,COL...]}
 */
public final class ChunkedReadMemory {
  private ChunkedReadMemory() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    List<String> keep = List.of(args[1].split(","));
    long rows = 0;
    double sum = 0;
    long t0 = System.nanoTime();
    try (TableReader r = Tables.open(file, ReadOptions.builder().columns(keep).build())) {
      while (r.hasNext()) {
        Table t = r.next();
        rows += t.rowCount();
        sum += t.doubleColumn(keep.get(0)).get(0);
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("VmHWM: ?");
    System.out.printf(Locale.ROOT, "%s: %.1f MB, %d rows, kept %s, %.2f s; peak RSS %s; max heap %d MB (checksum %.3f)%n",
        file, Files.size(file) / 1e6, rows, keep, s, hwm.replaceAll("\\s+", " "), Runtime.getRuntime().maxMemory() >> 20, sum);
  }
}
