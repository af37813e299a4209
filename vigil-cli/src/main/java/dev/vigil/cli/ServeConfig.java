package dev.vigil.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.DataFormatException;
import dev.vigil.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code vigil serve --config serve.yaml} file, read with Jackson's YAML parser (SnakeYAML
 * underneath, both Apache-2.0) and validated field by field: an unknown field, a wrong type or a value
 * out of range is refused with the file, the line and the field's path (e.g.
 * {@code models[0].canary.share}). Layout (every field optional unless marked):
 *
 * <pre>
 * server:   {host, port, max_in_flight, threads, max_queued, max_queue_wait_ms, queue_wait_target_ms,
 *            max_body_bytes}
 * reload_seconds: 10
 * log:      {enabled, dir, queue_capacity, segment_rows, segment_age_seconds, segment_mb}
 * models:   (required, at least one)
 *   - name: NAME                      (required)
 *     primary: champion               alias (string) or version (integer); default champion
 *     fallbacks: [backup]             aliases or versions, tried in order; default [backup]
 *     deadline_ms: 1000               0 = none (the model runs on the request's thread)
 *     default_answer: [0.9, 0.1]
 *     circuit_breaker: {failures: 5, open_seconds: 30}
 *     shadow: challenger              alias or version
 *     canary:
 *       model: challenger             (required) alias or version
 *       share: 0.1                    (required) in [0, 1]
 *       key_header: X-Vigil-Key       request header that keeps a caller on one side
 *       gates: {min_calls, promote_calls, max_error_rate, max_p99_ms, max_disagreement,
 *               min_score_drift_p_value, score_drift_window, max_mean_score_difference}
 * </pre>
 */
record ServeConfig(Server server, int reloadSeconds, Log log, List<Model> models) {

  /** HTTP settings. */
  record Server(String host, int port, int maxInFlight, int threads, int maxQueued, Duration maxQueueWait,
      Duration queueWaitTarget, long maxBodyBytes) {}

  /**
   * Prediction log settings; {@code dir} null means {@code <home>/predictions}; a segment closes at
   * {@code segmentRows} rows, {@code segmentAge}, or about {@code segmentMb} MiB of appended data.
   */
  record Log(boolean enabled, Path dir, int queueCapacity, int segmentRows, Duration segmentAge, int segmentMb) {}

  /** A version by alias or by number. */
  record Ref(String alias, Long version) {
    static Ref alias(String a) {
      return new Ref(a, null);
    }

    @Override
    public String toString() {
      return alias != null ? "@" + alias : "v" + version;
    }
  }

  record Breaker(int failures, Duration openFor) {}

  /**
   * The canary's gates ({@link dev.vigil.serving.CanaryGates}); {@code maxMeanScoreDifference} is
   * infinite (off) unless set.
   */
  record Gates(int minCalls, int promoteCalls, double maxErrorRate, Duration maxP99, double maxDisagreement,
      double minScoreDriftPValue, int scoreDriftWindow, double maxMeanScoreDifference) {
    dev.vigil.serving.CanaryGates toCanaryGates() {
      return new dev.vigil.serving.CanaryGates(minCalls, promoteCalls, maxErrorRate, maxP99, maxDisagreement,
          minScoreDriftPValue, scoreDriftWindow, maxMeanScoreDifference);
    }
  }

  /** The gates a canary gets for every field its {@code gates} leave out. */
  static Gates defaultGates() {
    return new Gates(100, 1000, 0.01, Duration.ofMillis(100), 0.05, 0.001, 1000, Double.POSITIVE_INFINITY);
  }

  /**
   * Refuses a default answer that the primary could not give: a length other than its output count,
   * or values its signature rejects (a probability outside [0, 1], probabilities not summing to 1).
   *
   * @param answer the default answer, or null (nothing to check)
   * @param source where it was given: the serve.yaml file, or null for the {@code --default-answer} flag
   * @param field the field's path in the file, e.g. {@code models[0].default_answer}
   * @throws DataFormatException naming the file and field when {@code source} is a file
   * @throws dev.vigil.InvalidArgumentException naming the flag otherwise
   */
  static void checkDefaultAnswer(double[] answer, dev.vigil.serving.Signature signature, Path source, String field,
      String model, long version) {
    if (answer == null) {
      return;
    }
    List<String> outputs = signature.outputNames();
    String problem = null;
    String expected;
    if (answer.length != outputs.size()) {
      expected = String.format(Locale.ROOT, "%d values, one per output of model %s version %d %s", outputs.size(), model,
          version, outputs);
      problem = answer.length + (answer.length == 1 ? " value" : " values");
    } else {
      expected = String.format(Locale.ROOT, "an answer model %s version %d could give (%s outputs %s)", model, version,
          signature.kind().name().toLowerCase(Locale.ROOT), outputs);
      String invalid = signature.invalidOutput(dev.vigil.serving.Predictions.of(1, answer.length, answer.clone()), 1);
      if (invalid != null) {
        problem = java.util.Arrays.toString(answer) + ": " + invalid.replace("row 0 ", "");
      }
    }
    if (problem == null) {
      return;
    }
    if (source == null) {
      throw new dev.vigil.InvalidArgumentException("--default-answer: expected " + expected + ", found " + problem);
    }
    throw DataFormatException.in(source.toString()).column(field).expected(expected).found(problem).build();
  }

  record Canary(Ref model, double share, String keyHeader, Gates gates) {}

  record Model(String name, Ref primary, List<Ref> fallbacks, Duration deadline, double[] defaultAnswer,
      Breaker breaker, Ref shadow, Canary canary) {}

  static final int DEFAULT_RELOAD_SECONDS = 10;

  static Server defaultServer() {
    return new Server("127.0.0.1", 8080, 256, 32, 4096, Duration.ofMillis(50), Duration.ofMillis(5), 10L << 20);
  }

  static Log defaultLog() {
    return new Log(true, null, 65_536, 100_000, Duration.ofMinutes(5),
        (int) (dev.vigil.io.log.PredictionLogOptions.DEFAULT_SEGMENT_BYTES >> 20));
  }

  /** A model served with the defaults: champion, falling back to backup. */
  static Model defaultModel(String name) {
    return new Model(name, Ref.alias("champion"), List.of(Ref.alias("backup")), Duration.ofMillis(1000), null,
        new Breaker(5, Duration.ofSeconds(30)), null, null);
  }

  /**
   * Reads and validates {@code file}.
   *
   * @throws DataFormatException naming the file, line and field of the first problem
   * @throws StoreException when the file cannot be read
   */
  static ServeConfig read(Path file) {
    Node root;
    try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw DataFormatException.in(file.toString()).line(1).expected("a YAML mapping with a models list").found("an empty file").build();
      }
      root = Node.parse(p, file.toString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw DataFormatException.in(file.toString()).line(line).expected("valid YAML").detail(e.getOriginalMessage()).build(e);
    } catch (IOException e) {
      throw new StoreException(file + ": cannot read: " + e.getMessage(), e);
    }
    return new Reader(file.toString()).config(root);
  }

  /** A parsed YAML node with the line it starts on. */
  private record Node(Object value, long line, String scalarKind) {
    static Node parse(JsonParser p, String file) throws IOException {
      JsonLocation at = p.currentTokenLocation();
      long line = at == null ? -1 : at.getLineNr();
      JsonToken t = p.currentToken();
      switch (t) {
        case START_OBJECT -> {
          Map<String, Node> m = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            long kl = p.currentTokenLocation().getLineNr();
            p.nextToken();
            Node v = parse(p, file);
            if (m.containsKey(k)) {
              throw DataFormatException.in(file).line(kl).column(k)
                  .detail("the field is given twice").build();
            }
            m.put(k, new Node(v.value, kl, v.scalarKind));
          }
          return new Node(m, line, null);
        }
        case START_ARRAY -> {
          List<Node> l = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            l.add(parse(p, file));
          }
          return new Node(l, line, null);
        }
        case VALUE_NUMBER_INT -> {
          return new Node(p.getNumberValue(), line, "integer");
        }
        case VALUE_NUMBER_FLOAT -> {
          return new Node(p.getDoubleValue(), line, "number");
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          return new Node(t == JsonToken.VALUE_TRUE, line, "boolean");
        }
        case VALUE_NULL -> {
          return new Node(null, line, "null");
        }
        default -> {
          return new Node(p.getText(), line, "string");
        }
      }
    }

    String describe() {
      if (value instanceof Map) {
        return "a mapping";
      }
      if (value instanceof List) {
        return "a list";
      }
      return scalarKind + (value == null ? "" : " " + value);
    }
  }

  /** Turns the node tree into a config, failing on the first bad field. */
  private static final class Reader {
    private final String file;

    Reader(String file) {
      this.file = file;
    }

    private DataFormatException bad(Node n, String path, String expected) {
      return DataFormatException.in(file).line(n.line).column(path).expected(expected).found(n.describe()).build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Node> map(Node n, String path, Set<String> allowed) {
      if (!(n.value instanceof Map)) {
        throw bad(n, path.isEmpty() ? "$" : path, "a mapping");
      }
      Map<String, Node> m = (Map<String, Node>) n.value;
      for (Map.Entry<String, Node> e : m.entrySet()) {
        if (!allowed.contains(e.getKey())) {
          throw DataFormatException.in(file).line(e.getValue().line).column(join(path, e.getKey()))
              .detail("unknown field; expected one of %s", new java.util.TreeSet<>(allowed)).build();
        }
      }
      return m;
    }

    private static String join(String path, String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    ServeConfig config(Node root) {
      Map<String, Node> m = map(root, "", Set.of("server", "reload_seconds", "log", "models"));
      Server s = m.containsKey("server") ? server(m.get("server")) : defaultServer();
      int reload = m.containsKey("reload_seconds") ? intIn(m.get("reload_seconds"), "reload_seconds", 1, 86_400)
          : DEFAULT_RELOAD_SECONDS;
      Log log = m.containsKey("log") ? log(m.get("log")) : defaultLog();
      Node ms = m.get("models");
      if (ms == null) {
        throw DataFormatException.in(file).line(root.line).column("models").expected("a list of at least one model")
            .detail("the field is missing").build();
      }
      if (!(ms.value instanceof List<?> l) || l.isEmpty()) {
        throw bad(ms, "models", "a list of at least one model");
      }
      List<Model> models = new ArrayList<>();
      Set<String> names = new java.util.HashSet<>();
      for (int i = 0; i < l.size(); i++) {
        Model model = model((Node) l.get(i), "models[" + i + "]");
        if (!names.add(model.name())) {
          throw DataFormatException.in(file).line(((Node) l.get(i)).line).column("models[" + i + "].name")
              .detail("model \"%s\" is listed twice", model.name()).build();
        }
        models.add(model);
      }
      return new ServeConfig(s, reload, log, List.copyOf(models));
    }

    private Server server(Node n) {
      Map<String, Node> m = map(n, "server",
          Set.of("host", "port", "max_in_flight", "threads", "max_queued", "max_queue_wait_ms", "queue_wait_target_ms",
              "max_body_bytes"));
      Server d = defaultServer();
      return new Server(
          m.containsKey("host") ? string(m.get("host"), "server.host") : d.host(),
          m.containsKey("port") ? intIn(m.get("port"), "server.port", 0, 65_535) : d.port(),
          m.containsKey("max_in_flight") ? intIn(m.get("max_in_flight"), "server.max_in_flight", 1, 1_000_000) : d.maxInFlight(),
          m.containsKey("threads") ? intIn(m.get("threads"), "server.threads", 4, 1024) : d.threads(),
          m.containsKey("max_queued") ? intIn(m.get("max_queued"), "server.max_queued", 1, 1_000_000) : d.maxQueued(),
          m.containsKey("max_queue_wait_ms") ? Duration.ofMillis(intIn(m.get("max_queue_wait_ms"), "server.max_queue_wait_ms", 0, 600_000))
              : d.maxQueueWait(),
          m.containsKey("queue_wait_target_ms")
              ? Duration.ofMillis(intIn(m.get("queue_wait_target_ms"), "server.queue_wait_target_ms", 1, 600_000))
              : d.queueWaitTarget(),
          m.containsKey("max_body_bytes") ? longIn(m.get("max_body_bytes"), "server.max_body_bytes", 1024, 1L << 31)
              : d.maxBodyBytes());
    }

    private Log log(Node n) {
      Map<String, Node> m = map(n, "log", Set.of("enabled", "dir", "queue_capacity", "segment_rows", "segment_age_seconds",
          "segment_mb"));
      Log d = defaultLog();
      return new Log(
          m.containsKey("enabled") ? bool(m.get("enabled"), "log.enabled") : d.enabled(),
          m.containsKey("dir") ? Path.of(string(m.get("dir"), "log.dir")) : null,
          m.containsKey("queue_capacity") ? intIn(m.get("queue_capacity"), "log.queue_capacity", 1, 100_000_000) : d.queueCapacity(),
          m.containsKey("segment_rows") ? intIn(m.get("segment_rows"), "log.segment_rows", 1, 100_000_000) : d.segmentRows(),
          m.containsKey("segment_age_seconds")
              ? Duration.ofSeconds(intIn(m.get("segment_age_seconds"), "log.segment_age_seconds", 1, 86_400 * 7)) : d.segmentAge(),
          m.containsKey("segment_mb") ? intIn(m.get("segment_mb"), "log.segment_mb", 1, 65_536) : d.segmentMb());
    }

    private Model model(Node n, String path) {
      Map<String, Node> m = map(n, path, Set.of("name", "primary", "fallbacks", "deadline_ms", "default_answer",
          "circuit_breaker", "shadow", "canary"));
      if (!m.containsKey("name")) {
        throw DataFormatException.in(file).line(n.line).column(path + ".name").expected("the registered model's name")
            .detail("the field is missing").build();
      }
      Model d = defaultModel(string(m.get("name"), path + ".name"));
      List<Ref> fallbacks = d.fallbacks();
      if (m.containsKey("fallbacks")) {
        Node f = m.get("fallbacks");
        if (!(f.value instanceof List<?> l)) {
          throw bad(f, path + ".fallbacks", "a list of aliases or versions");
        }
        fallbacks = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
          fallbacks.add(ref((Node) l.get(i), path + ".fallbacks[" + i + "]"));
        }
      }
      double[] answer = null;
      if (m.containsKey("default_answer")) {
        Node a = m.get("default_answer");
        if (!(a.value instanceof List<?> l) || l.isEmpty()) {
          throw bad(a, path + ".default_answer", "a non-empty list of numbers, one per model output");
        }
        answer = new double[l.size()];
        for (int i = 0; i < l.size(); i++) {
          answer[i] = number((Node) l.get(i), path + ".default_answer[" + i + "]");
        }
      }
      Breaker breaker = d.breaker();
      if (m.containsKey("circuit_breaker")) {
        String bp = path + ".circuit_breaker";
        Map<String, Node> b = map(m.get("circuit_breaker"), bp, Set.of("failures", "open_seconds"));
        breaker = new Breaker(
            b.containsKey("failures") ? intIn(b.get("failures"), bp + ".failures", 1, 1_000_000) : breaker.failures(),
            b.containsKey("open_seconds") ? Duration.ofSeconds(intIn(b.get("open_seconds"), bp + ".open_seconds", 1, 86_400))
                : breaker.openFor());
      }
      return new Model(d.name(),
          m.containsKey("primary") ? ref(m.get("primary"), path + ".primary") : d.primary(),
          List.copyOf(fallbacks),
          m.containsKey("deadline_ms") ? deadline(intIn(m.get("deadline_ms"), path + ".deadline_ms", 0, 600_000)) : d.deadline(),
          answer, breaker,
          m.containsKey("shadow") ? ref(m.get("shadow"), path + ".shadow") : null,
          m.containsKey("canary") ? canary(m.get("canary"), path + ".canary") : null);
    }

    private Canary canary(Node n, String path) {
      Map<String, Node> m = map(n, path, Set.of("model", "share", "key_header", "gates"));
      for (String required : List.of("model", "share")) {
        if (!m.containsKey(required)) {
          throw DataFormatException.in(file).line(n.line).column(path + "." + required)
              .expected(required.equals("model") ? "an alias or version" : "a share in [0, 1]").detail("the field is missing").build();
        }
      }
      double share = number(m.get("share"), path + ".share");
      if (!(share >= 0 && share <= 1)) {
        throw bad(m.get("share"), path + ".share", "a share in [0, 1]");
      }
      String key = m.containsKey("key_header") ? string(m.get("key_header"), path + ".key_header") : "X-Vigil-Key";
      if (!key.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
        throw bad(m.get("key_header"), path + ".key_header", "an HTTP header name");
      }
      Gates g = defaultGates();
      if (m.containsKey("gates")) {
        String gp = path + ".gates";
        Map<String, Node> gm = map(m.get("gates"), gp, Set.of("min_calls", "promote_calls", "max_error_rate", "max_p99_ms",
            "max_disagreement", "min_score_drift_p_value", "score_drift_window", "max_mean_score_difference"));
        int min = gm.containsKey("min_calls") ? intIn(gm.get("min_calls"), gp + ".min_calls", 1, Integer.MAX_VALUE) : g.minCalls();
        int promote = gm.containsKey("promote_calls") ? intIn(gm.get("promote_calls"), gp + ".promote_calls", 1, Integer.MAX_VALUE)
            : Math.max(min, g.promoteCalls());
        if (promote < min) {
          throw bad(gm.get("promote_calls") != null ? gm.get("promote_calls") : gm.get("min_calls"), gp + ".promote_calls",
              "promote_calls >= min_calls (" + min + ")");
        }
        g = new Gates(min, promote,
            gm.containsKey("max_error_rate") ? unit(gm.get("max_error_rate"), gp + ".max_error_rate") : g.maxErrorRate(),
            gm.containsKey("max_p99_ms") ? Duration.ofMillis(intIn(gm.get("max_p99_ms"), gp + ".max_p99_ms", 0, 600_000)) : g.maxP99(),
            gm.containsKey("max_disagreement") ? unit(gm.get("max_disagreement"), gp + ".max_disagreement") : g.maxDisagreement(),
            gm.containsKey("min_score_drift_p_value")
                ? unit(gm.get("min_score_drift_p_value"), gp + ".min_score_drift_p_value") : g.minScoreDriftPValue(),
            gm.containsKey("score_drift_window")
                ? intIn(gm.get("score_drift_window"), gp + ".score_drift_window", 1, dev.vigil.serving.CanaryGates.MAX_SCORE_DRIFT_WINDOW)
                : g.scoreDriftWindow(),
            gm.containsKey("max_mean_score_difference")
                ? nonNegative(gm.get("max_mean_score_difference"), gp + ".max_mean_score_difference") : g.maxMeanScoreDifference());
      }
      return new Canary(ref(m.get("model"), path + ".model"), share, key, g);
    }

    private Ref ref(Node n, String path) {
      if ("integer".equals(n.scalarKind) && ((Number) n.value).longValue() >= 1) {
        return new Ref(null, ((Number) n.value).longValue());
      }
      if ("string".equals(n.scalarKind) && ((String) n.value).matches("[A-Za-z][A-Za-z0-9_.-]*")) {
        return Ref.alias((String) n.value);
      }
      throw bad(n, path, "an alias (a name such as champion) or a version number >= 1");
    }

    private String string(Node n, String path) {
      if (!"string".equals(n.scalarKind) || ((String) n.value).isBlank()) {
        throw bad(n, path, "a non-empty string");
      }
      return (String) n.value;
    }

    private boolean bool(Node n, String path) {
      if (!"boolean".equals(n.scalarKind)) {
        throw bad(n, path, "true or false");
      }
      return (Boolean) n.value;
    }

    private long longIn(Node n, String path, long min, long max) {
      String expected = String.format(Locale.ROOT, "an integer in [%d, %d]", min, max);
      if (!"integer".equals(n.scalarKind)) {
        throw bad(n, path, expected);
      }
      Number v = (Number) n.value;
      if (v instanceof java.math.BigInteger || v.longValue() < min || v.longValue() > max) {
        throw bad(n, path, expected);
      }
      return v.longValue();
    }

    /** A per-call deadline of {@code ms} milliseconds; 0 is none (null). */
    private static Duration deadline(int ms) {
      return ms == 0 ? null : Duration.ofMillis(ms);
    }

    private int intIn(Node n, String path, int min, int max) {
      return (int) longIn(n, path, min, max);
    }

    private double number(Node n, String path) {
      if (!("integer".equals(n.scalarKind) || "number".equals(n.scalarKind)) || !Double.isFinite(((Number) n.value).doubleValue())) {
        throw bad(n, path, "a finite number");
      }
      return ((Number) n.value).doubleValue();
    }

    private double unit(Node n, String path) {
      double v = number(n, path);
      if (!(v >= 0 && v <= 1)) {
        throw bad(n, path, "a number in [0, 1]");
      }
      return v;
    }

    private double nonNegative(Node n, String path) {
      double v = number(n, path);
      if (v < 0) {
        throw bad(n, path, "a number >= 0");
      }
      return v;
    }
  }
}
