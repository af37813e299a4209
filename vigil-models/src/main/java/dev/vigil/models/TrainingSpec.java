package dev.vigil.models;

import dev.vigil.InvalidArgumentException;
import dev.vigil.pipeline.PipelineSpec;
import dev.vigil.tracking.TrackingLevel;
import java.util.Optional;

/**
 * What {@link TrainingJob#run} does.
 *
 * @param label the label column (any type; values are used as class names)
 * @param model a {@link Trainers#NAMES} entry
 * @param pipeline the pipeline spec; empty: {@link PipelineSpec#auto} over every other column
 * @param classWeights {@code none}, {@code balanced} or {@code label=weight,...}
 * @param loss the training loss ({@code focal} needs {@code xgboost})
 * @param testFraction share of rows held out for evaluation, in (0, 0.9]; the split is stratified by label
 * @param seed seed of the split and the trainer
 * @param experiment experiment name (created when missing)
 * @param registerAs model name to register the result under; empty: only track
 * @param level how much the run records
 * @param user who trains
 * @param dataName name of the data (a path) recorded with the run
 * @param goldenRows how many held-out rows to store as golden examples, in [1, 1000]
 */
public record TrainingSpec(String label, String model, Optional<PipelineSpec> pipeline, String classWeights,
    LossSpec loss, double testFraction, long seed, String experiment, Optional<String> registerAs, TrackingLevel level, String user,
    String dataName, int goldenRows) {
  public TrainingSpec {
    InvalidArgumentException.check(testFraction > 0 && testFraction <= 0.9, "test fraction must be in (0, 0.9]: %s", testFraction);
    InvalidArgumentException.check(Trainers.NAMES.contains(model), "--model must be one of %s: %s", Trainers.NAMES, model);
    InvalidArgumentException.check(!loss.isFocal() || model.equals("xgboost"), "--loss focal needs --model xgboost, not %s", model);
    InvalidArgumentException.check(goldenRows >= 1 && goldenRows <= 1000, "golden rows must be in [1, 1000]: %s", goldenRows);
  }

  /** Logistic regression, auto pipeline, 20% test, seed 42, experiment {@code default}, standard tracking. */
  public static TrainingSpec of(String label) {
    return new TrainingSpec(label, "logistic", Optional.empty(), "none", LossSpec.logLoss(), 0.2, 42, "default", Optional.empty(),
        TrackingLevel.STANDARD, System.getProperty("user.name", "unknown"), "table", 20);
  }

  public TrainingSpec withModel(String m) {
    return new TrainingSpec(label, m, pipeline, classWeights, loss, testFraction, seed, experiment, registerAs, level, user, dataName, goldenRows);
  }

  public TrainingSpec withPipeline(PipelineSpec p) {
    return new TrainingSpec(label, model, Optional.of(p), classWeights, loss, testFraction, seed, experiment, registerAs, level, user, dataName, goldenRows);
  }

  public TrainingSpec withClassWeights(String w) {
    return new TrainingSpec(label, model, pipeline, w, loss, testFraction, seed, experiment, registerAs, level, user, dataName, goldenRows);
  }

  public TrainingSpec withLoss(LossSpec l) {
    return new TrainingSpec(label, model, pipeline, classWeights, l, testFraction, seed, experiment, registerAs, level, user, dataName, goldenRows);
  }

  public TrainingSpec withSplit(double fraction, long s) {
    return new TrainingSpec(label, model, pipeline, classWeights, loss, fraction, s, experiment, registerAs, level, user, dataName, goldenRows);
  }

  public TrainingSpec withExperiment(String e) {
    return new TrainingSpec(label, model, pipeline, classWeights, loss, testFraction, seed, e, registerAs, level, user, dataName, goldenRows);
  }

  public TrainingSpec withRegisterAs(String name) {
    return new TrainingSpec(label, model, pipeline, classWeights, loss, testFraction, seed, experiment, Optional.of(name), level, user, dataName, goldenRows);
  }

  public TrainingSpec withLevel(TrackingLevel l) {
    return new TrainingSpec(label, model, pipeline, classWeights, loss, testFraction, seed, experiment, registerAs, l, user, dataName, goldenRows);
  }

  public TrainingSpec withDataName(String n) {
    return new TrainingSpec(label, model, pipeline, classWeights, loss, testFraction, seed, experiment, registerAs, level, user, n, goldenRows);
  }
}
