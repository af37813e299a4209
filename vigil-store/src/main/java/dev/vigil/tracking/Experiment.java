package dev.vigil.tracking;

import java.time.Instant;
import java.util.Map;

/**
 * An experiment: a named group of runs.
 *
 * @param id store-assigned identifier, positive
 * @param name unique name
 * @param lifecycleStage {@code active} or {@code deleted}
 * @param createdAt creation time
 * @param tags tags by key
 */
public record Experiment(long id, String name, String lifecycleStage, Instant createdAt, Map<String, String> tags) {
  public Experiment {
    tags = Map.copyOf(tags);
  }
}
