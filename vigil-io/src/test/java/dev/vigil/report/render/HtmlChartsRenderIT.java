package dev.vigil.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a report page in headless Chromium, offline, and checks that every chart drew (the page
 * counts finished charts in {@code data-charts-rendered}) as SVG. .ci/run installs Debian's chromium,
 * so CI always runs this; elsewhere it is skipped when no chromium is on the PATH.
 */
class HtmlChartsRenderIT {
  @TempDir Path dir;

  static Path chromium() {
    for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
    }
    return null;
  }

  @Test
  void chartsDrawInHeadlessChromium() throws IOException, InterruptedException {
    Path browser = chromium();
    Assumptions.assumeTrue(browser != null, "chromium is not installed");
    Path page = dir.resolve("report.html");
    ReportRenderer.write(ReportRendererTest.sample(), ReportFormat.HTML, page);
    Process p = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=5000",
        "--dump-dom", page.toUri().toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    Matcher m = Pattern.compile("data-charts-rendered=\"(\\d+)\"").matcher(dom);
    assertThat(m.find()).as("body attribute in the rendered DOM").isTrue();
    assertThat(m.group(1)).isEqualTo("1");
    assertThat(dom).contains("<svg").contains("<path");
  }
}
