package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.Synthetic;
import dev.vigil.io.Tables;
import dev.vigil.io.log.PredictionLogs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store becomes unreachable while serving: {@code vigil serve} reaches PostgreSQL through a TCP
 * relay on loopback, which the test then shuts (every connection cut, the port closed). Serving goes
 * on with the loaded versions, alias reloads fail and say so, and the prediction log keeps writing
 * locally. Needs {@code VIGIL_TEST_PG_URL} (.ci/run sets it; skipped without it outside CI).
 */
class StoreOutageIT {
  private static final String URL = System.getenv("VIGIL_TEST_PG_URL");

  @TempDir Path dir;

  /** Forwards loopback connections to the database until closed. */
  static final class Relay implements AutoCloseable {
    final ServerSocket server;
    final List<Socket> sockets = new CopyOnWriteArrayList<>();

    Relay(String host, int port) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(() -> {
        try {
          while (true) {
            Socket in = server.accept();
            Socket out = new Socket(host, port);
            sockets.add(in);
            sockets.add(out);
            pump(in, out);
            pump(out, in);
          }
        } catch (IOException closed) {
          // relay shut
        }
      }, "pg-relay");
      t.setDaemon(true);
      t.start();
    }

    private static void pump(Socket from, Socket to) {
      Thread t = new Thread(() -> {
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
            out.flush();
          }
        } catch (IOException e) {
          // connection cut
        }
      });
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  void servingAndLoggingGoOnWhenTheStoreIsGone() throws Exception {
    if ("true".equals(System.getenv("CI"))) {
      assertThat(URL).as("CI must set VIGIL_TEST_PG_URL").isNotBlank();
    }
    Assumptions.assumeTrue(URL != null && !URL.isEmpty(), "VIGIL_TEST_PG_URL not set");
    Matcher m = Pattern.compile("^jdbc:postgresql://([^:/]+):(\\d+)/").matcher(URL);
    assertThat(m.find()).as("a jdbc:postgresql://host:port/ URL: %s", URL).isTrue();
    String schema = String.format(Locale.ROOT, "vigil_outage_%016x", ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try (Relay relay = new Relay(m.group(1), Integer.parseInt(m.group(2)))) {
      String viaRelay = URL.replaceFirst("//[^:/]+:\\d+/", "//127.0.0.1:" + relay.server.getLocalPort() + "/")
          + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      String home = dir.resolve("home").toString();
      Path data = dir.resolve("scans.parquet");
      Tables.write(Synthetic.hospitalScans(400, 9), data);
      CliRunner.Result train = CliRunner.run("train", data.toString(), "--label", "malignant", "--model", "logistic",
          "--drop", "scan_id,patient_id,scan_time", "--register", "nodules", "--home", home, "--store-url", viaRelay);
      assertThat(train.code()).as(train.err()).isZero();
      assertThat(CliRunner.run("models", "alias", "nodules", "champion", "1", "--home", home, "--store-url", viaRelay).code())
          .isZero();
      Path log = dir.resolve("log");
      Path ready = dir.resolve("port");
      AtomicReference<CliRunner.Result> served = new AtomicReference<>();
      Thread t = new Thread(() -> served.set(CliRunner.run("serve", "--model", "nodules", "--port", "0", "--home", home,
          "--store-url", viaRelay, "--log", log.toString(), "--ready-file", ready.toString(), "--reload-seconds", "1")));
      t.start();
      try {
        for (int i = 0; i < 600 && !Files.exists(ready); i++) {
          Thread.sleep(100);
        }
        assertThat(Files.exists(ready)).as("server became ready").isTrue();
        int port = Integer.parseInt(Files.readString(ready).trim());
        HttpClient http = HttpClient.newHttpClient();
        assertThat(predict(http, port, "before").statusCode()).isEqualTo(200);

        relay.close(); // the store is gone: connections cut, port closed
        Thread.sleep(2500); // at least two alias reloads meet the outage
        for (int i = 0; i < 20; i++) {
          HttpResponse<String> r = predict(http, port, "during-" + i);
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          assertThat(r.headers().firstValue("X-Vigil-Model")).contains("nodules/1");
        }
      } finally {
        t.interrupt();
        t.join(120_000);
      }
      assertThat(served.get().err()).contains("keeping the loaded versions of nodules");
      List<Object> ids = new java.util.ArrayList<>();
      var ts = PredictionLogs.read(log, "nodules").column("request_id");
      for (int i = 0; i < ts.size(); i++) {
        ids.add(ts.getObject(i));
      }
      assertThat(ids).contains("before", "during-0", "during-19").hasSize(21);
    } finally {
      try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static HttpResponse<String> predict(HttpClient http, int port, String id) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/models/nodules/predict"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"records\":[" + ServeConfigIT.RECORD + "]}"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
