package dev.vigil.serving;

/**
 * Observes the router. Every method has an empty default; the router calls listeners after the
 * response is decided and catches anything they throw, so a listener can never fail or delay a
 * request beyond its own running time. Shadow callbacks run on the shadow executor, not the request
 * thread.
 */
public interface ServingListener {
  /** A request was answered (by any route). */
  default void onResponse(Request request, Response response) {}

  /** A model failed a call: threw, missed its deadline, gave an invalid output, or its circuit was open. */
  default void onModelFailure(Request request, ModelRef model, String reason) {}

  /**
   * A shadow model finished: {@code shadow} is null when it failed ({@code error} says why).
   * {@code served} is what the caller received.
   */
  default void onShadow(Request request, ModelRef shadowModel, Predictions shadow, String error, Response served) {}

  /**
   * A successful shadow call was compared with the served answer row by row, by the one definition
   * of agreement and score difference in {@link OutputComparison}. Called on the shadow executor
   * before {@link #onShadow}; not called when the shadow failed.
   */
  default void onShadowCompared(Request request, ModelRef shadowModel, OutputComparison comparison) {}

  /**
   * A shadow model finished, with the time its call took ({@code latency}, from the start of its
   * {@code predict} to its result or failure, without the time queued for the shadow executor). The
   * router calls this one; the default forwards to the five-argument {@link #onShadow(Request,
   * ModelRef, Predictions, String, Response)}, so a listener overrides whichever it needs. The
   * {@code shadow} predictions carry the model input ({@link Predictions#modelInput()}) when the
   * predictor attached it.
   */
  default void onShadow(Request request, ModelRef shadowModel, Predictions shadow, String error, Response served,
      java.time.Duration latency) {
    onShadow(request, shadowModel, shadow, error, served);
  }

  /** A shadow call was dropped because the shadow queue was full. */
  default void onShadowDropped(Request request, ModelRef shadowModel) {}

  /** The canary controller decided. */
  default void onCanaryDecision(CanaryDecision decision) {}
}
