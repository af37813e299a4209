/**
 * Provenance of artefacts: {@link dev.vigil.provenance.Provenance} records what made an artefact,
 * from which inputs (by {@link dev.vigil.provenance.Digests content digest}), with which configuration
 * and seed, on which Vigil, Java and OS; time comes from an injected {@link java.time.Clock}.
 */
package dev.vigil.provenance;
