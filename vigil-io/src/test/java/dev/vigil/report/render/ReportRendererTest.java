package dev.vigil.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text and JSON renderings are pinned by golden files under src/test/resources/golden/. */
class ReportRendererTest {
  static Report sample() {
    return Report.builder("sample", "Sample <report> & co")
        .put("rows", 3)
        .put("p_value", 0.0123)
        .put("not_a_number", Double.NaN)
        .put("columns", List.of(Map.of("name", "age")))
        .paragraph("A paragraph.")
        .keyValues("rows", "3", "source", "a.csv")
        .heading("Details")
        .table("Columns", List.of("column", "type"), List.of(List.of("age", "double"), List.of("site", "categorical")))
        .add(new Report.Chart("Rate by site", Report.ChartType.BAR, "site", "rate", List.of("a", "b"),
            List.of(new Report.Series("rate", new double[] {0.25, 1.0 / 3}))))
        .notice(Report.Status.WARNING, "Something to look at.")
        .build();
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = ReportRendererTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void textMatchesGolden() throws IOException {
    assertThat(ReportRenderer.text(sample())).isEqualTo(golden("report-v1.txt"));
  }

  @Test
  void jsonMatchesGolden() throws IOException {
    assertThat(ReportRenderer.json(sample())).isEqualTo(golden("report-v1.json"));
  }

  @Test
  void htmlIsSelfContainedAndEscaped() {
    String html = ReportRenderer.render(sample(), ReportFormat.HTML);
    assertThat(html).contains("<title>Sample &lt;report&gt; &amp; co</title>");
    assertThat(html.contains("<script src=")).as("no external script").isFalse();
    assertThat(html.contains("<link ")).as("no external stylesheet").isFalse();
    assertThat(html.contains("id=\"vigil-report\"")).isTrue();
    assertThat(html.contains("\"p_value\":0.0123")).isTrue();
    assertThat(html.contains("echarts.init(")).isTrue();
  }

  @Test
  void numbersAreShortAndLocaleIndependent() {
    assertThat(ReportRenderer.number(3.0)).isEqualTo("3");
    assertThat(ReportRenderer.number(0.333333333)).isEqualTo("0.333333");
    assertThat(ReportRenderer.number(1.5e-12)).isEqualTo("1.50000e-12");
    assertThat(ReportRenderer.number(Double.NaN)).isEqualTo("NaN");
  }
}
