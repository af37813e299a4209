/**
 * Data leakage: find what a model knows in training that it will not know in production
 * ({@link dev.vigil.leakage.LeakageAudit}), and prevent it with leak-free splits
 * ({@link dev.vigil.leakage.Splits}) and point-in-time joins ({@link dev.vigil.leakage.PointInTimeJoin}).
 *
 * <h2>Terms</h2>
 * <ul>
 *   <li><b>Features</b>: every column except the label, the time and prediction-time columns,
 *       availability-time columns and declared identifiers. The <b>plain features</b> used by the
 *       value checks further exclude identifier-like columns and the group column.
 *   <li><b>Normalised value</b>: numbers exactly (-0 = 0, one NaN); text trimmed, lower-cased,
 *       inner whitespace collapsed; missing is its own value. Rows are compared by a 64-bit hash of
 *       their normalised values (a false match needs a hash collision, about n²/2⁶⁵).
 *   <li><b>Out-of-fold AUC</b>: the feature (numerics in up to 20 quantile bins of train, plus a missing
 *       bin) target-encoded on 4/5 of train and scored on the remaining fifth, five seeded folds; ROC
 *       AUC, macro one-vs-rest for multiclass labels. Test AUC uses the encoding fitted on all of train.
 *   <li><b>Label</b>: its distinct values are classes; a numeric label with more than 50 distinct
 *       training values is continuous and audited as 10 quantile classes of train (new-label is then
 *       skipped). Rows with a missing label are left out of the label-based checks.
 *   <li><b>Identifier-like</b>: declared, or a long/text column with ≥ 95% distinct values, or hash-like
 *       text (hex ≥ 16 characters or UUIDs), or an integer-valued, unique, increasing double column.
 * </ul>
 *
 * <h2>Checks and their default severities</h2>
 * <ul>
 *   <li>{@code duplicate-rows}: test rows whose normalised plain features equal a training row's:
 *       error at ≥ 1% of test, warning below. Near-duplicates (numerics standardised by train and equal
 *       on a grid of width 0.01 sd, other values equal; a pair straddling a cell edge is missed):
 *       warning at ≥ 5%, info below.
 *   <li>{@code conflicting-labels}: identical plain features with different labels in train: warning at
 *       ≥ 1% of rows, info below.
 *   <li>{@code target-leak}: out-of-fold AUC ≥ 0.99 error, ≥ 0.95 warning (configurable; real strong features such as tumour size reach 0.97); also a warning
 *       when AUC ≥ 0.7 on train drops by ≥ 0.15 on test. Evidence includes mutual information (nats, as
 *       scikit-learn's {@code mutual_info_classif}: k-NN with k = 3 on ≤ 5,000 rows for numerics).
 *   <li>{@code identifier-leak}: an identifier-like column whose rank order predicts the label (rank AUC
 *       ≥ 0.6 and z ≥ 5): error; otherwise info.
 *   <li>{@code group-overlap}: any declared group in both splits: error; a group column entirely missing:
 *       error. Without a group column, a text/long column with ≥ 20 and 5-90% distinct values whose
 *       values are shared by ≥ 5% of test rows is reported as a suspected group key: warning.
 *   <li>{@code temporal-leak}: test rows earlier than the last training row: error; sharing a training
 *       timestamp only: warning. Per feature with declared availability: any row whose value is known at
 *       or after the prediction time: error, with the share of train and test rows.
 *   <li>{@code proxy-confounding}: a domain classifier (L2 multinomial logistic regression, 3-fold CV on
 *       a seeded sample of ≤ 20,000 rows) predicts the nuisance from the plain features; error when its
 *       AUC ≥ 0.8 and the label rate differs across nuisance values (chi-square p &lt; 0.001 and spread
 *       ≥ 0.1 among values with ≥ 30 rows); warning when AUC ≥ 0.7 and p &lt; 0.001; else info. Evidence:
 *       label rate per value and the five features with the most mutual information with the nuisance.
 *       Nuisance values beyond the 20 most frequent are merged into {@code (other)}; for a multiclass
 *       label the rate is that of the class whose rate varies most across nuisance values.
 *   <li>{@code label-shift}: chi-square p &lt; 0.001 and total variation ≥ 0.1: warning (≥ 0.02: info).
 *   <li>{@code new-label}: label values only in test: error.
 *   <li>{@code new-category}: text feature values only in test: warning at ≥ 1% of test rows, info below.
 *   <li>{@code string-mismatch}: test spellings absent from train whose letters and digits, lower-cased,
 *       equal a training value's: warning.
 *   <li>{@code unavailable-at-serving}: features absent from the serving schema or serving data, or
 *       always missing there: error; one value only at serving (a default fill) or ≥ 20 points more
 *       missing: warning; a different type: warning.
 *   <li>{@code preprocessing-leak}: a fitted statistic closer to its train + test value than to its
 *       train value: error when it equals the train + test value (relative 1e-6), warning otherwise.
 * </ul>
 *
 * <p>Bad input: train and test with different columns or types raise a
 * {@link dev.vigil.SchemaMismatchException}; a named column that is absent raises a
 * {@link dev.vigil.InvalidArgumentException}; a text time value that does not parse raises a
 * {@link dev.vigil.DataFormatException} naming the table, row, column and value; an all-missing group,
 * time or nuisance column is an error finding.
 *
 * <p>Determinism: every sample, fold and shuffle comes from {@code options.seed()}; the audit's only
 * non-deterministic output is the per-check wall-clock time.
 */
package dev.vigil.leakage;
