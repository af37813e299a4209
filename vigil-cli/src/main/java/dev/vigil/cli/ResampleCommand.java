package dev.vigil.cli;

import dev.vigil.data.Table;
import dev.vigil.imbalance.Method;
import dev.vigil.imbalance.ResampleOptions;
import dev.vigil.imbalance.ResampleResult;
import dev.vigil.imbalance.Resamplers;
import dev.vigil.imbalance.SamplingStrategy;
import dev.vigil.io.DataFormat;
import dev.vigil.io.Tables;
import dev.vigil.neighbors.NeighborOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil resample IN OUT --label y --method M}: writes the resampled table to OUT and reports
 * the counts per class. JSON: {@code method}, {@code parameters}, {@code seed}, {@code rows_before},
 * {@code rows_after}, {@code synthetic_rows}, {@code classes} ({@code class}, {@code before},
 * {@code requested}, {@code after}), {@code output}.
 */
@Command(name = "resample", mixinStandardHelpOptions = true,
    description = "Resample IN for class imbalance and write OUT (.csv, .tsv, .parquet, .jsonl).")
final class ResampleCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IN", description = "Input file or JDBC URL (with --query).")
  String in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output data file; its extension gives the format.")
  Path target;

  @Option(names = "--label", required = true, paramLabel = "COL", description = "The class column.")
  String label;

  @Option(names = "--method", required = true, paramLabel = "M",
      description = "random-under, tomek, cluster-centroids, nearmiss-1, nearmiss-2, nearmiss-3, enn, renn, allknn, "
          + "cnn, oss, ncr, iht, random-over, smote, smote-nc, smote-n, borderline-smote-1, borderline-smote-2, "
          + "svm-smote, kmeans-smote, adasyn, smote-enn, smote-tomek.")
  String method;

  @Option(names = "--strategy", paramLabel = "S", defaultValue = "auto",
      description = "auto, minority, majority, not-minority, not-majority, all, a ratio in (0, 1], "
          + "label=count,... or (cleaning methods) label,label,... (default: ${DEFAULT-VALUE}).")
  String strategy;

  @Option(names = "--k", paramLabel = "N", description = "Neighbours (default: the method's imbalanced-learn default).")
  Integer k;

  @Option(names = "--m", paramLabel = "N", description = "Borderline-/SVM-SMOTE m_neighbors (10) or NearMiss-3 n_neighbors_ver3 (3).")
  Integer m;

  @Option(names = "--kind-sel", paramLabel = "all|mode", defaultValue = "all",
      description = "ENN, RENN, All-kNN, NCR neighbourhood rule (default: ${DEFAULT-VALUE}).")
  String kindSel;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--weight", paramLabel = "COL", description = "Per-sample weight column to carry through (not a feature).")
  String weight;

  @Option(names = "--replacement", description = "random-under: draw with replacement.")
  boolean replacement;

  @Option(names = "--shrinkage", paramLabel = "H", description = "random-over: smoothed bootstrap with this shrinkage.")
  Double shrinkage;

  @Option(names = "--nearest-real-sample", description = "cluster-centroids: keep the real sample nearest each centroid.")
  boolean nearest;

  @Option(names = "--distance", paramLabel = "euclidean|manhattan", defaultValue = "euclidean",
      description = "Distance for numeric features (mixed data uses HEOM) (default: ${DEFAULT-VALUE}).")
  String distance;

  @Option(names = "--allow-empty-class", description = "Let a cleaning rule remove every sample of a class.")
  boolean allowEmpty;

  @Option(names = "--threads", paramLabel = "N", description = "Neighbour-search threads (default: all processors).")
  Integer threads;

  @Option(names = "--approximate", description = "Approximate neighbour search (an inverted-file index, seeded by --seed) "
      + "at the target --recall, measured per search on a sample of its queries and reported as achieved_recall; "
      + "results then differ from imbalanced-learn's.")
  boolean approximate;

  @Option(names = "--recall", paramLabel = "R",
      description = "With --approximate: the target recall in [0.5, 1] (default: 0.99).")
  Double recall;

  @Option(names = "--output-format", paramLabel = "FORMAT", description = "csv, tsv, parquet or jsonl.")
  String outputFormat;

  @Option(names = "--iht-estimator", paramLabel = "forest|knn", defaultValue = "forest",
      description = "iht: the cross-validated classifier, forest (imbalanced-learn's random forest of 100 trees) or knn "
          + "(k-NN votes, fast) (default: ${DEFAULT-VALUE}).")
  String ihtEstimator;

  @Mixin InputOptions input;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Method mth = Method.parse(method);
    ResampleOptions o = ResampleOptions.defaults().withStrategy(SamplingStrategy.parse(strategy)).withK(k).withM(m)
        .withKindSel(parseKindSel(kindSel)).withSeed(seed).withReplacement(replacement).withShrinkage(shrinkage)
        .withNearestRealSample(nearest).withDistance(distance.toLowerCase(Locale.ROOT)).withAllowEmptyClass(allowEmpty);
    dev.vigil.InvalidArgumentException.check(recall == null || approximate,
        "--recall %s needs --approximate (without it the neighbour search is exact)", recall);
    NeighborOptions nopt = NeighborOptions.defaults();
    if (threads != null) {
      nopt = nopt.withThreads(threads);
    }
    if (approximate) {
      nopt = nopt.withRecall(recall == null ? 0.99 : recall).withSeed(seed);
    }
    o = o.withNeighbors(nopt);
    Table t = input.read(in, output.err()).table();
    ResampleResult r = resampler(mth, o).resample(t, label, weight);
    DataFormat format = outputFormat != null ? DataFormat.parse(outputFormat) : DataFormat.of(target);
    Tables.write(r.table(), target, format);
    var report = r.toReport();
    var b = dev.vigil.report.Report.builder(report.kind(), report.title());
    report.data().forEach(b::put);
    b.put("output", target.toString());
    report.blocks().forEach(b::add);
    b.keyValues("written to", target.toString());
    return output.emit(b.build());
  }

  private dev.vigil.imbalance.Resampler resampler(Method mth, ResampleOptions o) {
    String e = ihtEstimator.toLowerCase(Locale.ROOT);
    if (!e.equals("forest") && !e.equals("knn")) {
      throw new dev.vigil.InvalidArgumentException("--iht-estimator must be forest or knn: " + ihtEstimator);
    }
    return mth == Method.IHT && e.equals("forest")
        ? Resamplers.instanceHardness(o, new dev.vigil.models.imbalance.ForestHardness()) : Resamplers.create(mth, o);
  }

  static ResampleOptions.KindSel parseKindSel(String s) {
    String v = s.toLowerCase(Locale.ROOT);
    dev.vigil.InvalidArgumentException.check(v.equals("all") || v.equals("mode"), "--kind-sel must be all or mode: %s", s);
    return v.equals("all") ? ResampleOptions.KindSel.ALL : ResampleOptions.KindSel.MODE;
  }
}
