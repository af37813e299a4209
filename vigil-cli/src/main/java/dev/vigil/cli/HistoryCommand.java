package dev.vigil.cli;

import dev.vigil.InvalidArgumentException;
import dev.vigil.NotFoundException;
import dev.vigil.io.quality.MetricHistoryFile;
import dev.vigil.profile.TableProfile;
import dev.vigil.report.Report;
import dev.vigil.validate.AnomalyDetector;
import dev.vigil.validate.AnomalyResult;
import dev.vigil.validate.MetricHistory;
import dev.vigil.validate.MetricPoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil history add|show|pin}: the metric history of a dataset and anomaly detection on it. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Record each run's metrics, flag anomalies against the history, show it, pin a baseline.",
    subcommands = {HistoryCommand.Add.class, HistoryCommand.Show.class, HistoryCommand.Pin.class})
final class HistoryCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: add, show or pin");
  }

  /** Options shared by the history subcommands. */
  static final class Where {
    @Option(names = "--history", paramLabel = "FILE", defaultValue = "${VIGIL_HOME:-.vigil}/metrics.jsonl",
        description = "The metric history (JSON Lines; default: ${DEFAULT-VALUE}).")
    Path history;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset name the metrics belong to.")
    String dataset;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", split = ",", description = "Tags keying the series, e.g. --tag region=eu.")
    Map<String, String> tags;

    Map<String, String> tags() {
      return tags == null ? Map.of() : tags;
    }
  }

  /**
   * {@code vigil history add DATA --dataset NAME}: profile DATA, judge the watched metrics against
   * their accepted history, and append the run (accepted only when nothing is anomalous). Exit 1 on
   * an anomaly. JSON: {@code dataset}, {@code time}, {@code accepted}, {@code metrics[] {metric,
   * value, baseline, anomaly, checks[] {detector, anomaly, expected, lower, upper, explanation}}}.
   */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Record DATA's metrics for a dataset and flag anomalies.")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA", description = "Data file, JDBC URL with --query, or a saved profile.")
    String data;

    @Mixin Where where;

    @Option(names = "--detector", paramLabel = "SPEC", defaultValue = "relative:0.3,0.5",
        description = "Anomaly detector(s): relative:DEC,INC, absolute:DEC,INC, zscore:Z, online:Z,WARMUP, holt-winters:PERIOD,Z (default: ${DEFAULT-VALUE}).")
    List<String> detectors;

    @Option(names = "--watch", paramLabel = "METRIC", split = ",", defaultValue = "rows,*.completeness",
        description = "Metrics to judge; * matches any text (default: ${DEFAULT-VALUE}). All metrics are recorded.")
    List<String> watch;

    @Option(names = "--time", paramLabel = "ISO", description = "Time of the run (default: now, UTC).")
    Instant time;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2") int threads;

    @Mixin InputOptions input;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      Instant at = time == null ? Clock.systemUTC().instant() : time;
      TableProfile p = QualityInputs.profile(input, data, threads, output.err());
      MetricHistory h = MetricHistoryFile.read(where.history);
      List<AnomalyDetector> ds = detectors.stream().map(AnomalyDetector::parse).toList();
      List<Pattern> watched = watch.stream().map(w -> Pattern.compile(Pattern.quote(w).replace("*", "\\E.*\\Q"))).toList();
      Map<String, Double> metrics = MetricHistory.metricsOf(p);
      boolean accepted = true;
      List<Object> out = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      Report.Builder b = Report.builder("history", "Metrics of " + where.dataset + " at " + at);
      for (Map.Entry<String, Double> e : metrics.entrySet()) {
        if (watched.stream().noneMatch(w -> w.matcher(e.getKey()).matches())) {
          continue;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", e.getKey());
        m.put("value", e.getValue());
        List<Object> checks = new ArrayList<>();
        boolean anomaly = false;
        for (AnomalyDetector d : ds) {
          AnomalyResult r = h.judge(where.dataset, e.getKey(), where.tags(), at, e.getValue(), d);
          anomaly |= r.anomaly();
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("detector", r.detector());
          c.put("anomaly", r.anomaly());
          c.put("expected", Double.isFinite(r.expected()) ? r.expected() : null);
          c.put("lower", Double.isFinite(r.lower()) ? r.lower() : null);
          c.put("upper", Double.isFinite(r.upper()) ? r.upper() : null);
          c.put("explanation", r.explanation());
          checks.add(c);
          rows.add(List.of(r.anomaly() ? "ANOMALY" : "ok", e.getKey(), fmt(e.getValue()), r.detector(), r.explanation()));
          if (r.anomaly()) {
            b.notice(Report.Status.ERROR, e.getKey() + ": " + r.explanation());
          }
        }
        m.put("anomaly", anomaly);
        m.put("checks", checks);
        out.add(m);
        accepted &= !anomaly;
      }
      List<MetricPoint> points = new ArrayList<>();
      for (Map.Entry<String, Double> e : metrics.entrySet()) {
        points.add(new MetricPoint(where.dataset, e.getKey(), at, e.getValue(), where.tags(), accepted));
      }
      MetricHistoryFile.append(where.history, points, false);
      b.put("dataset", where.dataset).put("time", at.toString()).put("accepted", accepted).put("history", where.history.toString())
          .put("metrics", out);
      b.keyValues("dataset", where.dataset, "time", at.toString(), "metrics recorded", Integer.toString(points.size()),
          "accepted as baseline", accepted ? "yes" : "no (anomalous runs never become the baseline)");
      b.table("Watched metrics", List.of("status", "metric", "value", "detector", "explanation"), rows);
      if (accepted) {
        b.notice(Report.Status.OK, "no anomaly in " + out.size() + " watched metric(s)");
      }
      return output.emit(b.build());
    }
  }

  /** {@code vigil history show --dataset NAME [--metric M]}: the recorded series, as a table and line charts. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the recorded metrics of a dataset.")
  static final class Show implements Callable<Integer> {
    @Mixin Where where;

    @Option(names = "--metric", paramLabel = "METRIC", split = ",", description = "Metrics to show (default: all).")
    List<String> metric;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      MetricHistory h = MetricHistoryFile.read(where.history);
      List<String> names = metric == null ? h.metrics(where.dataset) : metric;
      if (names.isEmpty()) {
        throw new NotFoundException("no metrics recorded for dataset \"" + where.dataset + "\" in " + where.history);
      }
      Report.Builder b = Report.builder("history", "Metric history of " + where.dataset).put("dataset", where.dataset);
      List<Object> series = new ArrayList<>();
      for (String n : names) {
        List<MetricPoint> ps = h.series(where.dataset, n, where.tags());
        List<Object> pts = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        double[] values = new double[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
          MetricPoint p = ps.get(i);
          pts.add(MetricHistory.toMap(p));
          rows.add(List.of(p.time().toString(), fmt(p.value()), p.accepted() ? "yes" : "no"));
          labels.add(p.time().toString());
          values[i] = p.value();
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("metric", n);
        s.put("pinned", h.pinned(where.dataset, n, where.tags()).map(MetricPoint::value).orElse(null));
        s.put("points", pts);
        series.add(s);
        b.heading(n);
        if (ps.size() > 1) {
          b.add(new Report.Chart(n, Report.ChartType.LINE, "time", n, labels, List.of(new Report.Series(n, values))));
        }
        b.table(n, List.of("time", "value", "accepted"), rows);
      }
      b.put("series", series);
      return output.emit(b.build());
    }
  }

  /** {@code vigil history pin --dataset NAME [--time ISO]}: pin a run's metrics (default: the last accepted run) as the baseline. */
  @Command(name = "pin", mixinStandardHelpOptions = true, description = "Pin a run's metrics as the baseline of their series.")
  static final class Pin implements Callable<Integer> {
    @Mixin Where where;

    @Option(names = "--time", paramLabel = "ISO", description = "The run to pin (default: the last accepted run).")
    Instant time;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      MetricHistory h = MetricHistoryFile.read(where.history);
      List<MetricPoint> ofDataset = h.points().stream()
          .filter(p -> p.dataset().equals(where.dataset) && p.tags().equals(new java.util.TreeMap<>(where.tags()))).toList();
      Instant at = time;
      if (at == null) {
        at = ofDataset.stream().filter(MetricPoint::accepted).map(MetricPoint::time).max(Instant::compareTo)
            .orElseThrow(() -> new NotFoundException("no accepted run of dataset \"" + where.dataset + "\" in " + where.history));
      }
      Instant when = at;
      List<MetricPoint> run = ofDataset.stream().filter(p -> p.time().equals(when)).toList();
      if (run.isEmpty()) {
        throw new NotFoundException("no run of dataset \"" + where.dataset + "\" at " + when + " in " + where.history);
      }
      InvalidArgumentException.check(run.get(0).accepted(), "the run of %s at %s was not accepted (anomalous): refusing to pin it", where.dataset, when);
      MetricHistoryFile.append(where.history, run, true);
      Report r = Report.builder("history_pin", "Pinned baseline of " + where.dataset).put("dataset", where.dataset)
          .put("time", when.toString()).put("pinned", run.size())
          .keyValues("dataset", where.dataset, "run", when.toString(), "metrics pinned", Integer.toString(run.size())).build();
      return output.emit(r);
    }
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
  }
}
