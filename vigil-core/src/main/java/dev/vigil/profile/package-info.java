/**
 * Profiles: per-column summaries of a table computed as <b>mergeable states</b>.
 *
 * <p>Terms:
 *
 * <ul>
 *   <li><b>state</b>: what one pass over the rows accumulates ({@link dev.vigil.profile.ColumnProfile},
 *       {@link dev.vigil.profile.TableProfile}). It has an empty identity and an associative,
 *       commutative {@code merge}: the profile of a file read in chunks, on several cores or on Spark
 *       partitions equals the profile of the whole (exactly for counts, min and max; to rounding,
 *       about 1e-15 relative, for mean and variance; within the documented sketch error for
 *       quantiles, distinct counts and frequent items).
 *   <li><b>count</b>: rows; <b>missing</b>: masked positions; <b>present</b>: count - missing. NaN
 *       is present (it is a value) but excluded, with infinities, from moments and quantiles.
 *   <li><b>sketches</b> (Apache DataSketches 6.2, heap): KLL doubles for quantiles and histograms
 *       (k = 200: rank error about 1.3%), HyperLogLog (lgK = 12, HLL_8: relative standard error
 *       about 1.6%, exact for small counts) for distinct counts, frequent items ({@code LongsSketch}
 *       for numbers, booleans and timestamps; {@code ItemsSketch<String>} for text) for top values.
 *   <li><b>histogram</b>: derived from the KLL sketch at query time ({@link
 *       dev.vigil.profile.ColumnProfile#histogram(int)}), so it merges whatever the bin edges.
 *   <li><b>pattern classes</b> ({@link dev.vigil.profile.PatternClass}) and length moments for text.
 *   <li><b>type conformity</b>: the share of values readable as another type ({@link
 *       dev.vigil.profile.ColumnProfile#conformity}).
 * </ul>
 *
 * <p>Formats: {@link dev.vigil.profile.TableProfile#toBytes()} (versioned binary, layout in its
 * Javadoc, pinned by {@code src/test/resources/golden/profile-v1.bin}) and
 * {@link dev.vigil.profile.TableProfile#toMap()} (the JSON form: readable metrics plus each column's
 * state in base64). A profile stays under 50 KB per column whatever the row count. Long values
 * beyond 2^53 lose precision in moments and quantiles (they are summarised as doubles);
 * timestamps are summarised as epoch microseconds.
 */
package dev.vigil.profile;
