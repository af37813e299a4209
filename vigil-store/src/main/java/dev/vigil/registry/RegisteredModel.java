package dev.vigil.registry;

import java.time.Instant;
import java.util.Map;

/**
 * A named model and its versions.
 *
 * @param name unique name
 * @param description free text (may be empty)
 * @param latestVersion the highest version number, 0 when none was registered
 * @param createdAt creation time
 * @param updatedAt last registration or alias move
 * @param aliases alias to version
 * @param tags tags by key
 */
public record RegisteredModel(String name, String description, long latestVersion, Instant createdAt,
    Instant updatedAt, Map<String, Long> aliases, Map<String, String> tags) {}
