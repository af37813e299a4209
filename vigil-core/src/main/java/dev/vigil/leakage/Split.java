package dev.vigil.leakage;

import dev.vigil.data.Table;
import dev.vigil.provenance.Provenance;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output of {@link Splits#split}: the two tables (rows in their original order), the rows
 * dropped by a time gap, a summary (rows, groups, class shares per side) and the provenance (kind
 * {@code split}: input digest, options, seed, versions).
 */
public record Split(Table train, Table test, int droppedRows, Map<String, Object> summary, Provenance provenance) {
  public Split {
    summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
  }
}
