package dev.vigil.leakage;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.BooleanColumn;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Schema;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The planted-leak benchmark: seeded train/test pairs with exactly one known leak each, and their
 * clean twin, so that the recall of the audit and its false findings can be measured.
 *
 * <p>The clean twin ({@link #clean}) is a time-ordered, patient-disjoint split of a binary
 * classification table: {@code event_time}, {@code patient}, {@code site}, {@code city} (text),
 * {@code x0..x3} (x0 and {@code cat} weakly predictive), {@code cat}, {@code flag}, {@code visits},
 * {@code lab_value} with its {@code lab_time} (recorded an hour before the event), and the label
 * {@code y} (about 30% positive). Each {@link Kind} changes one thing (see its documentation).
 */
public final class PlantedLeaks {
  /** One planted leak; the name is the check id expected to find it. */
  public enum Kind {
    /** 5% of test rows are copies of training rows. */
    DUPLICATE_ROWS("duplicate-rows", "", Severity.ERROR),
    /** 5% of training rows are repeated with the opposite label. */
    CONFLICTING_LABELS("conflicting-labels", "", Severity.WARNING),
    /** A column {@code leak} equal to the label plus small noise. */
    TARGET_LEAK("target-leak", "leak", Severity.ERROR),
    /** A column {@code backfilled} that predicts the label in train (AUC about 0.85) and not in test. */
    POWER_DROP("target-leak", "backfilled", Severity.WARNING),
    /** A unique {@code record_id} assigned in label order. */
    IDENTIFIER_LEAK("identifier-leak", "record_id", Severity.ERROR),
    /** Test patients are drawn from training patients. */
    GROUP_OVERLAP("group-overlap", "patient", Severity.ERROR),
    /** Test events are drawn from the training period. */
    TEMPORAL_LEAK("temporal-leak", "event_time", Severity.ERROR),
    /** {@code lab_time} falls after the event for 30% of rows. */
    FEATURE_AVAILABILITY("temporal-leak", "lab_value", Severity.ERROR),
    /** Label rate and {@code x3} depend strongly on {@code site}. */
    PROXY_CONFOUNDING("proxy-confounding", "site", Severity.ERROR),
    /** Test has about 60% positives instead of 30%. */
    LABEL_SHIFT("label-shift", "y", Severity.WARNING),
    /** 3% of test rows carry a label value 2 never seen in train. */
    NEW_LABEL("new-label", "y", Severity.ERROR),
    /** 5% of test rows carry {@code cat} values never seen in train. */
    NEW_CATEGORY("new-category", "cat", Severity.WARNING),
    /** Test spells {@code city} as {@code new-york} where train has {@code New York}. */
    STRING_MISMATCH("string-mismatch", "city", Severity.WARNING),
    /** The serving schema lacks {@code x2} and serving fills {@code x1} with a default. */
    UNAVAILABLE_AT_SERVING("unavailable-at-serving", "x2", Severity.ERROR),
    /** A scaler's mean of {@code x0} was fitted on train + test. */
    PREPROCESSING_LEAK("preprocessing-leak", "x0", Severity.ERROR);

    private final String check;
    private final String column;
    private final Severity severity;

    Kind(String check, String column, Severity severity) {
      this.check = check;
      this.column = column;
      this.severity = severity;
    }

    /** The check id expected to find the leak. */
    public String check() {
      return check;
    }

    /** The column the finding should name ("" for whole-row leaks). */
    public String column() {
      return column;
    }

    /** The lowest severity the finding should have. */
    public Severity severity() {
      return severity;
    }
  }

  /** A benchmark case: the data, the options an auditor would give, and what should be found. */
  public record Case(Kind kind, Table train, Table test, LeakageOptions options) {}

  private PlantedLeaks() {}

  /** Options for auditing the benchmark tables (label, time, group, nuisance, availability, seed). */
  public static LeakageOptions.Builder options(long seed) {
    return LeakageOptions.builder("y").time("event_time").group("patient").nuisance("site")
        .availability("lab_value", Availability.column("lab_time")).seed(seed);
  }

  /** The clean twin: {@code rows} training rows and {@code rows / 4} test rows. */
  public static Case clean(int rows, long seed) {
    InvalidArgumentException.check(rows >= 200 && rows <= 5_000_000, "rows must be in [200, 5000000]: %d", rows);
    Gen g = new Gen(seed);
    Table train = g.table(rows, 0, false, null);
    Table test = g.table(rows / 4, rows, false, null);
    return new Case(null, train, test, options(seed).build());
  }

  /** The case with {@code kind} planted into {@code rows} training and {@code rows / 4} test rows. */
  public static Case planted(Kind kind, int rows, long seed) {
    InvalidArgumentException.check(rows >= 200 && rows <= 5_000_000, "rows must be in [200, 5000000]: %d", rows);
    Gen g = new Gen(seed);
    boolean confounded = kind == Kind.PROXY_CONFOUNDING;
    Table train = g.table(rows, 0, confounded, kind);
    Table test = g.table(rows / 4, rows, confounded, kind);
    LeakageOptions.Builder o = options(seed);
    SplittableRandom r = new SplittableRandom(seed ^ 0xABCDEFL);
    int nt = train.rowCount();
    int ns = test.rowCount();
    switch (kind) {
      case DUPLICATE_ROWS -> {
        List<Table> parts = new ArrayList<>();
        int copies = ns / 20;
        int[] picks = new int[copies];
        for (int i = 0; i < copies; i++) {
          picks[i] = r.nextInt(nt);
        }
        Table copied = train.select(picks);
        // Keep test's own time and patient so that only the duplication is planted.
        Table own = test.slice(0, copies);
        copied = copied.withColumn(own.column("event_time")).withColumn(own.column("patient"))
            .withColumn(own.column("lab_time"));
        parts.add(copied);
        parts.add(test.slice(copies, ns));
        test = Table.concat(parts);
      }
      case CONFLICTING_LABELS -> {
        int copies = nt / 20;
        int[] picks = new int[copies];
        for (int i = 0; i < copies; i++) {
          picks[i] = r.nextInt(nt);
        }
        Table copied = train.select(picks);
        LongColumn y = copied.longColumn("y");
        long[] flipped = new long[copies];
        for (int i = 0; i < copies; i++) {
          flipped[i] = 1 - y.get(i);
        }
        copied = copied.withColumn(LongColumn.of("y", flipped));
        train = Table.concat(List.of(train, copied));
      }
      case GROUP_OVERLAP -> {
        StringColumn.Builder p = StringColumn.builder("patient");
        StringColumn tp = train.stringColumn("patient");
        for (int i = 0; i < ns; i++) {
          p.add(tp.get(r.nextInt(nt)));
        }
        test = test.withColumn(p.build());
      }
      case TEMPORAL_LEAK -> {
        TimestampColumn tt = train.timestampColumn("event_time");
        long lo = tt.getMicros(0);
        long hi = tt.getMicros(nt - 1);
        long[] t = new long[ns];
        long[] lab = new long[ns];
        for (int i = 0; i < ns; i++) {
          t[i] = lo + (long) (r.nextDouble() * (hi - lo));
          lab[i] = t[i] - 3_600_000_000L;
        }
        test = test.withColumn(TimestampColumn.of("event_time", t)).withColumn(TimestampColumn.of("lab_time", lab));
      }
      case LABEL_SHIFT -> {
        LongColumn y = test.longColumn("y");
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < ns; i++) {
          if (y.get(i) == 1 || r.nextDouble() < 0.28) {
            keep.add(i);
          }
        }
        test = test.select(keep.stream().mapToInt(Integer::intValue).toArray());
      }
      case NEW_LABEL -> {
        long[] y = test.longColumn("y").toArray();
        for (int i = 0; i < ns; i++) {
          if (r.nextDouble() < 0.03) {
            y[i] = 2;
          }
        }
        test = test.withColumn(LongColumn.of("y", y));
      }
      case NEW_CATEGORY -> {
        CategoricalColumn.Builder c = CategoricalColumn.builder("cat");
        CategoricalColumn old = test.categoricalColumn("cat");
        for (int i = 0; i < ns; i++) {
          c.add(r.nextDouble() < 0.05 ? "Z" + r.nextInt(3) : old.get(i));
        }
        test = test.withColumn(c.build());
      }
      case STRING_MISMATCH -> {
        StringColumn.Builder c = StringColumn.builder("city");
        StringColumn old = test.stringColumn("city");
        for (int i = 0; i < ns; i++) {
          c.add(old.get(i).toLowerCase(Locale.ROOT).replace(' ', '-'));
        }
        test = test.withColumn(c.build());
      }
      case UNAVAILABLE_AT_SERVING -> {
        List<Field> fields = new ArrayList<>();
        for (Field f : train.schema().fields()) {
          if (!f.name().equals("x2")) {
            fields.add(f);
          }
        }
        o.servingSchema(Schema.of(fields));
        Table serving = test.head(Math.min(ns, 200)).drop("x2");
        double[] zero = new double[serving.rowCount()];
        o.servingSample(serving.withColumn(DoubleColumn.of("x1", zero)));
      }
      case PREPROCESSING_LEAK -> {
        double[] a = train.doubleColumn("x0").toArray();
        double[] b = test.doubleColumn("x0").toArray();
        double s = 0;
        for (double v : a) {
          s += v;
        }
        for (double v : b) {
          s += v;
        }
        o.fitted(new FittedStatistic("x0", FittedStatistic.Statistic.MEAN, s / (a.length + b.length)));
      }
      default -> {
        // Planted while generating the table.
      }
    }
    return new Case(kind, train, test, o.build());
  }

  /** The generator of both splits; row {@code offset} continues time and patient numbering. */
  private static final class Gen {
    private final long seed;

    Gen(long seed) {
      this.seed = seed;
    }

    Table table(int n, int offset, boolean confounded, Kind kind) {
      SplittableRandom r = new SplittableRandom(seed * 1_000_003L + offset);
      String[] sites = {"north", "south", "east", "west"};
      String[] cities = {"New York", "Boston", "Chicago", "San Diego"};
      TimestampColumn.Builder time = TimestampColumn.builder("event_time", ZoneOffset.UTC);
      TimestampColumn.Builder labTime = TimestampColumn.builder("lab_time", ZoneOffset.UTC);
      StringColumn.Builder patient = StringColumn.builder("patient");
      CategoricalColumn.Builder site = CategoricalColumn.builder("site");
      StringColumn.Builder city = StringColumn.builder("city");
      CategoricalColumn.Builder cat = CategoricalColumn.builder("cat");
      BooleanColumn.Builder flag = BooleanColumn.builder("flag");
      LongColumn.Builder visits = LongColumn.builder("visits");
      DoubleColumn.Builder[] x = new DoubleColumn.Builder[4];
      for (int j = 0; j < 4; j++) {
        x[j] = DoubleColumn.builder("x" + j);
      }
      DoubleColumn.Builder lab = DoubleColumn.builder("lab_value");
      DoubleColumn.Builder leak = DoubleColumn.builder("leak");
      long[] y = new long[n];
      long start = 1_704_067_200_000_000L; // 2024-01-01
      for (int i = 0; i < n; i++) {
        int row = offset + i;
        long t = start + row * 600_000_000L; // one event every 10 minutes
        time.addMicros(t);
        patient.add(String.format(Locale.ROOT, "P%07d", row / 2));
        int s = r.nextInt(4);
        site.add(sites[s]);
        city.add(cities[r.nextInt(4)]);
        int c = r.nextInt(5);
        cat.add(String.valueOf((char) ('A' + c)));
        double x0 = gaussian(r);
        double logit = -0.85 + 0.9 * x0 + 0.15 * (c - 2);
        if (confounded) {
          logit += s == 0 ? 1.6 : (s == 1 ? -1.6 : 0);
        }
        y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        x[0].add(x0);
        x[1].add(gaussian(r));
        x[2].add(gaussian(r) * 3 + 10);
        x[3].add(gaussian(r) + (confounded ? 1.5 * s : 0));
        flag.add(r.nextBoolean());
        visits.add(r.nextInt(10));
        lab.add(Math.round(gaussian(r) * 100) / 10.0);
        long labAt = t - 3_600_000_000L;
        if (kind == Kind.FEATURE_AVAILABILITY && r.nextDouble() < 0.3) {
          labAt = t + 2 * 3_600_000_000L;
        }
        labTime.addMicros(labAt);
        leak.add(y[i] + 0.05 * gaussian(r));
      }
      List<Column> cols = new ArrayList<>(List.of(time.build(), patient.build(), site.build(), city.build(),
          cat.build(), flag.build(), visits.build(), x[0].build(), x[1].build(), x[2].build(), x[3].build(),
          lab.build(), labTime.build()));
      if (kind == Kind.TARGET_LEAK) {
        cols.add(leak.build());
      }
      if (kind == Kind.POWER_DROP) {
        DoubleColumn.Builder b = DoubleColumn.builder("backfilled");
        for (int i = 0; i < n; i++) {
          b.add((offset == 0 ? 1.5 * y[i] : 0) + gaussian(r));
        }
        cols.add(b.build());
      }
      if (kind == Kind.IDENTIFIER_LEAK) {
        StringColumn.Builder id = StringColumn.builder("record_id");
        for (int i = 0; i < n; i++) {
          id.add(String.format(Locale.ROOT, "R%d%08d", y[i], offset + i));
        }
        cols.add(id.build());
      }
      cols.add(LongColumn.of("y", y));
      return Table.of(cols);
    }

    private static double gaussian(SplittableRandom r) {
      double u = 1 - r.nextDouble();
      double v = r.nextDouble();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
  }
}
