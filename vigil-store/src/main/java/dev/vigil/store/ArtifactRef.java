package dev.vigil.store;

/**
 * A stored artifact.
 *
 * @param digest {@code sha256:<64 hex>} of its bytes
 * @param size its length in bytes
 */
public record ArtifactRef(String digest, long size) {}
