package dev.vigil.registry;

import java.time.Instant;

/**
 * Where an alias pointed at some moment.
 *
 * @param alias the alias
 * @param version the version it pointed at
 * @param since when it was moved there
 * @param actor who moved it
 * @param reason why
 */
public record AliasState(String alias, long version, Instant since, String actor, String reason) {}
