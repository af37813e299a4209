/** Null distributions and helpers behind {@link dev.vigil.stats}; not a public API. */
package dev.vigil.stats.internal;
