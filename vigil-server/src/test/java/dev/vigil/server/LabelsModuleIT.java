package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsModuleIT {
  @TempDir Path dir;

  private static HttpResponse<String> post(VigilServer s, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/v1/labels"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void labelsAreStoredAndBadOnesNamed() throws Exception {
    try (VigilServer s = VigilServer.builder().port(0).module(new LabelsModule(dir, Clock.systemUTC())).start()) {
      HttpResponse<String> ok = post(s, "{\"labels\":[{\"request_id\":\"a\",\"label\":1},{\"request_id\":\"b\",\"row\":2,\"label\":false}]}");
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
      try (var files = Files.list(dir.resolve("labels"))) {
        Table t = Tables.read(files.findFirst().orElseThrow());
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.longColumn("row").get(1)).isEqualTo(2);
        assertThat(t.doubleColumn("label").get(1)).isEqualTo(0.0);
      }
      HttpResponse<String> bad = post(s, "{\"labels\":[{\"request_id\":\"a\",\"label\":\"yes\"}]}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("labels[0].label").contains("expected a number or boolean");
    }
  }
}
