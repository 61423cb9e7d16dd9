package dev.tokenmanager.core;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The shared store behind a circuit, with an optional in-process fallback store.
 *
 * <p>After a store failure the circuit opens: for {@code openFor}, operations go straight to the
 * fallback (or fail over to the caller's default) without touching the shared store, so a dead or
 * frozen Redis costs its timeout once, not on every operation. Then one operation at a time probes
 * the shared store; the first success closes the circuit. Successful token writes are copied to the
 * fallback, so it holds the current token when the shared store goes away.
 */
final class StoreGuard {

  /** What a guarded operation did. */
  enum Outcome { SHARED, FALLBACK, FAILED }

  private final TokenStore primary;
  private final TokenStore fallback;
  private final Clock clock;
  private final long openForMillis;
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile long openUntil;
  private volatile long failingSince;

  StoreGuard(TokenStore primary, TokenStore fallback, Clock clock, Duration openFor) {
    this.primary = primary;
    this.fallback = fallback;
    this.clock = clock;
    this.openForMillis = openFor.toMillis();
  }

  /** A result and where it came from. */
  record Result<T>(T value, Outcome outcome, StoreUnavailableException failure, long recoveredAfter) {}

  /**
   * Runs an operation on the shared store if the circuit lets it, else (or after it failed) on the
   * fallback, else returns {@code onFailure}.
   */
  <T> Result<T> call(Function<TokenStore, T> operation, T onFailure) {
    StoreUnavailableException failure = null;
    boolean probe = false;
    long now = clock.millis();
    long until = openUntil;
    boolean tryShared;
    if (until == 0) {
      tryShared = true;
    } else if (now < until) {
      tryShared = false;
    } else {
      // Half open: one operation at a time probes the shared store, the others use the fallback.
      probe = probing.compareAndSet(false, true);
      tryShared = probe;
    }
    if (tryShared) {
      try {
        T value = operation.apply(primary);
        long downSince = failingSince;
        openUntil = 0;
        failingSince = 0;
        return new Result<>(value, Outcome.SHARED, null, downSince == 0 ? -1 : Math.max(0, now - downSince));
      } catch (StoreUnavailableException e) {
        failure = e;
        if (failingSince == 0) {
          failingSince = Math.max(1, now);
        }
        openUntil = clock.millis() + openForMillis;
      } finally {
        if (probe) {
          probing.set(false);
        }
      }
    }
    if (fallback != null) {
      try {
        return new Result<>(operation.apply(fallback), Outcome.FALLBACK, failure, -1);
      } catch (RuntimeException e) {
        // the fallback is memory; if it fails too, the caller's default applies
      }
    }
    return new Result<>(onFailure, Outcome.FAILED, failure, -1);
  }

  /** Copies a token write to the fallback, so it holds the current token when the shared store fails. */
  void mirror(java.util.function.Consumer<TokenStore> write) {
    if (fallback != null) {
      try {
        write.accept(fallback);
      } catch (RuntimeException ignored) {
        // best effort
      }
    }
  }

  /** Returns the fallback store, or null if there is none. */
  TokenStore fallback() {
    return fallback;
  }

  /** Returns whether the shared store is currently considered failing. */
  boolean degraded() {
    return failingSince != 0;
  }

  /** Returns since when the shared store fails (epoch ms), or 0. */
  long failingSince() {
    return failingSince;
  }
}
