package dev.vigil.tracking;

import java.util.List;
import java.util.Optional;

/**
 * One page of a run search.
 *
 * @param runs the runs of this page, in the query's order (at most {@link RunQuery#maxResults()})
 * @param nextPageToken an opaque token that fetches the page after this one when passed to
 *     {@link RunQuery#page(int, String)} with the same experiments, filter and order; empty on the
 *     last page
 */
public record RunPage(List<Run> runs, Optional<String> nextPageToken) {
  public RunPage {
    runs = List.copyOf(runs);
  }
}
