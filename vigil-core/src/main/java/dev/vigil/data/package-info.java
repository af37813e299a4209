/**
 * The tabular data core: immutable, columnar {@link dev.vigil.data.Table}s of typed
 * {@link dev.vigil.data.Column}s over primitive arrays.
 *
 * <p>Terms used throughout Vigil:
 *
 * <ul>
 *   <li><b>missing</b>: a position whose value is absent (SQL NULL, an empty CSV field). Every
 *       column carries an explicit mask; no value of any type stands for missing.
 *   <li><b>NaN</b>: a {@code double} value "not a number" that a source really contained. It is
 *       a value, not missing; readers count and report it.
 *   <li><b>slice</b>: a window of rows sharing storage; <b>select</b>: chosen rows, copied;
 *       <b>project</b>: chosen columns, sharing storage.
 *   <li><b>chunk</b>: a slice produced while iterating or reading, bounded by a row count.
 * </ul>
 */
package dev.vigil.data;
