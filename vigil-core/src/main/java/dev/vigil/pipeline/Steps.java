package dev.vigil.pipeline;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Fit and apply for each step operation. */
final class Steps {
  private Steps() {}

  static Map<String, Object> fit(StepSpec s, FeaturePipeline.Work w) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (w.multi != null) {
      throw new InvalidArgumentException("pipeline step " + s.op() + " on '" + s.column() + "' comes after its onehot step; encode last");
    }
    switch (s.op()) {
      case "impute" -> {
        String strategy = s.option("strategy", w.cat != null ? "most_frequent" : "median");
        if (w.cat != null) {
          switch (strategy) {
            case "most_frequent" -> p.put("value", mostFrequent(w.cat, s));
            case "constant" -> p.put("value", s.option("value", "missing"));
            default -> throw new InvalidArgumentException("impute on categorical column '" + s.column()
                + "': strategy must be most_frequent or constant: " + strategy);
          }
        } else {
          double[] v = present(w.num);
          double value = switch (strategy) {
            case "mean" -> mean(nonEmpty(v, s));
            case "median" -> quantile(sorted(nonEmpty(v, s)), 0.5);
            case "most_frequent" -> mode(nonEmpty(v, s));
            case "constant" -> s.number("value", 0);
            default -> throw new InvalidArgumentException("impute on '" + s.column()
                + "': strategy must be mean, median, most_frequent or constant: " + strategy);
          };
          p.put("value", value);
        }
      }
      case "scale" -> {
        double[] v = nonEmpty(present(numeric(w, s)), s);
        String method = s.option("method", "standard");
        if (method.equals("standard")) {
          double mean = mean(v);
          double ss = 0;
          for (double x : v) {
            ss += (x - mean) * (x - mean);
          }
          double sd = Math.sqrt(ss / v.length);
          p.put("center", mean);
          p.put("scale", sd > 0 ? sd : 1.0);
        } else if (method.equals("minmax")) {
          double[] sv = sorted(v);
          double range = sv[sv.length - 1] - sv[0];
          p.put("center", sv[0]);
          p.put("scale", range > 0 ? range : 1.0);
        } else {
          throw new InvalidArgumentException("scale on '" + s.column() + "': method must be standard or minmax: " + method);
        }
      }
      case "clip" -> {
        double[] v = present(numeric(w, s));
        double lo = s.options().containsKey("lower_quantile") ? quantile(sorted(nonEmpty(v, s)), prob(s, "lower_quantile"))
            : s.number("lower", Double.NEGATIVE_INFINITY);
        double hi = s.options().containsKey("upper_quantile") ? quantile(sorted(nonEmpty(v, s)), prob(s, "upper_quantile"))
            : s.number("upper", Double.POSITIVE_INFINITY);
        InvalidArgumentException.check(lo <= hi, "clip on '%s': lower %s must be <= upper %s", s.column(), lo, hi);
        p.put("lower", lo);
        p.put("upper", hi);
      }
      case "log" -> {
        for (double x : numeric(w, s)) {
          InvalidArgumentException.check(Double.isNaN(x) || x >= -1, "log on '%s' needs values >= -1 (log1p): found %s", s.column(), x);
        }
      }
      case "bucket" -> {
        double bins = s.number("bins", 10);
        InvalidArgumentException.check(bins >= 2 && bins <= 1000 && bins == Math.rint(bins),
            "bucket on '%s': bins must be an integer in [2, 1000]: %s", s.column(), s.option("bins", ""));
        double[] sv = sorted(nonEmpty(present(numeric(w, s)), s));
        String method = s.option("method", "quantile");
        List<Double> edges = new ArrayList<>();
        for (int k = 1; k < (int) bins; k++) {
          double e = switch (method) {
            case "quantile" -> quantile(sv, k / bins);
            case "uniform" -> sv[0] + (sv[sv.length - 1] - sv[0]) * k / bins;
            default -> throw new InvalidArgumentException("bucket on '" + s.column() + "': method must be quantile or uniform: " + method);
          };
          edges.add(e);
        }
        p.put("edges", edges);
      }
      case "onehot", "ordinal" -> {
        if (w.cat == null) {
          throw new SchemaMismatchException(s.op() + " on '" + s.column() + "' needs a categorical or string column, it is numeric");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String x : w.cat) {
          if (x != null) {
            counts.merge(x, 1, Integer::sum);
          }
        }
        List<String> cats = new ArrayList<>(counts.keySet());
        if (s.op().equals("onehot")) {
          double max = s.number("max_categories", 50);
          InvalidArgumentException.check(max >= 1 && max <= 10_000, "onehot on '%s': max_categories must be in [1, 10000]: %s", s.column(), max);
          cats.sort(Comparator.<String, Integer>comparing(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
          cats = new ArrayList<>(cats.subList(0, Math.min(cats.size(), (int) max)));
        }
        cats.sort(Comparator.naturalOrder());
        p.put("categories", cats);
      }
      default -> throw new IllegalStateException(s.op());
    }
    return p;
  }

  @SuppressWarnings("unchecked")
  static void apply(FeaturePipeline.FittedStep f, FeaturePipeline.Work w) {
    StepSpec s = f.spec();
    Map<String, Object> p = f.params();
    switch (s.op()) {
      case "impute" -> {
        if (w.cat != null) {
          String v = String.valueOf(p.get("value"));
          for (int i = 0; i < w.cat.length; i++) {
            if (w.cat[i] == null) {
              w.cat[i] = v;
            }
          }
        } else {
          double v = num(p.get("value"));
          for (int i = 0; i < w.num.length; i++) {
            if (Double.isNaN(w.num[i])) {
              w.num[i] = v;
            }
          }
        }
      }
      case "scale" -> {
        double c = num(p.get("center"));
        double sc = num(p.get("scale"));
        double[] x = numeric(w, s);
        for (int i = 0; i < x.length; i++) {
          x[i] = (x[i] - c) / sc;
        }
      }
      case "clip" -> {
        double lo = num(p.get("lower"));
        double hi = num(p.get("upper"));
        double[] x = numeric(w, s);
        for (int i = 0; i < x.length; i++) {
          if (!Double.isNaN(x[i])) {
            x[i] = Math.max(lo, Math.min(hi, x[i]));
          }
        }
      }
      case "log" -> {
        double[] x = numeric(w, s);
        for (int i = 0; i < x.length; i++) {
          x[i] = x[i] >= -1 ? Math.log1p(x[i]) : Double.NaN;
        }
      }
      case "bucket" -> {
        List<Object> edges = (List<Object>) p.get("edges");
        double[] e = new double[edges.size()];
        for (int k = 0; k < e.length; k++) {
          e[k] = num(edges.get(k));
        }
        double[] x = numeric(w, s);
        for (int i = 0; i < x.length; i++) {
          if (!Double.isNaN(x[i])) {
            int pos = Arrays.binarySearch(e, x[i]);
            // A value equal to an edge belongs to the bucket above it; upper_bound index.
            int b = pos >= 0 ? upper(e, pos) : -pos - 1;
            x[i] = b;
          }
        }
      }
      case "onehot" -> {
        List<String> cats = strings(p.get("categories"));
        if (w.cat == null) {
          throw new SchemaMismatchException("onehot on '" + s.column() + "' needs a categorical or string column, it is numeric");
        }
        Map<String, Integer> index = new TreeMap<>();
        for (int k = 0; k < cats.size(); k++) {
          index.put(cats.get(k), k);
        }
        List<double[]> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String c : cats) {
          cols.add(new double[w.cat.length]);
          names.add(s.column() + "=" + c);
        }
        for (int i = 0; i < w.cat.length; i++) {
          if (w.cat[i] == null) {
            for (double[] col : cols) {
              col[i] = Double.NaN;
            }
            continue;
          }
          Integer k = index.get(w.cat[i]);
          if (k != null) {
            cols.get(k)[i] = 1;
          }
        }
        w.multi = cols;
        w.multiNames = names;
        w.cat = null;
      }
      case "ordinal" -> {
        List<String> cats = strings(p.get("categories"));
        if (w.cat == null) {
          throw new SchemaMismatchException("ordinal on '" + s.column() + "' needs a categorical or string column, it is numeric");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < cats.size(); k++) {
          index.put(cats.get(k), k);
        }
        double[] x = new double[w.cat.length];
        for (int i = 0; i < x.length; i++) {
          x[i] = w.cat[i] == null ? Double.NaN : index.getOrDefault(w.cat[i], -1);
        }
        w.num = x;
        w.cat = null;
      }
      default -> throw new IllegalStateException(s.op());
    }
  }

