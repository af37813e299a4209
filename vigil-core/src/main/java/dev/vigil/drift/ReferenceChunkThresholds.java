package dev.vigil.drift;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Distance thresholds from the reference's own chunks, as NannyML sets them, and Vigil's
 * leave-chunk-out variant.
 *
 * <p>NannyML ({@code nannyml/drift/univariate/methods.py}, {@code Method.fit}) fits each method on the
 * whole reference, cuts the reference into chunks with the calculator's chunker, scores every chunk
 * against that fit and applies {@code StandardDeviationThreshold(std_lower_multiplier=None)}: upper =
 * mean + 3 × standard deviation (population, NaN scores ignored) of the chunk scores, no lower
 * threshold; a current window alerts when its distance is strictly above the upper threshold. The
 * chunkers ({@code nannyml/chunk.py}): {@code chunk_size} s gives consecutive chunks of s rows plus a
 * last incomplete chunk of the leftover rows ({@code incomplete='keep'}); {@code chunk_number} k uses
 * s = ⌊n/k⌋ the same way (so it can give k + 1 chunks, the last one small); NannyML's default is k =
 * 10.
 *
 * <p>Scoring each chunk against a reference that contains it makes the chunk scores small and the
 * thresholds tight: {@link Scoring#LEAVE_CHUNK_OUT} (Vigil's variant, as {@link DriftCalibrator})
 * scores each chunk against the reference without it, which is how a future window is compared.
 *
 * <p>Only distance methods get a threshold (for {@code --compat nannyml}: {@code js}, {@code
 * hellinger}, {@code linf}, {@code wasserstein}); features judged by a p-value (NannyML's {@code ks}
 * and {@code chi2} alert on p &lt; 0.05) are left out of the result and keep their alpha. The rows of
 * {@code reference} must be in time order.
 */
public final class ReferenceChunkThresholds {
  private ReferenceChunkThresholds() {}

  /** Against what each reference chunk is scored. */
  public enum Scoring {
    /** NannyML's: against the whole reference, the chunk included. */
    NANNYML,
    /** Vigil's: against the reference without the chunk. */
    LEAVE_CHUNK_OUT;

    public String cliName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code nannyml} or {@code leave-chunk-out}. */
    public static Scoring parse(String s) {
      String n = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
      return switch (n) {
        case "nannyml", "in-sample" -> NANNYML;
        case "leave-chunk-out", "vigil" -> LEAVE_CHUNK_OUT;
        default -> throw new InvalidArgumentException("unknown chunk scoring \"" + s
            + "\": expected nannyml or leave-chunk-out");
      };
    }
  }

  /**
   * NannyML's size- or count-based chunker: exactly one of {@code chunkSize} and {@code chunkNumber}
   * is positive, the other 0.
   */
  public record Chunking(int chunkSize, int chunkNumber) {
    public Chunking {
      InvalidArgumentException.check((chunkSize > 0) != (chunkNumber > 0) && chunkSize >= 0 && chunkNumber >= 0,
          "give exactly one positive chunk size or chunk number: size %d, number %d", chunkSize, chunkNumber);
    }

    /** NannyML's {@code chunk_size}. */
    public static Chunking size(int rows) {
      InvalidArgumentException.check(rows > 0, "chunk size must be positive: %d", rows);
      return new Chunking(rows, 0);
    }

    /** NannyML's {@code chunk_number}. */
    public static Chunking number(int chunks) {
      InvalidArgumentException.check(chunks > 0, "chunk number must be positive: %d", chunks);
      return new Chunking(0, chunks);
    }

    /** NannyML's {@code DefaultChunker}: 10 chunks. */
    public static Chunking nannymlDefault() {
      return number(10);
    }

    /** The [start, end) row ranges of {@code rows} rows, incomplete last chunk kept. */
    public List<int[]> split(int rows) {
      int s = chunkSize > 0 ? chunkSize : rows / chunkNumber;
      InvalidArgumentException.check(s > 0, "cannot cut %d rows into %d chunks", rows, chunkNumber);
      List<int[]> out = new ArrayList<>();
      int i = 0;
      for (; i + s <= rows; i += s) {
        out.add(new int[] {i, i + s});
      }
      if (i < rows) {
        out.add(new int[] {i, rows});
      }
      return out;
    }
  }

  /** One feature's chunk scores and threshold. */
  public record FeatureThreshold(String name, DriftMethod method, double[] chunkScores, double mean, double sd,
      double upper) {}

  /** The thresholds of every feature judged by a distance. */
  public record Result(List<FeatureThreshold> features, List<int[]> chunks, Chunking chunking, Scoring scoring) {
    public Result {
      features = List.copyOf(features);
      chunks = List.copyOf(chunks);
    }

    /** Column name to upper threshold. */
    public Map<String, Double> upperThresholds() {
      Map<String, Double> m = new LinkedHashMap<>();
      for (FeatureThreshold f : features) {
        m.put(f.name(), f.upper());
      }
      return m;
    }

    /**
     * {@code options} with these thresholds (and the method each was computed for) as per-column
     * settings; a column threshold already in {@code options} is kept.
     */
    public DriftOptions apply(DriftOptions options) {
      Map<String, Double> t = new LinkedHashMap<>(upperThresholds());
      t.putAll(options.columnThresholds());
      Map<String, DriftMethod> m = new LinkedHashMap<>();
      for (FeatureThreshold f : features) {
        m.put(f.name(), f.method());
      }
      m.putAll(options.columnMethods());
      return options.withColumnThresholds(t).withColumnMethods(m);
    }
  }

  /**
   * NannyML's {@code StandardDeviationThreshold.thresholds}: {lower, upper} = mean ∓ multiplier ×
   * standard deviation (population, ddof 0) of the non-NaN values; a NaN multiplier means no threshold
   * on that side (NaN returned). All-NaN values give NaN for both.
   */
  public static double[] standardDeviationThreshold(double[] values, double lowerMultiplier, double upperMultiplier) {
    double s = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        s += v;
        n++;
      }
    }
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mean = s / n;
    double ss = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    double sd = Math.sqrt(ss / n);
    return new double[] {Double.isNaN(lowerMultiplier) ? Double.NaN : mean - lowerMultiplier * sd,
        Double.isNaN(upperMultiplier) ? Double.NaN : mean + upperMultiplier * sd};
  }

  /**
   * Scores the chunks of {@code reference} (rows in time order) with the methods of {@code options}
   * and sets each distance feature's upper threshold to mean + 3 sd of its chunk scores.
   *
   * @throws InvalidArgumentException when there are fewer than 2 chunks, or fewer rows than chunks
   */
  public static Result fit(Table reference, DriftOptions options, Chunking chunking, Scoring scoring) {
    List<int[]> chunks = chunking.split(reference.rowCount());
    InvalidArgumentException.check(chunks.size() >= 2, "reference-chunk thresholds need at least 2 chunks: %d rows "
        + "give %d with %s", reference.rowCount(), chunks.size(), chunking);
    DriftReference whole = DriftReference.of(reference);
    DriftOptions plain = options.withCorrection(Correction.NONE).withColumnThresholds(Map.of());
    if (Double.isNaN(plain.threshold())) {
      plain = plain.withThreshold(1.0); // scores do not depend on it; TFDV would demand one
    }
    List<DriftResult> results = new ArrayList<>();
    for (int[] c : chunks) {
      Table chunk = reference.slice(c[0], c[1]);
      DriftReference against = scoring == Scoring.NANNYML ? whole : whole.minus(DriftReference.of(chunk));
      results.add(Drift.compare(against, chunk, plain));
    }
    List<FeatureThreshold> out = new ArrayList<>();
    for (FeatureDrift first : results.get(0).features()) {
      String name = first.name();
      double[] scores = new double[chunks.size()];
      DriftMethod method = null;
      for (int i = 0; i < chunks.size(); i++) {
        FeatureDrift f = results.get(i).feature(name).orElseThrow();
        if (f.method() != DriftMethod.AUTO) {
          method = f.method();
        }
        scores[i] = f.error() == null ? f.statistic() : Double.NaN;
      }
      if (method == null || method.hasPValue()) {
        continue;
      }
      double[] lu = standardDeviationThreshold(scores, Double.NaN, 3);
      if (Double.isNaN(lu[1])) {
        continue; // no chunk could be scored (e.g. the column is missing throughout)
      }
      double[] ms = standardDeviationThreshold(scores, 1, 1);
      double mean = (ms[0] + ms[1]) / 2;
      out.add(new FeatureThreshold(name, method, scores, mean, (ms[1] - ms[0]) / 2, lu[1]));
    }
    return new Result(out, chunks, chunking, scoring);
  }
}
