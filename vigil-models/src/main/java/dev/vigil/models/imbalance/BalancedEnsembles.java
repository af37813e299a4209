package dev.vigil.models.imbalance;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.CategoricalColumn;
import dev.vigil.data.Column;
import dev.vigil.imbalance.Advisor;
import dev.vigil.models.ModelRuntimes;
import dev.vigil.models.internal.TribuoPredictor;
import dev.vigil.pipeline.FeaturePipeline;
import dev.vigil.pipeline.PipelineSpec;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.imbalance.Method;
import dev.vigil.imbalance.ResampleOptions;
import dev.vigil.imbalance.ResampleResult;
import dev.vigil.imbalance.Resamplers;
import dev.vigil.imbalance.SamplingStrategy;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.ensemble.VotingCombiner;
import dev.vigil.models.internal.SammeRCombiner;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.EnsembleCombiner;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Balanced ensembles as imbalanced-learn 0.10 defines them, built from Tribuo CART trees and the
 * core's random under-sampler ({@link Method#RANDOM_UNDER} with the ensemble's sampling strategy).
 *
 * <ul>
 *   <li>{@code balanced-rf} ({@code BalancedRandomForestClassifier}): per tree, randomly under-sample
 *       the data to the strategy, then (with {@code bootstrap}) draw a bootstrap of that sample;
 *       fully grown Gini tree trying {@code floor(sqrt(d))} features per split; 100 trees;
 *       probabilities averaged.
 *   <li>{@code balanced-bagging} ({@code BalancedBaggingClassifier}): per bag, a bootstrap of all
 *       rows (with {@code bootstrap}), randomly under-sampled to the strategy; a fully grown tree on
 *       all features; 10 bags; probabilities averaged.
 *   <li>{@code easy-ensemble} ({@code EasyEnsembleClassifier}): per bag, the data randomly
 *       under-sampled to the strategy (no bootstrap); AdaBoost (50 rounds of depth-1 trees, learning
 *       rate 1) on it; 10 bags; the bags' probabilities averaged.
 *   <li>{@code rusboost} ({@code RUSBoostClassifier}): AdaBoost, 50 rounds; each round trains a
 *       depth-1 tree on a fresh random under-sample of all rows (carrying their current boosting
 *       weights), and measures the error and updates the weights on all rows.
 * </ul>
 *
 * <p>Boosting follows scikit-learn 1.2's {@code AdaBoostClassifier} (the one imbalanced-learn 0.10
 * builds on). SAMME.R (the default): every round has weight 1, weights of row i are multiplied by
 * {@code exp(-lr (K-1)/K sum_k y_ik ln p_ik)} ({@code y_ik} = 1 for the true class, {@code -1/(K-1)}
 * otherwise, p clipped at machine epsilon), probabilities are {@code softmax(mean_m h_m / (K-1))}
 * with {@code h_mk = (K-1)(ln p_mk - mean_j ln p_mj)} (see {@link SammeRCombiner}). Discrete SAMME
 * ({@link Options#real} false): error {@code e} = weighted share of misclassified rows, round weight
 * {@code lr (ln((1-e)/e) + ln(K-1))}, misclassified rows' weights multiplied by {@code exp} of it, a
 * round with {@code e >= 1 - 1/K} dropped and ending the boosting (an error when it is the first);
 * scores are the normalised weighted votes. In both, a round with error 0 ends the boosting.
 *
 * <p>Randomness: one {@link SplittableRandom} seeded with {@code seed} draws, in member order, a seed
 * per tree, bag or round before any training, so results do not depend on threads. Bags and trees
 * train in parallel (common fork-join pool); the result is the same for any thread count.
 */
public final class BalancedEnsembles {
  private BalancedEnsembles() {}

  /** The ensembles, with their CLI names. */
  public enum Kind {
    BALANCED_RF("balanced-rf"),
    BALANCED_BAGGING("balanced-bagging"),
    EASY_ENSEMBLE("easy-ensemble"),
    RUSBOOST("rusboost");

    private final String cliName;

    Kind(String cliName) {
      this.cliName = cliName;
    }

    /** The CLI spelling, e.g. {@code "balanced-rf"}. */
    public String cliName() {
      return cliName;
    }

    /**
     * The ensemble named {@code name} (CLI spelling).
     *
     * @throws InvalidArgumentException listing the known names
     */
    public static Kind parse(String name) {
      for (Kind k : values()) {
        if (k.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      throw new InvalidArgumentException("unknown balanced ensemble \"" + name + "\"; expected one of " + NAMES);
    }
  }

  /** The CLI names of the ensembles. */
  public static final List<String> NAMES = List.of("balanced-rf", "balanced-bagging", "easy-ensemble", "rusboost");

  /**
   * Parameters of an ensemble; {@link #defaults} gives imbalanced-learn 0.10's.
   *
   * @param estimators trees (balanced-rf), bags (balanced-bagging, easy-ensemble) or boosting
   *     rounds (rusboost); >= 1
   * @param boostRounds AdaBoost rounds per easy-ensemble bag (50); >= 1, unused by the others
   * @param learningRate AdaBoost's learning rate (1); > 0
   * @param strategy the random under-sampler's sampling strategy ({@code auto}: every class down to
   *     the minority count)
   * @param replacement under-sample with replacement (false)
   * @param bootstrap balanced-rf: bootstrap the under-sample; balanced-bagging: bootstrap the rows
   *     before under-sampling (true for both; unused by the boosting ensembles)
   * @param seed the seed of every random choice
   * @param real AdaBoost SAMME.R (true, imbalanced-learn 0.10's default) or discrete SAMME (false)
   */
  public record Options(int estimators, int boostRounds, double learningRate, SamplingStrategy strategy,
      boolean replacement, boolean bootstrap, long seed, boolean real) {
    public Options {
      InvalidArgumentException.check(estimators >= 1 && estimators <= 10_000, "estimators must be in [1, 10000]: %d", estimators);
      InvalidArgumentException.check(boostRounds >= 1 && boostRounds <= 10_000, "boostRounds must be in [1, 10000]: %d", boostRounds);
      InvalidArgumentException.check(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be finite and > 0: %s",
          learningRate);
      InvalidArgumentException.check(strategy != null, "strategy must not be null");
    }

    /** imbalanced-learn 0.10's defaults for {@code kind}, seed 0. */
    public static Options defaults(Kind kind) {
      int n = switch (kind) {
        case BALANCED_RF -> 100;
        case RUSBOOST -> 50;
        default -> 10;
      };
      return new Options(n, 50, 1.0, SamplingStrategy.auto(), false, true, 0L, true);
    }

    public Options withEstimators(int v) {
      return new Options(v, boostRounds, learningRate, strategy, replacement, bootstrap, seed, real);
    }

    public Options withStrategy(SamplingStrategy v) {
      return new Options(estimators, boostRounds, learningRate, v, replacement, bootstrap, seed, real);
    }

    public Options withReplacement(boolean v) {
      return new Options(estimators, boostRounds, learningRate, strategy, v, bootstrap, seed, real);
    }

    public Options withSeed(long v) {
      return new Options(estimators, boostRounds, learningRate, strategy, replacement, bootstrap, v, real);
    }

    public Options withReal(boolean v) {
      return new Options(estimators, boostRounds, learningRate, strategy, replacement, bootstrap, seed, v);
    }
  }

  /**
   * A trained ensemble.
   *
   * @param model the Tribuo model (a {@code WeightedEnsembleModel}; it serialises as Tribuo protobuf)
   * @param samples per tree, bag or boosting round in training order (easy-ensemble: per bag), the
   *     class counts of the random under-sample it was built from (before balanced-rf's bootstrap)
   * @param params the hyper-parameters, as text
   */
  public record Fit(Model<Label> model, List<Map<String, Long>> samples, Map<String, String> params) {}

  /**
   * Trains {@code kind} on the double columns of {@code features} (missing values count as 0) with
   * class {@code labels} and optional per-row weights (null: 1 each).
   *
   * @throws InvalidArgumentException for rows and labels of different lengths, a missing label, a
   *     non-positive or non-finite weight, fewer than 2 classes, a sampling strategy the under-sampler
   *     refuses, or a first boosting round no better than chance
   */
  public static Fit train(Kind kind, Table features, String[] labels, double[] weights, Options o, Clock clock) {
    InvalidArgumentException.check(features.rowCount() == labels.length, "features have %s rows but labels %s",
        features.rowCount(), labels.length);
    InvalidArgumentException.check(weights == null || weights.length == labels.length,
        "weights have %s rows but labels %s", weights == null ? 0 : weights.length, labels.length);
    Map<String, Integer> counts = new TreeMap<>();
    for (String l : labels) {
      InvalidArgumentException.check(l != null, "labels must not be missing");
      counts.merge(l, 1, Integer::sum);
    }
    InvalidArgumentException.check(counts.size() >= 2, "%s needs at least 2 classes; the label has %s: %s",
        kind.cliName(), counts.size(), counts);
    if (weights != null) {
      for (int i = 0; i < weights.length; i++) {
        InvalidArgumentException.check(weights[i] > 0 && Double.isFinite(weights[i]),
            "weight of row %d must be finite and > 0: %s", i, weights[i]);
      }
    }
    Data d = new Data(features, labels, weights, counts.size(), clock);
    SplittableRandom root = new SplittableRandom(o.seed());
    long[] seeds = new long[o.estimators()];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = root.nextLong();
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ensemble", kind.cliName());
    params.put("estimators", Integer.toString(o.estimators()));
    params.put("sampling_strategy", o.strategy().toString());
    params.put("replacement", Boolean.toString(o.replacement()));
    int[] all = IntStream.range(0, labels.length).toArray();
    @SuppressWarnings("unchecked")
    Model<Label>[] members = new Model[o.estimators()];
    @SuppressWarnings("unchecked")
    Map<String, Long>[] samples = new Map[o.estimators()];
    Model<Label> model;
    switch (kind) {
      case BALANCED_RF -> {
        params.put("bootstrap", Boolean.toString(o.bootstrap()));
        params.put("max_features", "sqrt");
        int tried = Math.max(1, (int) Math.floor(Math.sqrt(d.names.length)));
        float fraction = (float) tried / d.names.length;
        IntStream.range(0, members.length).parallel().forEach(b -> {
          SplittableRandom rnd = new SplittableRandom(seeds[b]);
          Sample s = d.underSample(all, rnd.nextLong(), o);
          samples[b] = s.counts;
          double[] w = new double[labels.length];
          if (o.bootstrap()) {
            for (int i = 0; i < s.rows.length; i++) {
              int r = s.rows[rnd.nextInt(s.rows.length)];
              w[r] += d.rowWeight(r);
            }
          } else {
            for (int r : s.rows) {
              w[r] += d.rowWeight(r);
            }
          }
          members[b] = d.tree(Integer.MAX_VALUE, Math.min(1f, fraction), rnd.nextLong(), w); // Tribuo rounds fraction * d
        });
        model = ensemble("balanced-rf", List.of(members), new FullyWeightedVotingCombiner(), null);
      }
      case BALANCED_BAGGING -> {
        params.put("bootstrap", Boolean.toString(o.bootstrap()));
        IntStream.range(0, members.length).parallel().forEach(b -> {
          SplittableRandom rnd = new SplittableRandom(seeds[b]);
          int[] rows = all;
          if (o.bootstrap()) {
            rows = new int[all.length];
            for (int i = 0; i < rows.length; i++) {
              rows[i] = rnd.nextInt(all.length);
            }
          }
          Sample s = d.underSample(rows, rnd.nextLong(), o);
          samples[b] = s.counts;
          double[] w = new double[labels.length];
          for (int r : s.rows) {
            w[r] += d.rowWeight(r);
          }
          members[b] = d.tree(Integer.MAX_VALUE, 1f, rnd.nextLong(), w);
        });
        model = ensemble("balanced-bagging", List.of(members), new FullyWeightedVotingCombiner(), null);
      }
      case EASY_ENSEMBLE -> {
        params.put("boost_rounds", Integer.toString(o.boostRounds()));
        params.put("learning_rate", Double.toString(o.learningRate()));
        params.put("algorithm", o.real() ? "SAMME.R" : "SAMME");
        params.put("base_estimator", "depth-1 tree");
        IntStream.range(0, members.length).parallel().forEach(b -> {
          SplittableRandom rnd = new SplittableRandom(seeds[b]);
          Sample s = d.underSample(all, rnd.nextLong(), o);
          samples[b] = s.counts;
          members[b] = d.boost(s.rows, o.boostRounds(), o.learningRate(), o.real(), null, rnd, null);
        });
        model = ensemble("easy-ensemble", List.of(members), new FullyWeightedVotingCombiner(), null);
      }
      case RUSBOOST -> {
        params.put("learning_rate", Double.toString(o.learningRate()));
        params.put("algorithm", o.real() ? "SAMME.R" : "SAMME");
        params.put("base_estimator", "depth-1 tree on a random under-sample per round");
        List<Map<String, Long>> trace = new ArrayList<>();
        model = d.boost(all, o.estimators(), o.learningRate(), o.real(), o, new SplittableRandom(o.seed()), trace);
        return new Fit(model, List.copyOf(trace), params);
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    return new Fit(model, List.of(samples), params);
  }

  /**
   * {@code kind} with its defaults as a candidate of {@link dev.vigil.imbalance.Advisor}: each
   * training fold fits the automatic feature pipeline ({@link PipelineSpec#auto}: impute and scale
   * numeric columns, one-hot categorical ones) and the ensemble, seeded with the fold's seed;
   * {@code clock} stamps the (discarded) model provenance.
   */
  public static Advisor.Candidate candidate(Kind kind, Clock clock) {
    return (train, label, classes, seed) -> {
      Column y = train.column(label);
      String[] labels = new String[train.rowCount()];
      for (int i = 0; i < labels.length; i++) {
        InvalidArgumentException.check(!y.isMissing(i), "label column \"%s\" is missing at row %d", label, i + 1);
        labels[i] = String.valueOf(y.getObject(i));
      }
      Table x = train.drop(label);
      FeaturePipeline pipeline = FeaturePipeline.fit(PipelineSpec.auto(x.schema(), List.of()), x);
      TribuoPredictor model = new TribuoPredictor(train(kind, pipeline.transform(x), labels, null,
          Options.defaults(kind).withSeed(seed), clock).model());
      return features -> {
        Table out = ModelRuntimes.score(model, pipeline.transform(features));
        double[][] p = new double[out.rowCount()][classes.size()];
        for (int c = 0; c < classes.size(); c++) {
          if (model.signature().outputNames().contains(classes.get(c))) {
            double[] col = out.doubleColumn("p_" + classes.get(c)).toArray();
            for (int i = 0; i < col.length; i++) {
              p[i][c] = col[i];
            }
          }
        }
        return p;
      };
    };
  }

  /**
   * A Tribuo ensemble of {@code members} (weights null: 1 each). Tribuo needs two members; a single
   * one is entered twice, which leaves every combiner's output unchanged.
   */
  private static Model<Label> ensemble(String name, List<Model<Label>> members, EnsembleCombiner<Label> combiner,
      float[] weights) {
    List<Model<Label>> m = members.size() == 1 ? List.of(members.get(0), members.get(0)) : members;
    float[] w = weights;
    if (w == null) {
      w = new float[m.size()];
      Arrays.fill(w, 1f);
    } else if (members.size() == 1) {
      w = new float[] {weights[0], weights[0]};
    }
    return WeightedEnsembleModel.createEnsembleFromExistingModels(name, m, combiner, w);
  }

  /** Rows of an under-sample and its class counts. */
  private record Sample(int[] rows, Map<String, Long> counts) {}

  /** Tribuo CART's minimum child weight: positive (Tribuo's rule), far below any weight that matters. */
  static final float MIN_CHILD_WEIGHT = 1e-30f;

  /** The training data, once, as rows and Tribuo examples. */
  static final class Data {
    final String[] names;
    final double[][] x;
    final String[] labels;
    final int[] y;
    final List<String> classes;
    final double[] weights;
    final ArrayExample<Label>[] examples;
    final Clock clock;

    @SuppressWarnings("unchecked")
    Data(Table features, String[] labels, double[] weights, int k, Clock clock) {
      this.names = features.columnNames().toArray(String[]::new);
      this.labels = labels;
      this.weights = weights;
      this.clock = clock;
      int n = labels.length;
      List<double[]> cols = new ArrayList<>();
      for (String c : names) {
        cols.add(features.doubleColumn(c).toArray());
      }
      x = new double[n][names.length];
      examples = new ArrayExample[n];
      classes = new ArrayList<>(new java.util.TreeSet<>(Arrays.asList(labels)));
      y = new int[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < names.length; j++) {
          double v = cols.get(j)[i];
          x[i][j] = Double.isNaN(v) ? 0 : v;
        }
        y[i] = classes.indexOf(labels[i]);
        examples[i] = new ArrayExample<>(new Label(labels[i]), names, x[i]);
      }
    }

    /** The core's random under-sampler applied to {@code rows} (duplicates count as distinct rows). */
    Sample underSample(int[] rows, long seed, Options o) {
      String[] l = new String[rows.length];
      long[] pos = new long[rows.length];
      for (int i = 0; i < rows.length; i++) {
        l[i] = labels[rows[i]];
        pos[i] = i;
      }
      Table t = Table.of(CategoricalColumn.of("y", l), LongColumn.of("position", pos));
      ResampleResult r = Resamplers.create(Method.RANDOM_UNDER, ResampleOptions.defaults().withStrategy(o.strategy())
          .withReplacement(o.replacement()).withSeed(seed)).resample(t, "y");
      int[] src = r.sourceRows();
      int[] out = new int[src.length];
      for (int i = 0; i < src.length; i++) {
        out[i] = rows[src[i]];
      }
      return new Sample(out, r.after());
    }

    /** A CART tree on the rows with weight {@code w > 0}, weights scaled to mean 1. */
    @SuppressWarnings("unchecked")
    TreeModel<Label> tree(int depth, float fraction, long seed, double[] w) {
      MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("vigil balanced ensemble",
          OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), new LabelFactory()), new LabelFactory());
      double sum = 0;
      int m = 0;
      for (int i = 0; i < w.length; i++) {
        if (w[i] > 0) {
          sum += w[i];
          m++;
        }
      }
      for (int i = 0; i < w.length; i++) {
        if (w[i] > 0) {
          ArrayExample<Label> e = examples[i].copy();
          e.setWeight((float) (w[i] * m / sum));
          ds.add(e);
        }
      }
      // scikit-learn's trees have no minimum leaf weight (min_weight_fraction_leaf=0); boosting drives
      // some weights towards 0, so Tribuo's minimum child weight must sit far below any real weight
      CARTClassificationTrainer t = new CARTClassificationTrainer(depth, MIN_CHILD_WEIGHT, 0f, fraction, false,
          new GiniIndex(), seed);
      return (TreeModel<Label>) t.train(ds);
    }

    double rowWeight(int i) {
      return weights == null ? 1 : weights[i];
    }

    /**
     * AdaBoost on {@code rows} with depth-1 trees, SAMME.R ({@code real}) or discrete SAMME, as
     * scikit-learn 1.2's {@code AdaBoostClassifier}: with {@code rus} non-null, each round's tree
     * trains on a random under-sample of {@code rows} carrying their current weights (RUSBoost),
     * whose class counts go to {@code trace}; errors and weight updates use all of {@code rows}.
     */
    Model<Label> boost(int[] rows, int rounds, double lr, boolean real, Options rus, SplittableRandom rnd,
        List<Map<String, Long>> trace) {
      int k = classes.size();
      double[] sw = new double[x.length];
      double total = 0;
      for (int r : rows) {
        sw[r] += rowWeight(r); // a row drawn twice (under-sampling with replacement) weighs twice
        total += rowWeight(r);
      }
      int[] distinct = distinct(rows);
      for (int r : distinct) {
        sw[r] /= total;
      }
      List<Model<Label>> stumps = new ArrayList<>();
      List<Float> alphas = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        long roundSeed = rnd.nextLong();
        double[] w = new double[x.length];
        if (rus != null) {
          Sample s = underSample(distinct, roundSeed, rus);
          trace.add(s.counts);
          for (int r : s.rows) {
            w[r] += sw[r];
          }
        } else {
          for (int r : distinct) {
            w[r] = sw[r];
          }
        }
        TreeModel<Label> stump = tree(1, 1f, rnd.nextLong(), w);
        double[][] pts = new double[distinct.length][];
        for (int i = 0; i < pts.length; i++) {
          pts[i] = x[distinct[i]];
        }
        double[][] proba = proba(stump, pts, null); // the scores the served model combines
        int[] pred = new int[distinct.length];
        double err = 0;
        double sum = 0;
        for (int i = 0; i < distinct.length; i++) {
          int r = distinct[i];
          for (int c = 1; c < k; c++) {
            if (proba[i][c] > proba[i][pred[i]]) {
              pred[i] = c;
            }
          }
          sum += sw[r];
          if (pred[i] != y[r]) {
            err += sw[r];
          }
        }
        err /= sum;
        if (err <= 0) {
          stumps.add(stump);
          alphas.add(1f);
          break;
        }
        if (!real && err >= 1 - 1.0 / k) {
          InvalidArgumentException.check(!stumps.isEmpty(),
              "the first boosting round is no better than chance (weighted error %s >= %s); the classes cannot "
                  + "be separated by a depth-1 tree", err, 1 - 1.0 / k);
          break;
        }
        double alpha = real ? 1 : lr * (Math.log((1 - err) / err) + Math.log(k - 1));
        stumps.add(stump);
        alphas.add((float) alpha);
        if (round == rounds - 1) {
          break;
        }
        double s2 = 0;
        for (int i = 0; i < distinct.length; i++) {
          int r = distinct[i];
          if (real) {
            double dot = 0;
            for (int c = 0; c < k; c++) {
              dot += (c == y[r] ? 1 : -1.0 / (k - 1)) * Math.log(Math.max(Math.ulp(1.0), proba[i][c]));
            }
            double e = -lr * (k - 1.0) / k * dot;
            if (sw[r] > 0 || e < 0) {
              sw[r] *= Math.exp(e);
            }
          } else if (pred[i] != y[r] && sw[r] > 0) {
            sw[r] *= Math.exp(alpha);
          }
          s2 += sw[r];
        }
        if (!(s2 > 0)) {
          break;
        }
        for (int r : distinct) {
          sw[r] /= s2;
        }
      }
      float[] a = new float[alphas.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = alphas.get(i);
      }
      return ensemble(real ? "samme.r" : "samme", stumps, real ? new SammeRCombiner() : new VotingCombiner(), a);
    }

    private static int[] distinct(int[] rows) {
      return Arrays.stream(rows).distinct().sorted().toArray();
    }

    /**
     * Class probabilities ({@link #classes} order) the tree gives rows {@code pts}. With training
     * weights {@code w} (row weight > 0 = trained on): the weighted class shares, in double, of the
     * training rows reaching each leaf, as scikit-learn's {@code predict_proba}; Tribuo's own leaf
     * scores are summed in float with one side of each split derived by subtraction, so a class
     * absent from a leaf keeps a residue near 1e-7, where a pure leaf must give exactly 1 (instance
     * hardness ties). With {@code w} null: Tribuo's leaf scores, which a served model combines (so
     * boosting weighs rounds by what serving will compute).
     */
    double[][] proba(TreeModel<Label> m, double[][] pts, double[] w) {
      ImmutableFeatureMap fm = m.getFeatureIDMap();
      int[] colOf = new int[fm.size()];
      for (int j = 0; j < names.length; j++) {
        int id = fm.getID(names[j]);
        if (id >= 0) {
          colOf[id] = j;
        }
      }
      Map<Node<Label>, double[]> leaves = new java.util.IdentityHashMap<>();
      for (int r = 0; w != null && r < w.length; r++) {
        if (w[r] > 0) {
          leaves.computeIfAbsent(leaf(m.getRoot(), x[r], colOf), l -> new double[classes.size()])[y[r]] += w[r];
        }
      }
      for (double[] p : leaves.values()) {
        double sum = 0;
        for (double v : p) {
          sum += v;
        }
        for (int c = 0; c < p.length; c++) {
          p[c] /= sum;
        }
      }
      double[][] out = new double[pts.length][];
      for (int i = 0; i < pts.length; i++) {
        out[i] = leaves.computeIfAbsent(leaf(m.getRoot(), pts[i], colOf), l -> {
          double[] p = new double[classes.size()];
          ((LeafNode<Label>) l).getDistribution().forEach((name, label) -> p[classes.indexOf(name)] = label.getScore());
          return p;
        });
      }
      return out;
    }

    private static Node<Label> leaf(Node<Label> root, double[] row, int[] colOf) {
      Node<Label> node = root;
      while (!node.isLeaf()) {
        SplitNode<Label> s = (SplitNode<Label>) node;
        node = row[colOf[s.getFeatureID()]] > s.splitValue() ? s.getGreaterThan() : s.getLessThanOrEqual();
      }
      return node;
    }
  }
}
