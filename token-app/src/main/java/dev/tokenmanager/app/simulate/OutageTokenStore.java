package dev.tokenmanager.app.simulate;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A store that fails every operation, as an unreachable Redis does, while an outage is on. */
final class OutageTokenStore implements TokenStore {

  private final TokenStore store;
  private final BooleanSupplier down;

  OutageTokenStore(TokenStore store, BooleanSupplier down) {
    this.store = store;
    this.down = down;
  }

  private void check(TokenKey key) {
    if (down.getAsBoolean()) {
      throw new StoreUnavailableException(key, "simulated store outage", null);
    }
  }

  @Override
  public Optional<AccessToken> load(TokenKey key) {
    check(key);
    return store.load(key);
  }

  @Override
  public AccessToken saveIfNewer(TokenKey key, AccessToken token) {
    check(key);
    return store.saveIfNewer(key, token);
  }

  @Override
  public boolean evictIfSame(TokenKey key, AccessToken expected) {
    check(key);
    return store.evictIfSame(key, expected);
  }

  @Override
  public boolean tryAcquireLease(TokenKey key, String owner, Duration ttl) {
    check(key);
    return store.tryAcquireLease(key, owner, ttl);
  }

  @Override
  public boolean releaseLease(TokenKey key, String owner) {
    check(key);
    return store.releaseLease(key, owner);
  }

  @Override
  public Optional<MintBackoff> loadBackoff(TokenKey key) {
    check(key);
    return store.loadBackoff(key);
  }

  @Override
  public void saveBackoff(TokenKey key, MintBackoff backoff, Duration ttl) {
    check(key);
    store.saveBackoff(key, backoff, ttl);
  }

  @Override
  public void clearBackoff(TokenKey key) {
    check(key);
    store.clearBackoff(key);
  }

  @Override
  public String describe() {
    return store.describe();
  }
}
