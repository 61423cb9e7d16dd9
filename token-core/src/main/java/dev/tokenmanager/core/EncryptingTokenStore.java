package dev.tokenmanager.core;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TokenStore} decorator that keeps token values encrypted at rest: the inner store (Redis)
 * only ever holds sealed values, so a dump of it leaks nothing usable.
 *
 * <p><b>Sealing.</b> The token value is sealed with AES-256-GCM (JDK only) under the keyring's current
 * key, with a fresh random 96-bit nonce per value, into {@code
 * tmenc1.<key id>.<base64url(nonce || ciphertext || tag)>}. The other attributes (type, scopes, API
 * URL, issue and expiry time) stay in clear, because the inner store's fencing reads the expiry and
 * none of them is secret; but they are <em>authenticated</em>: the associated data is the token key
 * (host, account, client, slot) plus those attributes, so a value copied under another key, or whose
 * clear expiry or API URL was edited, fails to open.
 *
 * <p><b>Values that do not open</b> (tampered, copied from another key, sealed with a key id the
 * keyring lacks, malformed, or plaintext written without encryption) are reported as {@link
 * TokenEvent.StoreValueRejected}, with a reason that never quotes the value, and count as absent:
 * {@code load} returns empty and the manager mints or adopts a good token. A plaintext value is never
 * served, even during a rollout, so a value nobody authenticated can never reach an {@code
 * Authorization} header.
 *
 * <p><b>Key rotation.</b> Values sealed with any key of the keyring open; new values are sealed with
 * the current key. Tokens live an hour, so a previous key can be dropped an hour after every process
 * seals with its successor.
 *
 * <p>Leases and backoff records are passed to the inner store unchanged (they hold no secret).
 * Thread-safe if the inner store is.
 */
public final class EncryptingTokenStore implements TokenStore {

  private static final int SAVE_ATTEMPTS = 3;

  private final TokenStore inner;
  private final TokenKeyring keyring;
  private final TokenSealer sealer;
  private final Clock clock;
  private final TokenEventListener listener;

  private EncryptingTokenStore(TokenStore inner, TokenKeyring keyring, Clock clock, TokenEventListener listener) {
    this.inner = inner;
    this.keyring = keyring;
    this.sealer = new TokenSealer(keyring);
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Wraps a store so that it holds token values sealed with the keyring's current key.
   *
   * @param inner the store that keeps the sealed values, such as a {@code RedisTokenStore}
   * @param keyring the current key and the previous keys that still open older values
   * @param clock dates the {@link TokenEvent.StoreValueRejected} events
   * @param listener receives {@link TokenEvent.StoreValueRejected} for values that do not open
   * @return the encrypting store; closing it closes {@code inner}
   * @throws NullPointerException if an argument is null
   */
  public static EncryptingTokenStore wrap(TokenStore inner, TokenKeyring keyring, Clock clock,
      TokenEventListener listener) {
    Objects.requireNonNull(inner, "inner");
    Objects.requireNonNull(keyring, "keyring");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
    return new EncryptingTokenStore(inner, keyring, clock, listener);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A stored value that does not open is reported as {@link TokenEvent.StoreValueRejected} and
   * treated as absent.
   */
  @Override
  public Optional<AccessToken> load(TokenKey key) {
    Objects.requireNonNull(key, "key");
    return inner.load(key).flatMap(sealed -> open(key, sealed, ""));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The token is sealed, then saved if newer in the inner store. If the inner store keeps a newer
   * value, that value is opened and returned. If the newer value does not open, it is reported,
   * removed with a compare-and-delete on exactly that sealed value (so a good value written meanwhile
   * survives), and the save is tried again: an unreadable value counts as absent and is overwritten,
   * and a value nobody can authenticate is never returned.
   *
   * @throws StoreUnavailableException if the inner store cannot be reached, or still holds a newer
   *     value that does not open after 3 attempts
   */
  @Override
  public AccessToken saveIfNewer(TokenKey key, AccessToken token) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(token, "token");
    AccessToken sealed = sealer.seal(key, token);
    for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      AccessToken winner = inner.saveIfNewer(key, sealed);
      if (winner.value().equals(sealed.value())) {
        return token;
      }
      Optional<AccessToken> opened = open(key, winner, "; replacing it");
      if (opened.isPresent()) {
        return opened.get();
      }
      inner.evictIfSame(key, winner);
    }
    throw new StoreUnavailableException(key,
        "saveIfNewer gave up: the store kept holding newer values that do not open with keyring " + keyring.keyIds(),
        null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Loads the sealed value, opens it and, if it is {@code expected}, removes it with the inner
   * store's compare-and-delete on that very sealed value; a successor stored meanwhile survives.
   */
  @Override
  public boolean evictIfSame(TokenKey key, AccessToken expected) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expected, "expected");
    Optional<AccessToken> sealed = inner.load(key);
    if (sealed.isEmpty()) {
      return false;
    }
    Optional<AccessToken> opened = open(key, sealed.get(), "");
    return opened.isPresent() && opened.get().equals(expected) && inner.evictIfSame(key, sealed.get());
  }

  /** {@inheritDoc} Passed to the inner store unchanged. */
  @Override
  public boolean tryAcquireLease(TokenKey key, String owner, Duration ttl) {
    return inner.tryAcquireLease(key, owner, ttl);
  }

  /** {@inheritDoc} Passed to the inner store unchanged. */
  @Override
  public boolean releaseLease(TokenKey key, String owner) {
    return inner.releaseLease(key, owner);
  }

  /** {@inheritDoc} Passed to the inner store unchanged. */
  @Override
  public Optional<MintBackoff> loadBackoff(TokenKey key) {
    return inner.loadBackoff(key);
  }

  /** {@inheritDoc} Passed to the inner store unchanged. */
  @Override
  public void saveBackoff(TokenKey key, MintBackoff backoff, Duration ttl) {
    inner.saveBackoff(key, backoff, ttl);
  }

  /** {@inheritDoc} Passed to the inner store unchanged. */
  @Override
  public void clearBackoff(TokenKey key) {
    inner.clearBackoff(key);
  }

  /**
   * Returns the inner store's description and the current key id, such as {@code
   * redis://127.0.0.1:6379 (encrypted, key 1a2b3c4d)}.
   *
   * @return the description, without key material
   */
  @Override
  public String describe() {
    return inner.describe() + " (encrypted, key " + keyring.currentKeyId() + ")";
  }

  /** Closes the inner store. */
  @Override
  public void close() {
    inner.close();
  }

  /** Returns a text with the inner store and the key ids, never key material. */
  @Override
  public String toString() {
    return "EncryptingTokenStore[" + inner.describe() + ", " + keyring + "]";
  }

  private Optional<AccessToken> open(TokenKey key, AccessToken sealed, String consequence) {
    TokenSealer.Opened opened = sealer.open(key, sealed);
    if (opened.accepted()) {
      return Optional.of(opened.token());
    }
    try {
      listener.onEvent(new TokenEvent.StoreValueRejected(clock.now(), key,
          "encrypted token value rejected: " + opened.rejection() + consequence));
    } catch (RuntimeException ignored) {
      // a listener must not break the store
    }
    return Optional.empty();
  }
}
