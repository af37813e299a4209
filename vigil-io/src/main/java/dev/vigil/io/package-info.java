/**
 * Data sources and sinks: {@link dev.vigil.io.Tables} reads CSV/TSV, Parquet and JSON Lines through
 * DuckDB's embedded engine and any JDBC database through its driver, in bounded chunks, and writes
 * CSV/TSV, Parquet and JSON Lines atomically. {@link dev.vigil.io.SchemaJson} is the JSON form of a
 * schema. See {@link dev.vigil.io.ReadOptions} for type inference and {@link dev.vigil.io.BadRowPolicy}
 * for bad rows.
 */
package dev.vigil.io;
