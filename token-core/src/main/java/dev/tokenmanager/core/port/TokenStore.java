package dev.tokenmanager.core.port;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps tokens by key, shared by a fleet (Redis) or local to a process (memory), with the atomic
 * operations that let many processes behave as one: save-if-newer, evict-if-same, a refresh lease
 * and a shared backoff record.
 *
 * <p>Every operation is bounded by a short timeout. A store that cannot be reached throws {@link
 * dev.tokenmanager.core.error.StoreUnavailableException} quickly, and the manager degrades instead of
 * failing. A value the store cannot read (corrupt, foreign, from an unknown format version) is
 * reported and treated as absent, never thrown. Every implementation passes the store contract test
 * in token-core's test jar.
 */
public interface TokenStore extends AutoCloseable {

  /**
   * Loads the token stored for a key. A token past its {@code expiresAt} is never returned.
   *
   * @param key the key
   * @return the stored token, or empty
   * @throws dev.tokenmanager.core.error.StoreUnavailableException if the store cannot be reached
   */
  Optional<AccessToken> load(TokenKey key);

  /**
   * Stores a token unless the store already holds one for the key that expires at the same time or
   * later (fencing: a slow process never overwrites a newer token). The store-side time to live is the
   * token's real remaining life; a token already expired is not written.
   *
   * @param key the key
   * @param token the token to store
   * @return the token the store holds after the call: {@code token} if it landed, else the newer one
   * @throws dev.tokenmanager.core.error.StoreUnavailableException if the store cannot be reached
   */
  AccessToken saveIfNewer(TokenKey key, AccessToken token);

  /**
   * Removes the stored token only if it is still {@code expected} (compare-and-delete), so a late
   * rejection of an old token never evicts its successor.
   *
   * @param key the key
   * @param expected the token the caller saw rejected
   * @return whether a token was removed
   * @throws dev.tokenmanager.core.error.StoreUnavailableException if the store cannot be reached
   */
  boolean evictIfSame(TokenKey key, AccessToken expected);

  /**
   * Takes the refresh lease of a key if nobody holds it. The lease ends by itself after {@code ttl}
   * if its owner dies.
   *
   * @param key the key
   * @param owner a value unique to this acquisition
   * @param ttl how long the lease lasts
   * @return whether this owner now holds the lease
   * @throws dev.tokenmanager.core.error.StoreUnavailableException if the store cannot be reached
   */
  boolean tryAcquireLease(TokenKey key, String owner, Duration ttl);

  /**
   * Releases the refresh lease only if {@code owner} still holds it.
   *
   * @param key the key
   * @param owner the value given when the lease was acquired
   * @return whether the lease was released (false: it had lapsed or another owner holds it)
   * @throws dev.tokenmanager.core.error.StoreUnavailableException if the store cannot be reached
   */
  boolean releaseLease(TokenKey key, String owner);

  /**
   * Loads the shared backoff record of a key.
   *
   * @param key the key
   * @return the record, or empty if the last mint succeeded or nothing failed recently
   * @throws dev.tokenmanager.core.error.StoreUnavailableException if the store cannot be reached
   */
  Optional<MintBackoff> loadBackoff(TokenKey key);

  /**
   * Stores the shared backoff record of a key for {@code ttl}.
   *
   * @param key the key
   * @param backoff the record
   * @param ttl how long to keep it
   * @throws dev.tokenmanager.core.error.StoreUnavailableException if the store cannot be reached
   */
  void saveBackoff(TokenKey key, MintBackoff backoff, Duration ttl);

  /**
   * Removes the shared backoff record of a key (after a successful mint).
   *
   * @param key the key
   * @throws dev.tokenmanager.core.error.StoreUnavailableException if the store cannot be reached
   */
  void clearBackoff(TokenKey key);

  /**
   * Returns a short description for logs and health, without credentials.
   *
   * @return the description, such as {@code redis://127.0.0.1:6379}
   */
  default String describe() {
    return getClass().getSimpleName();
  }

  /** Releases the store's resources (connections, threads). Idempotent. */
  @Override
  default void close() {}
}
