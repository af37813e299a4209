package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.registry.ModelVersion;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a registering child JVM with a real {@code kill -9} at
 * several points of its registration loop and checks the store each time: every committed version is
 * complete (artifact present, digest verified), numbers stay contiguous, and {@code fsck --repair}
 * removes whatever the interrupted registration left behind.
 */
class CrashSafetyIT {
  @TempDir Path dir;

  @Test
  void killNineLeavesCompleteVersionsOrNone() throws Exception {
    Path home = dir.resolve("home");
    long[] delaysMs = {0, 5, 17, 41, 97};
    long lastCommitted = 0;
    for (int round = 0; round < delaysMs.length; round++) {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
          "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), home.toString(), Long.toString(round))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long seen = 0;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line = out.readLine();
        assertThat(line).as("child registered a version").startsWith("registered ");
        seen = Long.parseLong(line.substring(11));
        Thread.sleep(delaysMs[round]);
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        for (String l = out.readLine(); l != null; l = out.readLine()) {
          seen = Long.parseLong(l.substring(11));
        }
      }
      try (Store s = Store.open(StoreOptions.embedded(home))) {
        List<ModelVersion> vs = s.registry().versions("crashy");
        long n = vs.size();
        assertThat(n).as("at least every version the child reported").isGreaterThanOrEqualTo(seen).isGreaterThan(lastCommitted);
        assertThat(vs).extracting(ModelVersion::version).containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
        assertThat(s.registry().model("crashy").latestVersion()).isEqualTo(n);
        for (ModelVersion v : vs) {
          s.registry().files(v);
        }
        FsckReport before = s.fsck(false, Duration.ZERO);
        assertThat(before.healthy()).isTrue();
        assertThat(before.versionsChecked()).isEqualTo(n);
        s.fsck(true, Duration.ZERO);
        FsckReport after = s.fsck(false, Duration.ZERO);
        assertThat(after.orphans()).isEmpty();
        assertThat(after.temporaryFiles()).isEmpty();
        lastCommitted = n;
      }
    }
  }
}
