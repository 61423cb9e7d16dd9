package dev.tokenmanager.core.testing;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain, synchronized, dependency-free {@link TokenStore} for core tests: it passes the store
 * contract, counts its operations and can be switched off to act as an unreachable store.
 */
public final class InMemoryTokenStore implements TokenStore {

  private final Clock clock;
  private final Map<TokenKey, AccessToken> tokens = new HashMap<>();
  private final Map<TokenKey, Timed<String>> leases = new HashMap<>();
  private final Map<TokenKey, Timed<MintBackoff>> backoffs = new HashMap<>();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicInteger operations = new AtomicInteger();

  /**
   * Creates an empty store on a clock.
   *
   * @param clock the clock that decides expiry
   */
  public InMemoryTokenStore(Clock clock) {
    this.clock = clock;
  }

  /**
   * Makes every operation fail with {@link StoreUnavailableException} (true) or work again (false).
   *
   * @param unreachable whether the store is unreachable
   */
  public void unreachable(boolean unreachable) {
    down.set(unreachable);
  }

  /** Returns how many operations were attempted. */
  public int operations() {
    return operations.get();
  }

  private void check() {
    operations.incrementAndGet();
    if (down.get()) {
      throw new StoreUnavailableException(null, "test store is switched off", null);
    }
  }

  @Override
  public synchronized Optional<AccessToken> load(TokenKey key) {
    check();
    AccessToken token = tokens.get(key);
    return token != null && token.expiresAtMillis() > clock.millis() ? Optional.of(token) : Optional.empty();
  }

  @Override
  public synchronized AccessToken saveIfNewer(TokenKey key, AccessToken token) {
    check();
    long now = clock.millis();
    if (token.expiresAtMillis() <= now) {
      return token;
    }
    AccessToken stored = tokens.get(key);
    if (stored != null && stored.expiresAtMillis() > now && stored.expiresAtMillis() >= token.expiresAtMillis()) {
      return stored;
    }
    tokens.put(key, token);
    return token;
  }

  @Override
  public synchronized boolean evictIfSame(TokenKey key, AccessToken expected) {
    check();
    return tokens.remove(key, expected);
  }

  @Override
  public synchronized boolean tryAcquireLease(TokenKey key, String owner, Duration ttl) {
    check();
    Timed<String> held = leases.get(key);
    if (held != null && held.until > clock.millis()) {
      return false;
    }
    leases.put(key, new Timed<>(owner, clock.millis() + ttl.toMillis()));
    return true;
  }

  @Override
  public synchronized boolean releaseLease(TokenKey key, String owner) {
    check();
    Timed<String> held = leases.get(key);
    if (held != null && held.until > clock.millis() && held.value.equals(owner)) {
      leases.remove(key);
      return true;
    }
    return false;
  }

  /**
   * Returns whether anyone holds the lease of a key right now.
   *
   * @param key the key
   * @return whether the lease is held
   */
  public synchronized boolean leaseHeld(TokenKey key) {
    Timed<String> held = leases.get(key);
    return held != null && held.until > clock.millis();
  }

  @Override
  public synchronized Optional<MintBackoff> loadBackoff(TokenKey key) {
    check();
    Timed<MintBackoff> timed = backoffs.get(key);
    return timed != null && timed.until > clock.millis() ? Optional.of(timed.value) : Optional.empty();
  }

  @Override
  public synchronized void saveBackoff(TokenKey key, MintBackoff backoff, Duration ttl) {
    check();
    backoffs.put(key, new Timed<>(backoff, clock.millis() + ttl.toMillis()));
  }

  @Override
  public synchronized void clearBackoff(TokenKey key) {
    check();
    backoffs.remove(key);
  }

  @Override
  public String describe() {
    return "in-memory test store";
  }

  private record Timed<V>(V value, long until) {}
}
