package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.Column;
import dev.vigil.data.Synthetic;
import dev.vigil.io.Tables;
import dev.vigil.io.log.PredictionLogs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default SQLite store becomes unreadable while a real {@code vigil serve} child JVM serves: its
 * database files are overwritten in place with garbage (then restored). Serving goes on with the
 * loaded version, every alias reload fails softly (printed, and counted in
 * {@code vigil_reload_failures_total}), and the prediction log keeps writing locally. Once the files
 * are back, the next reload works again: a moved alias is served.
 *
 * <p>Why garbage in place rather than a moved, deleted or {@code chmod 000} file: the server holds its
 * SQLite connection open, and an open file stays readable after it is moved, unlinked or has its mode
 * changed (and CI runs as root, where modes do not stop reads); a file locked by another process does
 * not stop WAL readers either. Content that is no longer a database is what an open connection meets
 * when the disk under it fails, and it fails every read at once.
 */
class SqliteStoreOutageIT {
  @TempDir Path dir;

  @Test
  void servingAndLoggingGoOnWhileTheSqliteStoreIsUnreadable() throws Exception {
    String home = dir.resolve("home").toString();
    for (int seed = 1; seed <= 2; seed++) {
      Path data = dir.resolve("scans-" + seed + ".parquet");
      Tables.write(Synthetic.hospitalScans(400, seed), data);
      CliRunner.Result train = CliRunner.run("train", data.toString(), "--label", "malignant", "--model", "logistic",
          "--drop", "scan_id,patient_id,scan_time", "--register", "nodules", "--home", home);
      assertThat(train.code()).as(train.err()).isZero();
    }
    assertThat(CliRunner.run("models", "alias", "nodules", "champion", "1", "--home", home).code()).isZero();
    Path db = Path.of(home, "vigil.db");
    assertThat(db).as("the default store is SQLite at <home>/vigil.db").exists();

    Path log = dir.resolve("log");
    Path ready = dir.resolve("port");
    Path output = dir.resolve("serve.out");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--model", "nodules",
        "--port", "0", "--home", home, "--log", log.toString(), "--ready-file", ready.toString(), "--reload-seconds", "1")
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    List<String> answered = new ArrayList<>();
    try {
      for (int i = 0; i < 1200 && !Files.exists(ready) && p.isAlive(); i++) {
        Thread.sleep(100);
      }
      assertThat(Files.exists(ready)).as("child server became ready: %s", Files.readString(output)).isTrue();
      int port = Integer.parseInt(Files.readString(ready).trim());
      HttpClient http = HttpClient.newHttpClient();
      assertThat(predict(http, port, "before").headers().firstValue("X-Vigil-Model")).contains("nodules/1");
      answered.add("before");
      assertThat(reloadFailures(http, port)).isZero();

      // The store becomes unreadable under the open connection.
      Map<Path, byte[]> saved = new LinkedHashMap<>();
      for (String suffix : List.of("", "-wal", "-shm")) {
        Path f = Path.of(db + suffix);
        if (Files.exists(f)) {
          saved.put(f, Files.readAllBytes(f));
        }
      }
      for (Map.Entry<Path, byte[]> e : saved.entrySet()) {
        byte[] garbage = new byte[e.getValue().length];
        Arrays.fill(garbage, (byte) 0xA5);
        overwrite(e.getKey(), garbage);
      }
      long failures = 0;
      for (int i = 0; i < 300 && failures < 2; i++) {
        Thread.sleep(100);
        failures = reloadFailures(http, port);
      }
      assertThat(failures).as("reloads met the unreadable store and were counted: %s", Files.readString(output))
          .isGreaterThanOrEqualTo(2);
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r = predict(http, port, "during-" + i);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Vigil-Model")).contains("nodules/1");
        answered.add("during-" + i);
      }
      assertThat(p.isAlive()).isTrue();

      // The files come back (the wal-index zeroed, so SQLite rebuilds it from the log); the alias moves.
      for (Map.Entry<Path, byte[]> e : saved.entrySet()) {
        overwrite(e.getKey(), e.getKey().toString().endsWith("-shm") ? new byte[e.getValue().length] : e.getValue());
      }
      CliRunner.Result moved = CliRunner.run("models", "alias", "nodules", "champion", "2", "--home", home);
      assertThat(moved.code()).as(moved.err()).isZero();
      String model = "";
      for (int i = 0; i < 300 && !model.equals("nodules/2"); i++) {
        Thread.sleep(100);
        HttpResponse<String> r = predict(http, port, "after-" + i);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        answered.add("after-" + i);
        model = r.headers().firstValue("X-Vigil-Model").orElse("");
      }
      assertThat(model).as("the reload after the outage swapped in the moved alias: %s", Files.readString(output))
          .isEqualTo("nodules/2");

      p.destroy(); // SIGTERM: a graceful stop closes the open log segment
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    String out = Files.readString(output);
    assertThat(out).containsPattern("vigil serve: keeping the loaded versions of nodules: .*not a database")
        .contains("vigil serve: nodules @champion is now version 2");
    Column ids = PredictionLogs.read(log, "nodules").column("request_id");
    List<Object> logged = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      logged.add(ids.getObject(i));
    }
    assertThat(logged).as("every answered request was logged, during the outage too").containsExactlyInAnyOrderElementsOf(answered);
  }

  /** Rewrites {@code f} in place (same inode, as a failing disk would change it under an open file). */
  private static void overwrite(Path f, byte[] content) throws Exception {
    try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
      c.write(java.nio.ByteBuffer.wrap(content), 0);
      c.force(true);
    }
  }

  private static long reloadFailures(HttpClient http, int port) throws Exception {
    String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("vigil_reload_failures_total\\{model=\"nodules\"\\} (\\d+)\n").matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static HttpResponse<String> predict(HttpClient http, int port, String id) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/models/nodules/predict"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"records\":[" + ServeConfigIT.RECORD + "]}"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
