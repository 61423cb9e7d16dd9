package dev.tokenmanager.zoom.api;

import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key's tokens as the Feign integration sees them: hands out the manager's current token and
 * remembers the last few it handed out, so that a rejected request's {@code Authorization} header can
 * be traced back to exactly the token object that was sent, and that token (not its successor)
 * invalidated.
 *
 * <p>Thread-safe. Handing out costs the manager's hot path plus one volatile read; the memory is
 * written only when the token changes, about once an hour.
 */
final class BearerTokens {

  /** How many handed-out tokens are remembered: far more than can be in flight across a rotation. */
  static final int REMEMBERED = 8;

  private static final Logger LOG = LoggerFactory.getLogger(BearerTokens.class);

  private final TokenManager manager;
  private final TokenKey key;
  private final AccessToken[] recent = new AccessToken[REMEMBERED];
  private int next;
  private volatile AccessToken lastHandedOut;

  BearerTokens(TokenManager manager, TokenKey key) {
    this.manager = manager;
    this.key = key;
  }

  /** Returns the key whose tokens these are. */
  TokenKey key() {
    return key;
  }

  /**
   * Returns the manager's current token for the key and remembers it.
   *
   * @return the token
   * @throws dev.tokenmanager.core.error.TokenException if the manager has no valid token to give
   */
  AccessToken handOut() {
    AccessToken token = manager.token(key);
    if (token != lastHandedOut) {
      remember(token);
    }
    return token;
  }

  /**
   * Finds a token this object handed out recently by its value.
   *
   * @param value the token value from a request's {@code Authorization} header
   * @return the token, or empty if it was not handed out here or too long ago
   */
  synchronized Optional<AccessToken> find(String value) {
    for (AccessToken token : recent) {
      if (token != null && token.value().equals(value)) {
        return Optional.of(token);
      }
    }
    return Optional.empty();
  }

  /**
   * Reports a token Zoom rejected to the manager, which evicts it and mints once only if it is still
   * the key's current token.
   *
   * @param rejected the token that was sent and rejected
   * @return whether it was still current and has been evicted
   */
  boolean invalidate(AccessToken rejected) {
    boolean evicted = manager.invalidate(key, rejected);
    LOG.debug("Zoom rejected {} for {}; {}", rejected.fingerprint(), key,
        evicted ? "evicted it, a fresh token is being minted" : "it was no longer current");
    return evicted;
  }

  private synchronized void remember(AccessToken token) {
    lastHandedOut = token;
    for (AccessToken known : recent) {
      if (token.equals(known)) {
        return;
      }
    }
    recent[next] = token;
    next = (next + 1) % REMEMBERED;
  }

  /** Returns the key, never a token. */
  @Override
  public String toString() {
    return "BearerTokens[" + key + "]";
  }
}
