package dev.vigil.serving.internal;

import java.time.Clock;
import java.time.Duration;

/**
 * A per-model circuit breaker. CLOSED: calls pass; {@code threshold} consecutive failures open it.
 * OPEN: calls are refused until {@code openFor} has passed. HALF_OPEN: one trial call passes; its
 * success closes the circuit, its failure opens it again for another {@code openFor}. Thread-safe.
 */
public final class CircuitBreaker {
  /** The breaker's states. */
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long openedAtMillis;
  private boolean trialInFlight;

  public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Whether a call may go through now; in HALF_OPEN only one trial at a time. */
  public synchronized boolean allow() {
    if (state == State.OPEN && clock.millis() - openedAtMillis >= openFor.toMillis()) {
      state = State.HALF_OPEN;
      trialInFlight = false;
    }
    if (state == State.CLOSED) {
      return true;
    }
    if (state == State.HALF_OPEN && !trialInFlight) {
      trialInFlight = true;
      return true;
    }
    return false;
  }

  public synchronized void success() {
    consecutiveFailures = 0;
    state = State.CLOSED;
    trialInFlight = false;
  }

  public synchronized void failure() {
    consecutiveFailures++;
    if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
      state = State.OPEN;
      openedAtMillis = clock.millis();
      trialInFlight = false;
    }
  }

  public synchronized State state() {
    if (state == State.OPEN && clock.millis() - openedAtMillis >= openFor.toMillis()) {
      return State.HALF_OPEN;
    }
    return state;
  }
}
