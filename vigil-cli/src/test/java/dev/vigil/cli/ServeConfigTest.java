package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and validating serve.yaml: every field, and errors that name the file, line and field. */
class ServeConfigTest {
  @TempDir Path dir;

  private Path yaml(String text) throws Exception {
    Path f = dir.resolve("serve.yaml");
    Files.writeString(f, text);
    return f;
  }

  private DataFormatException error(String text) throws Exception {
    Path f = yaml(text);
    try {
      ServeConfig.read(f);
    } catch (DataFormatException e) {
      return e;
    }
    throw new AssertionError("accepted: " + text);
  }

  @Test
  void readsEveryField() throws Exception {
    ServeConfig c = ServeConfig.read(yaml("""
        server:
          host: 0.0.0.0
          port: 9000
          max_in_flight: 64
          threads: 16
          max_queued: 2000
          max_queue_wait_ms: 20
          max_body_bytes: 65536
        reload_seconds: 5
        log:
          enabled: true
          dir: /var/log/vigil
          queue_capacity: 1000
          segment_rows: 5000
          segment_age_seconds: 60
          segment_mb: 16
        models:
          - name: nodules
            primary: champion
            fallbacks: [backup, 1]
            deadline_ms: 200
            default_answer: [0.9, 0.1]
            circuit_breaker: {failures: 3, open_seconds: 10}
            shadow: challenger
            canary:
              model: 4
              share: 0.25
              key_header: X-User
              gates: {min_calls: 10, promote_calls: 50, max_error_rate: 0.02, max_p99_ms: 30,
                      max_disagreement: 0.1, min_score_drift_p_value: 0.005, score_drift_window: 2000,
                      max_mean_score_difference: 0.2}
          - name: other
        """));
    assertThat(c.server()).isEqualTo(new ServeConfig.Server("0.0.0.0", 9000, 64, 16, 2000, Duration.ofMillis(20), Duration.ofMillis(5), 65536));
    assertThat(c.reloadSeconds()).isEqualTo(5);
    assertThat(c.log()).isEqualTo(new ServeConfig.Log(true, Path.of("/var/log/vigil"), 1000, 5000, Duration.ofSeconds(60), 16));
    ServeConfig.Model m = c.models().get(0);
    assertThat(m.primary()).isEqualTo(ServeConfig.Ref.alias("champion"));
    assertThat(m.fallbacks()).containsExactly(ServeConfig.Ref.alias("backup"), new ServeConfig.Ref(null, 1L));
    assertThat(m.deadline()).isEqualTo(Duration.ofMillis(200));
    assertThat(m.defaultAnswer()).containsExactly(0.9, 0.1);
    assertThat(m.breaker()).isEqualTo(new ServeConfig.Breaker(3, Duration.ofSeconds(10)));
    assertThat(m.shadow()).isEqualTo(ServeConfig.Ref.alias("challenger"));
    assertThat(m.canary()).isEqualTo(new ServeConfig.Canary(new ServeConfig.Ref(null, 4L), 0.25, "X-User",
        new ServeConfig.Gates(10, 50, 0.02, Duration.ofMillis(30), 0.1, 0.005, 2000, 0.2)));
    ServeConfig.Model other = c.models().get(1);
    assertThat(other).usingRecursiveComparison().isEqualTo(ServeConfig.defaultModel("other"));
    assertThat(other.fallbacks()).isEqualTo(List.of(ServeConfig.Ref.alias("backup")));
  }

  @Test
  void canaryGatesDefaultToTheDriftTestWithTheMeanDifferenceGateOff() throws Exception {
    ServeConfig c = ServeConfig.read(yaml("models:\n  - name: a\n    canary: {model: 2, share: 0.1}\n"));
    ServeConfig.Gates g = c.models().get(0).canary().gates();
    assertThat(g).isEqualTo(ServeConfig.defaultGates());
    assertThat(g.minScoreDriftPValue()).isEqualTo(0.001);
    assertThat(g.scoreDriftWindow()).isEqualTo(1000);
    assertThat(g.maxMeanScoreDifference()).isInfinite();
    DataFormatException e = error("models:\n  - name: a\n    canary:\n      model: b\n      share: 0.1\n"
        + "      gates: {score_drift_window: 0}\n");
    assertThat(e.column()).contains("models[0].canary.gates.score_drift_window");
    assertThat(e.line()).isEqualTo(6);
    e = error("models:\n  - name: a\n    canary:\n      model: b\n      share: 0.1\n"
        + "      gates: {min_score_drift_p_value: 2}\n");
    assertThat(e.column()).contains("models[0].canary.gates.min_score_drift_p_value");
    assertThat(e.getMessage()).contains("expected a number in [0, 1]");
  }

