package dev.vigil.cli;

import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Synthetic;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import dev.vigil.io.ReadOptions;
import dev.vigil.io.Tables;
import dev.vigil.report.Report;
import dev.vigil.report.render.ReportFormat;
import dev.vigil.report.render.ReportRenderer;
import dev.vigil.profile.Profiler;
import dev.vigil.profile.TableProfile;
import dev.vigil.validate.Check;
import dev.vigil.validate.DataSchema;
import dev.vigil.validate.Suggestion;
import dev.vigil.validate.Suggestions;
import dev.vigil.validate.ValidationResult;
import dev.vigil.validate.Validator;
import dev.vigil.drift.Drift;
import dev.vigil.drift.DriftOptions;
import dev.vigil.drift.DriftResult;
import dev.vigil.drift.FeatureDrift;
import dev.vigil.imbalance.ClassWeights;
import dev.vigil.imbalance.Method;
import dev.vigil.imbalance.ResampleOptions;
import dev.vigil.imbalance.ResampleResult;
import dev.vigil.imbalance.Resamplers;
import dev.vigil.leakage.LeakageAudit;
import dev.vigil.leakage.LeakageOptions;
import dev.vigil.leakage.LeakageResult;
import dev.vigil.leakage.Split;
import dev.vigil.leakage.SplitOptions;
import dev.vigil.leakage.Splits;
import dev.vigil.models.Gates;
import dev.vigil.models.ServedVersions;
import dev.vigil.models.TrainingJob;
import dev.vigil.models.TrainingResult;
import dev.vigil.models.TrainingSpec;
import dev.vigil.registry.Registry;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Request;
import dev.vigil.serving.Response;
import dev.vigil.serving.Route;
import dev.vigil.serving.Router;
import dev.vigil.serving.Served;
import dev.vigil.store.Store;
import dev.vigil.store.StoreOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vigil demo}: the guided tour on embedded defaults. Generates a seeded hospital-scan dataset,
 * writes it as CSV and Parquet, reads both back and checks they equal the original, prints the schema;
 * profiles it and judges the inferred schema and suggested checks on a fresh sample; audits a random
 * and a patient-grouped split for leakage; weights and resamples the rare label; detects drift after a
 * simulated scanner protocol change; trains and registers two model versions in
 * a store under the demo folder (gated alias moves, automatic backup); serves them through the router
 * and breaks the champion half-way to show the fallback; writes HTML reports. Exit 1 if a round trip
 * lost a value.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the Vigil tour on a generated hospital-scan dataset (no input needed).")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", defaultValue = "vigil-demo-output", description = "Folder for the demo's files (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--rows", defaultValue = "5000", description = "Rows to generate (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--seed", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Table data = Synthetic.hospitalScans(rows, seed);
    out.printf(Locale.ROOT, "1. Generated %,d hospital scans (seed %d): %d columns, label 'malignant' %.1f%% positive.%n",
        data.rowCount(), seed, data.columnCount(), 100.0 * positives(data) / data.rowCount());

    Path csv = dir.resolve("scans.csv");
    Path parquet = dir.resolve("scans.parquet");
    Tables.write(data, csv);
    Tables.write(data, parquet);
    out.printf(Locale.ROOT, "2. Wrote %s and %s.%n", csv, parquet);

    ReadOptions asGenerated = ReadOptions.builder().schema(data.schema()).build();
    Table fromCsv = Tables.read(csv, asGenerated);
    Table fromParquet = Tables.read(parquet);
    String csvDiff = firstDifference(data, fromCsv);
    String pqDiff = firstDifference(data, fromParquet);
    out.printf(Locale.ROOT, "3. Read back: CSV %s, Parquet %s.%n", csvDiff == null ? "identical" : "DIFFERS (" + csvDiff + ")",
        pqDiff == null ? "identical" : "DIFFERS (" + pqDiff + ")");

    Table inferred = Tables.read(csv);
    out.println("4. Schema inferred from the CSV:");
    for (Field f : inferred.schema().fields()) {
      out.printf(Locale.ROOT, "     %-20s %-12s %s%n", f.name(), f.type().jsonName(), f.nullable() ? "nullable" : "");
    }

    TableProfile profile = Profiler.profileOf(fromParquet);
    List<Check> checks = new ArrayList<>(DataSchema.infer(profile).checks(null));
    List<Suggestion> suggested = Suggestions.suggest(profile);
    suggested.forEach(x -> checks.add(x.check()));
    ValidationResult fresh = Validator.of(checks).validate(Synthetic.hospitalScans(rows, seed + 1));
    long errors = fresh.results().stream().filter(r -> r.failed() && r.check().severity() == dev.vigil.validate.Severity.ERROR).count();
    long warnings = fresh.results().stream().filter(r -> r.failed() && r.check().severity() == dev.vigil.validate.Severity.WARNING).count();
    out.printf(Locale.ROOT, "   Data quality: %d columns profiled; inferred schema + %d suggested checks on a fresh sample: "
        + "%d errors, %d warnings%n", profile.columns().size(), suggested.size(), errors, warnings);
    out.flush();

    Clock clock = Clock.systemUTC();
    out.println("5. Leakage: a random split against a patient-grouped one.");
    LeakageOptions audit = LeakageOptions.builder("malignant").group("patient_id").nuisance("site").id("scan_id")
        .seed(seed).build();
    Split random = Splits.split(data, SplitOptions.random(0.2, seed, "malignant"), clock);
    out.println("     random split:  " + LeakageAudit.run(random.train(), random.test(), audit).summaryLine());
    Split grouped = Splits.split(data, SplitOptions.stratifiedGroup(0.2, seed, "patient_id", "malignant"), clock);
    LeakageResult groupedAudit = LeakageAudit.run(grouped.train(), grouped.test(), audit);
    out.println("     grouped split: " + groupedAudit.summaryLine());
    out.flush();

    out.println("6. Imbalance: the label is rare; weight the loss or resample the training split.");
    ClassWeights weights = ClassWeights.balanced(grouped.train(), "malignant");
    out.printf(Locale.ROOT, "     balanced class weights: %s%n", weights.asMap().entrySet().stream()
        .map(e -> e.getKey() + " -> " + String.format(Locale.ROOT, "%.3f", e.getValue())).toList());
    Table numeric = grouped.train().project("slice_thickness_mm", "nodule_diameter_mm", "mean_hu", "texture_entropy",
        "prior_scans", "malignant");
    ResampleResult smote = Resamplers.create(Method.SMOTE, ResampleOptions.defaults().withSeed(seed)).resample(numeric, "malignant");
    out.printf(Locale.ROOT, "     SMOTE on the numeric features: %s -> %s (%d synthetic rows)%n", smote.before(), smote.after(),
        smote.syntheticRows());
    out.flush();

    out.println("7. Drift: training data against a month after a scanner protocol change.");
    DriftResult drift = Drift.compare(grouped.train().drop("scan_id", "patient_id", "scan_time"),
        protocolChange(Synthetic.hospitalScans(Math.max(rows / 4, 200), seed + 2)), DriftOptions.defaults());
    out.printf(Locale.ROOT, "     %d of %d features drifted%s: %s%n", drift.driftedFeatures(), drift.features().size(),
        drift.drift() ? " (dataset drift)" : "", drift.features().stream().filter(FeatureDrift::drift)
            .map(f -> f.name() + " (" + f.method().cliName() + ")").toList());
    out.flush();

    out.println("8. Versions: train two models on the grouped training split and register them.");
    Path home = dir.resolve(".vigil");
    deleteDemoStore(home);
    long[] versions = new long[2];
    try (Store store = Store.open(StoreOptions.embedded(home))) {
      Table train = grouped.train().drop("scan_id", "patient_id", "scan_time");
      String[] kinds = {"tree", "logistic"};
      for (int k = 0; k < 2; k++) {
        TrainingResult r = TrainingJob.run(train, TrainingSpec.of("malignant").withModel(kinds[k]).withSplit(0.2, seed)
            .withExperiment("demo").withRegisterAs("demo-nodules").withDataName("grouped train split"), store, dir);
        versions[k] = r.version().orElseThrow().version();
        Registry.AliasMoveResult moved = store.registry().setAlias("demo-nodules", "champion", versions[k], "demo",
            "demo: " + kinds[k] + " model", Gates.standard(new Gates.Budget(200, 1024, 50)));
        long passed = moved.gates().stream().filter(g -> g.passed()).count();
        out.printf(Locale.ROOT, "     demo-nodules v%d (%s): AUC %.3f on held-out rows; gates %d/%d passed; champion%s%n",
            versions[k], kinds[k], r.metrics().getOrDefault("auc", Double.NaN), passed, moved.gates().size(),
            moved.backup() == 0 ? "" : ", backup is now v" + moved.backup());
      }
      out.flush();

      out.println("9. Serving: the champion answers; when it breaks, the backup (last known good) does.");
      Served champion = ServedVersions.load(store.registry(), "demo-nodules", versions[1]);
      Served backup = ServedVersions.load(store.registry(), "demo-nodules", versions[0]);
      Table requests = grouped.test().head(200);
      java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
      Predictor flaky = new Predictor() {
        @Override
        public dev.vigil.serving.Signature signature() {
          return champion.predictor().signature();
        }

        @Override
        public dev.vigil.serving.Predictions predict(Table features) {
          if (broken.get()) {
            throw new IllegalStateException("simulated corrupted weights");
          }
          return champion.predictor().predict(features);
        }
      };
      try (Router router = Router.builder(new Served(champion.ref(), flaky)).fallback(backup)
          .circuitBreaker(5, java.time.Duration.ofSeconds(30)).build()) {
        java.util.Map<Route, Integer> routes = new java.util.EnumMap<>(Route.class);
        for (int i = 0; i < requests.rowCount(); i++) {
          broken.set(i >= requests.rowCount() / 2);
          Response r = router.predict(Request.of("demo-" + i, requests.slice(i, i + 1)));
          routes.merge(r.route(), 1, Integer::sum);
        }
        out.printf(Locale.ROOT, "     %d requests: %d by the champion v%d, %d by the backup v%d after it broke, 0 failed%n",
            requests.rowCount(), routes.getOrDefault(Route.PRIMARY, 0), versions[1], routes.getOrDefault(Route.FALLBACK, 0),
            versions[0]);
      }
    }

    Report report = overview(data, csv.toString());
    Path html = dir.resolve("demo-report.html");
    ReportRenderer.write(report, ReportFormat.HTML, html);
    Path leakageHtml = dir.resolve("leakage-report.html");
    ReportRenderer.write(groupedAudit.toReport("Leakage audit of the patient-grouped demo split"), ReportFormat.HTML, leakageHtml);
    Path driftHtml = dir.resolve("drift-report.html");
    ReportRenderer.write(drift.toReport(), ReportFormat.HTML, driftHtml);
    out.printf(Locale.ROOT, "10. HTML reports: %s, %s, %s%n", html.toAbsolutePath(), leakageHtml.toAbsolutePath(),
        driftHtml.toAbsolutePath());
    out.flush();
    return csvDiff == null && pqDiff == null ? ExitCodes.OK : ExitCodes.PROBLEM_FOUND;
  }

  /**
   * The same source after a scanner protocol change: thicker slices on a third of the scans and a
   * shifted density calibration (mean HU +40); identifiers and time are dropped as for training.
   */
  static Table protocolChange(Table t) {
    DoubleColumn thick = t.doubleColumn("slice_thickness_mm");
    DoubleColumn hu = t.doubleColumn("mean_hu");
    DoubleColumn.Builder newThick = DoubleColumn.builder("slice_thickness_mm");
    DoubleColumn.Builder newHu = DoubleColumn.builder("mean_hu");
    for (int i = 0; i < t.rowCount(); i++) {
      newThick.add(i % 3 == 0 ? thick.get(i) * 2 : thick.get(i));
      newHu.add(hu.get(i) + 40);
    }
    return t.withColumn(newThick.build()).withColumn(newHu.build()).drop("scan_id", "patient_id", "scan_time");
  }

  /** Removes the demo's own store folder so that every run starts from version 1. */
  private static void deleteDemoStore(Path home) {
    if (!java.nio.file.Files.isDirectory(home)) {
      return;
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(home)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    } catch (java.io.IOException e) {
      throw new dev.vigil.StoreException("cannot clear the demo store " + home + ": " + e.getMessage(), e);
    }
  }

  private static long positives(Table t) {
    LongColumn y = t.longColumn("malignant");
    long n = 0;
    for (int i = 0; i < y.size(); i++) {
      n += y.get(i);
    }
    return n;
  }

  /** The first value that differs, as text, or null when the tables hold the same values. */
  static String firstDifference(Table a, Table b) {
    if (!a.columnNames().equals(b.columnNames())) {
      return "columns " + a.columnNames() + " vs " + b.columnNames();
    }
    if (a.rowCount() != b.rowCount()) {
      return "rows " + a.rowCount() + " vs " + b.rowCount();
    }
    for (int j = 0; j < a.columnCount(); j++) {
      Column x = a.column(j);
      Column y = b.column(j);
      for (int i = 0; i < a.rowCount(); i++) {
        Object u = x.getObject(i);
        Object v = y.getObject(i);
        if (u instanceof Number n && v instanceof Number m ? Double.compare(n.doubleValue(), m.doubleValue()) != 0
            : !java.util.Objects.equals(u, v)) {
          return "row " + (i + 1) + " column " + x.name() + ": " + u + " vs " + v;
        }
      }
    }
    return null;
  }

  /** A first look at the dataset: per-column summary and three charts. */
  static Report overview(Table t, String source) {
    Report.Builder b = Report.builder("demo", "Vigil demo: hospital scans")
        .put("source", source).put("rows", t.rowCount()).put("columns", t.columnCount());
    b.paragraph("A seeded, synthetic lung-nodule CT registry from five hospitals. The label 'malignant' is rare, "
        + "its rate differs by site, and patients come back for repeat scans: the situations in which models "
        + "learn the hospital instead of the disease, and in which splits leak patients.");
    b.keyValues("source", source, "rows", String.valueOf(t.rowCount()), "columns", String.valueOf(t.columnCount()));
    b.heading("Columns");
    List<List<String>> rows = new ArrayList<>();
    for (Column c : t.columns()) {
      rows.add(List.of(c.name(), c.type().jsonName(), String.valueOf(c.missingCount()), describe(c)));
    }
    b.table("", List.of("column", "type", "missing", "summary"), rows);

    b.heading("Label rate by site");
    CategoricalColumn site = t.categoricalColumn("site");
    LongColumn y = t.longColumn("malignant");
    double[] pos = new double[site.dictionarySize()];
    double[] n = new double[site.dictionarySize()];
    for (int i = 0; i < t.rowCount(); i++) {
      n[site.code(i)]++;
      pos[site.code(i)] += y.get(i);
    }
    double[] rate = new double[n.length];
    for (int k = 0; k < n.length; k++) {
      rate[k] = Math.round(1000.0 * pos[k] / n[k]) / 10.0;
    }
    b.add(new Report.Chart("Malignant share by site (%)", Report.ChartType.BAR, "site", "% malignant",
        site.dictionary(), List.of(new Report.Series("malignant %", rate))));

    b.heading("Nodule diameter");
    DoubleColumn d = t.doubleColumn("nodule_diameter_mm");
    int bins = 20;
    double max = 30;
    double[] hist = new double[bins];
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < bins; k++) {
      labels.add(String.format(Locale.ROOT, "%.1f", k * max / bins));
    }
    for (int i = 0; i < d.size(); i++) {
      hist[Math.min(bins - 1, (int) (d.get(i) / max * bins))]++;
    }
    b.add(new Report.Chart("Scans by nodule diameter (mm, last bin open)", Report.ChartType.BAR, "diameter (mm)",
        "scans", labels, List.of(new Report.Series("scans", hist))));

    b.heading("Scans per month");
    TimestampColumn time = t.timestampColumn("scan_time");
    double[] perMonth = new double[12];
    for (int i = 0; i < time.size(); i++) {
      perMonth[ZonedDateTime.ofInstant(time.get(i), ZoneOffset.UTC).getMonthValue() - 1]++;
    }
    b.add(new Report.Chart("Scans per month of 2024", Report.ChartType.LINE, "month", "scans",
        List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        List.of(new Report.Series("scans", perMonth))));
    return b.build();
  }

  private static String describe(Column c) {
    if (c.type() == ColumnType.DOUBLE) {
      DoubleColumn d = (DoubleColumn) c;
      double[] v = d.nonMissing();
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (double x : v) {
        min = Math.min(min, x);
        max = Math.max(max, x);
        sum += x;
      }
      return v.length == 0 ? "all missing" : String.format(Locale.ROOT, "min %s, mean %s, max %s",
          ReportRenderer.number(min), ReportRenderer.number(sum / v.length), ReportRenderer.number(max));
    }
    if (c.type() == ColumnType.CATEGORICAL) {
      CategoricalColumn k = (CategoricalColumn) c;
      long[] counts = k.counts();
      StringBuilder s = new StringBuilder(counts.length + " values: ");
      for (int i = 0; i < Math.min(3, counts.length); i++) {
        s.append(i == 0 ? "" : ", ").append(k.label(i)).append(" (").append(counts[i]).append(')');
      }
      return s.append(counts.length > 3 ? ", ..." : "").toString();
    }
    if (c.type() == ColumnType.TIMESTAMP) {
      TimestampColumn ts = (TimestampColumn) c;
      return ts.size() == 0 ? "" : "from " + ts.format(0) + " to " + ts.format(ts.size() - 1);
    }
    return c.size() == 0 ? "" : "e.g. " + c.format(0);
  }
}
