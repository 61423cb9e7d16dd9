package dev.tokenmanager.core;

import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.error.TokenUnavailableException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One refresh of one key, shared by every caller of the process that waits for it (single flight).
 *
 * <p>Each attempt: adopt a newer token from the store if there is one; respect a fleet-wide backoff;
 * take the refresh lease, double-check the store, mint, save-if-newer and release. Without the lease
 * it polls the store until the holder's token appears or the lease lapses. A store that fails is
 * worked around: the process mints on its own (it is already single-flight inside the process).
 * No step holds a monitor, and every wait is a task scheduled on the clock, not a sleeping thread.
 */
final class RefreshRun implements Runnable {

  final CompletableFuture<Entry> result = new CompletableFuture<>();

  private final KeyState state;
  private final long requiredExpiry;
  private final long startedAt;
  private final String owner;
  private long waitingSince = -1;

  RefreshRun(KeyState state, long requiredExpiry) {
    this.state = state;
    this.requiredExpiry = requiredExpiry;
    this.startedAt = state.ctx.clock().millis();
    this.owner = state.ctx.instanceId() + "/" + UUID.randomUUID();
  }

  void start() {
    try {
      state.ctx.executor().execute(this);
    } catch (RejectedExecutionException e) {
      fail(new TokenUnavailableException(state.key, "the refresh executor refused the task", e), null);
    }
  }

  @Override
  public void run() {
    if (state.isClosed()) {
      fail(new TokenUnavailableException(state.key, "the token manager is closed", null), null);
      return;
    }
    try {
      Entry done = attempt();
      if (done != null) {
        endWait(true);
        state.onRunSucceeded(this, done);
      } else {
        state.ctx.clock().schedule(state.ctx.pollInterval(), this::start);
      }
    } catch (FleetBackoff backoff) {
      endWait(false);
      state.onRunFailed(this, backoff.failure.error(), backoff.failure);
    } catch (TokenException e) {
      fail(e, null);
    } catch (RuntimeException e) {
      fail(new TokenUnavailableException(state.key, "refresh failed unexpectedly: " + e, e), null);
    }
  }

  /** Returns the entry to serve when done, or null to poll again. */
  private Entry attempt() {
    long now = state.ctx.clock().millis();
    Entry current = state.current();
    if (current != null && current.fresh(now) && current.expiresAt > requiredExpiry
        && !state.isRejected(current.token)) {
      // A caller that saw the previous token stale can start this run just after another run installed
      // its successor; minting now would waste a token (and the store already holds this one).
      return current;
    }
    Entry adopted = adoptFromStore(now);
    if (adopted != null) {
      return adopted;
    }
    MintBackoff shared = state.store.call(s -> s.loadBackoff(state.key).orElse(null), null);
    if (shared != null && shared.nextAttemptAt().toEpochMilli() > now) {
      throw new FleetBackoff(state.sharedFailure(shared));
    }
    StoreGuard.Result<Boolean> lease = state.store.result(s -> s.tryAcquireLease(state.key, owner, state.ctx.leaseTtl()), null);
    if (Boolean.FALSE.equals(lease.value())) {
      return keepWaiting(now);
    }
    // Holding the lease of the shared store, or of the fallback (another manager of this process may
    // be minting), or none at all when no store answers: then this process mints on its own.
    TokenStore holder = lease.value() == null ? null
        : lease.outcome() == StoreGuard.Outcome.SHARED ? state.ctx.store() : state.ctx.guard().fallback();
    try {
      if (holder != null) {
        Entry again = adoptFromStore(now);
        if (again != null) {
          return again;
        }
      }
      AccessToken minted = mintAndRecordFailure(shared, holder != null);
      AccessToken winner = state.store.save(minted);
      if (holder != null) {
        state.store.call(s -> {
          s.clearBackoff(state.key);
          return null;
        }, null);
      }
      return state.install(state.entryFor(winner), !winner.equals(minted));
    } finally {
      if (holder != null) {
        release(holder);
      }
    }
  }

  private void release(TokenStore holder) {
    try {
      holder.releaseLease(state.key, owner);
    } catch (RuntimeException e) {
      // The lease lapses by itself; nothing else to do.
    }
  }

  private AccessToken mintAndRecordFailure(MintBackoff shared, boolean share) {
    try {
      return state.mint();
    } catch (TokenException e) {
      KeyState.Failure f = state.nextFailure(e, shared);
      if (share) {
        long now = state.ctx.clock().millis();
        MintBackoff record = new MintBackoff(f.count(), e.kind(), e.getMessage(), Instant.ofEpochMilli(f.nextAttemptAt()));
        Duration ttl = Duration.ofMillis(Math.max(1, f.nextAttemptAt() - now) + state.ctx.retryPolicy().maxBackoff().toMillis() * 2);
        state.store.call(s -> {
          s.saveBackoff(state.key, record, ttl);
          return null;
        }, null);
      }
      throw new FleetBackoff(f);
    }
  }

  /** Adopts the stored token if it is newer than ours and fresh enough; may install it as a stopgap. */
  private Entry adoptFromStore(long now) {
    AccessToken stored = state.store.call(s -> s.load(state.key).orElse(null), null);
    if (stored == null || state.isRejected(stored)) {
      return null;
    }
    Entry cur = state.current();
    if (cur != null && stored.expiresAtMillis() <= cur.expiresAt) {
      return null;
    }
    Entry candidate = state.entryFor(stored);
    if (candidate.fresh(now) && candidate.expiresAt > requiredExpiry) {
      return state.install(candidate, true);
    }
    if (candidate.usable(now, 0) && (cur == null || !cur.usable(now, 0))) {
      // Better than nothing while we mint a fresh one.
      state.install(candidate, true);
    }
    return null;
  }

  private Entry keepWaiting(long now) {
    if (waitingSince < 0) {
      waitingSince = now;
    }
    long limit = state.ctx.leaseTtl().toMillis() * 2;
    if (now - startedAt > limit) {
      throw new TokenUnavailableException(state.key,
          "another process held the refresh lease for " + Duration.ofMillis(now - startedAt) + " without storing a token", null);
    }
    return null;
  }

  private void endWait(boolean adopted) {
    if (waitingSince >= 0) {
      long now = state.ctx.clock().millis();
      state.ctx.emit(new TokenEvent.LeaseWaited(state.ctx.clock().now(), state.key,
          Duration.ofMillis(now - waitingSince), adopted));
      waitingSince = -1;
    }
  }

  private void fail(TokenException error, MintBackoff shared) {
    endWait(false);
    state.onRunFailed(this, error, state.nextFailure(error, shared));
  }

  /** Carries a failure whose backoff is already computed (and possibly shared with the fleet). */
  private static final class FleetBackoff extends RuntimeException {
    final transient KeyState.Failure failure;

    FleetBackoff(KeyState.Failure failure) {
      super(failure.error().getMessage(), null, false, false);
      this.failure = failure;
    }
  }
}
