package dev.vigil.registry;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * One entry of the append-only alias audit log.
 *
 * @param model model name
 * @param alias the alias
 * @param fromVersion where it pointed before (empty: it did not exist)
 * @param toVersion where it points after (empty: it was removed)
 * @param kind {@code set}, {@code delete}, {@code rollback} or {@code auto_backup}
 * @param actor who moved it
 * @param reason why
 * @param at when
 */
public record AliasEvent(String model, String alias, OptionalLong fromVersion, OptionalLong toVersion, String kind,
    String actor, String reason, Instant at) {}
