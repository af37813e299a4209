package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImbalanceCliTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private Path data() throws Exception {
    StringBuilder sb = new StringBuilder("a,b,color,y\n");
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 240; i++) {
      boolean min = i % 8 == 0;
      sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s,%s%n", r.nextGaussian() + (min ? 1.5 : 0),
          r.nextGaussian(), r.nextBoolean() ? "red" : "blue", min ? "fraud" : "ok"));
    }
    Path p = dir.resolve("d.csv");
    Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void resampleWritesTheTableAndReportsCounts() throws Exception {
    Path in = data();
    Path out = dir.resolve("out.csv");
    CliRunner.Result r = CliRunner.run("resample", in.toString(), out.toString(), "--label", "y", "--method",
        "smote-nc", "--seed", "3", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = json.readTree(r.out());
    assertThat(j.get("method").asText()).isEqualTo("smote-nc");
    assertThat(j.get("rows_after").asInt()).isEqualTo(420);
    assertThat(j.get("classes").get(0).get("after").asInt()).isEqualTo(210);
    Table t = Tables.read(out);
    assertThat(t.rowCount()).isEqualTo(420);
    assertThat(t.columnNames()).containsExactly("a", "b", "color", "y");
  }

  @Test
  void resampleCleaningMethodsTakeAListOfClasses() throws Exception {
    Path in = data();
    CliRunner.Result r = CliRunner.run("resample", in.toString(), dir.resolve("o.parquet").toString(), "--label", "y",
        "--method", "tomek", "--strategy", "ok", "--columns", "a,b,y");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Samples per class").contains("(cleaned)");
  }

  @Test
  void badInputExitsThree() throws Exception {
    Path in = data();
    CliRunner.Result r = CliRunner.run("resample", in.toString(), dir.resolve("o.csv").toString(), "--label", "target",
        "--method", "smote");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("\"target\"");
    CliRunner.Result s = CliRunner.run("resample", in.toString(), dir.resolve("o.csv").toString(), "--label", "y",
        "--method", "smote");
    assertThat(s.code()).isNotZero();
    assertThat(s.err()).contains("[color]").contains("smote-nc");
    CliRunner.Result u = CliRunner.run("resample", in.toString(), dir.resolve("o.csv").toString(), "--label", "y",
        "--method", "smoat");
    assertThat(u.err()).contains("unknown resampling method \"smoat\"");
  }

  @Test
  void ihtCrossValidatesImbalancedLearnsForestUnlessKnnIsAsked() throws Exception {
    Path in = data();
    CliRunner.Result f = CliRunner.run("resample", in.toString(), dir.resolve("f.csv").toString(), "--label", "y",
        "--method", "iht", "--columns", "a,b,y", "--format", "json");
    assertThat(f.code()).as(f.err()).isZero();
    assertThat(json.readTree(f.out()).get("parameters").get("estimator").asText()).startsWith("random forest (100 trees");
    CliRunner.Result k = CliRunner.run("resample", in.toString(), dir.resolve("k.csv").toString(), "--label", "y",
        "--method", "iht", "--columns", "a,b,y", "--iht-estimator", "knn", "--format", "json");
    assertThat(k.code()).as(k.err()).isZero();
    assertThat(json.readTree(k.out()).get("parameters").get("estimator").asText()).startsWith("k-NN");
    CliRunner.Result bad = CliRunner.run("resample", in.toString(), dir.resolve("b.csv").toString(), "--label", "y",
        "--method", "iht", "--columns", "a,b,y", "--iht-estimator", "svm");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("--iht-estimator must be forest or knn: svm");
  }

  @Test
  void classWeightsBalancedAndEffectiveNumber() throws Exception {
    Path in = data();
    CliRunner.Result r = CliRunner.run("class-weights", in.toString(), "--label", "y", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode c = json.readTree(r.out()).get("classes");
    assertThat(c.get(0).get("class").asText()).isEqualTo("fraud");
    assertThat(c.get(0).get("weight").asDouble()).isEqualTo(240.0 / (2 * 30));
    CliRunner.Result e = CliRunner.run("class-weights", in.toString(), "--label", "y", "--scheme", "effective-number",
        "--beta", "0.99");
    assertThat(e.code()).as(e.err()).isZero();
    assertThat(e.out()).contains("effective_number");
  }

  @Test
  void adviseComparesMethodsAndRecommendsOne() throws Exception {
    Path in = data();
    CliRunner.Result r = CliRunner.run("imbalance", "advise", in.toString(), "--label", "y", "--folds", "3",
        "--methods", "none,class-weights,focal-loss,random-under,smote-nc,scheduled-weights,under-then-fine-tune",
        "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode d = json.readTree(r.out());
    assertThat(d.get("methods")).hasSize(7);
    assertThat(d.get("recommended").asText()).isNotEmpty();
    assertThat(d.get("minority_class").asText()).isEqualTo("fraud");
  }

  @Test
  void adviseComparesTheBalancedEnsembles() throws Exception {
    Path in = data();
    CliRunner.Result r = CliRunner.run("imbalance", "advise", in.toString(), "--label", "y", "--folds", "3",
        "--methods", "none,balanced-rf,balanced-bagging,easy-ensemble,rusboost", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode d = json.readTree(r.out());
    assertThat(d.get("methods")).hasSize(5);
    for (JsonNode m : d.get("methods")) {
      assertThat(m.get("error").isNull()).as(m.toString()).isTrue();
      assertThat(m.get("balanced_accuracy").asDouble()).isBetween(0.0, 1.0);
    }
    // the fixed logistic model without rebalancing misses most of the 1-in-8 minority; every ensemble does better
    double none = d.get("methods").get(0).get("minority_recall").asDouble();
    for (int i = 1; i < 5; i++) {
      assertThat(d.get("methods").get(i).get("minority_recall").asDouble()).as(d.get("methods").get(i).toString())
          .isGreaterThan(none);
    }
  }

  @Test
  void trainsAndRegistersABalancedEnsemble() throws Exception {
    Path in = data();
    CliRunner.Result r = CliRunner.run("train", in.toString(), "--label", "y", "--model", "easy-ensemble",
        "--register", "fraud-ee", "--home", dir.resolve("home").toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode d = json.readTree(r.out());
    assertThat(d.get("model").asText()).isEqualTo("easy-ensemble");
    assertThat(d.get("registered").get("version").asInt()).isEqualTo(1);
    assertThat(d.get("metrics").get("accuracy").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void approximateNeighboursRecordTheirRecall() throws Exception {
    // 6,000 rows from 12 Gaussian clusters in 12 features: indexes large enough for the approximate mode
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < 12; j++) {
      sb.append('x').append(j).append(',');
    }
    sb.append("y\n");
    SplittableRandom r = new SplittableRandom(9);
    double[][] centres = new double[12][12];
    for (double[] c : centres) {
      for (int j = 0; j < 12; j++) {
        c[j] = 4 * r.nextGaussian();
      }
    }
    for (int i = 0; i < 6000; i++) {
      int c = r.nextInt(12);
      for (int j = 0; j < 12; j++) {
        sb.append(String.format(java.util.Locale.ROOT, "%.5f,", centres[c][j] + r.nextGaussian()));
      }
      sb.append(c < 5 ? "1" : "0").append('\n');
    }
    Path in = dir.resolve("big.csv");
    Files.writeString(in, sb.toString(), StandardCharsets.UTF_8);
    CliRunner.Result a = CliRunner.run("resample", in.toString(), dir.resolve("a.csv").toString(), "--label", "y",
        "--method", "nearmiss-1", "--approximate", "--recall", "0.95", "--seed", "4", "--format", "json");
    assertThat(a.code()).as(a.err()).isZero();
    JsonNode p = json.readTree(a.out()).get("parameters");
    assertThat(p.get("neighbors").asText()).contains("approximate").contains("0.95").contains("seed 4");
    assertThat(p.get("achieved_recall").asDouble()).isBetween(0.95, 1.0);
    CliRunner.Result e = CliRunner.run("resample", in.toString(), dir.resolve("e.csv").toString(), "--label", "y",
        "--method", "nearmiss-1", "--format", "json");
    assertThat(e.code()).as(e.err()).isZero();
    assertThat(json.readTree(e.out()).get("parameters").has("achieved_recall")).isFalse();
    CliRunner.Result bad = CliRunner.run("resample", in.toString(), dir.resolve("b.csv").toString(), "--label", "y",
        "--method", "smote", "--recall", "0.9");
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--recall 0.9 needs --approximate");
  }
}
