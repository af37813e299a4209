package dev.vigil.imbalance;

import dev.vigil.InvalidArgumentException;
import java.util.Locale;

/**
 * The resampling methods, with their CLI names and the kind of sampling strategy they take.
 * Defaults for {@code k} follow imbalanced-learn 0.10 (see {@link ResampleOptions}).
 */
public enum Method {
  RANDOM_UNDER("random-under", SamplingKind.UNDER),
  TOMEK("tomek", SamplingKind.CLEAN),
  CLUSTER_CENTROIDS("cluster-centroids", SamplingKind.UNDER),
  NEARMISS_1("nearmiss-1", SamplingKind.UNDER),
  NEARMISS_2("nearmiss-2", SamplingKind.UNDER),
  NEARMISS_3("nearmiss-3", SamplingKind.UNDER),
  ENN("enn", SamplingKind.CLEAN),
  RENN("renn", SamplingKind.CLEAN),
  ALLKNN("allknn", SamplingKind.CLEAN),
  CNN("cnn", SamplingKind.CLEAN),
  OSS("oss", SamplingKind.CLEAN),
  NCR("ncr", SamplingKind.CLEAN),
  IHT("iht", SamplingKind.UNDER),
  RANDOM_OVER("random-over", SamplingKind.OVER),
  SMOTE("smote", SamplingKind.OVER),
  SMOTE_NC("smote-nc", SamplingKind.OVER),
  SMOTE_N("smote-n", SamplingKind.OVER),
  BORDERLINE_SMOTE_1("borderline-smote-1", SamplingKind.OVER),
  BORDERLINE_SMOTE_2("borderline-smote-2", SamplingKind.OVER),
  SVM_SMOTE("svm-smote", SamplingKind.OVER),
  KMEANS_SMOTE("kmeans-smote", SamplingKind.OVER),
  ADASYN("adasyn", SamplingKind.OVER),
  SMOTE_ENN("smote-enn", SamplingKind.OVER),
  SMOTE_TOMEK("smote-tomek", SamplingKind.OVER);

  private final String cliName;
  private final SamplingKind kind;

  Method(String cliName, SamplingKind kind) {
    this.cliName = cliName;
    this.kind = kind;
  }

  /** The CLI spelling, e.g. {@code "borderline-smote-1"}. */
  public String cliName() {
    return cliName;
  }

  /** The kind of sampling strategy the method resolves. */
  public SamplingKind kind() {
    return kind;
  }

  /**
   * The method named {@code name} (CLI spelling, case-insensitive; underscores accepted).
   *
   * @throws InvalidArgumentException listing the known names
   */
  public static Method parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Method m : values()) {
      if (m.cliName.equals(n)) {
        return m;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Method m : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(m.cliName);
    }
    throw new InvalidArgumentException("unknown resampling method \"" + name + "\"; expected one of " + sb);
  }
}