  private static int upper(double[] e, int pos) {
    int b = pos;
    while (b < e.length && e[b] == e[pos]) {
      b++;
    }
    return b;
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object x : (List<?>) o) {
      out.add(String.valueOf(x));
    }
    return out;
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(o));
  }

  private static double prob(StepSpec s, String key) {
    double q = s.number(key, 0);
    InvalidArgumentException.check(q >= 0 && q <= 1, "clip on '%s': %s must be in [0, 1]: %s", s.column(), key, q);
    return q;
  }

  private static double[] numeric(FeaturePipeline.Work w, StepSpec s) {
    if (w.num == null) {
      throw new SchemaMismatchException(s.op() + " on '" + s.column() + "' needs a numeric column; it is categorical (encode it first)");
    }
    return w.num;
  }

  private static double[] present(double[] x) {
    return Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
  }

  private static double[] nonEmpty(double[] v, StepSpec s) {
    InvalidArgumentException.check(v.length > 0, "%s on '%s' cannot be fitted: the column has no non-missing value", s.op(), s.column());
    return v;
  }

  private static double[] sorted(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** NumPy's default (linear) quantile of sorted {@code v}. */
  static double quantile(double[] v, double q) {
    double h = (v.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, v.length - 1);
    return v[lo] + (h - lo) * (v[hi] - v[lo]);
  }

  private static double mode(double[] v) {
    Map<Double, Integer> c = new TreeMap<>();
    for (double x : v) {
      c.merge(x, 1, Integer::sum);
    }
    double best = Double.NaN;
    int n = -1;
    for (Map.Entry<Double, Integer> e : c.entrySet()) {
      if (e.getValue() > n) {
        best = e.getKey();
        n = e.getValue();
      }
    }
    return best;
  }

  private static String mostFrequent(String[] v, StepSpec s) {
    Map<String, Integer> c = new TreeMap<>();
    for (String x : v) {
      if (x != null) {
        c.merge(x, 1, Integer::sum);
      }
    }
    InvalidArgumentException.check(!c.isEmpty(), "impute on '%s' cannot be fitted: the column has no non-missing value", s.column());
    String best = null;
    int n = -1;
    for (Map.Entry<String, Integer> e : c.entrySet()) {
      if (e.getValue() > n) {
        best = e.getKey();
        n = e.getValue();
      }
    }
    return best;
  }
}