  @Test
  void defaultAnswerIsCheckedAgainstTheModelsOutputs() {
    dev.vigil.serving.Signature sig = new dev.vigil.serving.Signature(List.of(), dev.vigil.serving.Signature.OutputKind.PROBABILITIES,
        List.of("benign", "malignant"));
    Path file = dir.resolve("serve.yaml");
    ServeConfig.checkDefaultAnswer(null, sig, file, "models[0].default_answer", "nodules", 3);
    ServeConfig.checkDefaultAnswer(new double[] {0.9, 0.1}, sig, file, "models[0].default_answer", "nodules", 3);
    assertThatThrownBy(() -> ServeConfig.checkDefaultAnswer(new double[] {1}, sig, file, "models[2].default_answer", "nodules", 3))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("models[2].default_answer")
        .hasMessageContaining("expected 2 values, one per output of model nodules version 3 [benign, malignant]")
        .hasMessageContaining("1 value");
    assertThatThrownBy(() -> ServeConfig.checkDefaultAnswer(new double[] {1.5, -0.5}, sig, null, "models[0].default_answer",
        "nodules", 3))
        .isInstanceOf(dev.vigil.InvalidArgumentException.class)
        .hasMessageStartingWith("--default-answer: expected an answer model nodules version 3 could give")
        .hasMessageContaining("is not a probability");
  }

