package dev.vigil.tracking;

import java.util.Optional;

/**
 * A data set a run read.
 *
 * @param name role, such as {@code train} or {@code test}
 * @param digest content digest ({@code sha256:...}, see {@link dev.vigil.provenance.Digests})
 * @param profileArtifact digest of the stored profile, when the tracking level keeps one
 */
public record RunInput(String name, String digest, Optional<String> profileArtifact) {}
