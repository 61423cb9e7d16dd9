package dev.tokenmanager.core;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One store of a {@link FailoverTokenStore} and its health: healthy, skipped until a time after a
 * failure, then probed by one call at a time until it answers again.
 */
final class FailoverMember {

  /** How a call may use this member. */
  enum Admission { USE, PROBE, SKIP }

  final TokenStore store;
  final int position;
  private final Clock clock;
  private final long retryAfterMillis;
  private final TokenEventListener listener;
  private final AtomicBoolean probing = new AtomicBoolean();
  private final AtomicLong downSince = new AtomicLong();
  private volatile long skipUntil;

  FailoverMember(TokenStore store, int position, Clock clock, Duration retryAfter, TokenEventListener listener) {
    this.store = store;
    this.position = position;
    this.clock = clock;
    this.retryAfterMillis = retryAfter.toMillis();
    this.listener = listener;
  }

  /** Decides whether a call uses this member: always while healthy, one probe at a time once due. */
  Admission admit() {
    long until = skipUntil;
    if (until == 0) {
      return Admission.USE;
    }
    if (clock.millis() < until) {
      return Admission.SKIP;
    }
    return probing.compareAndSet(false, true) ? Admission.PROBE : Admission.SKIP;
  }

  /**
   * Runs an operation on this member's store and records the outcome: a store error marks it failing;
   * any other exception means the store was reached, so it counts as an answer, and is rethrown.
   */
  <T> T call(Admission admission, Function<TokenStore, T> operation) {
    try {
      T value = operation.apply(store);
      answered(admission);
      return value;
    } catch (StoreUnavailableException e) {
      failed(admission, e);
      throw e;
    } catch (RuntimeException e) {
      answered(admission);
      throw e;
    }
  }

  /** Records an answer: a skipped member that answers is healthy again. */
  private void answered(Admission admission) {
    if (admission == Admission.PROBE) {
      probing.set(false);
    }
    if (skipUntil == 0) {
      return;
    }
    skipUntil = 0;
    long since = downSince.getAndSet(0);
    if (since != 0) {
      emit(new TokenEvent.StoreRecovered(clock.now(), null, Duration.ofMillis(Math.max(0, clock.millis() - since))));
    }
  }

  /** Records a failure: the member is skipped for {@code retryAfter}. */
  private void failed(Admission admission, StoreUnavailableException error) {
    long now = clock.millis();
    skipUntil = Math.max(1, now + retryAfterMillis);
    if (admission == Admission.PROBE) {
      probing.set(false);
    }
    if (downSince.compareAndSet(0, Math.max(1, now))) {
      emit(new TokenEvent.StoreDegraded(clock.now(), null, "failover: store #" + (position + 1) + " ("
          + store.describe() + ") failed, skipping it for " + Duration.ofMillis(retryAfterMillis) + " at a time: "
          + error.getMessage()));
    }
  }

  /** Returns the store's description, marked while it is failing. */
  String describe() {
    return store.describe() + (skipUntil != 0 ? " (failing)" : "");
  }

  private void emit(TokenEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException ignored) {
      // a listener must not break the store
    }
  }
}