  @Test
  void theReadmeExampleIsValid() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int section = readme.indexOf("### `vigil serve`");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String example = readme.substring(start, readme.indexOf("```", start));
    ServeConfig c = ServeConfig.read(yaml(example));
    assertThat(c.models()).extracting(ServeConfig.Model::name).containsExactly("nodules", "churn");
    assertThat(c.models().get(0).canary().gates().maxP99()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.models().get(0).fallbacks()).containsExactly(ServeConfig.Ref.alias("backup"), new ServeConfig.Ref(null, 3L));
  }

  @Test
  void refusesAnUnknownFieldNamingItsPathAndLine() throws Exception {
    DataFormatException e = error("""
        models:
          - name: nodules
            canary:
              model: challenger
              share: 0.1
              gates:
                max_latency_ms: 20
        """);
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.column()).contains("models[0].canary.gates.max_latency_ms");
    assertThat(e.getMessage()).contains("serve.yaml").contains("unknown field").contains("max_p99_ms");
  }

  @Test
  void refusesAShareOutOfRange() throws Exception {
    DataFormatException e = error("models:\n  - name: a\n    canary: {model: b, share: 1.5}\n");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).contains("models[0].canary.share");
    assertThat(e.getMessage()).contains("expected a share in [0, 1]").contains("1.5");
  }

  @Test
  void deadlineZeroMeansNone() throws Exception {
    assertThat(ServeConfig.read(yaml("models:\n  - name: a\n    deadline_ms: 0\n")).models().get(0).deadline()).isNull();
  }

  @Test
  void refusesWrongTypes() throws Exception {
    assertThat(error("server:\n  port: eighty\nmodels: [{name: a}]\n").column()).contains("server.port");
    assertThat(error("server:\n  port: 70000\nmodels: [{name: a}]\n").getMessage()).contains("an integer in [0, 65535]");
    assertThat(error("log: {enabled: yes please}\nmodels: [{name: a}]\n").column()).contains("log.enabled");
    assertThat(error("log: {segment_mb: 0}\nmodels: [{name: a}]\n").column()).contains("log.segment_mb");
    assertThat(error("models:\n  - name: a\n    default_answer: [0.9, x]\n").column()).contains("models[0].default_answer[1]");
    assertThat(error("models:\n  - name: a\n    deadline_ms: -1\n").column()).contains("models[0].deadline_ms");
    assertThat(error("models:\n  - name: a\n    shadow: 0\n").getMessage()).contains("an alias").contains("version number >= 1");
    assertThat(error("models:\n  - name: a\n    fallbacks: backup\n").column()).contains("models[0].fallbacks");
    assertThat(error("models:\n  - name: a\n    canary: {model: b, share: 0.1, key_header: \"not a header\"}\n").column())
        .contains("models[0].canary.key_header");
  }

  @Test
  void refusesMissingOrRepeatedRequiredFields() throws Exception {
    assertThat(error("server: {port: 1}\n").column()).contains("models");
    assertThat(error("models: []\n").getMessage()).contains("at least one model");
    assertThat(error("models:\n  - primary: champion\n").column()).contains("models[0].name");
    assertThat(error("models:\n  - name: a\n    canary: {share: 0.1}\n").column()).contains("models[0].canary.model");
    DataFormatException twice = error("models:\n  - name: a\n  - name: a\n");
    assertThat(twice.line()).isEqualTo(3);
    assertThat(twice.getMessage()).contains("listed twice");
    assertThat(error("models:\n  - name: a\n    name: b\n").getMessage()).contains("given twice");
    DataFormatException gates = error("models:\n  - name: a\n    canary:\n      model: b\n      share: 0.1\n"
        + "      gates: {min_calls: 100, promote_calls: 10}\n");
    assertThat(gates.column()).contains("models[0].canary.gates.promote_calls");
  }

  @Test
  void reportsYamlSyntaxErrorsWithTheLine() throws Exception {
    DataFormatException e = error("models:\n  - name: a\n    shadow: [unclosed\n");
    assertThat(e.line()).isGreaterThanOrEqualTo(3);
    assertThat(e.getMessage()).contains("valid YAML");
    assertThat(error("").getMessage()).contains("empty file");
    assertThat(error("- just\n- a list\n").getMessage()).contains("a mapping");
  }

  @Test
  void commandLineFlagsOverrideTheFile() throws Exception {
    Path f = yaml("server: {port: 9000, threads: 8}\nlog: {enabled: true}\nmodels:\n  - name: a\n    deadline_ms: 200\n");
    CliRunner.Result bad = CliRunner.run("serve", "--config", f.toString(), "--port", "99999", "--home", dir.resolve("h").toString());
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--port must be in [0, 65535]: 99999");
    ServeCommand cmd = new ServeCommand();
    new picocli.CommandLine(cmd).parseArgs("--config", f.toString(), "--port", "0", "--deadline-ms", "50", "--no-log",
        "--model", "b", "--shadow", "challenger");
    ServeConfig c = cmd.effectiveConfig();
    assertThat(c.server().port()).isZero();
    assertThat(c.server().threads()).as("from the file").isEqualTo(8);
    assertThat(c.log().enabled()).isFalse();
    assertThat(c.models()).extracting(ServeConfig.Model::name).containsExactly("a", "b");
    assertThat(c.models()).allSatisfy(m -> {
      assertThat(m.deadline()).isEqualTo(Duration.ofMillis(50));
      assertThat(m.shadow()).isEqualTo(ServeConfig.Ref.alias("challenger"));
    });
    ServeCommand plain = new ServeCommand();
    new picocli.CommandLine(plain).parseArgs("--config", f.toString());
    assertThat(plain.effectiveConfig().models().get(0).deadline()).isEqualTo(Duration.ofMillis(200));
    assertThat(plain.effectiveConfig().server().port()).isEqualTo(9000);
    assertThat(plain.effectiveConfig().log().segmentMb()).as("the documented default").isEqualTo(64);
    ServeCommand sized = new ServeCommand();
    new picocli.CommandLine(sized).parseArgs("--config", f.toString(), "--log-segment-mb", "8");
    assertThat(sized.effectiveConfig().log().segmentMb()).isEqualTo(8);
    CliRunner.Result tiny = CliRunner.run("serve", "--config", f.toString(), "--log-segment-mb", "0", "--home", dir.resolve("h").toString());
    assertThat(tiny.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(tiny.err()).contains("--log-segment-mb must be in [1, 65536]: 0");
    CliRunner.Result missing = CliRunner.run("serve", "--home", dir.resolve("h").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("--model NAME or --config serve.yaml");
    CliRunner.Result unknown = CliRunner.run("serve", "--config", yaml("models: [{name: a, colour: red}]\n").toString(),
        "--home", dir.resolve("h").toString());
    assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknown.err()).contains("line 1").contains("models[0].colour").contains("unknown field");
  }
}
