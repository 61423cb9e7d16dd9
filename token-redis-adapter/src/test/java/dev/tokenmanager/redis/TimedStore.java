package dev.tokenmanager.redis;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** Wraps a store and records how long its slowest operation took and how many failed as unavailable. */
final class TimedStore implements TokenStore {

  private final TokenStore delegate;
  private final AtomicLong slowestNanos = new AtomicLong();
  private volatile String slowestName = "none";
  private final LongAdder operations = new LongAdder();
  private final LongAdder unavailable = new LongAdder();

  TimedStore(TokenStore delegate) {
    this.delegate = delegate;
  }

  Duration slowest() {
    return Duration.ofNanos(slowestNanos.get());
  }

  /** Returns the name and outcome of the slowest operation, for the test's log. */
  String slowestName() {
    return slowestName;
  }

  long operations() {
    return operations.sum();
  }

  long unavailable() {
    return unavailable.sum();
  }

  @Override
  public Optional<AccessToken> load(TokenKey key) {
    return timed("load", () -> delegate.load(key));
  }

  @Override
  public AccessToken saveIfNewer(TokenKey key, AccessToken token) {
    return timed("saveIfNewer", () -> delegate.saveIfNewer(key, token));
  }

  @Override
  public boolean evictIfSame(TokenKey key, AccessToken expected) {
    return timed("evictIfSame", () -> delegate.evictIfSame(key, expected));
  }

  @Override
  public boolean tryAcquireLease(TokenKey key, String owner, Duration ttl) {
    return timed("tryAcquireLease", () -> delegate.tryAcquireLease(key, owner, ttl));
  }

  @Override
  public boolean releaseLease(TokenKey key, String owner) {
    return timed("releaseLease", () -> delegate.releaseLease(key, owner));
  }

  @Override
  public Optional<MintBackoff> loadBackoff(TokenKey key) {
    return timed("loadBackoff", () -> delegate.loadBackoff(key));
  }

  @Override
  public void saveBackoff(TokenKey key, MintBackoff backoff, Duration ttl) {
    timed("saveBackoff", () -> {
      delegate.saveBackoff(key, backoff, ttl);
      return null;
    });
  }

  @Override
  public void clearBackoff(TokenKey key) {
    timed("clearBackoff", () -> {
      delegate.clearBackoff(key);
      return null;
    });
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private <T> T timed(String name, Supplier<T> operation) {
    long start = System.nanoTime();
    String outcome = "ok";
    try {
      return operation.get();
    } catch (StoreUnavailableException e) {
      unavailable.increment();
      outcome = e.getMessage();
      throw e;
    } finally {
      long took = System.nanoTime() - start;
      if (slowestNanos.accumulateAndGet(took, Math::max) == took) {
        slowestName = name + " (" + outcome + ")";
      }
      operations.increment();
    }
  }
}
