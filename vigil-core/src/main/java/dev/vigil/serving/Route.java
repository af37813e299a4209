package dev.vigil.serving;

import java.util.Locale;

/**
 * Which path answered a request: the {@link #PRIMARY} model, a {@link #FALLBACK} after the primary
 * failed, the configured {@link #DEFAULT} answer after every model failed, or the {@link #CANARY}
 * model for its share of traffic. Shadow models never answer.
 */
public enum Route {
  PRIMARY, FALLBACK, DEFAULT, CANARY;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
