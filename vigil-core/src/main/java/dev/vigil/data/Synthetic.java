package dev.vigil.data;

import dev.vigil.InvalidArgumentException;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Seeded synthetic datasets for demos, tests and benchmarks. The same arguments always give the same
 * table, on every JVM.
 */
public final class Synthetic {
  private Synthetic() {}

  static final String[] SITES = {"st-marys", "north-general", "riverside", "lakeshore", "mount-hope"};
  private static final double[] SITE_SHARE = {0.34, 0.26, 0.18, 0.14, 0.08};
  /** Base malignancy log-odds per site: referral centres see sicker patients (a site artefact). */
  private static final double[] SITE_LOGIT = {-3.4, -2.9, -2.6, -1.7, -3.0};
  private static final String[][] SITE_SCANNERS = {
    {"siemens-force", "siemens-edge"}, {"ge-revolution"}, {"philips-iqon", "ge-revolution"},
    {"canon-aquilion"}, {"siemens-edge", "philips-iqon"}};
  private static final double[] SITE_THICKNESS = {1.0, 1.25, 2.5, 0.625, 1.5};

  /**
   * A hospital CT-scan-style classification table of {@code rows} rows: one row per scan of a lung
   * nodule, with an imbalanced binary label {@code malignant} (about 7% positive), a {@code site}
   * column whose label rate and acquisition settings differ (so that a model can learn the site),
   * repeat scans of the same {@code patient_id}, a {@code scan_time} through 2024, numeric,
   * categorical and boolean features, and missing values where a real registry has them.
   *
   * <p>Columns: scan_id (string), patient_id (string), site, scanner, sex (categorical), scan_time
   * (timestamp), age, slice_thickness_mm, nodule_diameter_mm, mean_hu, texture_entropy, pack_years
   * (double, some missing), contrast, smoker (boolean, smoker some missing), prior_scans, malignant
   * (long 0/1).
   *
   * @param rows number of rows, in [1, 50,000,000]
   * @param seed the random seed
   */
  public static Table hospitalScans(int rows, long seed) {
    InvalidArgumentException.check(rows >= 1 && rows <= 50_000_000, "rows must be in [1, 50000000]: %d", rows);
    SplittableRandom rnd = new SplittableRandom(seed);
    StringColumn.Builder scanId = StringColumn.builder("scan_id");
    StringColumn.Builder patientId = StringColumn.builder("patient_id");
    CategoricalColumn.Builder site = CategoricalColumn.builder("site");
    CategoricalColumn.Builder scanner = CategoricalColumn.builder("scanner");
    CategoricalColumn.Builder sex = CategoricalColumn.builder("sex");
    TimestampColumn.Builder time = TimestampColumn.builder("scan_time", java.time.ZoneOffset.UTC);
    DoubleColumn.Builder age = DoubleColumn.builder("age");
    DoubleColumn.Builder thickness = DoubleColumn.builder("slice_thickness_mm");
    DoubleColumn.Builder diameter = DoubleColumn.builder("nodule_diameter_mm");
    DoubleColumn.Builder hu = DoubleColumn.builder("mean_hu");
    DoubleColumn.Builder entropy = DoubleColumn.builder("texture_entropy");
    DoubleColumn.Builder packYears = DoubleColumn.builder("pack_years");
    BooleanColumn.Builder contrast = BooleanColumn.builder("contrast");
    BooleanColumn.Builder smoker = BooleanColumn.builder("smoker");
    LongColumn.Builder prior = LongColumn.builder("prior_scans");
    LongColumn.Builder label = LongColumn.builder("malignant");

    long start = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    long span = 366L * 24 * 3600;
    int patients = Math.max(1, (int) (rows / 1.6));
    for (int i = 0; i < rows; i++) {
      // A patient keeps their site, sex, age and smoking history across repeat scans.
      int patient = rnd.nextInt(patients);
      SplittableRandom p = new SplittableRandom(seed * 31 + patient);
      int s = pick(p.nextDouble(), SITE_SHARE);
      boolean female = p.nextDouble() < 0.48;
      double patientAge = clamp(64 + 10 * gaussian(p), 30, 95);
      boolean isSmoker = p.nextDouble() < 0.42;
      double packs = isSmoker ? Math.round(Math.exp(3.0 + 0.5 * gaussian(p)) * 10) / 10.0 : 0.0;
      double nodule = Math.exp(1.7 + 0.55 * gaussian(rnd));

      scanId.add(String.format(java.util.Locale.ROOT, "S%07d", i + 1));
      patientId.add(String.format(java.util.Locale.ROOT, "P%06d", patient + 1));
      site.add(SITES[s]);
      String[] sc = SITE_SCANNERS[s];
      scanner.add(sc[rnd.nextInt(sc.length)]);
      sex.add(female ? "F" : "M");
      long t = start + (long) (span * ((i + rnd.nextDouble()) / rows));
      time.addMicros(t * 1_000_000L);
      if (rnd.nextDouble() < 0.03) {
        age.addMissing();
      } else {
        age.add(Math.round(patientAge));
      }
      thickness.add(SITE_THICKNESS[s] * (rnd.nextDouble() < 0.1 ? 2 : 1));
      diameter.add(Math.round(nodule * 10) / 10.0);
      double logit = SITE_LOGIT[s] + 0.22 * (nodule - 6) + 0.03 * (patientAge - 64) + 0.015 * packs;
      boolean malignant = rnd.nextDouble() < 1 / (1 + Math.exp(-logit));
      hu.add(Math.round((-420 + (malignant ? 90 : 0) + 110 * gaussian(rnd) + (s == 3 ? 35 : 0)) * 10) / 10.0);
      entropy.add(Math.round((4.2 + (malignant ? 0.5 : 0) + 0.6 * gaussian(rnd)) * 1000) / 1000.0);
      if (!isSmoker) {
        packYears.addMissing();
      } else {
        packYears.add(packs);
      }
      contrast.add(rnd.nextDouble() < (s == 1 ? 0.6 : 0.25));
      if (rnd.nextDouble() < 0.05) {
        smoker.addMissing();
      } else {
        smoker.add(isSmoker);
      }
      prior.add(Math.min(6, (long) (-Math.log(1 - rnd.nextDouble()) * 0.8)));
      label.add(malignant ? 1 : 0);
    }
    return Table.of(scanId.build(), patientId.build(), site.build(), scanner.build(), sex.build(), time.build(),
        age.build(), thickness.build(), diameter.build(), hu.build(), entropy.build(), packYears.build(),
        contrast.build(), smoker.build(), prior.build(), label.build());
  }

  /**
   * A numeric table of {@code rows} x {@code cols} standard normal values named {@code x0..x(cols-1)},
   * for benchmarks.
   */
  public static Table gaussian(int rows, int cols, long seed) {
    InvalidArgumentException.check(rows >= 0 && cols >= 1, "rows must be >= 0 and cols >= 1: %d x %d", rows, cols);
    SplittableRandom rnd = new SplittableRandom(seed);
    DoubleColumn[] c = new DoubleColumn[cols];
    double[][] v = new double[cols][rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        v[j][i] = gaussian(rnd);
      }
    }
    for (int j = 0; j < cols; j++) {
      c[j] = DoubleColumn.wrap("x" + j, v[j]);
    }
    return Table.of(c);
  }

  private static int pick(double u, double[] shares) {
    double acc = 0;
    for (int i = 0; i < shares.length; i++) {
      acc += shares[i];
      if (u < acc) {
        return i;
      }
    }
    return shares.length - 1;
  }

  /** A standard normal draw (Box–Muller, one of the pair). */
  static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
