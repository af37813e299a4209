package dev.vigil.validate;

import dev.vigil.InvalidArgumentException;
import dev.vigil.SchemaMismatchException;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.profile.ColumnProfile;
import dev.vigil.profile.FrequentItem;
import dev.vigil.profile.TableProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Training/serving skew (as TFDV's skew and drift comparators), from two profiles.
 *
 * <ul>
 *   <li><b>Text and boolean features</b>: L-infinity distance between the value shares (from the
 *       frequent items; values beyond the tracked ones are pooled as "other"). Noise floor: the
 *       largest share difference two samples of sizes n1, n2 from one distribution reach with
 *       probability alpha (Bonferroni over the values, normal approximation, worst-case share 1/2):
 *       {@code z(1 - alpha / 2k) * sqrt(0.25 (1/n1 + 1/n2))}.
 *   <li><b>Numeric features</b>: Jensen–Shannon divergence (base 2) over equal-mass bins of the
 *       training distribution, both sides binned through their KLL sketches. Noise floor from the
 *       chi-squared approximation {@code JS ~ chi2(k - 1) (1/n1 + 1/n2) / (8 ln 2)} at 1 - alpha.
 *   <li>Feature presence, type mismatches, schema violations on one side only (completeness,
 *       range, domain, judged on the profiles), and serving values outside the training range.
 * </ul>
 * Schema environments decide which features each side must have: a feature expected only in
 * {@code training} (the label) is not reported missing at serving.
 */
public final class Skew {
  private Skew() {}

  /**
   * Compares the two profiles. {@code schema} may be null (then every feature is expected on both
   * sides and no schema violations are judged).
   */
  public static List<FeatureSkew> compare(TableProfile training, TableProfile serving, DataSchema schema,
      String trainingEnv, String servingEnv, SkewOptions o) {
    Set<String> names = new LinkedHashSet<>(training.columnNames());
    names.addAll(serving.columnNames());
    List<FeatureSkew> out = new ArrayList<>();
    for (String n : names) {
      ColumnProfile t = training.find(n).orElse(null);
      ColumnProfile s = serving.find(n).orElse(null);
      FeatureSpec spec = schema == null ? null : schema.feature(n).orElse(null);
      List<String> problems = new ArrayList<>();
      if (t == null || s == null) {
        boolean expectedMissingSide = spec == null || spec.expectedIn(t == null ? trainingEnv : servingEnv);
        String side = t == null ? "training" : "serving";
        problems.add("absent at " + side + (expectedMissingSide ? "" : " (expected: not in environment " + (t == null ? trainingEnv : servingEnv) + ")"));
        out.add(new FeatureSkew(n, t == null ? "serving_only" : "training_only", "none", Double.NaN, Double.NaN, Double.NaN,
            expectedMissingSide, t == null ? 0 : t.present(), s == null ? 0 : s.present(), 0, problems));
        continue;
      }
      if (t.type() != s.type()) {
        problems.add("type " + t.type().jsonName() + " in training, " + s.type().jsonName() + " at serving");
        out.add(new FeatureSkew(n, "both", "none", Double.NaN, Double.NaN, Double.NaN, true, t.present(), s.present(), 0, problems));
        continue;
      }
      if (spec != null) {
        List<String> vt = violations(spec, t);
        List<String> vs = violations(spec, s);
        for (String v : vs) {
          if (!vt.contains(v)) {
            problems.add("serving only: " + v);
          }
        }
        for (String v : vt) {
          if (!vs.contains(v)) {
            problems.add("training only: " + v);
          }
        }
      }
      long outOfRange = 0;
      double distance;
      double threshold;
      double floor;
      String measure;
      long n1 = t.present();
      long n2 = s.present();
      if (t.hasQuantiles()) {
        measure = "jensen_shannon";
        threshold = o.jsThreshold();
        double[][] pq = numericShares(t, s, o.bins());
        distance = jensenShannon(pq[0], pq[1]);
        int k = pq[0].length;
        floor = n1 == 0 || n2 == 0 || k < 2 ? Double.NaN
            : new ChiSquaredDistribution(k - 1).inverseCumulativeProbability(1 - o.alpha()) * (1.0 / n1 + 1.0 / n2) / (8 * Math.log(2));
        if (s.moments().count() > 0 && t.moments().count() > 0) {
          double below = s.rank(t.min(), false);
          double above = 1 - s.rank(t.max(), true);
          outOfRange = Math.round((below + above) * s.moments().count());
          if (outOfRange > 0) {
            problems.add(String.format(Locale.ROOT, "about %d serving value(s) outside the training range [%s, %s]", outOfRange, t.min(), t.max()));
          }
        }
      } else {
        measure = "l_infinity";
        threshold = o.linfThreshold();
        Map<String, double[]> shares = categoricalShares(t, s);
        distance = 0;
        for (double[] v : shares.values()) {
          distance = Math.max(distance, Math.abs(v[0] - v[1]));
        }
        int k = Math.max(1, shares.size());
        floor = n1 == 0 || n2 == 0 ? Double.NaN
            : new NormalDistribution().inverseCumulativeProbability(1 - o.alpha() / (2 * k)) * Math.sqrt(0.25 * (1.0 / n1 + 1.0 / n2));
      }
      boolean skewed = !Double.isNaN(distance) && distance > threshold && !(distance <= floor);
      out.add(new FeatureSkew(n, "both", measure, distance, threshold, floor, skewed || !problems.isEmpty() && problems.stream().anyMatch(p -> p.startsWith("serving only")),
          n1, n2, outOfRange, problems));
    }
    return out;
  }

  /** Schema violations judged on a profile (completeness, range, domain), as readable strings. */
  static List<String> violations(FeatureSpec f, ColumnProfile p) {
    List<String> v = new ArrayList<>();
    double need = f.nullable() ? f.minCompleteness() : 1.0;
    if (p.completeness() < need) {
      v.add(String.format(Locale.ROOT, "completeness below %s", need));
    }
    if (f.min() != null && p.moments().count() > 0 && p.min() < f.min()) {
      v.add("values below the schema min " + f.min());
    }
    if (f.max() != null && p.moments().count() > 0 && p.max() > f.max()) {
      v.add("values above the schema max " + f.max());
    }
    if (f.domain() != null) {
      Set<String> dom = new java.util.HashSet<>(f.domain());
      for (FrequentItem i : p.top(100)) {
        if (!dom.contains(i.value())) {
          v.add("values outside the domain");
          break;
        }
      }
    }
    return v;
  }

  private static double[][] numericShares(ColumnProfile t, ColumnProfile s, int bins) {
    if (t.moments().count() == 0 || s.moments().count() == 0) {
      return new double[][] {{1}, {1}};
    }
    List<Double> splits = new ArrayList<>();
    for (int i = 1; i < bins; i++) {
      double q = t.quantile((double) i / bins);
      if (splits.isEmpty() || q > splits.get(splits.size() - 1)) {
        splits.add(q);
      }
    }
    int k = splits.size() + 1;
    double[] p = new double[k];
    double[] q = new double[k];
    double prevP = 0;
    double prevQ = 0;
    for (int i = 0; i < splits.size(); i++) {
      double rp = t.rank(splits.get(i), true);
      double rq = s.rank(splits.get(i), true);
      p[i] = rp - prevP;
      q[i] = rq - prevQ;
      prevP = rp;
      prevQ = rq;
    }
    p[k - 1] = 1 - prevP;
    q[k - 1] = 1 - prevQ;
    return new double[][] {p, q};
  }

  private static Map<String, double[]> categoricalShares(ColumnProfile t, ColumnProfile s) {
    Map<String, double[]> m = new LinkedHashMap<>();
    double tn = Math.max(1, t.present());
    double sn = Math.max(1, s.present());
    double tOther = 1;
    double sOther = 1;
    for (FrequentItem i : t.top(1000)) {
      m.computeIfAbsent(i.value(), k -> new double[2])[0] = i.count() / tn;
      tOther -= i.count() / tn;
    }
    for (FrequentItem i : s.top(1000)) {
      m.computeIfAbsent(i.value(), k -> new double[2])[1] = i.count() / sn;
      sOther -= i.count() / sn;
    }
    if (tOther > 1e-9 || sOther > 1e-9) {
      m.put("(other)", new double[] {Math.max(0, tOther), Math.max(0, sOther)});
    }
    return m;
  }

  /** Jensen–Shannon divergence in bits of two distributions over the same bins (each summing to 1). */
  public static double jensenShannon(double[] p, double[] q) {
    InvalidArgumentException.check(p.length == q.length, "distributions must have the same bins: %d vs %d", p.length, q.length);
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double m = (p[i] + q[i]) / 2;
      if (p[i] > 0) {
        js += 0.5 * p[i] * Math.log(p[i] / m);
      }
      if (q[i] > 0) {
        js += 0.5 * q[i] * Math.log(q[i] / m);
      }
    }
    return Math.max(0, js / Math.log(2));
  }

  /**
   * Per-feature mismatches of the same examples computed twice (the classic train/serve pipeline
   * bug): rows of {@code training} and {@code serving} are joined on {@code idColumn}; for every
   * other column present on both sides, the values of each joined example are compared (numbers
   * within {@code tolerance} absolute, missing equals missing, text exactly).
   *
   * @param maxExamples examples kept per feature
   * @throws SchemaMismatchException when either table lacks the id column
   */
  public static JoinSkew joinSkew(Table training, Table serving, String idColumn, double tolerance, int maxExamples) {
    InvalidArgumentException.check(tolerance >= 0, "tolerance must be >= 0: %s", tolerance);
    Column tid = training.column(idColumn);
    Column sid = serving.column(idColumn);
    Map<String, Integer> trainRows = new HashMap<>();
    long duplicateIds = 0;
    for (int i = 0; i < tid.size(); i++) {
      if (!tid.isMissing(i) && trainRows.putIfAbsent(Check.canonical(tid.getObject(i)), i) != null) {
        duplicateIds++;
      }
    }
    List<int[]> pairs = new ArrayList<>();
    for (int j = 0; j < sid.size(); j++) {
      Integer i = sid.isMissing(j) ? null : trainRows.get(Check.canonical(sid.getObject(j)));
      if (i != null) {
        pairs.add(new int[] {i, j});
      }
    }
    List<JoinSkew.Feature> features = new ArrayList<>();
    for (Column tc : training.columns()) {
      if (tc.name().equals(idColumn) || !serving.hasColumn(tc.name())) {
        continue;
      }
      Column sc = serving.column(tc.name());
      long mismatches = 0;
      List<Map<String, Object>> examples = new ArrayList<>();
      boolean numeric = isNumeric(tc) && isNumeric(sc);
      for (int[] p : pairs) {
        boolean tm = tc.isMissing(p[0]);
        boolean sm = sc.isMissing(p[1]);
        boolean same;
        if (tm || sm) {
          same = tm == sm;
        } else if (numeric) {
          double a = num(tc, p[0]);
          double b = num(sc, p[1]);
          same = Math.abs(a - b) <= tolerance || (Double.isNaN(a) && Double.isNaN(b));
        } else {
          same = Check.canonical(tc.getObject(p[0])).equals(Check.canonical(sc.getObject(p[1])));
        }
        if (!same) {
          mismatches++;
          if (examples.size() < maxExamples) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put(idColumn, tid.getObject(p[0]) == null ? null : tid.getObject(p[0]).toString());
            e.put("training", tm ? null : String.valueOf(tc.getObject(p[0])));
            e.put("serving", sm ? null : String.valueOf(sc.getObject(p[1])));
            examples.add(e);
          }
        }
      }
      features.add(new JoinSkew.Feature(tc.name(), pairs.size(), mismatches, examples));
    }
    return new JoinSkew(idColumn, training.rowCount(), serving.rowCount(), pairs.size(), duplicateIds, features);
  }

  private static boolean isNumeric(Column c) {
    return c.type() == ColumnType.DOUBLE || c.type() == ColumnType.LONG;
  }

  private static double num(Column c, int i) {
    return c instanceof DoubleColumn d ? d.get(i) : ((LongColumn) c).get(i);
  }
}
