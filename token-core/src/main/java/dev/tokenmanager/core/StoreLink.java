package dev.tokenmanager.core;

import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The shared store as one key sees it: every operation goes through the manager's {@link StoreGuard}
 * (circuit and fallback); the first failure marks the key degraded and starts probing, the first
 * success after that marks it recovered and reconciles this process's token with the fleet's.
 */
final class StoreLink {

  private static final int AGREED_ROUNDS = 3;

  private final KeyState state;
  private final TokenKey key;
  private final Context ctx;
  private final Clock clock;
  private volatile long storeDownSince;
  private volatile int agreedRounds;

  StoreLink(KeyState state) {
    this.state = state;
    this.key = state.key;
    this.ctx = state.ctx;
    this.clock = state.ctx.clock();
  }

  /** Returns whether this key's store operations are failing, or the manager's circuit is open. */
  boolean degraded() {
    return storeDownSince != 0 || ctx.guard().degraded();
  }

  /**
   * Runs a store operation through the guard: on the shared store unless its circuit is open, else on
   * the fallback, else returns {@code onFailure}. Records degradation and recovery for this key.
   */
  <T> T call(Function<TokenStore, T> operation, T onFailure) {
    return result(operation, onFailure).value();
  }

  <T> StoreGuard.Result<T> result(Function<TokenStore, T> operation, T onFailure) {
    StoreGuard.Result<T> result = ctx.guard().call(operation, onFailure);
    long downSince = storeDownSince;
    if (result.outcome() == StoreGuard.Outcome.SHARED) {
      if (downSince != 0) {
        storeDownSince = 0;
        ctx.emit(new TokenEvent.StoreRecovered(clock.now(), key, Duration.ofMillis(clock.millis() - downSince)));
        // Converge on one token for the fleet: offer ours, adopt a later-expiring one, and keep
        // looking until the store has agreed with us a few times in a row, since other processes
        // come back (and offer theirs) at different moments.
        agreedRounds = 0;
        executeQuietly(this::reconcile);
      }
    } else if (downSince == 0) {
      storeDownSince = Math.max(1, clock.millis());
      String why = result.failure() != null ? result.failure().getMessage() : "the store's circuit is open";
      ctx.emit(new TokenEvent.StoreDegraded(clock.now(), key, why));
      scheduleProbe();
    }
    return result;
  }

  /** Saves a minted token (fenced) and copies the winner to the fallback; returns the stored winner. */
  AccessToken save(AccessToken minted) {
    StoreGuard.Result<AccessToken> result = result(s -> s.saveIfNewer(key, minted), minted);
    AccessToken winner = result.value();
    if (result.outcome() == StoreGuard.Outcome.SHARED) {
      ctx.guard().mirror(fallback -> fallback.saveIfNewer(key, winner));
    }
    return winner;
  }

  private void scheduleProbe() {
    if (state.isClosed()) {
      return;
    }
    clock.schedule(ctx.storeProbeInterval(), () -> executeQuietly(this::probe));
  }

  /** While degraded: checks whether the shared store answers again; keeps checking until it does. */
  private void probe() {
    if (state.isClosed() || storeDownSince == 0) {
      return;
    }
    StoreGuard.Result<AccessToken> result = result(s -> s.load(key).orElse(null), null);
    if (result.outcome() != StoreGuard.Outcome.SHARED) {
      scheduleProbe();
    }
  }

  /**
   * Offers this process's token to the shared store and adopts the store's if it lives longer; repeats
   * every probe interval until the store has held our token for {@value #AGREED_ROUNDS} rounds in a row.
   */
  private void reconcile() {
    Entry cur = state.current();
    if (state.isClosed() || cur == null || storeDownSince != 0) {
      return;
    }
    StoreGuard.Result<AccessToken> result = result(s -> s.saveIfNewer(key, cur.token), null);
    AccessToken winner = result.value();
    if (result.outcome() != StoreGuard.Outcome.SHARED || winner == null) {
      return;
    }
    if (winner.equals(cur.token)) {
      agreedRounds++;
    } else {
      agreedRounds = 0;
      if (!state.isRejected(winner) && winner.expiresAtMillis() > cur.expiresAt) {
        state.install(state.entryFor(winner), true);
      }
    }
    if (agreedRounds < AGREED_ROUNDS) {
      clock.schedule(ctx.storeProbeInterval(), () -> executeQuietly(this::reconcile));
    }
  }

  private void executeQuietly(Runnable task) {
    try {
      ctx.executor().execute(() -> {
        try {
          task.run();
        } catch (RuntimeException ignored) {
          // a background convergence step must never break anything; the next refresh retries
        }
      });
    } catch (RejectedExecutionException ignored) {
      // closing
    }
  }
}
