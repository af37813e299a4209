/**
 * Validation: schemas, checks, suggestions, metric history with anomaly detection, and
 * training/serving skew. Compute, then judge: checks judge tables or profiles, and failures are data.
 *
 * <p>Terms and choices:
 *
 * <ul>
 *   <li><b>check</b> ({@link dev.vigil.validate.Check}): a value (kind, columns, parameters,
 *       severity, name) declared through the fluent factories or a checks file. A
 *       {@link dev.vigil.validate.Validator} evaluates every check; a check that cannot be evaluated
 *       (missing column, wrong type, bad regex, no reference table, no SQL engine) is an
 *       {@code ERROR} outcome at its severity, never an exception that stops the others.
 *   <li><b>failing rows</b>: row-level kinds count the rows that break them and keep up to
 *       {@code maxExamples} with their values; rows failing an error-severity row check that failed
 *       are the quarantine. Missing values are not judged by value checks (range, set, pattern);
 *       completeness judges them. Uniqueness is the share of present rows whose value occurs once.
 *   <li><b>mean and quantile checks</b> judge finite values; quantiles come from a KLL sketch
 *       (k = 200), exact up to 200 values and otherwise within about 1.3% in rank, as the result says.
 *   <li><b>schema</b> ({@link dev.vigil.validate.DataSchema}): inferred from a profile as TFDV does
 *       (type, nullability, completeness floor, numeric range, vocabularies up to 20 values, uniqueness)
 *       and turned into checks; environments let a feature (the label) be absent at serving. Unknown
 *       columns are a warning.
 *   <li><b>suggestion</b>: rules in {@link dev.vigil.validate.Suggestions}; each carries its evidence.
 *   <li><b>metric history</b>: points keyed by dataset, metric, time and tags; detectors see accepted
 *       runs only, and the baseline is the pinned value or the last accepted run.
 *   <li><b>skew</b>: distances, sample-size noise floors and join-based feature skew in
 *       {@link dev.vigil.validate.Skew}.
 * </ul>
 */
package dev.vigil.validate;
