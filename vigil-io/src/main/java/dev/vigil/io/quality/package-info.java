/**
 * Files and engines of data quality that need more than vigil-core: YAML/JSON checks files and
 * schemas ({@link dev.vigil.io.quality.QualityFiles}), saved profiles, the JSON Lines metric history
 * ({@link dev.vigil.io.quality.MetricHistoryFile}) and DuckDB for SQL predicate checks
 * ({@link dev.vigil.io.quality.DuckDbSqlEngine}).
 */
package dev.vigil.io.quality;
