/**
 * Feature pipelines: the one piece of code that turns raw columns into model features, for training,
 * batch scoring and online serving alike.
 *
 * <p>A {@link dev.vigil.pipeline.PipelineSpec} is a list of steps, each an operation on one input
 * column; {@link dev.vigil.pipeline.FeaturePipeline#fit} learns each step's parameters from a training
 * {@link dev.vigil.data.Table} (in order: a step sees the output of the steps before it on the same
 * column) and {@link dev.vigil.pipeline.FeaturePipeline#transform} applies them to any table with the
 * input columns. Operations:
 * <ul>
 *   <li>{@code impute}: replace missing (and NaN) values; {@code strategy} {@code mean}, {@code median},
 *       {@code most_frequent} (numeric or categorical) or {@code constant} with {@code value}.</li>
 *   <li>{@code scale}: {@code method} {@code standard} (minus mean, over population standard deviation;
 *       a constant column is only centred) or {@code minmax} (to [0, 1]; constant column to 0).</li>
 *   <li>{@code clip}: to [{@code lower}, {@code upper}], given as values or as quantiles
 *       {@code lower_quantile}/{@code upper_quantile} in [0, 1] fitted on the training data (linear
 *       interpolation between order statistics, NumPy's default).</li>
 *   <li>{@code log}: {@code log1p(x)}; values below -1 are refused at fit and become missing at
 *       transform.</li>
 *   <li>{@code bucket}: {@code bins} buckets (2..1000), {@code method} {@code quantile} or
 *       {@code uniform}; outputs the bucket index 0..bins-1 as a double.</li>
 *   <li>{@code onehot}: one 0/1 output column {@code name=value} per training category, the
 *       {@code max_categories} (default 50) most frequent ones; rarer or unseen values at transform give
 *       all zeros.</li>
 *   <li>{@code ordinal}: the category's index in the sorted training categories; unseen values give
 *       -1.</li>
 *   <li>{@code derive}: a new numeric column named {@code column} from {@code expression} over the raw
 *       numeric input columns, e.g. {@code nodule_diameter_mm / slice_thickness_mm} or
 *       {@code log1p(max(pack_years, 0))}: numbers, column names (back-quoted when they hold other
 *       characters), {@code + - * /}, parentheses, {@code log log1p exp sqrt abs min max}. A missing
 *       input, a division by zero or a non-finite result gives a missing value (impute it in a later
 *       step). The name must be new.</li>
 * </ul>
 *
 * <p>Column types: double, long and timestamp (as epoch seconds) columns are numeric; boolean columns
 * are numeric 0/1; categorical and string columns are categorical and must be encoded by
 * {@code onehot} or {@code ordinal} (otherwise fit fails naming the column). The output is a table of
 * double columns, in the order columns first appear in the spec; a missing value that no imputer
 * filled stays missing. {@link dev.vigil.pipeline.PipelineSpec#auto} infers a spec: median imputation
 * and standard scaling for numeric columns, most-frequent imputation and one-hot encoding for the
 * rest. A fitted pipeline serialises to a map (JSON-ready, {@code format_version} 1) and back.
 */
package dev.vigil.pipeline;
