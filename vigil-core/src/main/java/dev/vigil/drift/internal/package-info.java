/** Column summaries and helpers behind {@link dev.vigil.drift}; not a public API. */
package dev.vigil.drift.internal;
