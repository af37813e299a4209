package dev.vigil.serving;

import java.time.Duration;
import java.util.List;

/**
 * The answer to a {@link Request}: the predictions, which model answered (null for the default
 * answer), by which route, how long it took, and why earlier models in the chain were passed over
 * (for example {@code "churn/3: deadline of 50 ms exceeded"}).
 */
public record Response(Predictions predictions, ModelRef answeredBy, Route route, Duration latency,
    List<String> passedOver) {
  public Response {
    passedOver = List.copyOf(passedOver);
  }
}
