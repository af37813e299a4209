package dev.vigil.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.StoreException;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.io.DataFormat;
import dev.vigil.io.Tables;
import dev.vigil.pipeline.FeaturePipeline;
import dev.vigil.pipeline.PipelineSpec;
import dev.vigil.provenance.Digests;
import dev.vigil.provenance.Provenance;
import dev.vigil.registry.ModelVersion;
import dev.vigil.registry.Registration;
import dev.vigil.registry.Signature;
import dev.vigil.store.ArtifactRef;
import dev.vigil.store.Store;
import dev.vigil.tracking.Metric;
import dev.vigil.tracking.Run;
import dev.vigil.tracking.RunInput;
import dev.vigil.tracking.RunStatus;
import dev.vigil.tracking.Tracking;
import dev.vigil.tracking.TrackingLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A whole training: stratified hold-out split, pipeline fit on the training rows, model training,
 * evaluation on the held-out rows, a tracked run and, when asked, a registered version carrying the
 * pipeline, signature, golden examples, data digest and profile.
 *
 * <p>The run records parameters (the spec and trainer hyper-parameters), metrics (see
 * {@link TrainingResult}), tags {@code vigil.version}, {@code java.version}, {@code os},
 * {@code git.commit} and {@code git.dirty} (when the working directory is a git checkout), and the input
 * digest. By tracking level: {@code minimal} stops there; {@code standard} also stores the data profile
 * (a {@link dev.vigil.profile.TableProfile} in its JSON form, as {@code vigil profile --save
 * x.profile.json} writes it: readable metrics and each column's mergeable state) with the run and the
 * registered version, and the fitted pipeline as run artifacts; {@code full} also stores the whole input table as a Parquet snapshot.
 * A failure marks the run FAILED and rethrows.
 */
public final class TrainingJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrainingJob() {}

  public static TrainingResult run(Table data, TrainingSpec spec, Store store, Path workingDir) {
    if (!data.hasColumn(spec.label())) {
      throw new SchemaMismatchException("label column '" + spec.label() + "' is not in the data; columns: " + data.columnNames());
    }
    Clock clock = store.clock();
    Tracking t = store.tracking();
    long exp = t.experiment(spec.experiment()).id();
    Run run = t.startRun(exp, spec.model() + " on " + spec.dataName(), spec.user(), spec.level());
    try {
      TrainingResult r = train(data, spec, store, workingDir, run.runId(), clock);
      t.endRun(run.runId(), RunStatus.FINISHED);
      return r;
    } catch (RuntimeException e) {
      t.endRun(run.runId(), RunStatus.FAILED);
      throw e;
    }
  }

  private static TrainingResult train(Table data, TrainingSpec spec, Store store, Path workingDir, String runId, Clock clock) {
    Column labelCol = data.column(spec.label());
    String[] labels = new String[data.rowCount()];
    for (int i = 0; i < labels.length; i++) {
      if (labelCol.isMissing(i)) {
        throw new InvalidArgumentException("label column '" + spec.label() + "' is missing at row " + (i + 1) + "; drop or fill those rows first");
      }
      labels[i] = String.valueOf(labelCol.getObject(i));
    }
    int[][] split = stratifiedSplit(labels, spec.testFraction(), spec.seed());
    Table x = data.drop(spec.label());
    Table trainX = x.select(split[0]);
    Table testX = x.select(split[1]);
    String[] trainY = pick(labels, split[0]);
    String[] testY = pick(labels, split[1]);
    PipelineSpec ps = spec.pipeline().orElseGet(() -> PipelineSpec.auto(x.schema(), List.of()));
    FeaturePipeline pipeline = FeaturePipeline.fit(ps, trainX);
    TrainedModel m = Trainers.train(spec.model(), pipeline.transform(trainX), trainY, spec.classWeights(), spec.loss(), spec.seed(), clock);
    // The trained predictor may hold native memory (XGBoost): closed once the run is recorded.
    try (dev.vigil.serving.Predictor model = m.predictor()) {
      return record(data, spec, store, workingDir, runId, clock, x, split, testX, testY, pipeline, m,
          ModelRuntimes.score(model, pipeline.transform(testX)));
    }
  }

  private static TrainingResult record(Table data, TrainingSpec spec, Store store, Path workingDir, String runId, Clock clock,
      Table x, int[][] split, Table testX, String[] testY, FeaturePipeline pipeline, TrainedModel m, Table scored) {
    Tracking t = store.tracking();
    Map<String, Double> metrics = evaluate(scored, testY, m.predictor().signature().outputNames());

    String digest = Digests.of(data);
    Provenance prov = Provenance.builder("training_run", clock).input("data", digest).seed(spec.seed()).build();
    Map<String, String> params = new LinkedHashMap<>(m.params());
    params.put("label", spec.label());
    params.put("test_fraction", Double.toString(spec.testFraction()));
    params.put("pipeline", spec.pipeline().isPresent() ? "declared" : "auto");
    params.put("features", Integer.toString(pipeline.outputNames().size()));
    t.logParams(runId, params);
    List<Metric> ms = new ArrayList<>();
    metrics.forEach((k, v) -> ms.add(new Metric(k, v, 0, clock.instant())));
    t.logMetrics(runId, ms);
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("vigil.version", prov.vigilVersion());
    tags.put("java.version", prov.javaVersion());
    tags.put("os", prov.os());
    tags.put("data.name", spec.dataName());
    gitVersion(workingDir).forEach(tags::put);
    t.setTags(runId, tags);
    byte[] pipelineJson = json(pipeline.toMap());
    byte[] profileJson = null;
    Optional<String> profileDigest = Optional.empty();
    if (spec.level() != TrackingLevel.MINIMAL) {
      // The same mergeable profile as `vigil profile` writes (readable metrics and each column's
      // state), so that `vigil skew --model` can compare the version's serving log with it.
      profileJson = json(dev.vigil.profile.Profiler.create().profile(data).toMap());
      ArtifactRef pr = store.artifacts().put(profileJson);
      profileDigest = Optional.of(pr.digest());
      t.logArtifact(runId, "profile.json", pr);
      t.logArtifact(runId, "pipeline.json", store.artifacts().put(pipelineJson));
    }
    if (spec.level() == TrackingLevel.FULL) {
      t.logArtifact(runId, "data.parquet", snapshot(data, store));
    }
    t.logInput(runId, new RunInput("train", digest, profileDigest));
    t.logArtifact(runId, "model." + m.flavour(), store.artifacts().put(m.artifact()));

    Optional<ModelVersion> version = Optional.empty();
    if (spec.registerAs().isPresent()) {
      int g = Math.min(spec.goldenRows(), testX.rowCount());
      int[] rows = new int[g];
      for (int i = 0; i < g; i++) {
        rows[i] = i;
      }
      Table goldenIn = testX.select(rows).project(pipeline.inputNames());
      Table goldenOut = probabilities(scored.select(rows));
      byte[] golden = new GoldenExamples(goldenIn, goldenOut, 1e-9).toJson();
      List<Field> inputs = new ArrayList<>();
      for (String n : pipeline.inputNames()) {
        inputs.add(x.column(n).field());
      }
      List<Field> outputs = ModelRuntimes.outputFields(m.predictor().signature());
      Path tmp = null;
      try {
        tmp = Files.createTempFile("vigil-model", "." + m.flavour());
        Files.write(tmp, m.artifact());
        version = Optional.of(store.registry().register(Registration.builder(spec.registerAs().get(), tmp)
            .flavour(m.flavour()).signature(new Signature(inputs, outputs)).pipelineJson(pipelineJson).goldenJson(golden)
            .runId(runId).dataDigest(digest).profileJson(profileJson).metrics(metrics).createdBy(spec.user())
            .description(spec.model() + " trained on " + spec.dataName()).check(ModelRuntimes.loadCheck()).build()));
      } catch (IOException e) {
        throw new StoreException("cannot write the trained model to a temporary file: " + e.getMessage(), e);
      } finally {
        deleteQuietly(tmp);
      }
      t.setTags(runId, Map.of("registered.model", version.get().model(), "registered.version", Long.toString(version.get().version())));
    }
    return new TrainingResult(runId, metrics, digest, pipeline, split[0].length, split[1].length, version);
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // A temporary file left behind is harmless.
      }
    }
  }

  private static ArtifactRef snapshot(Table data, Store store) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("vigil-snapshot", ".parquet");
      Files.delete(tmp);
      Tables.write(data, tmp, DataFormat.PARQUET);
      return store.artifacts().put(tmp);
    } catch (IOException e) {
      throw new StoreException("cannot write the data snapshot: " + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static Table probabilities(Table scored) {
    List<Column> cols = new ArrayList<>();
    for (Column c : scored.columns()) {
      if (c.name().startsWith("p_")) {
        cols.add(c);
      }
    }
    return Table.of(cols);
  }

  static Map<String, Double> evaluate(Table scored, String[] y, List<String> classes) {
    int n = y.length;
    Map<String, Double> m = new TreeMap<>();
    if (n == 0) {
      return m;
    }
    int correct = 0;
    double logLoss = 0;
    for (int i = 0; i < n; i++) {
      if (scored.column("label").getObject(i).equals(y[i])) {
        correct++;
      }
      double p = classes.contains(y[i]) ? scored.doubleColumn("p_" + y[i]).get(i) : 0;
      logLoss -= Math.log(Math.max(1e-15, Math.min(1, p)));
    }
    m.put("accuracy", correct / (double) n);
    m.put("log_loss", logLoss / n);
    double f1 = 0;
    double auc = 0;
    int aucCount = 0;
    for (String c : classes) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (int i = 0; i < n; i++) {
        boolean pred = scored.column("label").getObject(i).equals(c);
        boolean truth = y[i].equals(c);
        tp += pred && truth ? 1 : 0;
        fp += pred && !truth ? 1 : 0;
        fn += !pred && truth ? 1 : 0;
      }
      f1 += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      double a = auc(scored.doubleColumn("p_" + c).toArray(), y, c);
      if (!Double.isNaN(a)) {
        auc += a;
        aucCount++;
      }
    }
    m.put("macro_f1", f1 / classes.size());
    if (classes.size() == 2) {
      m.put("auc", auc(scored.doubleColumn("p_" + classes.get(1)).toArray(), y, classes.get(1)));
    } else if (aucCount > 0) {
      m.put("auc", auc / aucCount);
    }
    return m;
  }

  /** Rank-based (Mann-Whitney) ROC AUC of {@code score} for class {@code pos}, ties as halves; NaN without both classes. */
  static double auc(double[] score, String[] y, String pos) {
    int n = score.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(score[a], score[b]));
    double rankSumPos = 0;
    long nPos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[idx[j + 1]] == score[idx[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (y[idx[k]].equals(pos)) {
          rankSumPos += rank;
          nPos++;
        }
      }
      i = j + 1;
    }
    long nNeg = n - nPos;
    if (nPos == 0 || nNeg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - nPos * (nPos + 1) / 2.0) / ((double) nPos * nNeg);
  }

  static int[][] stratifiedSplit(String[] labels, double testFraction, long seed) {
    Map<String, List<Integer>> byClass = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (List<Integer> rows : byClass.values()) {
      for (int i = rows.size() - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        Integer tmp = rows.get(i);
        rows.set(i, rows.get(j));
        rows.set(j, tmp);
      }
      int nTest = (int) Math.round(rows.size() * testFraction);
      if (rows.size() >= 2) {
        nTest = Math.max(1, Math.min(rows.size() - 1, nTest));
      } else {
        nTest = 0;
      }
      test.addAll(rows.subList(0, nTest));
      train.addAll(rows.subList(nTest, rows.size()));
    }
    train.sort(null);
    test.sort(null);
    InvalidArgumentException.check(!test.isEmpty() && !train.isEmpty(),
        "the data is too small to hold out a test split: %s rows", labels.length);
    return new int[][] {train.stream().mapToInt(Integer::intValue).toArray(), test.stream().mapToInt(Integer::intValue).toArray()};
  }

  private static String[] pick(String[] a, int[] rows) {
    String[] out = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = a[rows[i]];
    }
    return out;
  }

  private static byte[] json(Object o) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("maps of text and numbers always serialise", e);
    }
  }

  /** {@code git.commit} and {@code git.dirty} when {@code dir} is in a git checkout with git on the PATH. */
  static Map<String, String> gitVersion(Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      String head = exec(dir, "git", "rev-parse", "HEAD");
      if (head == null || !head.matches("[0-9a-f]{40}")) {
        return out;
      }
      out.put("git.commit", head);
      String status = exec(dir, "git", "status", "--porcelain", "--untracked-files=no");
      out.put("git.dirty", Boolean.toString(status != null && !status.isBlank()));
    } catch (IOException e) {
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  private static String exec(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    p.getErrorStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroy();
      return null;
    }
    return new String(out, StandardCharsets.UTF_8).strip().toLowerCase(Locale.ROOT);
  }
}
