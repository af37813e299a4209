package dev.vigil.validate;

import dev.vigil.DataFormatException;
import dev.vigil.data.ColumnType;
import dev.vigil.profile.ColumnProfile;
import dev.vigil.profile.TableProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metric history of datasets: each run's metrics keyed by dataset, metric, time and tags, plus
 * pinned baselines. Immutable; {@link #plus} returns a new history. Stored as JSON Lines by
 * {@code dev.vigil.io.quality.MetricHistoryFile} (one {@link #toMap(MetricPoint)} object per line;
 * a pin is a line with {@code "pin": true}).
 *
 * <p><b>Baseline.</b> Detectors compare a new value with a baseline: the pinned value of the series
 * if one was pinned, else the last <em>accepted</em> value. A run that fails its checks is stored
 * with {@code accepted = false}, so it never becomes the reference for the next run (Deequ's open
 * complaint), and the history given to the statistical detectors holds accepted runs only.
 */
public final class MetricHistory {
  private final List<MetricPoint> points;
  private final List<MetricPoint> pins;

  private MetricHistory(List<MetricPoint> points, List<MetricPoint> pins) {
    List<MetricPoint> p = new ArrayList<>(points);
    p.sort(Comparator.comparing(MetricPoint::time));
    this.points = List.copyOf(p);
    this.pins = List.copyOf(pins);
  }

  /** An empty history. */
  public static MetricHistory empty() {
    return new MetricHistory(List.of(), List.of());
  }

  public static MetricHistory of(List<MetricPoint> points, List<MetricPoint> pins) {
    return new MetricHistory(points, pins);
  }

  public List<MetricPoint> points() {
    return points;
  }

  public List<MetricPoint> pins() {
    return pins;
  }

  /** This history with more points. */
  public MetricHistory plus(List<MetricPoint> more) {
    List<MetricPoint> all = new ArrayList<>(points);
    all.addAll(more);
    return new MetricHistory(all, pins);
  }

  /** This history with {@code pin} as the baseline of its series (replacing an earlier pin). */
  public MetricHistory pin(MetricPoint pin) {
    List<MetricPoint> ps = new ArrayList<>(pins);
    ps.removeIf(p -> sameSeries(p, pin.dataset(), pin.metric(), pin.tags()));
    ps.add(pin);
    return new MetricHistory(points, ps);
  }

  private static boolean sameSeries(MetricPoint p, String dataset, String metric, Map<String, String> tags) {
    return p.dataset().equals(dataset) && p.metric().equals(metric) && p.tags().equals(new java.util.TreeMap<>(tags));
  }

  /** The points of one series, oldest first (accepted and rejected). */
  public List<MetricPoint> series(String dataset, String metric, Map<String, String> tags) {
    return points.stream().filter(p -> sameSeries(p, dataset, metric, tags)).toList();
  }

  /** The metric names recorded for {@code dataset}, in first-seen order. */
  public List<String> metrics(String dataset) {
    return points.stream().filter(p -> p.dataset().equals(dataset)).map(MetricPoint::metric).distinct().toList();
  }

  /** The pinned baseline of a series, if any. */
  public Optional<MetricPoint> pinned(String dataset, String metric, Map<String, String> tags) {
    return pins.stream().filter(p -> sameSeries(p, dataset, metric, tags)).findFirst();
  }

  /**
   * Judges {@code value} for a series with {@code detector}, against accepted points strictly before
   * {@code time} and the baseline (pinned, else last accepted).
   */
  public AnomalyResult judge(String dataset, String metric, Map<String, String> tags, Instant time, double value,
      AnomalyDetector detector) {
    List<Double> history = new ArrayList<>();
    for (MetricPoint p : series(dataset, metric, tags)) {
      if (p.accepted() && p.time().isBefore(time)) {
        history.add(p.value());
      }
    }
    double baseline = pinned(dataset, metric, tags).map(MetricPoint::value)
        .orElse(history.isEmpty() ? Double.NaN : history.get(history.size() - 1));
    return detector.judge(history, baseline, value);
  }

  /**
   * The standard metrics of a profile: {@code rows}, and per column {@code COL.completeness},
   * {@code COL.distinct}, and for numeric columns {@code COL.mean}, {@code COL.std}, {@code COL.min},
   * {@code COL.max} (NaN metrics are left out).
   */
  public static Map<String, Double> metricsOf(TableProfile profile) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("rows", (double) profile.rows());
    for (ColumnProfile c : profile.columns()) {
      m.put(c.name() + ".completeness", c.completeness());
      m.put(c.name() + ".distinct", (double) c.distinct());
      if (c.type().isNumeric() || c.type() == ColumnType.BOOLEAN) {
        put(m, c.name() + ".mean", c.mean());
        put(m, c.name() + ".std", c.std());
        put(m, c.name() + ".min", c.min());
        put(m, c.name() + ".max", c.max());
      }
    }
    return m;
  }

  private static void put(Map<String, Double> m, String k, double v) {
    if (Double.isFinite(v)) {
      m.put(k, v);
    }
  }

  /** The JSON Lines object of a point: {@code dataset, metric, time (ISO), value, tags, accepted}. */
  public static Map<String, Object> toMap(MetricPoint p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataset", p.dataset());
    m.put("metric", p.metric());
    m.put("time", p.time().toString());
    m.put("value", p.value());
    m.put("tags", p.tags());
    m.put("accepted", p.accepted());
    return m;
  }

  /** Reads a point; {@code where} names the line in errors. */
  public static MetricPoint fromMap(Map<String, ?> m, String where) {
    try {
      Object tags = m.get("tags");
      Map<String, String> t = new LinkedHashMap<>();
      if (tags instanceof Map<?, ?> tm) {
        tm.forEach((k, v) -> t.put(String.valueOf(k), String.valueOf(v)));
      }
      Object acc = m.get("accepted");
      return new MetricPoint(String.valueOf(m.get("dataset")), String.valueOf(m.get("metric")),
          Instant.parse(String.valueOf(m.get("time"))), ((Number) m.get("value")).doubleValue(), t,
          acc == null || Boolean.parseBoolean(acc.toString()));
    } catch (RuntimeException e) {
      throw DataFormatException.in(where).expected("a metric point {dataset, metric, time, value, tags, accepted}")
          .detail("%s", e.getMessage()).build(e);
    }
  }
}
