package dev.tokenmanager.core;

import dev.tokenmanager.core.error.RateLimitedException;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.error.TokenUnavailableException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One key's token in one manager: the hot path, the decision to refresh, failures and backoff,
 * invalidation. Refresh work runs in {@link RefreshRun}; the store, as this key sees it, in {@link
 * StoreLink}.
 */
final class KeyState {

  private static final VarHandle CURRENT;

  static {
    try {
      CURRENT = MethodHandles.lookup().findVarHandle(KeyState.class, "current", Entry.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A failed refresh and when the next attempt may happen. */
  record Failure(TokenException error, int count, long nextAttemptAt) {}

  final TokenKey key;
  final Context ctx;
  /** The shared store as this key sees it: guarded calls, degradation, recovery. */
  final StoreLink store;
  private final Clock clock;

  // The hot path reads this field once; it is replaced, never mutated.
  private volatile Entry current;
  private final AtomicReference<RefreshRun> inflight = new AtomicReference<>();
  private final AtomicReference<Clock.Cancellable> wake = new AtomicReference<>();
  private volatile Failure failure;
  private volatile String rejectedValue;
  private volatile long lastMintAt;
  private volatile long lastInvalidationAt;
  private volatile boolean closed;

  private final SlotSchedule schedule;
  // Counts hot-path hits only when the manager records statistics; null otherwise.
  private final LongAdder hits;

  KeyState(TokenKey key, Context ctx, SlotSchedule schedule) {
    this.key = key;
    this.ctx = ctx;
    this.clock = ctx.clock();
    this.schedule = schedule;
    this.hits = ctx.recordStats() ? new LongAdder() : null;
    this.store = new StoreLink(this);
  }

  long hits() {
    return hits == null ? 0 : hits.sum();
  }

  SlotSchedule schedule() {
    return schedule;
  }

  /** The hot path: one volatile read, one clock read, two comparisons; no lock, no allocation. */
  AccessToken token(long minRemainingMillis) {
    Entry e = current;
    if (e != null) {
      long now = clock.millis();
      if (now < e.refreshAt && now + minRemainingMillis < e.expiresAt) {
        if (hits != null) {
          hits.increment();
        }
        return e.token;
      }
    }
    return slowToken(minRemainingMillis);
  }

  private AccessToken slowToken(long minRemainingMillis) {
    long now = clock.millis();
    Entry e = current;
    if (e != null && e.usable(now, minRemainingMillis)) {
      // The entry read here may be newer than the one the hot path saw: refresh only if it is stale.
      if (!e.fresh(now)) {
        refreshInBackground(now);
      }
      return e.token;
    }
    return awaitToken(minRemainingMillis);
  }

  private void refreshInBackground(long now) {
    Failure f = failure;
    if (inflight.get() == null && !closed && (f == null || now >= f.nextAttemptAt())) {
      startOrJoin(0);
    }
  }

  private AccessToken awaitToken(long minRemainingMillis) {
    long waitMillis = ctx.maxWait().toMillis();
    for (int round = 0; round < 3; round++) {
      if (closed) {
        throw new TokenUnavailableException(key, "the token manager is closed", null);
      }
      long now = clock.millis();
      Entry e = current;
      if (e != null && e.usable(now, minRemainingMillis)) {
        return e.token;
      }
      Failure f = failure;
      if (inflight.get() == null && f != null && now < f.nextAttemptAt()) {
        // The circuit is open: fail fast with the typed error instead of queueing on the endpoint.
        throw f.error();
      }
      RefreshRun run = startOrJoin(now + minRemainingMillis);
      try {
        run.result.get(waitMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException timeout) {
        Failure last = failure;
        throw new TokenUnavailableException(key, "no valid token within " + ctx.maxWait(),
            last == null ? null : last.error());
      } catch (ExecutionException failed) {
        throw failed.getCause() instanceof TokenException te
            ? te
            : new TokenUnavailableException(key, "refresh failed: " + failed.getCause(), failed.getCause());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new TokenUnavailableException(key, "interrupted while waiting for a token", interrupted);
      }
    }
    throw new TokenUnavailableException(key,
        "no token lives the requested " + Duration.ofMillis(minRemainingMillis) + " beyond now", null);
  }

  RefreshRun startOrJoin(long requiredExpiry) {
    while (true) {
      RefreshRun run = inflight.get();
      if (run != null) {
        return run;
      }
      RefreshRun fresh = new RefreshRun(this, requiredExpiry);
      if (inflight.compareAndSet(null, fresh)) {
        fresh.start();
        return fresh;
      }
    }
  }

  Entry current() {
    return current;
  }

  boolean isClosed() {
    return closed;
  }

  boolean isRejected(AccessToken token) {
    return token.value().equals(rejectedValue);
  }

  /** Returns this process's schedule for a token, reusing the current one so a token is drawn once. */
  Entry entryFor(AccessToken token) {
    Entry cur = current;
    if (cur != null && cur.token.equals(token)) {
      return cur;
    }
    RefreshPolicy policy = ctx.refreshPolicy();
    double draw = ctx.random().getAsDouble();
    long refreshAt = schedule == null ? policy.refreshAt(token, draw) : schedule.refreshAt(policy, token, draw);
    return new Entry(token, refreshAt, policy.hardDeadline(token));
  }

  /** Makes a token current unless a later-expiring one already is; schedules the background refresh. */
  Entry install(Entry e, boolean adopted) {
    while (true) {
      Entry cur = current;
      if (cur == e) {
        return cur;
      }
      if (cur != null && cur.expiresAt > e.expiresAt && !isRejected(cur.token)) {
        return cur;
      }
      if (CURRENT.compareAndSet(this, cur, e)) {
        break;
      }
    }
    if (adopted) {
      ctx.emit(new TokenEvent.Adopted(clock.now(), key, e.token.fingerprint(), e.token.expiresAt()));
    }
    scheduleWake(e.refreshAt);
    return e;
  }

  AccessToken mint() {
    long started = clock.millis();
    AccessToken token = ctx.source().mint(key);
    long finished = clock.millis();
    lastMintAt = finished;
    ctx.emit(new TokenEvent.Minted(Instant.ofEpochMilli(finished), key, token.fingerprint(), token.expiresAt(),
        Duration.ofMillis(finished - started)));
    return token;
  }

  void onRunSucceeded(RefreshRun run, Entry e) {
    failure = null;
    inflight.compareAndSet(run, null);
    run.result.complete(e);
  }

  void onRunFailed(RefreshRun run, TokenException error, Failure f) {
    failure = f;
    ctx.emit(new TokenEvent.RefreshFailed(clock.now(), key, error.kind(), error.getMessage(), f.count(),
        Instant.ofEpochMilli(f.nextAttemptAt())));
    inflight.compareAndSet(run, null);
    if (error.isRetryable()) {
      scheduleWake(f.nextAttemptAt());
    }
    run.result.completeExceptionally(error);
  }

  /** Computes the failure record after an attempt of this process failed. */
  Failure nextFailure(TokenException error, MintBackoff shared) {
    long now = clock.millis();
    Failure prev = failure;
    int count = Math.max(prev == null ? 0 : prev.count(), shared == null ? 0 : shared.failures()) + 1;
    RetryPolicy retry = ctx.retryPolicy();
    long next = error.isRetryable()
        ? now + (long) (ctx.random().getAsDouble() * retry.ceilingMillis(count))
        : now + retry.rejectedCooldown().toMillis();
    if (error instanceof RateLimitedException limited && limited.retryAt().isPresent()) {
      next = Math.max(next, limited.retryAt().get().toEpochMilli());
    }
    return new Failure(error, count, next);
  }

  /** Adopts a failure another process recorded in the store, so the fleet backs off as one. */
  Failure sharedFailure(MintBackoff shared) {
    TokenException error = TokenException.of(shared.kind(), key,
        "minting is backing off after a failure elsewhere in the fleet: " + shared.reason());
    return new Failure(error, shared.failures(), shared.nextAttemptAt().toEpochMilli());
  }

  void scheduleWake(long at) {
    if (closed) {
      return;
    }
    Clock.Cancellable next = clock.schedule(Duration.ofMillis(Math.max(0, at - clock.millis())), this::onWake);
    Clock.Cancellable previous = wake.getAndSet(next);
    if (previous != null) {
      previous.cancel();
    }
    if (closed) {
      next.cancel();
    }
  }

  private void onWake() {
    if (closed) {
      return;
    }
    long now = clock.millis();
    Entry e = current;
    Failure f = failure;
    if ((e != null && e.fresh(now)) || (f != null && now < f.nextAttemptAt())) {
      return;
    }
    startOrJoin(0);
  }

  /**
   * Invalidates a token an API rejected, if it is still the current one; returns whether it was. A
   * successor rejected again within the invalidation cooldown is not replaced: the API rejects fresh
   * tokens too (revoked app, a cap on live tokens), and minting more would not help.
   */
  boolean invalidate(AccessToken rejected) {
    Entry cur = current;
    long now = clock.millis();
    long last = lastInvalidationAt;
    if (last != 0 && now - last < ctx.invalidationCooldown().toMillis() && cur != null && cur.token.equals(rejected)) {
      ctx.emit(new TokenEvent.Invalidated(clock.now(), key, rejected.fingerprint(), false));
      return false;
    }
    rejectedValue = rejected.value();
    boolean evicted = cur != null && cur.token.equals(rejected) && CURRENT.compareAndSet(this, cur, null);
    if (evicted) {
      lastInvalidationAt = Math.max(1, now);
    }
    ctx.emit(new TokenEvent.Invalidated(clock.now(), key, rejected.fingerprint(), evicted));
    if (evicted) {
      store.call(s -> s.evictIfSame(key, rejected), false);
      ctx.guard().mirror(fallback -> fallback.evictIfSame(key, rejected));
      Failure f = failure;
      if (f == null || clock.millis() >= f.nextAttemptAt()) {
        startOrJoin(0);
      }
    }
    return evicted;
  }

  TokenHealth health() {
    long now = clock.millis();
    Entry e = current;
    Failure f = failure;
    TokenHealth.State state = e == null ? TokenHealth.State.NONE
        : e.fresh(now) ? TokenHealth.State.FRESH
        : e.usable(now, 0) ? TokenHealth.State.STALE
        : TokenHealth.State.EXPIRED;
    long mint = lastMintAt;
    return new TokenHealth(key, state,
        store.degraded() ? TokenHealth.Mode.DEGRADED : TokenHealth.Mode.SHARED,
        e == null ? null : e.token.fingerprint(),
        e == null ? null : e.token.expiresAt(),
        e == null ? Duration.ZERO : Duration.ofMillis(Math.max(0, e.expiresAt - now)),
        mint == 0 ? null : Instant.ofEpochMilli(mint),
        f == null ? null : f.error().kind(),
        f == null ? null : f.error().getMessage(),
        f == null ? 0 : f.count(),
        f == null ? null : Instant.ofEpochMilli(f.nextAttemptAt()));
  }

  void close() {
    closed = true;
    Clock.Cancellable w = wake.getAndSet(null);
    if (w != null) {
      w.cancel();
    }
    RefreshRun run = inflight.getAndSet(null);
    if (run != null) {
      run.result.completeExceptionally(new TokenUnavailableException(key, "the token manager is closed", null));
    }
  }
}
